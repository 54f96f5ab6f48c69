#!/usr/bin/env python3
"""Writes docs/openapi.json, Tia's API contract. Run after changing a route or a record schema:

    python3 docs/openapi.py > docs/openapi.json

tests/api/test_openapi.py checks that the file is this script's output and that its paths and
methods are exactly the routes `tia routes` lists.
"""
import json

TIME = {"type": "string", "format": "date-time",
        "description": "RFC 3339 with a UTC offset, e.g. 2026-11-25T03:12:00+07:00; at most 5 minutes ahead of the server"}
UUID = {"type": "string", "format": "uuid", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}
NOTE = {"type": "string", "maxLength": 4000}


def vol(name, max_ml):
    return {f"{name}_ml": {"type": "number", "minimum": 0, "maximum": max_ml},
            f"{name}_oz": {"type": "number", "minimum": 0, "description": f"converted to {name}_ml (1 oz = 29.5735 mL)"}}


def obj(props, required=()):
    return {"type": "object", "additionalProperties": False, "properties": props,
            "required": list(required)} if required else \
        {"type": "object", "additionalProperties": False, "properties": props}


SIDE = obj({
    "pain": {"type": "integer", "minimum": 0, "maximum": 10},
    "locations": {"type": "array", "maxItems": 12, "items": obj({
        "clock": {"type": "integer", "minimum": 1, "maximum": 12},
        "distance_cm": {"type": "number", "minimum": 0, "maximum": 20}}, ["clock"])},
    "lump": obj({"size_cm": {"type": "number", "minimum": 0.1, "maximum": 20},
                 "feel": {"enum": ["tender_firm", "fluctuant_tender", "soft_smooth_painless", "hard_painless_irregular"]}}),
    "redness": {"enum": ["none", "focal", "one_third_or_more"]},
    "warmth": {"type": "boolean"},
    "nipple": {"type": "array", "uniqueItems": True, "items": {"enum": ["sore", "cracked", "crack_pus_or_crust", "white_spot"]}},
    "milk_flow": {"enum": ["normal", "reduced", "none"]},
    "blood_in_milk": {"type": "boolean"},
})

RECORDS = {
    # collection: (schema name, baby event, schema)
    "infants": ("Infant", True, obj({"name": {"type": "string", "maxLength": 100},
                                     "birth_date": {"type": "string", "format": "date"},
                                     "birth_weight_g": {"type": "integer", "minimum": 300, "maximum": 7000},
                                     "gestation_weeks": {"type": "integer", "minimum": 22, "maximum": 44},
                                     "note": NOTE}, ["birth_date"])),
    "feeds": ("Feed", True, obj({
        "occurred_at": TIME, "infant_id": UUID, "note": NOTE,
        "segments": {"type": "array", "minItems": 1, "maxItems": 50,
                     "description": "in the order they happened; breast segments with pauses, bottle top-ups",
                     "items": {"oneOf": [
                         obj({"type": {"const": "breast"}, "side": {"enum": ["left", "right"]},
                              "start": TIME, "end": TIME,
                              "pauses": {"type": "array", "maxItems": 50, "items": obj({"start": TIME, "end": TIME}, ["start", "end"])}},
                             ["type", "side", "start", "end"]),
                         obj({"type": {"const": "bottle"},
                              "milk": {"enum": ["expressed_breast_milk", "donor_milk", "formula"]},
                              **vol("volume", 500), "start": TIME}, ["type", "milk"])]}}},
        ["occurred_at", "segments"])),
    "pumps": ("Pump", False, obj({
        "occurred_at": TIME, "method": {"enum": ["electric_double", "electric_single", "manual_pump", "hand_expression"]},
        "duration_min": {"type": "integer", "minimum": 1, "maximum": 240},
        **vol("left", 1000), **vol("right", 1000), **vol("total", 2000), "note": NOTE},
        ["occurred_at", "method"])),
    "breast-checks": ("BreastCheck", False, obj({"occurred_at": TIME, "left": SIDE, "right": SIDE, "note": NOTE},
                                                 ["occurred_at"])),
    "temperatures": ("Temperature", False, obj({
        "occurred_at": TIME, "temp_c": {"type": "number", "minimum": 30, "maximum": 45},
        "temp_f": {"type": "number", "minimum": 86, "maximum": 113, "description": "converted to temp_c"},
        "site": {"enum": ["oral", "axillary", "ear", "forehead", "other"]},
        "chills": {"type": "boolean"}, "rigors": {"type": "boolean"}, "flu_like_aches": {"type": "boolean"},
        "feels_very_unwell": {"type": "boolean"}, "note": NOTE}, ["occurred_at"])),
    "care-actions": ("CareAction", False, obj({
        "occurred_at": TIME,
        "action": {"enum": ["cold_pack", "light_strokes_to_armpit", "rest", "pain_relief", "antibiotic_started"]},
        "side": {"enum": ["left", "right", "both"]}, "minutes": {"type": "integer", "minimum": 1, "maximum": 600},
        "medicine": {"type": "string", "maxLength": 100, "description": "required for pain_relief and antibiotic_started"},
        "dose_mg": {"type": "number", "exclusiveMinimum": 0, "maximum": 5000}, "note": NOTE},
        ["occurred_at", "action"])),
    "nappies": ("Nappy", True, obj({
        "occurred_at": TIME, "infant_id": UUID, "wet": {"type": "boolean"}, "dirty": {"type": "boolean"},
        "stool_colour": {"enum": ["black_green", "green", "yellow", "brown", "pale", "red"]}, "note": NOTE},
        ["occurred_at"])),
    "infant-concerns": ("InfantConcern", True, obj({
        "occurred_at": TIME, "infant_id": UUID,
        "concerns": {"type": "array", "minItems": 1, "uniqueItems": True,
                     "items": {"enum": ["not_latching", "very_sleepy", "yellow"]}}, "note": NOTE},
        ["occurred_at", "concerns"])),
    "infant-weights": ("InfantWeight", True, obj({
        "occurred_at": TIME, "infant_id": UUID, "weight_g": {"type": "integer", "minimum": 300, "maximum": 15000},
        "scale": {"enum": ["clinic", "home"]}, "naked": {"type": "boolean"}, "note": NOTE},
        ["occurred_at", "weight_g"])),
    "notes": ("Note", False, obj({"occurred_at": TIME, "text": {"type": "string", "minLength": 1, "maxLength": 4000}},
                                 ["occurred_at", "text"])),
}

PROFILE = obj({
    "baby_birth_date": {"type": "string", "format": "date"}, "first_baby": {"type": "boolean"},
    "delivery_type": {"enum": ["vaginal", "caesarean"]}, "delivery_date": {"type": "string", "format": "date"},
    "breast_surgery": {"type": "boolean"}, "breast_implants": {"type": "boolean"},
    "breast_surgery_date": {"type": "string", "format": "date",
                            "description": "surgery in the last 12 months counts for the symptom check; surgery with no date counts too"},
    "breastfeeding": {"type": "boolean", "description": "currently breastfeeding or expressing (the symptom check's `lactating`)"},
    "diabetes": {"type": "boolean"}, "weakened_immunity": {"type": "boolean",
                            "description": "immunosuppressive medicine incl. oral steroids, chemotherapy, transplant, HIV with low CD4"},
    "time_zone": {"type": "string", "example": "Asia/Ho_Chi_Minh"}, "language": {"enum": ["vi", "en"]},
    "phone": {"type": "string", "description": "for text-message reminders; 8 to 15 digits, stored as + and digits"},
    "units": obj({"volume": {"enum": ["ml", "oz"]}, "temperature": {"enum": ["c", "f"]}})})

PROBLEM = {"description": "problem+json (RFC 9457)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def ok(desc="OK", schema=None):
    r = {"description": desc}
    if schema:
        r["content"] = {"application/json": {"schema": schema}}
    return r


def errors(*codes):
    return {str(c): {"$ref": "#/components/responses/Problem"} for c in codes}


def op(summary, responses, body=None, params=(), security=True, tags=()):
    o = {"summary": summary, "responses": responses}
    if tags:
        o["tags"] = list(tags)
    if params:
        o["parameters"] = [{"$ref": f"#/components/parameters/{p}"} for p in params]
    if body is not None:
        o["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if not security:
        o["security"] = []
    return o


paths = {}


def add(path, method, operation):
    paths.setdefault(path, {})[method] = operation


ANY = {"type": "object"}
SESSION = {"type": "object", "properties": {
    "user": {"$ref": "#/components/schemas/User"}, "csrf_token": {"type": "string"},
    "expires_at": {"type": "string", "format": "date-time"},
    "token": {"type": "string", "description": "only when token_type is bearer"}}}
add("/healthz", "get", op("Liveness", {"200": ok()}, security=False, tags=["ops"]))
add("/readyz", "get", op("Readiness: the database answers", {"200": ok(), "503": {"$ref": "#/components/responses/Problem"}}, security=False, tags=["ops"]))
add("/api/v1/openapi.json", "get", op("This document", {"200": ok()}, security=False, tags=["ops"]))
add("/api/v1/hospitals", "get", op("Hospitals a mother can register with", {"200": ok()}, security=False, tags=["accounts"]))
add("/api/v1/contact", "get", op("Where results send a mother: the hotline (null when not set) and the emergency number",
                                 {"200": ok(schema={"type": "object", "properties": {"hotline": {"type": ["string", "null"]},
                                                                                    "emergency": {"type": "string"}}})},
                                 security=False, tags=["care engine"]))
add("/api/v1/auth/register", "post", op(
    "Register a mother with her hospital and her consent; signs her in",
    {"201": ok("Signed in", SESSION), **errors(400, 409, 415, 429)},
    body=obj({"email": {"type": "string"}, "password": {"type": "string", "minLength": 12, "maxLength": 128},
              "display_name": {"type": "string"}, "hospital_code": {"type": "string"},
              "consent": obj({"text_version": {"type": "string"}, "accepted": {"const": True}}, ["text_version", "accepted"]),
              "token_type": {"enum": ["cookie", "bearer"]}},
             ["email", "password", "display_name", "hospital_code", "consent"]), security=False, tags=["accounts"]))
add("/api/v1/auth/register-caregiver", "post", op(
    "Register a caregiver with a mother's invitation code; signs them in",
    {"201": ok("Signed in", SESSION), **errors(400, 409, 415, 429)},
    body=obj({"invite_code": {"type": "string"}, "email": {"type": "string"}, "password": {"type": "string"},
              "display_name": {"type": "string"}, "token_type": {"enum": ["cookie", "bearer"]}},
             ["invite_code", "email", "password", "display_name"]), security=False, tags=["accounts"]))
add("/api/v1/auth/login", "post", op(
    "Sign in. 5 failures in a row lock the account for 15 minutes (429 + Retry-After)",
    {"200": ok("Signed in", SESSION), **errors(400, 401, 415, 429)},
    body=obj({"email": {"type": "string"}, "password": {"type": "string"}, "token_type": {"enum": ["cookie", "bearer"]}},
             ["email", "password"]), security=False, tags=["accounts"]))
add("/api/v1/auth/logout", "post", op("Sign out (revokes the session)", {"204": ok("Signed out"), **errors(401, 403)}, tags=["accounts"]))
add("/api/v1/auth/me", "get", op("Who am I (with the CSRF token for cookie sessions)", {"200": ok(schema={"$ref": "#/components/schemas/User"}), **errors(401)}, tags=["accounts"]))
add("/api/v1/auth/reauthenticate", "post", op("Confirm the password before export or other sensitive steps",
    {"204": ok("Confirmed"), **errors(400, 401, 403, 429)}, body=obj({"password": {"type": "string"}}, ["password"]), tags=["accounts"]))
add("/api/v1/auth/password", "post", op("Change the password; signs out every other session",
    {"204": ok("Changed"), **errors(400, 401, 403, 429)},
    body=obj({"current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 12, "maxLength": 128}},
             ["current_password", "new_password"]), tags=["accounts"]))

M = "/api/v1/mothers/{mother_id}"
add(f"{M}/profile", "get", op("The mother's profile (version 0 when never set)", {"200": ok(schema=ANY), **errors(401, 404)}, params=["mother_id"], tags=["care log"]))
add(f"{M}/profile", "put", op("Set the mother's profile (the mother only)", {"200": ok(schema=ANY), "201": ok(schema=ANY), **errors(400, 401, 403, 404, 415)},
                              body={"$ref": "#/components/schemas/Profile"}, params=["mother_id"], tags=["care log"]))
add(f"{M}/summary", "get", op("What the log says now: last milk removal per side, feeds per 24 h, per-side totals, pump output per day, temperatures, antibiotic hours, nappies",
                              {"200": ok(schema=ANY), **errors(401, 404)}, params=["mother_id"], tags=["care log"]))
add(f"{M}/charts", "get", op("Her log day by day for charts and the printable summary: per local date (the dates her own "
                             "UTC offset gives) feeds and minutes per side, bottle mL, pump mL per side, wet and dirty nappies; feed intervals; "
                             "temperatures; breast check-ins (pain, clock positions, lump, redness) per side",
                             {"200": ok(schema=ANY), **errors(400, 401, 404)}, params=["mother_id", "days"], tags=["care log"]))
add(f"{M}/export", "get", op("Everything the mother owns, as JSON (right of access). Needs a sign-in within the last 10 minutes",
                             {"200": ok(schema=ANY), **errors(401, 403, 404)}, params=["mother_id"], tags=["care log"]))
add(M, "delete", op("Erase the mother's account and everything she owns (the mother only; needs a sign-in "
                    "confirmed in the last 10 minutes). An audit row keeps only that an erasure happened",
                    {"204": ok("Erased"), **errors(401, 403, 404)}, params=["mother_id"], tags=["accounts"]))
add(f"{M}/caregivers", "get", op("People the mother shares with", {"200": ok(schema=ANY), **errors(401, 403, 404)}, params=["mother_id"], tags=["sharing"]))
add(f"{M}/caregivers", "post", op("Invite a caregiver. A resend with the same Idempotency-Key gets the same invitation; "
                                  "the same key with another body is 422",
                                  {"201": ok(schema=ANY), **errors(400, 401, 403, 404, 415, 422)},
                                  body=obj({"scope": {"enum": ["baby", "baby_and_mother"], "default": "baby"}}),
                                  params=["mother_id", "idempotency_key"], tags=["sharing"]))
add(f"{M}/caregivers/{{grant_id}}", "delete", op("Stop sharing with a caregiver", {"204": ok("Revoked"), **errors(401, 403, 404)},
                                                 params=["mother_id", "grant_id"], tags=["sharing"]))
add(f"{M}/sync", "post", op(
    "Offline outbox sync: up to 500 records (5 MiB) in one request, each written as its own idempotent PUT; "
    "resending a batch is safe. Answers 200 with a result per item, in order",
    {"200": ok("Per-item results", {"type": "object", "properties": {
        "results": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "kind": {"type": "string"}, "status": {"type": "integer"},
            "record": {"type": "object"}, "error": {"type": "object", "properties": {
                "status": {"type": "integer"}, "detail": {"type": "string"}, "field": {"type": "string"}}}}}},
        "clock_offset_s": {"type": ["integer", "null"], "description": "sent_at minus the server clock"},
        "clock_warning": {"type": "boolean", "description": "the phone's clock is more than 5 minutes off"}}}),
     **errors(400, 401, 403, 404, 413, 415)},
    body=obj({"items": {"type": "array", "minItems": 1, "maxItems": 500, "items": obj({
        "kind": {"enum": ["infant", "feed", "pump", "breast_check", "temperature", "care_action", "nappy",
                          "infant_concern", "infant_weight", "note"]},
        "id": UUID, "body": {"type": "object", "description": "the record, as its PUT takes it"}},
        ["kind", "id", "body"])},
        "sent_at": dict(TIME, description="the phone's clock when it sent the batch (for the clock check)")},
        ["items"]),
    params=["mother_id"], tags=["care log"]))
CHECK = {"type": "object", "description": "a stored symptom check (immutable)", "properties": {
    "id": UUID, "created_at": {"type": "string", "format": "date-time"},
    "answers": {"type": "object"}, "input": {"type": "object", "description": "the complete engine input"},
    "from_log": {"type": "object", "description": "field -> {value, from}: what the care log supplied"},
    "result": {"type": "object", "description": "the `tia triage` contract plus condition_name, red_flags, watch_for, plan"},
    "protocol": {"type": "object"}, "recheck_due_at": {"type": ["string", "null"], "format": "date-time"},
    "recheck_of": {"type": ["string", "null"]},
    "escalation": {"type": ["object", "null"], "description": "why this check is worse than the one before (the hospital sees it at once)"}}}
add(f"{M}/symptom-check-context", "get", op(
    "What a symptom check started now would take from her log (field -> value and where it came from), and the "
    "earlier check it would be compared with, so the app asks only the rest",
    {"200": ok(schema=ANY), **errors(401, 404)}, params=["mother_id"], tags=["care engine"]))
add(f"{M}/symptom-checks/{{id}}", "put", op(
    "Run a symptom check: the answers (fields of the engine's input contract, docs/engine-input.md, with "
    "`worried`) with what the care log already knows, through the care engine. Stored immutably; a resend answers "
    "the stored result (201); the same id with other answers is 409. A re-check (recheck_of, or a check within 72 h "
    "of the last one) that is worse escalates",
    {"201": ok(schema=CHECK), **errors(400, 401, 403, 404, 409, 415)},
    body=obj({"answers": {"type": "object"}, "recheck_of": UUID}, ["answers"]),
    params=["mother_id", "id", "lang"], tags=["care engine"]))
add(f"{M}/symptom-checks/{{id}}", "get", op("One stored symptom check", {"200": ok(schema=CHECK), **errors(400, 401, 404)},
                                                  params=["mother_id", "id", "lang"], tags=["care engine"]))
add(f"{M}/symptom-checks", "get", op("Her symptom checks, newest first, and the next re-check",
                                     {"200": ok(schema=ANY), **errors(400, 401, 404)}, params=["mother_id", "lang"], tags=["care engine"]))
add(f"{M}/signals", "get", op("Risk signals over her care log: patterns worth checking, each with its sources",
                              {"200": ok(schema=ANY), **errors(400, 401, 404)}, params=["mother_id", "lang"], tags=["care engine"]))
add("/api/v1/hospital/escalations", "get", op("Escalated symptom checks of the clinician's hospital, last 7 days (audited)",
                                              {"200": ok(schema=ANY), **errors(400, 401, 404)}, params=["lang"], tags=["hospital"]))
# --- Hospital configuration and booking (issue 5) ---
HHMM = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"}
HOURS = obj({"start": HHMM, "end": HHMM, "breaks": {"type": "array", "items": obj({"start": HHMM, "end": HHMM})}})
SETTINGS = obj({"time_zone": {"type": "string", "description": "IANA zone"}, "emergency_number": {"type": "string"},
                "hotline": obj({"number": {"type": "string"}, "hours": {"type": "array", "items": obj({
                    "days": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}},
                    "start": HHMM, "end": HHMM})}}),
                "holidays": {"type": "array", "items": obj({"date": {"type": "string", "format": "date"}, "name": {"type": "string"}})},
                "consultation": obj({"hours": {"type": "array", "description": "when the lactation team answers (as the hotline's hours; empty: always)",
                                               "items": obj({"days": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}},
                                                             "start": HHMM, "end": HHMM})},
                                     "routine_reply_hours": {"type": "integer", "minimum": 1, "maximum": 168, "default": 48,
                                                             "description": "the published reply window for questions without an urgent result"}})})
SERVICE = obj({"code": {"type": "string"}, "name": obj({"en": {"type": "string"}, "vi": {"type": "string"}}),
               "kind": {"enum": ["lactation_consult", "same_day_lactation_clinic", "postpartum_check", "antenatal_class",
                                 "nutrition_consult", "other"]},
               "modality": {"enum": ["in_person", "video", "phone"]}, "duration_min": {"type": "integer"},
               "step_min": {"type": "integer"}, "buffer_before_min": {"type": "integer"}, "buffer_after_min": {"type": "integer"},
               "capacity": {"type": "integer"}, "min_notice_min": {"type": "integer"}, "max_days_ahead": {"type": "integer"},
               "cancel_window_min": {"type": "integer"}, "reschedule_window_min": {"type": "integer"},
               "requires_approval": {"type": "boolean"}, "same_day": {"type": "boolean"}, "active": {"type": "boolean"},
               "room_ids": {"type": "array", "maxItems": 20, "items": UUID,
                            "description": "held in one of these rooms (a booking takes one that is free as well as the provider); empty: needs none"}})
ROOM = obj({"name": {"type": "string"}, "capacity": {"type": "integer", "minimum": 1, "maximum": 500, "default": 1,
                                                      "description": "people it seats; caps a class's seats in it"},
            "active": {"type": "boolean"}})
PROVIDER = obj({"name": {"type": "string"}, "title": {"type": "string"}, "time_zone": {"type": "string"},
                "service_ids": {"type": "array", "items": UUID},
                "weekly": obj({d: HOURS for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}),
                "exceptions": {"type": "array", "items": {"type": "object", "description": "{date, off: true} or {date, start, end, breaks}"}},
                "active": {"type": "boolean"}})
BOOKING = obj({"service_id": UUID, "provider_id": UUID, "start": {"type": "string", "format": "date-time"},
               "subjects": {"type": "array", "items": {"enum": ["mother", "baby"]}}, "infant_id": UUID,
               "note": {"type": "string"}, "hold": {"type": "boolean", "description": "hold the slot for 5 minutes; confirm to book"}})
add("/api/v1/hospital/settings", "get", op("The hospital's settings (its staff)", {"200": ok(schema=ANY), **errors(401, 404)}, tags=["hospital"]))
add("/api/v1/hospital/settings", "put", op("Set the hotline and its hours, the emergency number, time zone and holidays (admins)",
                                           {"200": ok(schema=ANY), **errors(400, 401, 403, 404, 415)}, body=SETTINGS, tags=["hospital"]))
for coll, schema, what in (("services", SERVICE, "service"), ("providers", PROVIDER, "provider with her weekly plan, breaks and dated exceptions"),
                           ("rooms", ROOM, "room")):
    add(f"/api/v1/hospital/{coll}", "get", op(f"The hospital's {coll} (its staff)", {"200": ok(schema=ANY), **errors(401, 404)}, tags=["hospital"]))
    add(f"/api/v1/hospital/{coll}/{{id}}", "put", op(f"Create or replace a {what} (admins; the id is a client UUID)",
                                                    {"200": ok(schema=ANY), **errors(400, 401, 403, 404, 415)}, body=schema,
                                                    params=["id"], tags=["hospital"]))
add("/api/v1/services", "get", op("Active services of the caller's hospital", {"200": ok(schema=ANY), **errors(401, 404)}, tags=["booking"]))
add("/api/v1/services/{service_id}/slots", "get", op(
    "Free slots per provider, computed now in each provider's time zone (plan, breaks, holidays, notice, horizon, "
    "buffers, capacity). For a mother whose latest symptom check (last 24 h) was an emergency: no slots and "
    "`blocked` with the emergency number and hotline",
    {"200": ok(schema=ANY), **errors(400, 401, 404)}, params=["service_id", "from", "slot_days"], tags=["booking"]))
add("/api/v1/bookings", "get", op("A mother's bookings, or her hospital's bookings for staff (`from`, `days`; audited)",
                                  {"200": ok(schema=ANY), **errors(400, 401, 404)}, params=["from", "slot_days"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}", "put", op(
    "Book a slot (a mother, for herself and/or her baby). The start must be a free slot at that moment; 50 requests "
    "for the last seat book exactly one (409 `/start` for the others). The same request again answers the stored "
    "booking; the same id with another body is 409. An emergency result closes self-booking (409 `/service_id`)",
    {"201": ok(schema=ANY), **errors(400, 401, 404, 409, 415)}, body=BOOKING, params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}", "get", op("A booking with its history (the mother, or her hospital's staff, audited)",
                                               {"200": ok(schema=ANY), **errors(401, 404)}, params=["booking_id"], tags=["booking"]))
ICS = {"description": "iCalendar (RFC 5545), one VEVENT per booking with a stable UID and SEQUENCE",
       "content": {"text/calendar": {"schema": {"type": "string"}}}}
add("/api/v1/bookings/{booking_id}/calendar.ics", "get", op(
    "The booking as an .ics file (attachment); cancelled bookings keep their UID with STATUS:CANCELLED",
    {"200": ICS, **errors(400, 401, 404)}, params=["booking_id", "lang"], tags=["booking"]))
add("/api/v1/hospital/providers/{id}/calendar.ics", "get", op(
    "A provider's bookings from a week ago to 60 days ahead as one calendar (staff of the hospital; audited)",
    {"200": ICS, **errors(401, 404)}, params=["id"], tags=["booking"]))
add("/api/v1/hospital/providers/{id}/calendar-feed", "post", op(
    "A calendar-feed URL for a provider's calendar app, which cannot sign in (admins). The 256-bit token in `path` is "
    "shown once (only its hash is kept); a new one replaces the earlier ones",
    {"201": ok(schema=obj({"provider_id": UUID, "path": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}})),
     **errors(401, 403, 404)}, params=["id"], tags=["booking"]))
add("/api/v1/hospital/providers/{id}/calendar-feed", "delete", op(
    "Revoke a provider's calendar-feed URLs (admins)", {"200": ok(schema=obj({"provider_id": UUID, "revoked": {"type": "integer"}})),
                                                          **errors(401, 403, 404)}, params=["id"], tags=["booking"]))
add("/api/v1/calendar-feeds/{feed}", "get", op(
    "A provider's calendar by its capability URL (`{token}.ics`, no sign-in): a week back to 60 days ahead, each booking's "
    "service, room and status, never the mother's name. 404 for an unknown or revoked token",
    {"200": ICS, **errors(404)}, params=["feed"], security=False, tags=["booking"]))
add("/api/v1/waitlist", "get", op("A mother's waitlist entries, with any offer and when to confirm it by",
                                  {"200": ok(schema=ANY), **errors(401, 404)}, tags=["booking"]))
add("/api/v1/waitlist/{entry_id}", "put", op(
    "Wait for a service on up to 14 of her local dates (a client UUID; a resend answers the same entry). Refused "
    "while the range has free times (409 `/from`). When a booking there is cancelled the first one waiting gets "
    "a held booking to confirm within 30 minutes, by e-mail; an expired offer passes to the next",
    {"201": ok(schema=ANY), **errors(400, 401, 404, 409, 415)},
    body=obj({"service_id": UUID, "provider_id": UUID, "from": {"type": "string", "format": "date"},
              "to": {"type": "string", "format": "date"}}), params=["entry_id"], tags=["booking"]))
add("/api/v1/waitlist/{entry_id}/withdraw", "post", op("Leave the waitlist", {"200": ok(schema=ANY), **errors(401, 404, 409)},
                                                       params=["entry_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/confirm", "post", op("Confirm a held slot before the hold expires",
                                                        {"200": ok(schema=ANY), **errors(401, 404, 409)}, params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/cancel", "post", op(
    "Cancel: kept with who, when and why. A mother only until the service's cancel window; staff any time, with a reason",
    {"200": ok(schema=ANY), **errors(400, 401, 404, 409, 415)}, body=obj({"reason": {"type": "string"}}),
    params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/reschedule", "post", op(
    "Move a requested or booked booking to another free start (optionally with another provider), keeping its id, "
    "history and calendar UID (SEQUENCE goes up). A mother only until the service's reschedule window (409 otherwise) "
    "and not after an emergency result; staff any time, with a reason. The old time goes to the waitlist; the "
    "pending reminders are cancelled and sent again for the new time",
    {"200": ok(schema=ANY), **errors(400, 401, 404, 409, 415)},
    body=obj({"start": {"type": "string", "format": "date-time"}, "provider_id": UUID, "reason": {"type": "string"}}),
    params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/status", "post", op(
    "Staff move a booking: requested -> booked (approve), booked -> arrived -> fulfilled, booked -> no_show (after the start)",
    {"200": ok(schema=ANY), **errors(400, 401, 404, 409, 415)},
    body=obj({"status": {"enum": ["booked", "arrived", "fulfilled", "no_show"]}, "reason": {"type": "string"}}),
    params=["booking_id"], tags=["booking"]))
# --- Remote consultations (issue 5) ---
C = "/api/v1/consultations/{consultation_id}"
TEXT = {"type": "string", "minLength": 1, "maxLength": 12000}
add("/api/v1/consultations", "get", op("A mother's consultations, newest first", {"200": ok(schema=ANY), **errors(401, 404)},
                                       tags=["consultations"]))
add(C, "put", op(
    "Open a consultation (a mother; the id is a client UUID), on her own or from one of her symptom-check results. The "
    "priority comes from the result: same_day is answered within 2 hours, contact_24h within 24 hours, anything else "
    "within the hospital's published window; the clock starts when the team's hours begin (`out_of_hours`). An "
    "emergency result is never queued: 409 naming the emergency number and the hotline. A resend answers the stored "
    "consultation; the same id with another body is 409",
    {"200": ok(schema=ANY), "201": ok(schema=ANY), **errors(400, 401, 404, 409, 415)},
    body=obj({"message": TEXT, "symptom_check_id": UUID, "subject": {"enum": ["mother", "baby"], "default": "mother"},
              "infant_id": UUID}, required=["message"]), params=["consultation_id"], tags=["consultations"]))
add(C, "get", op("The thread: messages, photos, the attached result with its rules; for staff also the hand-over history "
                 "(the mother, or clinicians of her hospital, audited)", {"200": ok(schema=ANY), **errors(401, 404)},
                 params=["consultation_id"], tags=["consultations"]))
add(C + "/messages/{message_id}", "put", op(
    "A message from the mother or a clinician (idempotent by its client UUID). A clinician's reply makes the thread wait "
    "for the mother and, when nobody held it, hers; the mother's answer starts a new reply clock",
    {"200": ok(schema=ANY), "201": ok(schema=ANY), **errors(400, 401, 404, 409, 415)},
    body=obj({"text": TEXT, "internal": {"type": "boolean", "description": "a care-team note: clinicians only; the mother never sees it"}},
             required=["text"]), params=["consultation_id", "message_id"], tags=["consultations"]))
PHOTO_IN = {"required": True, "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                                          "image/png": {"schema": {"type": "string", "format": "binary"}}}}
add(C + "/photos/{photo_id}", "put", {**op(
    "A photo as its own message (raw JPEG or PNG body, at most 10 MiB, 8000 px a side, 40 MP; at most 50 per "
    "consultation). The type is decided from the bytes (415 for anything else, e.g. SVG or HTML); a file that does not "
    "decode is 400 `/photo`. EXIF (GPS), XMP, comments and trailing data are removed; it is stored encrypted outside "
    "the database",
    {"200": ok(schema=ANY), "201": ok(schema=ANY), **errors(400, 401, 404, 409, 413, 415)},
    params=["consultation_id", "photo_id"], tags=["consultations"]), "requestBody": PHOTO_IN})
add(C + "/photos/{photo_id}", "get", op(
    "The photo, to the thread's participants only, as an attachment (Content-Disposition: attachment, nosniff, no-store)",
    {"200": {"description": "the cleaned image", "content": {"image/jpeg": {}, "image/png": {}}}, **errors(401, 404)},
    params=["consultation_id", "photo_id"], tags=["consultations"]))
for verb, summary, body in [
        ("claim", "Take the consultation (a clinician of her hospital); `reason` is required to take one another clinician holds",
         obj({"reason": {"type": "string"}})),
        ("assign", "Hand it to another clinician of the hospital, with a reason",
         obj({"clinician_id": UUID, "reason": {"type": "string"}}, required=["clinician_id", "reason"])),
        ("release", "Return it to the pool, with a reason", obj({"reason": {"type": "string"}}, required=["reason"])),
        ("close", "The structured close-out: outcome, the message to her, and a care plan",
         obj({"outcome": {"enum": ["self_care", "book", "refer_emergency"]}, "message": TEXT,
              "care_plan": obj({"summary": {"type": "string"}, "steps": {"type": "array", "maxItems": 20, "items": {"type": "string"}},
                                "recheck_in_hours": {"type": "integer", "minimum": 1, "maximum": 168}}, required=["summary"])},
             required=["outcome", "message", "care_plan"]))]:
    add(C + "/" + verb, "post", op(summary, {"200": ok(schema=ANY), **errors(400, 401, 404, 409, 415)}, body=body,
                                   params=["consultation_id"], tags=["consultations"]))
add("/api/v1/hospital/consultations", "get", op(
    "The clinicians' queue: open consultations of the hospital, those waiting for a reply first, by priority, then "
    "deadline, with minutes left and who holds each (audited)", {"200": ok(schema=ANY), **errors(401, 404)}, tags=["consultations"]))
add("/api/v1/hospital/reply-templates", "get", op("The hospital's reply templates (its staff)", {"200": ok(schema=ANY), **errors(401, 404)},
                                                  tags=["consultations"]))
add("/api/v1/hospital/reply-templates/{id}", "put", op(
    "Create or replace a reply template (admins)", {"200": ok(schema=ANY), **errors(400, 401, 403, 404, 415)},
    body=obj({"title": {"type": "string"}, "text": TEXT, "language": {"enum": ["en", "vi"]}, "active": {"type": "boolean"}},
             required=["title", "text", "language"]), params=["id"], tags=["consultations"]))
add("/api/v1/events", "get", op(
    "Live updates as server-sent events (text/event-stream): a clinician hears her hospital's consultations and "
    "bookings change, a mother her own. Each event is named by its type (`consultation` or `booking`) and carries "
    "{type, id, change}; no health data. A heartbeat comment every 15 s",
    {"200": {"description": "an event stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}}, **errors(401, 404)},
    tags=["consultations"]))
add("/api/v1/symptom-check/questions", "get", op(
    "The symptom check's questions as protocol data: the input fields (type, labels, neutral value, accepted range), "
    "the derived values and the emergency rules (conditions in the protocol's language, so an app can recognise an "
    "emergency offline), and every question (the inputs it fills, its answer form, when it is asked, which profile key "
    "keeps it, whether it accepts \"I don't know\"), with every text in English and Vietnamese",
    {"200": ok(schema=ANY)}, security=False, tags=["care engine"]))
add("/api/v1/self-care-plans/{plan_id}", "get", op("A self-care plan of the care protocol: steps, timers, what not to do and why",
                                                   {"200": ok(schema=ANY), **errors(400, 404)}, params=["plan_id", "lang"],
                                                   security=False, tags=["care engine"]))
add("/api/v1/mothers/{mother_id}/break-glass", "post", op(
    "Break-glass: a clinician of another hospital reads a mother's record in an emergency, with a reason, for at most "
    "60 minutes (reads only; her consultations stay her hospital's). Every read under it is audited with the outcome "
    "break_glass; her hospital's admins see the grant. Her own hospital's clinicians need none (409)",
    {"201": ok(schema=ANY), **errors(400, 401, 404, 409, 415)},
    body=obj({"reason": {"type": "string", "minLength": 1, "maxLength": 500},
              "minutes": {"type": "integer", "minimum": 1, "maximum": 60, "default": 60}}, required=["reason"]),
    params=["mother_id"], tags=["hospital"]))
add("/api/v1/hospital/break-glass", "get", op("Admins: break-glass grants on the hospital's mothers, newest first",
                                              {"200": ok(schema=ANY), **errors(401, 404)}, tags=["hospital"]))
add("/api/v1/hospital/mothers", "get", op("Mothers registered with the clinician's hospital (audited)", {"200": ok(schema=ANY), **errors(401, 404)}, tags=["hospital"]))
add("/api/v1/hospital/audit", "get", op("Recent audit events of the admin's hospital", {"200": ok(schema=ANY), **errors(401, 404)}, tags=["hospital"]))

schemas = {
    "Problem": {"type": "object", "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "field": {"type": "string", "description": "JSON pointer of the offending input"},
        "request_id": {"type": "string"}}},
    "User": {"type": "object", "properties": {
        "id": UUID, "email": {"type": "string"}, "display_name": {"type": "string"},
        "role": {"enum": ["mother", "caregiver", "clinician", "hospital_admin"]}, "hospital": {"type": ["object", "null"]}}},
    "Profile": PROFILE,
    "RecordMeta": {"type": "object", "description": "added by the server to every record it returns", "properties": {
        "id": UUID, "kind": {"type": "string"}, "recorded_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"}, "version": {"type": "integer"}}},
    "Page": {"type": "object", "properties": {"items": {"type": "array"}, "next_cursor": {"type": ["string", "null"]}}},
}

for coll, (name, baby, schema) in RECORDS.items():
    schemas[name] = schema
    ref = {"$ref": f"#/components/schemas/{name}"}
    who = "baby event: a caregiver with scope baby may read and write" if baby else "the mother's own data: caregivers need scope baby_and_mother"
    add(f"{M}/{coll}", "get", op(f"List {coll}, newest first ({who})", {"200": ok(schema={"$ref": "#/components/schemas/Page"}), **errors(400, 401, 404)},
                                 params=["mother_id", "cursor", "limit"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}", "get", op(f"One {name}", {"200": ok(schema=ref), **errors(401, 404)}, params=["mother_id", "id"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}", "put", op(
        f"Create or edit a {name} with the id the phone chose. The same body again stores nothing and answers as the first time; a changed body is an edit (history kept). If-Match: \"version\" guards edits",
        {"200": ok("Edited", ref), "201": ok("Created", ref), **errors(400, 401, 403, 404, 409, 412, 413, 415)},
        body=ref, params=["mother_id", "id", "if_match"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}", "delete", op(f"Delete a {name} (soft: history keeps it)", {"200": ok(schema=ANY), **errors(401, 403, 404)},
                                           params=["mother_id", "id"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}/history", "get", op(f"Every version of a {name}", {"200": ok(schema=ANY), **errors(401, 404)},
                                                params=["mother_id", "id"], tags=["care log"]))

doc = {
    "openapi": "3.1.0",
    "info": {"title": "Tia API", "version": "1",
             "description": "Breastfeeding and milk-duct care. JSON in and out; errors are problem+json naming the field. "
                            "Cookie sessions need X-CSRF-Token on writes; other clients use Authorization: Bearer."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{"bearer": []}, {"cookie": []}],
    "paths": paths,
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                            "cookie": {"type": "apiKey", "in": "cookie", "name": "tia_session"}},
        "parameters": {
            "mother_id": {"name": "mother_id", "in": "path", "required": True, "schema": UUID},
            "id": {"name": "id", "in": "path", "required": True, "schema": UUID},
            "grant_id": {"name": "grant_id", "in": "path", "required": True, "schema": UUID},
            "service_id": {"name": "service_id", "in": "path", "required": True, "schema": UUID},
            "entry_id": {"name": "entry_id", "in": "path", "required": True, "schema": UUID},
            "booking_id": {"name": "booking_id", "in": "path", "required": True, "schema": UUID},
            "feed": {"name": "feed", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{43}\\.ics$"}},
            "consultation_id": {"name": "consultation_id", "in": "path", "required": True, "schema": UUID},
            "message_id": {"name": "message_id", "in": "path", "required": True, "schema": UUID},
            "photo_id": {"name": "photo_id", "in": "path", "required": True, "schema": UUID},
            "from": {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"},
                     "description": "first local date (YYYY-MM-DD); today in the hospital's zone when absent"},
            "slot_days": {"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 31}},
            "plan_id": {"name": "plan_id", "in": "path", "required": True, "schema": {"type": "string"}},
            "lang": {"name": "lang", "in": "query", "schema": {"enum": ["en", "vi"], "default": "en"}},
            "cursor": {"name": "cursor", "in": "query", "schema": {"type": "string"}},
            "days": {"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 90, "default": 14}},
            "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
            "if_match": {"name": "If-Match", "in": "header", "schema": {"type": "string"}},
            "idempotency_key": {"name": "Idempotency-Key", "in": "header", "required": True,
                                "description": "a fresh UUID per action, reused when resending it (kept 30 days)",
                                "schema": {"type": "string", "maxLength": 255}},
        },
        "responses": {"Problem": PROBLEM},
        "schemas": schemas,
    },
}

print(json.dumps(doc, indent=1, sort_keys=True))
