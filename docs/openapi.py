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
    "due_date": {"type": "string", "format": "date", "description": "estimated due date, at most 280 days from today; dates the pregnancy (wins over last_period_date)"},
    "last_period_date": {"type": "string", "format": "date", "description": "first day of the last menstrual period (due date = this + 280 days); not in the future"},
    "breast_surgery": {"type": "boolean"}, "breast_implants": {"type": "boolean"},
    "breast_surgery_date": {"type": "string", "format": "date",
                            "description": "surgery in the last 12 months counts for the symptom check; surgery with no date counts too"},
    "breastfeeding": {"type": "boolean", "description": "currently breastfeeding or expressing (the symptom check's `lactating`)"},
    "diabetes": {"type": "boolean"}, "weakened_immunity": {"type": "boolean",
                            "description": "immunosuppressive medicine incl. oral steroids, chemotherapy, transplant, HIV with low CD4"},
    "time_zone": {"type": "string", "example": "Asia/Ho_Chi_Minh"}, "language": {"enum": ["vi", "en"]},
    "phone": {"type": "string", "description": "for text-message and Zalo reminders; 8 to 15 digits, stored as + and digits"},
    "message_channels": {"type": "array", "items": {"enum": ["email", "sms", "zalo"]}, "minItems": 1, "maxItems": 3,
                         "uniqueItems": True,
                         "description": "the channels her messages go by (docs/zalo.md); text and Zalo need `phone`. Until she "
                                        "chooses: e-mail, and text messages when `phone` is set. Zalo goes where her hospital "
                                        "has a template for the message; a text message stands in where it cannot"},
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


# --- What the server answers -------------------------------------------------------------------
# Response schemas are exact: every field the server sends is listed (additionalProperties false),
# and a field is required unless the server leaves it out in some answers. Every answer the API
# tests receive is validated against them (tests/api/openapi_check.mjs, Ajv), and the web app's
# API types are generated from them (web/src/api-types.ts).
STAMP = {"type": "string", "format": "date-time"}
DATE = {"type": "string", "format": "date"}
STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def arr(items):
    return {"type": "array", "items": items}


def nullable(schema):
    if "type" in schema and isinstance(schema["type"], str) and set(schema) <= {"type", "format", "description", "pattern"}:
        return dict(schema, type=[schema["type"], "null"])
    return {"anyOf": [schema, {"type": "null"}]}


def res(props, optional=(), description=None):
    """An answer object: exactly these fields, all present except `optional`."""
    s = {"type": "object", "additionalProperties": False, "properties": props,
         "required": [k for k in props if k not in optional]}
    if description:
        s["description"] = description
    return s


def items_of(schema, **extra):
    return res({"items": arr(schema), **extra}, optional=tuple(extra))


def stored(schema):
    """A request schema as the server keeps it: the fields it converts on the way in (oz, °F) are gone."""
    if isinstance(schema, list):
        return [stored(x) for x in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: stored(v) for k, v in schema.items() if k != "properties"}
    if "properties" in schema:
        out["properties"] = {p: stored(v) for p, v in schema["properties"].items()
                             if not v.get("description", "").startswith("converted to")}
    return out


def opened(schema):
    """The object's own fields stay exact inside, but other parts of an allOf may add fields."""
    return {k: v for k, v in schema.items() if k != "additionalProperties"}


def all_present(schema):
    """A request schema as the server answers it after filling in its defaults: every field present."""
    if isinstance(schema, list):
        return [all_present(x) for x in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: all_present(v) for k, v in schema.items()}
    if "properties" in schema:
        out["required"] = list(schema["properties"])
    return out


def with_fields(schema, props, optional=()):
    """An answer that is a stored body (a request schema) plus fields the server adds."""
    return {"allOf": [opened(stored(schema)),
                      {"type": "object", "properties": props, "required": [k for k in props if k not in optional]}],
            "unevaluatedProperties": False}


def completed(schema, props, optional=()):
    """An answer that is a stored body the server completed with its defaults (every field present
    but `optional`) plus fields the server adds."""
    return res({**stored(schema)["properties"], **props}, optional)


NAMES = res({"en": STR, "vi": STR}, description="a text in English and Vietnamese")
ID_NAME = res({"id": UUID, "name": STR})
DISPOSITION = {"enum": ["self_care", "contact_24h", "same_day", "emergency"]}
PROTOCOL = res({"id": STR, "version": STR}, description="the care protocol and its version")
SOURCES = arr({"type": "string", "description": "a source key of docs/clinical-evidence.md"})
BOOKING_STATUS = {"enum": ["held", "requested", "booked", "arrived", "fulfilled", "cancelled", "no_show"]}
CONTACT = res({"hotline": {"type": ["string", "null"]}, "hotline_hours": arr(res({"days": arr(INT), "start": STR, "end": STR})),
               "hotline_open_now": BOOL, "emergency": STR}, optional=("hotline_hours",),
              description="where to turn now: the hotline (null when not set), its hours and the emergency number")
ADVICE = res({"id": STR, "what": STR, "why": STR, "sources": SOURCES})
PLAN = res({"id": STR, "title": STR, "intro": STR,
            "steps": arr(res({"text": STR, "minutes": INT, "count": INT, "safety": STR}, optional=("minutes", "count", "safety"))),
            "avoid": arr(ADVICE), "sources": SOURCES}, optional=("intro",), description="a self-care plan of the care protocol")
RESULT = res({
    "disposition": DISPOSITION, "condition": STR, "condition_name": STR,
    "fired": arr(res({"id": STR, "disposition": DISPOSITION, "reason": STR, "sources": SOURCES, "discuss": STR}, optional=("discuss",))),
    "recheck_hours": {"type": ["number", "null"]}, "self_care_plan": {"type": ["string", "null"]}, "protocol": PROTOCOL,
    "red_flags": arr(res({"id": STR, "text": STR, "sources": SOURCES})), "advice": arr(ADVICE),
    "watch_for": {"type": ["string", "null"]}, "plan": nullable(ref("SelfCarePlan")),
    "references": {"type": "object", "additionalProperties": STR,
                   "description": "source key -> its citation, for every source the result names "
                                  "(absent from checks stored before it was added)"}},
    optional=("references",), description="the `tia triage` contract plus condition_name, red_flags, advice, watch_for, plan and references, in one language")
FROM_LOG = {"type": "object", "description": "input field -> what the care log supplied and from where",
            "additionalProperties": res({"value": {"type": ["string", "number", "integer", "boolean", "null"]}, "from": STR})}
ESCALATION = res({"from": DISPOSITION, "to": DISPOSITION, "previous_check": UUID,
                  "reasons": arr(res({"code": {"enum": ["more_urgent", "worsening", "new_red_flag"]}, "text": STR,
                                      "red_flag": {"type": "string", "description": "the red flag's id (new_red_flag)"}},
                                     optional=("red_flag",)))},
                 description="why this check is worse than the one before (the hospital sees it at once)")
USER = {"id": UUID, "email": STR, "display_name": STR, "role": {"enum": ["mother", "caregiver", "clinician", "hospital_admin"]},
        "hospital": nullable(res({"code": STR, "name": STR})),
        "phone": {"type": ["string", "null"], "description": "the number she signs in with by code (E.164), null when none"}}
RESPONSES = {
    "Health": res({"status": {"const": "ok"}}),
    "Hospitals": items_of(res({"code": STR, "name": STR})),
    "Me": res({**USER, "csrf_token": {"type": "string", "description": "send it as X-CSRF-Token on writes (cookie sessions)"},
               "shared_with_me": arr(res({"mother_id": UUID, "display_name": STR, "scope": {"enum": ["baby", "baby_and_mother"]}}))},
              optional=("shared_with_me",), description="who is signed in; `shared_with_me` for a caregiver"),
    "Contact": res({"hotline": {"type": ["string", "null"]}, "hotline_hours": CONTACT["properties"]["hotline_hours"],
                    "hotline_open_now": BOOL, "emergency": STR}, optional=("hotline_hours", "hotline_open_now")),
    "Summary": res({
        "as_of": STAMP,
        "last_milk_removal": res({s: nullable(res({"at": STAMP, "hours_ago": NUM, "source": {"enum": ["breast", "pump"]}}))
                                  for s in ("left", "right")}),
        "feeds_24h": INT,
        "per_side_24h": res({s: res({"breast_minutes": NUM, "segments": INT}) for s in ("left", "right")}),
        "bottle_ml_24h": {"type": "object", "description": "mL per kind of milk",
                          "propertyNames": {"enum": ["expressed_breast_milk", "donor_milk", "formula"]}, "additionalProperties": NUM},
        "pump_per_day": arr(res({"date": DATE, "left_ml": NUM, "right_ml": NUM, "unsided_ml": NUM, "total_ml": NUM})),
        "temperature": res({"latest": nullable(res({"at": STAMP, "temp_c": NUM})),
                            "highest_72h": nullable(res({"at": STAMP, "temp_c": NUM}))}),
        "antibiotic": nullable(res({"started_at": STAMP, "hours": NUM, "medicine": STR})),
        "nappies_24h": res({"wet": INT, "dirty": INT})}),
    "Charts": res({
        "from": DATE, "to": DATE, "days": INT,
        "per_day": arr(res({"date": DATE, "feeds": INT, "left_feeds": INT, "right_feeds": INT, "left_minutes": NUM,
                            "right_minutes": NUM, "bottle_ml": NUM, "pump_left_ml": NUM, "pump_right_ml": NUM,
                            "pump_unsided_ml": NUM, "wet_nappies": INT, "dirty_nappies": INT})),
        "feed_intervals": arr(res({"at": STAMP, "hours": NUM})),
        "temperatures": arr(res({"at": STAMP, "temp_c": NUM})),
        "breast_checks": arr(res({"at": STAMP, "side": {"enum": ["left", "right"]}, "pain": {"type": ["integer", "null"]},
                                  "clock": arr(INT), "lump": BOOL, "redness": {"type": ["string", "null"]}}))}),
    "Deleted": res({"id": UUID, "deleted": {"const": True}, "version": INT}),
    "Caregivers": items_of(res({"id": UUID, "scope": {"enum": ["baby", "baby_and_mother"]},
                                "status": {"enum": ["invited", "active", "revoked"]}, "created_at": STAMP,
                                "caregiver": nullable(res({"id": UUID, "display_name": STR}))})),
    "Invitation": res({"id": UUID, "scope": {"enum": ["baby", "baby_and_mother"]},
                       "invite_code": {"type": "string", "pattern": "^[2-9A-HJKMNP-Z]{8}$",
                                       "description": "8 characters without look-alikes (no 0/O, 1/I/L); "
                                                      "register-caregiver takes it in any case, with spaces or a dash"},
                       "expires_at": STAMP}),
    "SyncResults": res({
        "results": arr(res({"id": STR, "kind": STR, "status": INT, "record": ref("Record"),
                            "error": res({"status": INT, "detail": STR, "field": STR}, optional=("field",))},
                           optional=("record", "error"))),
        "clock_offset_s": {"type": ["integer", "null"], "description": "sent_at minus the server clock"},
        "clock_warning": {"type": "boolean", "description": "the phone's clock is more than 5 minutes off"}}),
    "SelfCarePlan": PLAN,
    "CheckResult": RESULT,
    "SymptomCheck": res({
        "id": UUID, "created_at": STAMP, "answers": ref("Answers"), "input": ref("EngineInput"), "from_log": FROM_LOG,
        "result": ref("CheckResult"), "protocol": PROTOCOL, "recheck_due_at": nullable(STAMP),
        "recheck_of": {"type": ["string", "null"]}, "escalation": nullable(ESCALATION),
        "article": nullable(res({"slug": STR, "version": INT, "lang": {"enum": ["vi", "en"]}, "title": STR,
                                 "href": {"type": "string", "description": "the version she was shown, on the hospital's public site"}}))},
        description="a stored symptom check (immutable); `article`: the hospital's library article for the result's "
                    "condition, pinned to the version published when the check was made"),
    "SymptomChecks": res({"items": arr(ref("SymptomCheck")),
                          "next_recheck": nullable(res({"check_id": UUID, "due_at": STAMP, "overdue": BOOL}))}),
    "CheckContext": res({"from_log": FROM_LOG,
                         "previous": nullable(res({"id": UUID, "created_at": STAMP, "disposition": DISPOSITION}))}),
    "Signals": res({"protocol": PROTOCOL, "signals": arr(res({
        "id": STR, "side": {"enum": ["left", "right", None]}, "since": STAMP, "message": STR, "detail": STR,
        "sources": SOURCES}))}),
    "Escalations": items_of(res({"check_id": UUID, "mother_id": UUID, "created_at": STAMP, "disposition": DISPOSITION,
                                 "condition": STR, "escalation": ESCALATION})),
    "Booking": res({
        "id": UUID, "status": BOOKING_STATUS,
        "service": res({"id": UUID, "name": NAMES, "modality": {"enum": ["in_person", "video", "phone"]}}),
        "provider": ID_NAME, "room": nullable(ID_NAME), "start": STAMP, "end": STAMP,
        "subjects": arr({"enum": ["mother", "baby"]}), "infant_id": UUID, "note": STR,
        "cancel_until": STAMP, "reschedule_until": STAMP, "hold_expires_at": nullable(STAMP), "created_at": STAMP,
        "version": INT,
        "history": arr(res({"at": STAMP, "by": {"type": "string", "description": "the role that made the change"},
                            "from": nullable(BOOKING_STATUS), "to": BOOKING_STATUS, "reason": {"type": ["string", "null"]}})),
        "messages": arr(res({"kind": STR, "channel": {"enum": ["email", "sms", "zalo"]}, "due_at": STAMP, "status": STR})),
        "mother": res({"id": UUID, "display_name": STR})},
        optional=("infant_id", "note", "history", "messages", "mother"),
        description="a booking; `history` and `messages` in the answers about one booking, `mother` in staff lists"),
    "Bookings": items_of(ref("Booking"), **{"from": DATE, "days": INT}),
    "Slots": res({
        "service_id": UUID, "from": DATE, "days": INT,
        "providers": arr(res({"id": UUID, "name": STR, "time_zone": STR,
                              "slots": arr(res({"start": STAMP, "end": STAMP, "seats_left": INT}))})),
        "blocked": nullable(res({"reason": {"const": "emergency_result"}, "contact": CONTACT}))},
        optional=("from", "days")),
    "OfferedServices": items_of(res({
        "id": UUID, "name": NAMES, "kind": STR, "modality": {"enum": ["in_person", "video", "phone"]},
        "duration_min": INT, "capacity": INT, "requires_approval": BOOL, "same_day": BOOL, "cancel_window_min": INT})),
    "WaitlistEntry": res({"id": UUID, "status": {"enum": ["waiting", "offered", "booked", "expired", "withdrawn"]},
                          "service": res({"id": UUID, "name": NAMES}), "from": DATE, "to": DATE, "created_at": STAMP,
                          "offer": nullable(res({"booking_id": UUID, "start": STAMP, "confirm_before": STAMP}))}),
    "Waitlist": items_of(ref("WaitlistEntry")),
    "Message": res({
        "id": UUID, "kind": {"enum": ["text", "photo", "note", "close_out"]},
        "author": res({"id": UUID, "name": STR, "role": {"enum": ["mother", "clinician", "hospital_admin"]}}),
        "created_at": STAMP, "text": STR, "close_out": ref("CloseOut"),
        "photo": res({"id": UUID, "url": STR, "mime": {"enum": ["image/jpeg", "image/png"]}, "width": INT, "height": INT,
                      "size_bytes": INT})},
        optional=("text", "close_out", "photo")),
    "CloseOut": res({"outcome": {"enum": ["self_care", "book", "refer_emergency"]},
                     "care_plan": res({"summary": STR, "steps": arr(STR), "recheck_in_hours": INT}, optional=("steps", "recheck_in_hours")),
                     "contact": CONTACT}, optional=("contact",), description="how a clinician closed it; `contact` with refer_emergency"),
    "Consultation": res({
        "id": UUID, "status": {"enum": ["open", "closed"]}, "priority": {"enum": ["same_day", "contact_24h", "routine"]},
        "awaiting": {"enum": ["clinician", "mother"]}, "subject": {"enum": ["mother", "baby"]},
        "infant_id": nullable(UUID), "symptom_check_id": nullable(UUID), "disposition": nullable(DISPOSITION),
        "opened_at": STAMP, "out_of_hours": BOOL, "deadline_at": STAMP, "overdue": BOOL,
        "minutes_left": {"type": ["integer", "null"]}, "first_reply_at": nullable(STAMP), "closed_at": nullable(STAMP),
        "close_out": nullable(ref("CloseOut")), "version": INT,
        "mother": ID_NAME, "assignee": nullable(ID_NAME), "photo_count": INT, "messages": arr(ref("Message")),
        "symptom_check": res({"id": UUID, "created_at": STAMP, "disposition": DISPOSITION, "condition": STR,
                              "protocol_version": STR, "result": ref("CheckResult")}),
        "history": arr(res({"at": STAMP, "kind": STR, "by": STR, "assignee": {"type": ["string", "null"]},
                            "reason": {"type": ["string", "null"]}})),
        "contact": CONTACT,
        "preview": {"type": "string", "description": "the question it opened with, at most 140 characters"},
        "last_message_at": nullable(STAMP),
        "unread": {"type": "integer", "minimum": 0, "description": "the team's messages she has not read (her list)"}},
        optional=("mother", "assignee", "photo_count", "messages", "symptom_check", "history", "contact", "preview",
                  "last_message_at", "unread"),
        description="a consultation; the thread (`messages`, `symptom_check`) in the answers about one, "
                    "`history` for staff, `mother` and `assignee` in the answers about one and in the queue, "
                    "`preview` and `last_message_at` in lists, `unread` in hers"),
    "Consultations": items_of(ref("Consultation"), unread_threads={"type": "integer", "minimum": 0}),
    "Queue": res({"items": arr(ref("Consultation")), "now": STAMP}),
    "ReplyTemplate": res({"id": UUID, "title": STR, "text": STR, "language": {"enum": ["en", "vi"]}, "active": BOOL}),
    "ReplyTemplates": items_of(ref("ReplyTemplate")),
    "BreakGlass": res({"id": UUID, "mother_id": UUID, "reason": STR, "granted_at": STAMP, "expires_at": STAMP}),
    "BreakGlassGrants": items_of(res({"id": UUID, "mother_id": UUID, "reason": STR, "granted_at": STAMP,
                                      "expires_at": STAMP, "active": BOOL,
                                      "clinician": res({"name": STR, "hospital": STR})})),
    "HospitalMothers": items_of(res({"id": UUID, "display_name": STR})),
    "Staff": res({"id": UUID, "email": STR, "display_name": STR, "role": {"enum": ["clinician", "hospital_admin"]}, "active": BOOL}),
    "AuditTrail": res({
        "items": arr(res({"at": STAMP, "actor_role": STR,
                          "actor": nullable(res({"id": UUID, "name": STR})), "action": STR, "resource": STR,
                          "outcome": STR, "subject": nullable(res({"id": UUID, "name": STR})), "request_id": STR})),
        "next_cursor": {"type": ["string", "null"]},
        "actions": arr(STR), "outcomes": arr(STR)},
        description="newest first; `actor` and `subject` by name (null when none or erased); `actions` and "
                    "`outcomes` are those the hospital's log holds, for the filters"),
}


SESSION = res({"user": ref("User"), "csrf_token": STR, "expires_at": STAMP,
               "token": {"type": "string", "description": "only when token_type is bearer"}}, optional=("token",))
add("/healthz", "get", op("Liveness", {"200": ok(schema=ref("Health"))}, security=False, tags=["ops"]))
add("/metrics", "get", op("Operational metrics in the Prometheus text format 0.0.4 (docs/operations.md): to the addresses in "
                          "`metrics_from` and to staff sessions; counts only, no label carries an id, address or health value",
                          {"200": {"description": "The metrics page", "content": {"text/plain": {"schema": {"type": "string"}}}},
                           **errors(401, 403)}, tags=["ops"]))
add("/readyz", "get", op("Readiness: the database answers", {"200": ok(schema=res({"status": {"const": "ready"}})), "503": {"$ref": "#/components/responses/Problem"}}, security=False, tags=["ops"]))
add("/api/v1/openapi.json", "get", op("This document", {"200": ok(schema={"type": "object", "description": "this document (OpenAPI 3.1)"})}, security=False, tags=["ops"]))
add("/api/v1/hospitals", "get", op("Hospitals a mother can register with", {"200": ok(schema=ref("Hospitals"))}, security=False, tags=["accounts"]))
add("/api/v1/contact", "get", op("Where results send a mother: the hotline (null when not set) and the emergency number",
                                 {"200": ok(schema=ref("Contact"))},
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
PHONE = {"type": "string", "maxLength": 32, "description": "as typed: 0901 234 567, +84 90 123 4567"}
CODE = {"type": "string", "maxLength": 16, "description": "the 6 digits sent (spaces ignored)"}
CODE_SENT = {"202": ok("Sent if an account has this number or address (the same answer otherwise)",
                       res({"expires_in_s": INT, "resend_after_s": INT})), **errors(400, 415, 429)}
add("/api/v1/auth/code", "post", op(
    "Send a sign-in code by SMS to the phone number of an account. 6 digits, 10 minutes, 5 tries, used once; "
    "at most one a minute and five an hour to one number",
    CODE_SENT, body=obj({"phone": PHONE}, ["phone"]), security=False, tags=["accounts"]))
add("/api/v1/auth/code/login", "post", op(
    "Sign in with the phone number and the code sent to it",
    {"200": ok("Signed in", SESSION), **errors(400, 401, 415, 429)},
    body=obj({"phone": PHONE, "code": CODE, "token_type": {"enum": ["cookie", "bearer"]}}, ["phone", "code"]),
    security=False, tags=["accounts"]))
add("/api/v1/auth/password-reset", "post", op(
    "Forgotten password: send a code to the account's e-mail address or phone number (give one)",
    CODE_SENT, body=obj({"email": {"type": "string"}, "phone": PHONE}, []), security=False, tags=["accounts"]))
add("/api/v1/auth/password-reset/confirm", "post", op(
    "Choose a new password with the code; ends every session and signs in",
    {"200": ok("Signed in", SESSION), **errors(400, 415, 429)},
    body=obj({"email": {"type": "string"}, "phone": PHONE, "code": CODE,
              "new_password": {"type": "string", "minLength": 12, "maxLength": 128},
              "token_type": {"enum": ["cookie", "bearer"]}}, ["code", "new_password"]),
    security=False, tags=["accounts"]))
add("/api/v1/auth/phone", "post", op(
    "Send a code to confirm the phone number she will sign in with (mothers and caregivers; needs her password)",
    {**CODE_SENT, **errors(401, 403, 409)}, body=obj({"phone": PHONE, "password": {"type": "string"}}, ["phone", "password"]),
    tags=["accounts"]))
add("/api/v1/auth/phone/confirm", "post", op(
    "Confirm the phone number with its code; it signs her in from now on",
    {"200": ok(schema=ref("Me")), **errors(400, 401, 403, 409, 415, 429)},
    body=obj({"phone": PHONE, "code": CODE}, ["phone", "code"]), tags=["accounts"]))
add("/api/v1/auth/phone", "delete", op("Remove the phone number she signs in with",
                                       {"204": ok("Removed"), **errors(401, 403)}, tags=["accounts"]))
add("/api/v1/auth/logout", "post", op("Sign out (revokes the session)", {"204": ok("Signed out"), **errors(401, 403)}, tags=["accounts"]))
add("/api/v1/auth/me", "get", op("Who am I (with the CSRF token for cookie sessions)", {"200": ok(schema=ref("Me")), **errors(401)}, tags=["accounts"]))
add("/api/v1/auth/reauthenticate", "post", op("Confirm the password before export or other sensitive steps",
    {"204": ok("Confirmed"), **errors(400, 401, 403, 429)}, body=obj({"password": {"type": "string"}}, ["password"]), tags=["accounts"]))
add("/api/v1/auth/password", "post", op("Change the password; signs out every other session",
    {"204": ok("Changed"), **errors(400, 401, 403, 429)},
    body=obj({"current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 12, "maxLength": 128}},
             ["current_password", "new_password"]), tags=["accounts"]))

M = "/api/v1/mothers/{mother_id}"
add(f"{M}/profile", "get", op("The mother's profile (version 0 when never set)", {"200": ok(schema=ref("ProfileRecord")), **errors(401, 404)}, params=["mother_id"], tags=["care log"]))
add(f"{M}/profile", "put", op("Set the mother's profile (the mother only)", {"200": ok("Changed", ref("ProfileRecord")), "201": ok("Set for the first time", ref("ProfileRecord")), **errors(400, 401, 403, 404, 415)},
                              body={"$ref": "#/components/schemas/Profile"}, params=["mother_id"], tags=["care log"]))
add(f"{M}/summary", "get", op("What the log says now: last milk removal per side, feeds per 24 h, per-side totals, pump output per day, temperatures, antibiotic hours, nappies",
                              {"200": ok(schema=ref("Summary")), **errors(401, 404)}, params=["mother_id"], tags=["care log"]))
add(f"{M}/charts", "get", op("Her log day by day for charts and the printable summary: per local date (the dates her own "
                             "UTC offset gives) feeds and minutes per side, bottle mL, pump mL per side, wet and dirty nappies; feed intervals; "
                             "temperatures; breast check-ins (pain, clock positions, lump, redness) per side",
                             {"200": ok(schema=ref("Charts")), **errors(400, 401, 404)}, params=["mother_id", "days"], tags=["care log"]))
add(f"{M}/export", "get", op("Everything the mother owns, as JSON (right of access). Needs a sign-in within the last 10 minutes",
                             {"200": ok(schema=ref("Export")), **errors(401, 403, 404)}, params=["mother_id"], tags=["care log"]))
add(f"{M}/export/csv/{{collection}}", "get", op(
    "One kind of her records as a CSV table (docs/export.md: RFC 4180, UTF-8 with a byte-order mark, the documented columns, "
    "oldest first, deleted records left out). The same sign-in rule, audit and privacy as the JSON export",
    {"200": {"description": "The table", "content": {"text/csv": {"schema": {"type": "string"}}}}, **errors(401, 403, 404)},
    params=["mother_id", "collection"], tags=["care log"]))
RESPONSES["ImportSummary"] = res({
    "source": {"type": "string", "description": "what the file is: `huckleberry`, or `babybuddy ` and the kind of entry "
                                                "(feeding, pumping, temperature, diaperchange, weight, child)"},
    "dry_run": BOOL,
    "counts": {"type": "object", "description": "per kind of record: rows that become new records, and rows already in Tia",
               "additionalProperties": res({"new": INT, "already": INT})},
    "added": {"type": "integer", "description": "records stored (0 in a dry run)"},
    "skipped": arr(res({"line": INT, "reason": STR})),
    "rejected_csv": nullable({"type": "string", "description": "the file's header with a `reason` column and every skipped "
                                                               "row as it was (UTF-8 with a BOM); null when none was skipped"})})
add(f"{M}/imports", "post", {**op(
    "Her entries from another tracker's export (docs/imports.md): Baby Buddy's CSV (feeding, pumping, temperature, "
    "diaper change, weight, child) or Huckleberry's CSV, or either saved as an Excel workbook (XLSX: its first sheet, "
    "Excel's serial dates read as dates), as the raw body (at most 5 MiB). A dry run (the default) "
    "stores nothing and says what would be added, what is already in Tia and every row skipped with its reason; "
    "`dry_run=false` stores every new record in one transaction. Record ids derive from her and the row, so a second "
    "import adds nothing. A file that is not CSV or not the format is 400 `/file`, naming the line and column. The "
    "mother only; audited",
    {"200": ok(schema=ref("ImportSummary")), **errors(400, 401, 403, 404, 413)},
    params=["mother_id", "import_format", "import_time_zone", "import_volume_unit", "import_temperature_unit",
            "import_weight_unit", "import_dry_run"], tags=["care log"]),
    "requestBody": {"required": True, "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}})
add(M, "delete", op("Erase the mother's account and everything she owns (the mother only; needs a sign-in "
                    "confirmed in the last 10 minutes). An audit row keeps only that an erasure happened",
                    {"204": ok("Erased"), **errors(401, 403, 404)}, params=["mother_id"], tags=["accounts"]))
add(f"{M}/caregivers", "get", op("People the mother shares with", {"200": ok(schema=ref("Caregivers")), **errors(401, 403, 404)}, params=["mother_id"], tags=["sharing"]))
add(f"{M}/caregivers", "post", op("Invite a caregiver. A resend with the same Idempotency-Key gets the same invitation; "
                                  "the same key with another body is 422",
                                  {"201": ok(schema=ref("Invitation")), **errors(400, 401, 403, 404, 415, 422)},
                                  body=obj({"scope": {"enum": ["baby", "baby_and_mother"], "default": "baby"}}),
                                  params=["mother_id", "idempotency_key"], tags=["sharing"]))
add(f"{M}/caregivers/{{grant_id}}", "delete", op("Stop sharing with a caregiver", {"204": ok("Revoked"), **errors(401, 403, 404)},
                                                 params=["mother_id", "grant_id"], tags=["sharing"]))
add(f"{M}/sync", "post", op(
    "Offline outbox sync: up to 500 records (5 MiB) in one request, each written as its own idempotent PUT; "
    "resending a batch is safe. Answers 200 with a result per item, in order",
    {"200": ok("Per-item results", ref("SyncResults")),
     **errors(400, 401, 403, 404, 413, 415)},
    body=obj({"items": {"type": "array", "minItems": 1, "maxItems": 500, "items": obj({
        "kind": {"enum": ["infant", "feed", "pump", "breast_check", "temperature", "care_action", "nappy",
                          "infant_concern", "infant_weight", "note"]},
        "id": UUID, "body": {"type": "object", "description": "the record, as its PUT takes it"}},
        ["kind", "id", "body"])},
        "sent_at": dict(TIME, description="the phone's clock when it sent the batch (for the clock check)")},
        ["items"]),
    params=["mother_id"], tags=["care log"]))
CHECK = ref("SymptomCheck")
add(f"{M}/symptom-check-context", "get", op(
    "What a symptom check started now would take from her log (field -> value and where it came from), and the "
    "earlier check it would be compared with, so the app asks only the rest",
    {"200": ok(schema=ref("CheckContext")), **errors(401, 404)}, params=["mother_id"], tags=["care engine"]))
add(f"{M}/symptom-checks/{{id}}", "put", op(
    "Run a symptom check: the answers (fields of the engine's input contract, docs/engine-input.md, with "
    "`worried`) with what the care log already knows, through the care engine. Stored immutably; a resend answers "
    "the stored result (201); the same id with other answers is 409. A re-check (recheck_of, or a check within 72 h "
    "of the last one) that is worse escalates",
    {"201": ok(schema=CHECK), **errors(400, 401, 403, 404, 409, 415)},
    body=obj({"answers": ref("Answers"), "recheck_of": UUID}, ["answers"]),
    params=["mother_id", "id", "lang"], tags=["care engine"]))
add(f"{M}/symptom-checks/{{id}}", "get", op("One stored symptom check", {"200": ok(schema=CHECK), **errors(400, 401, 404)},
                                                  params=["mother_id", "id", "lang"], tags=["care engine"]))
add(f"{M}/symptom-checks", "get", op("Her symptom checks, newest first, and the next re-check",
                                     {"200": ok(schema=ref("SymptomChecks")), **errors(400, 401, 404)}, params=["mother_id", "lang"], tags=["care engine"]))
add(f"{M}/signals", "get", op("Risk signals over her care log: patterns worth checking, each with its sources",
                              {"200": ok(schema=ref("Signals")), **errors(400, 401, 404)}, params=["mother_id", "lang"], tags=["care engine"]))
add("/api/v1/hospital/escalations", "get", op("Escalated symptom checks of the clinician's hospital, last 7 days (audited)",
                                              {"200": ok(schema=ref("Escalations")), **errors(400, 401, 404)}, params=["lang"], tags=["hospital"]))
# --- Hospital configuration and booking (issue 5) ---
HHMM = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"}
BREAKS = {"type": "array", "items": obj({"start": HHMM, "end": HHMM}, ["start", "end"])}
HOURS = obj({"start": HHMM, "end": HHMM, "breaks": BREAKS}, ["start", "end"])
SETTINGS = obj({"time_zone": {"type": "string", "description": "IANA zone"}, "emergency_number": {"type": "string"},
                "hotline": obj({"number": {"type": "string"}, "hours": {"type": "array", "items": obj({
                    "days": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}},
                    "start": HHMM, "end": HHMM})}}),
                "holidays": {"type": "array", "items": obj({"date": {"type": "string", "format": "date"}, "name": {"type": "string"}})},
                "consultation": obj({"hours": {"type": "array", "description": "when the lactation team answers (as the hotline's hours; empty: always)",
                                               "items": obj({"days": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}},
                                                             "start": HHMM, "end": HHMM})},
                                     "routine_reply_hours": {"type": "integer", "minimum": 1, "maximum": 168, "default": 48,
                                                             "description": "the published reply window for questions without an urgent result"}})},
               ["time_zone", "emergency_number", "hotline"])
SERVICE = obj({"code": {"type": "string"}, "name": obj({"en": {"type": "string"}, "vi": {"type": "string"}}, ["en", "vi"]),
               "kind": {"enum": ["lactation_consult", "same_day_lactation_clinic", "postpartum_check", "antenatal_class",
                                 "nutrition_consult", "other"]},
               "modality": {"enum": ["in_person", "video", "phone"]}, "duration_min": {"type": "integer"},
               "step_min": {"type": "integer"}, "buffer_before_min": {"type": "integer"}, "buffer_after_min": {"type": "integer"},
               "capacity": {"type": "integer"}, "min_notice_min": {"type": "integer"}, "max_days_ahead": {"type": "integer"},
               "cancel_window_min": {"type": "integer"}, "reschedule_window_min": {"type": "integer"},
               "requires_approval": {"type": "boolean"}, "same_day": {"type": "boolean"}, "active": {"type": "boolean"},
               "room_ids": {"type": "array", "maxItems": 20, "items": UUID,
                            "description": "held in one of these rooms (a booking takes one that is free as well as the provider); empty: needs none"}},
              ["code", "name", "kind", "modality", "duration_min"])
ROOM = obj({"name": {"type": "string"}, "capacity": {"type": "integer", "minimum": 1, "maximum": 500, "default": 1,
                                                      "description": "people it seats; caps a class's seats in it"},
            "active": {"type": "boolean"}}, ["name"])
PROVIDER = obj({"name": {"type": "string"}, "title": {"type": "string"}, "time_zone": {"type": "string"},
                "service_ids": {"type": "array", "items": UUID},
                "weekly": obj({d: HOURS for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}),
                "exceptions": {"type": "array", "description": "dated changes to the weekly plan: a day off, or other hours",
                               "items": {"oneOf": [obj({"date": DATE, "off": {"const": True}}, ["date", "off"]),
                                                   obj({"date": DATE, "start": HHMM, "end": HHMM,
                                                        "breaks": BREAKS},
                                                       ["date", "start", "end"])]}},
                "active": {"type": "boolean"}}, ["name", "time_zone", "service_ids", "weekly"])
BOOKING = obj({"service_id": UUID, "provider_id": UUID, "start": {"type": "string", "format": "date-time"},
               "subjects": {"type": "array", "items": {"enum": ["mother", "baby"]}}, "infant_id": UUID,
               "note": {"type": "string"}, "hold": {"type": "boolean", "description": "hold the slot for 5 minutes; confirm to book"},
               "out_of_package": {"type": "boolean", "description": "she confirms a visit her registered package does not include "
                                                                      "(billed separately); without it such a booking is refused with 409"}})
add("/api/v1/hospital/settings", "get", op("The hospital's settings (its staff); null until an administrator first saves them",
                                           {"200": ok(schema=nullable(ref("HospitalSettings"))), **errors(401, 404)}, tags=["hospital"]))
add("/api/v1/hospital/settings", "put", op("Set the hotline and its hours, the emergency number, time zone and holidays (admins)",
                                           {"200": ok(schema=ref("HospitalSettings")), **errors(400, 401, 403, 404, 415)}, body=SETTINGS, tags=["hospital"]))
ZALO_TEMPLATE = obj({"template_id": {"type": "string", "description": "the template's id as Zalo approved it"},
                     "text": {"type": "string", "description": "the approved text, each parameter as <name>; at most 400 characters"},
                     "params": {"type": "object", "description": "each parameter of the text: the value Tia fills it with "
                                                                "(`values` lists them per purpose) and its length limit",
                                "additionalProperties": obj({"value": STR, "max": {"type": "integer", "minimum": 1, "maximum": 400}},
                                                            ["value", "max"])}},
                    ["template_id", "text", "params"])
ZALO_TEMPLATES = obj({p: ZALO_TEMPLATE for p in ("appointment", "reminder", "team_replied", "code")})
RESPONSES["ZaloSettings"] = res({
    "enabled": BOOL, "templates": ZALO_TEMPLATES, "access_token_set": BOOL, "updated_at": nullable(STAMP),
    "values": {"type": "object", "description": "the values Tia fills each purpose's template with",
               "additionalProperties": arr(STR)}})
add("/api/v1/hospital/zalo", "get", op("The hospital's Zalo (ZNS) settings (admins; docs/zalo.md): on or off, a template per "
                                       "purpose with its parameter mapping; the access token is never shown",
                                       {"200": ok(schema=ref("ZaloSettings")), **errors(401, 403, 404)}, tags=["hospital"]))
add("/api/v1/hospital/zalo", "put", op("Set the Zalo settings (admins): the first save that switches Zalo on gives the Official "
                                       "Account's access token, later ones keep it unless they give a new one. Each text's "
                                       "parameters must be mapped, and its longest message at most 400 characters. Audited",
                                       {"200": ok(schema=ref("ZaloSettings")), **errors(400, 401, 403, 404, 415)},
                                       body=obj({"enabled": BOOL, "access_token": STR, "templates": ZALO_TEMPLATES},
                                                ["enabled", "templates"]), tags=["hospital"]))
RESPONSES["MessageIncidents"] = items_of(res({
    "at": STAMP, "channel": {"enum": ["zalo"]}, "kind": STR,
    "code": {"type": "integer", "description": "the channel's error code (Zalo's, negative); 0 when Tia did not send it"},
    "detail": STR, "fallback": {"enum": ["sms", "none"], "description": "sms: a text message went instead"}}))
add("/api/v1/hospital/message-incidents", "get", op("Messages a channel could not deliver, newest first, at most 200 (admins): "
                                                    "when, the kind, the code and what it means, and what went instead; "
                                                    "never who, never the text",
                                                    {"200": ok(schema=ref("MessageIncidents")), **errors(401, 403, 404)},
                                                    tags=["hospital"]))
for coll, name, schema, what in (("services", "Service", SERVICE, "service"),
                                 ("providers", "Provider", PROVIDER, "provider with her weekly plan, breaks and dated exceptions"),
                                 ("rooms", "Room", ROOM, "room")):
    RESPONSES[name] = completed(schema, {"id": UUID, "updated_at": STAMP}, optional=("title",))
    RESPONSES[name + "s"] = items_of(ref(name))
    add(f"/api/v1/hospital/{coll}", "get", op(f"The hospital's {coll} (its staff)", {"200": ok(schema=ref(name + "s")), **errors(401, 404)}, tags=["hospital"]))
    add(f"/api/v1/hospital/{coll}/{{id}}", "put", op(f"Create or replace a {what} (admins; the id is a client UUID)",
                                                    {"200": ok(schema=ref(name)), **errors(400, 401, 403, 404, 415)}, body=schema,
                                                    params=["id"], tags=["hospital"]))
add("/api/v1/services", "get", op("Active services of the caller's hospital", {"200": ok(schema=ref("OfferedServices")), **errors(401, 404)}, tags=["booking"]))
add("/api/v1/services/{service_id}/slots", "get", op(
    "Free slots per provider, computed now in each provider's time zone (plan, breaks, holidays, notice, horizon, "
    "buffers, capacity). For a mother whose latest symptom check (last 24 h) was an emergency: no slots and "
    "`blocked` with the emergency number and hotline",
    {"200": ok(schema=ref("Slots")), **errors(400, 401, 404)}, params=["service_id", "from", "slot_days"], tags=["booking"]))
add("/api/v1/bookings", "get", op("A mother's bookings, or her hospital's bookings for staff (`from`, `days`; audited)",
                                  {"200": ok(schema=ref("Bookings")), **errors(400, 401, 404)}, params=["from", "slot_days"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}", "put", op(
    "Book a slot (a mother, for herself and/or her baby). The start must be a free slot at that moment; 50 requests "
    "for the last seat book exactly one (409 `/start` for the others). The same request again answers the stored "
    "booking; the same id with another body is 409. An emergency result closes self-booking (409 `/service_id`)",
    {"201": ok(schema=ref("Booking")), **errors(400, 401, 404, 409, 415)}, body=BOOKING, params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}", "get", op("A booking with its history (the mother, or her hospital's staff, audited)",
                                               {"200": ok(schema=ref("Booking")), **errors(401, 404)}, params=["booking_id"], tags=["booking"]))
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
                                  {"200": ok(schema=ref("Waitlist")), **errors(401, 404)}, tags=["booking"]))
add("/api/v1/waitlist/{entry_id}", "put", op(
    "Wait for a service on up to 14 of her local dates (a client UUID; a resend answers the same entry). Refused "
    "while the range has free times (409 `/from`). When a booking there is cancelled the first one waiting gets "
    "a held booking to confirm within 30 minutes, by e-mail; an expired offer passes to the next",
    {"201": ok(schema=ref("WaitlistEntry")), **errors(400, 401, 404, 409, 415)},
    body=obj({"service_id": UUID, "provider_id": UUID, "from": {"type": "string", "format": "date"},
              "to": {"type": "string", "format": "date"}}), params=["entry_id"], tags=["booking"]))
add("/api/v1/waitlist/{entry_id}/withdraw", "post", op("Leave the waitlist", {"200": ok(schema=ref("WaitlistEntry")), **errors(401, 404, 409)},
                                                       params=["entry_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/confirm", "post", op("Confirm a held slot before the hold expires",
                                                        {"200": ok(schema=ref("Booking")), **errors(401, 404, 409)}, params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/cancel", "post", op(
    "Cancel: kept with who, when and why. A mother only until the service's cancel window; staff any time, with a reason",
    {"200": ok(schema=ref("Booking")), **errors(400, 401, 404, 409, 415)}, body=obj({"reason": {"type": "string"}}),
    params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/reschedule", "post", op(
    "Move a requested or booked booking to another free start (optionally with another provider), keeping its id, "
    "history and calendar UID (SEQUENCE goes up). A mother only until the service's reschedule window (409 otherwise) "
    "and not after an emergency result; staff any time, with a reason. The old time goes to the waitlist; the "
    "pending reminders are cancelled and sent again for the new time",
    {"200": ok(schema=ref("Booking")), **errors(400, 401, 404, 409, 415)},
    body=obj({"start": {"type": "string", "format": "date-time"}, "provider_id": UUID, "reason": {"type": "string"}}),
    params=["booking_id"], tags=["booking"]))
add("/api/v1/bookings/{booking_id}/status", "post", op(
    "Staff move a booking: requested -> booked (approve), booked -> arrived -> fulfilled, booked -> no_show (after the start)",
    {"200": ok(schema=ref("Booking")), **errors(400, 401, 404, 409, 415)},
    body=obj({"status": {"enum": ["booked", "arrived", "fulfilled", "no_show"]}, "reason": {"type": "string"}}),
    params=["booking_id"], tags=["booking"]))
# --- Remote consultations (issue 5) ---
C = "/api/v1/consultations/{consultation_id}"
TEXT = {"type": "string", "minLength": 1, "maxLength": 12000}
add("/api/v1/consultations", "get", op(
    "A mother's consultations, newest first, each with the question it opened with (`preview`), its last message's time "
    "and how many of the team's messages she has not read (`unread`); `unread_threads` counts the threads with any",
    {"200": ok(schema=ref("Consultations")), **errors(401, 404)}, tags=["consultations"]))
add(C + "/read", "post", op(
    "The mother has read the thread to its last message: its unread mark clears (on her other devices too, live). "
    "Anyone else: 404", {"200": ok(schema=res({"id": UUID, "unread": {"const": 0}})), **errors(401, 404)},
    params=["consultation_id"], tags=["consultations"]))
add(C, "put", op(
    "Open a consultation (a mother; the id is a client UUID), on her own or from one of her symptom-check results. The "
    "priority comes from the result: same_day is answered within 2 hours, contact_24h within 24 hours, anything else "
    "within the hospital's published window; the clock starts when the team's hours begin (`out_of_hours`). An "
    "emergency result is never queued: 409 naming the emergency number and the hotline. A resend answers the stored "
    "consultation; the same id with another body is 409",
    {"200": ok("The stored consultation (a resend)", ref("Consultation")), "201": ok("Opened", ref("Consultation")),
     **errors(400, 401, 404, 409, 415)},
    body=obj({"message": TEXT, "symptom_check_id": UUID, "subject": {"enum": ["mother", "baby"], "default": "mother"},
              "infant_id": UUID}, required=["message"]), params=["consultation_id"], tags=["consultations"]))
add(C, "get", op("The thread: messages, photos, the attached result with its rules; for staff also the hand-over history "
                 "(the mother, or clinicians of her hospital, audited)", {"200": ok(schema=ref("Consultation")), **errors(401, 404)},
                 params=["consultation_id"], tags=["consultations"]))
add(C + "/messages/{message_id}", "put", op(
    "A message from the mother or a clinician (idempotent by its client UUID). A clinician's reply makes the thread wait "
    "for the mother and, when nobody held it, hers; the mother's answer starts a new reply clock",
    {"200": ok("The stored message (a resend): the thread", ref("Consultation")), "201": ok("Added: the thread", ref("Consultation")),
     **errors(400, 401, 404, 409, 415)},
    body=obj({"text": TEXT, "internal": {"type": "boolean", "description": "a care-team note: clinicians only; the mother never sees it"}},
             required=["text"]), params=["consultation_id", "message_id"], tags=["consultations"]))
PHOTO_IN = {"required": True, "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                                          "image/png": {"schema": {"type": "string", "format": "binary"}}}}
add(C + "/photos/{photo_id}", "put", {**op(
    "A photo as its own message (raw JPEG or PNG body, at most 10 MiB, 8000 px a side, 40 MP; at most 50 per "
    "consultation). The type is decided from the bytes (415 for anything else, e.g. SVG or HTML); a file that does not "
    "decode is 400 `/photo`. EXIF (GPS), XMP, comments and trailing data are removed; it is stored encrypted outside "
    "the database",
    {"200": ok("The stored photo (a resend): the thread", ref("Consultation")), "201": ok("Added: the thread", ref("Consultation")),
     **errors(400, 401, 404, 409, 413, 415)},
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
    add(C + "/" + verb, "post", op(summary, {"200": ok(schema=ref("Consultation")), **errors(400, 401, 404, 409, 415)}, body=body,
                                   params=["consultation_id"], tags=["consultations"]))
add("/api/v1/push/key", "get", op(
    "The server's VAPID public key (RFC 8292, base64url), for PushManager.subscribe's applicationServerKey. Tia makes it "
    "once and keeps it in the database (every server of a cluster uses the same)",
    {"200": ok(schema=res({"key": STR})), **errors(401, 503)}, tags=["consultations"]))
add("/api/v1/push/subscriptions/{id}", "put", op(
    "A browser's push subscription for the signed-in user (the id is a client UUID; PushSubscription.toJSON() as the "
    "body). The endpoint must belong to a configured push service (`push_origins`; by default those of Chrome, Edge, "
    "Firefox and Safari): the server never sends to an address a client chose. When the care team replies to or closes "
    "one of her consultations, each of her browsers gets a notification, encrypted for it (RFC 8291) and in the language "
    "of the request that subscribed; it says only that the team replied and which screen to open, never what was said. "
    "A push service's 404 or 410 removes the subscription. The same id and body again: 200; with other keys: 409; "
    "someone else's id: 404",
    {"200": ok("Already stored", res({"id": UUID, "lang": {"enum": ["vi", "en"]}})),
     "201": ok("Subscribed", res({"id": UUID, "lang": {"enum": ["vi", "en"]}})), **errors(400, 401, 404, 409, 415)},
    body=obj({"endpoint": {"type": "string", "maxLength": 1024},
              "expirationTime": {"type": ["number", "null"]},
              "keys": obj({"p256dh": {"type": "string", "description": "the browser's P-256 public key, base64url"},
                           "auth": {"type": "string", "description": "its 16-byte auth secret, base64url"}},
                          required=["p256dh", "auth"])}, required=["endpoint", "keys"]),
    params=["id"], tags=["consultations"]))
add("/api/v1/push/subscriptions/{id}", "delete", op(
    "Stop notifications to this browser (its owner only; anyone else: 404)", {"204": {"description": "removed"}, **errors(401, 404)},
    params=["id"], tags=["consultations"]))
add("/api/v1/hospital/consultations", "get", op(
    "The clinicians' queue: open consultations of the hospital, those waiting for a reply first, by priority, then "
    "deadline, with minutes left and who holds each (audited)", {"200": ok(schema=ref("Queue")), **errors(401, 404)}, tags=["consultations"]))
add("/api/v1/hospital/reply-templates", "get", op("The hospital's reply templates (its staff)", {"200": ok(schema=ref("ReplyTemplates")), **errors(401, 404)},
                                                  tags=["consultations"]))
add("/api/v1/hospital/reply-templates/{id}", "put", op(
    "Create or replace a reply template (admins)", {"200": ok(schema=ref("ReplyTemplate")), **errors(400, 401, 403, 404, 415)},
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
    {"200": ok(schema=ref("Questions"))}, security=False, tags=["care engine"]))
add("/api/v1/self-care-plans/{plan_id}", "get", op("A self-care plan of the care protocol: steps, timers, what not to do and why",
                                                   {"200": ok(schema=ref("SelfCarePlan")), **errors(400, 404)}, params=["plan_id", "lang"],
                                                   security=False, tags=["care engine"]))
add("/api/v1/mothers/{mother_id}/break-glass", "post", op(
    "Break-glass: a clinician of another hospital reads a mother's record in an emergency, with a reason, for at most "
    "60 minutes (reads only; her consultations stay her hospital's). Every read under it is audited with the outcome "
    "break_glass; her hospital's admins see the grant. Her own hospital's clinicians need none (409)",
    {"201": ok(schema=ref("BreakGlass")), **errors(400, 401, 404, 409, 415)},
    body=obj({"reason": {"type": "string", "minLength": 1, "maxLength": 500},
              "minutes": {"type": "integer", "minimum": 1, "maximum": 60, "default": 60}}, required=["reason"]),
    params=["mother_id"], tags=["hospital"]))
add("/api/v1/hospital/break-glass", "get", op("Admins: break-glass grants on the hospital's mothers, newest first",
                                              {"200": ok(schema=ref("BreakGlassGrants")), **errors(401, 404)}, tags=["hospital"]))
add("/api/v1/hospital/mothers", "get", op("Mothers registered with the clinician's hospital (audited)", {"200": ok(schema=ref("HospitalMothers")), **errors(401, 404)}, tags=["hospital"]))
STAFF = ref("Staff")
add("/api/v1/hospital/staff", "get", op("The hospital's clinicians and administrators (its administrator only)",
                                        {"200": ok(schema=items_of(STAFF)), **errors(401, 404)}, tags=["hospital"]))
add("/api/v1/hospital/staff", "post", op(
    "Invite a staff member: an account without a usable password, and an e-mail with a code (7 days) to choose one "
    "through the forgotten-password path. Audited",
    {"201": ok("Invited", STAFF), **errors(400, 401, 403, 404, 409, 415)},
    body=obj({"email": {"type": "string"}, "display_name": {"type": "string"},
              "role": {"enum": ["clinician", "hospital_admin"]}}, ["email", "display_name", "role"]), tags=["hospital"]))
add("/api/v1/hospital/staff/{user_id}", "post", op(
    "Change a staff member's role, or deactivate (sessions end at once, sign-in refused) or reactivate the account; "
    "not one's own (409). Audited",
    {"200": ok("Changed", STAFF), **errors(400, 401, 403, 404, 409, 415)},
    body=obj({"role": {"enum": ["clinician", "hospital_admin"]}, "active": BOOL}), params=["user_id"], tags=["hospital"]))
add("/api/v1/hospital/staff/{user_id}/password-reset", "post", op(
    "Reset a staff member's password: ends the account's sessions and e-mails a code (24 hours) to choose a new one. Audited",
    {"204": ok("Sent"), **errors(401, 403, 404)}, params=["user_id"], tags=["hospital"]))
add("/api/v1/hospital/audit", "get", op("The audit log of the admin's hospital, newest first, with filters: `from` and `to` "
                                        "(RFC 3339 instants), `action`, `outcome`, `actor` and `subject` (user ids), "
                                        "`limit` (1-500, default 200), `cursor` (the answer's next_cursor). Reading it is audited",
                                        {"200": ok(schema=ref("AuditTrail")), **errors(400, 401, 404)},
                                        params=["audit_from", "audit_to", "audit_action", "audit_outcome", "audit_actor",
                                                "audit_subject", "audit_limit", "cursor"], tags=["hospital"]))

# --- The health library (issue 14) ------------------------------------------------------------
LANGS = ["vi", "en"]
TOPIC_IDS = ["breastfeeding", "breast-problems", "pregnancy", "after-birth", "baby-care", "week-by-week"]
SLUG = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$"}
WEEK = obj({"stage": {"enum": ["pregnancy", "postpartum"]}, "number": {"type": "integer", "minimum": 1, "maximum": 42}},
           ["stage", "number"])
ARTICLE_META_FIELDS = {
    "slug": SLUG, "kind": {"enum": ["article", "week"]}, "topic": {"enum": TOPIC_IDS},
    "audience": {"enum": ["mother", "clinician"]},
    "tags": {"type": "array", "maxItems": 10, "items": {"type": "string", "minLength": 1, "maxLength": 40}},
    "condition": {"type": "string", "description": "a condition of the care protocol whose results link to this article"},
    "related": {"type": "array", "maxItems": 6, "items": SLUG},
    "week": WEEK}
ARTICLE_META = obj(ARTICLE_META_FIELDS, ["slug", "kind", "topic", "audience"])
TEXT = obj({"title": {"type": "string", "minLength": 1, "maxLength": 200},
            "summary": {"type": "string", "minLength": 1, "maxLength": 600},
            "body": {"type": "string", "minLength": 1, "maxLength": 60000, "description": "CommonMark; raw HTML is dropped"}},
           ["title", "summary", "body"])
REFERENCE = obj({"title": {"type": "string", "minLength": 1, "maxLength": 300}, "publisher": {"type": "string", "maxLength": 200},
                 "url": {"type": "string", "pattern": "^https?://", "maxLength": 500}, "accessed": DATE}, ["title", "accessed"])
WEEK_SIZE_IN = obj({"measure": {"enum": ["crown_rump_length", "head_heel_length", "estimated_weight"]},
                   "length_mm": {"type": "number", "minimum": 0.1, "maximum": 700, "description": "required for a length"},
                   "weight_g": {"type": "number", "minimum": 0.1, "maximum": 6000, "description": "required for estimated_weight"},
                   "source": {"type": "string", "minLength": 1, "maxLength": 300}}, ["measure", "source"])
WEEK_SIZE = res({"measure": {"enum": ["crown_rump_length", "head_heel_length", "estimated_weight"]}, "length_mm": NUM,
                 "weight_g": NUM, "source": STR}, optional=("length_mm", "weight_g"))
CONTENT = obj({"texts": obj({"vi": TEXT, "en": TEXT}), "references": {"type": "array", "maxItems": 40, "items": REFERENCE},
               "size": {**WEEK_SIZE_IN, "description": "a week card's baby size: how it was measured and where the figure comes from"}},
              ["texts"])
STORED_META = res(ARTICLE_META_FIELDS, optional=("condition", "week"))
STORED_TEXT = res({"title": STR, "summary": STR, "body": STR, "html": STR})
STORED_REFERENCE = res({"title": STR, "publisher": STR, "url": STR, "accessed": DATE}, optional=("publisher", "url"))
STAFF_BYLINE = res({"id": UUID, "name": STR, "credentials": STR, "role": STR, "bio": STR, "photo": STR})
STATUS = {"enum": ["draft", "in_review", "approved", "published", "superseded"]}
NSTAMP = nullable(STAMP)
DIFF = arr(res({"op": {"enum": [" ", "+", "-"]}, "line": STR}))
PROFILE_TEXTS = res({"vi": STR, "en": STR})
PERSON_BODY = obj({"name": {"type": "string", "minLength": 1, "maxLength": 120}, "credentials": {"type": "string", "maxLength": 200},
                   "photo": {"type": "string", "maxLength": 500, "description": "a path on this site or an https:// address"},
                   "role": obj({"vi": {"type": "string", "maxLength": 120}, "en": {"type": "string", "maxLength": 120}}),
                   "bio": obj({"vi": {"type": "string", "maxLength": 1000}, "en": {"type": "string", "maxLength": 1000}})}, ["name"])
SITE_HEAD = {"hospital": res({"code": STR, "name": STR}),
             "contact": res({"hotline": {"type": ["string", "null"]}, "emergency": STR}),
             "lang": {"enum": LANGS}}
ENTRY = res({"slug": SLUG, "kind": {"enum": ["article", "week"]}, "topic": {"enum": TOPIC_IDS}, "week": nullable(WEEK),
             "title": STR, "summary": STR, "overdue": BOOL})
LIB_RESPONSES = {
    "ArticleVersion": res({
        "number": INT, "status": STATUS, "created_at": STAMP, "next_review_due": nullable(DATE),
        "review_note": {"type": ["string", "null"]}, "reviewed_languages": arr({"enum": LANGS}),
        "submitted_at": NSTAMP, "reviewed_at": NSTAMP, "published_at": NSTAMP, "superseded_at": NSTAMP,
        "author": nullable(STAFF_BYLINE), "reviewer": nullable(STAFF_BYLINE),
        "content": res({"texts": res({"vi": STORED_TEXT, "en": STORED_TEXT}, optional=("vi", "en")),
                        "references": arr(STORED_REFERENCE), "size": WEEK_SIZE}, optional=("size",)),
        "meta": STORED_META}, optional=("content", "meta")),
    "ArticleList": res({"items": arr(res({"slug": SLUG, "meta": STORED_META, "versions": arr(ref("ArticleVersion")),
                                          "title": {"type": ["string", "null"]}, "published": {"type": ["integer", "null"]},
                                          "overdue": BOOL})),
                        "overdue": INT, "today": DATE}),
    "ArticleCreated": res({"slug": SLUG, "meta": STORED_META, "version": ref("ArticleVersion")}),
    "ArticleMeta": res({"slug": SLUG, "meta": STORED_META}),
    "ArticleDiff": res({"from": INT, "to": INT,
                        "texts": res({l: res({"title": DIFF, "summary": DIFF, "body": DIFF}) for l in LANGS}),
                        "references": DIFF}),
    "LibraryPerson": res({"id": UUID, "name": STR, "credentials": STR, "photo": STR, "role": PROFILE_TEXTS,
                          "bio": PROFILE_TEXTS, "is_me": BOOL}, optional=("is_me",)),
    "LibraryPeople": items_of(ref("LibraryPerson")),
    "LibraryPage": res({
        **SITE_HEAD, "slug": SLUG, "kind": {"enum": ["article", "week"]}, "topic": res({"id": STR, "name": STR}),
        "tags": arr(STR), "audience": {"enum": ["mother", "clinician"]}, "condition": {"type": ["string", "null"]},
        "week": nullable(WEEK), "languages": arr({"enum": LANGS}), "title": STR, "summary": STR,
        "html": {"type": "string", "description": "the body as safe HTML (CommonMark, raw HTML dropped)"},
        "references": arr(res({"n": INT, "title": STR, "publisher": STR, "url": STR, "accessed": DATE}, optional=("publisher", "url"))),
        "size": nullable(WEEK_SIZE),
        "version": res({"number": INT, "latest": {"type": ["integer", "null"]}, "is_latest": BOOL}),
        "versions": arr(res({"number": INT, "published_at": DATE, "current": BOOL})),
        "published_at": DATE, "last_reviewed": DATE, "next_review_due": DATE, "overdue": BOOL,
        "translation_reviewed": {"type": "boolean", "description": "false: this language was not clinically reviewed for this version"},
        "reviewed_languages": arr({"enum": LANGS}),
        "author": nullable(STAFF_BYLINE), "reviewer": nullable(STAFF_BYLINE), "related": arr(ENTRY),
        "questions": arr(ref("ReaderQuestion"))}),
    "LibraryIndex": res({**SITE_HEAD, "topics": arr(res({"id": STR, "name": STR, "count": INT})),
                         "topic": nullable(res({"id": STR, "name": STR})), "items": arr(ENTRY)}),
    "LibraryAuthor": res({**SITE_HEAD, "person": STAFF_BYLINE, "wrote": arr(ENTRY), "reviewed": arr(ENTRY)}),
    "MotherWeek": res({
        "today": DATE, "stage": {"enum": ["pregnancy", "postpartum", None]},
        "weeks": {"type": ["integer", "null"], "description": "completed weeks of pregnancy, or since the birth"},
        "days": {"type": ["integer", "null"]}, "day_count": {"type": ["integer", "null"]},
        "dated_from": {"enum": ["due_date", "last_period", "birth", None]},
        "due_date": nullable(DATE), "card_week": {"type": ["integer", "null"]},
        "card": nullable(res({"hospital": STR, "slug": SLUG, "version": INT, "lang": {"enum": LANGS}, "title": STR,
                              "summary": STR, "size": nullable(WEEK_SIZE)})),
        "pause": nullable(res({"reason": {"enum": ["pregnancy_loss", "hospital_stay", "break"]}, "since": STAMP},
                              description="one tap paused her care: no card while it lasts")),
        "loss": {"type": "boolean", "description": "a pregnancy loss: no pregnancy or baby content"},
        "programme": nullable(res({
            "id": UUID, "status": {"enum": ["submitted", "needs_info", "confirmed", "withdrawn"]},
            "outcome": {"enum": ["birth", "loss", None]}, "staff_note": nullable(STR),
            "next": nullable(res({"name": NAMES, "from": DATE, "to": DATE, "status": {"enum": ["upcoming", "due", "booked"]},
                                  "service_id": nullable(UUID),
                                  "booking": nullable(res({"id": UUID, "start": STAMP, "status": BOOKING_STATUS}))})),
            "postnatal": arr(res({"kind": {"enum": ["discharge", "reexamination_mother", "reexamination_baby"]},
                                  "id": UUID, "start": STAMP, "provider": STR}))},
            description="her registration with the hospital: its state, her next antenatal contact, the visits the birth booked"))}),
    "ReaderQuestions": res({"items": arr(ref("ReaderQuestion")), "mine": arr(ref("ReaderQuestion"))}),
    "ReaderQuestion": res({"id": UUID, "text": STR, "asked_at": STAMP,
                           "answer": nullable(res({"text": STR, "by": res({"name": STR, "role": STR}), "answered_at": STAMP})),
                           "status": {"enum": ["pending", "approved", "rejected", "spam"]},
                           "reason": {"type": ["string", "null"], "description": "why it was rejected: only she and the staff see it"},
                           "article": SLUG, "moderated_at": NSTAMP},
                          optional=("status", "reason", "article", "moderated_at")),
    "AskedQuestion": res({"status": {"enum": ["pending", "held"]}, "question": ref("ReaderQuestion"),
                          "reasons": arr({"enum": ["fever", "pus", "blood", "lump", "baby_not_feeding", "personal_health", "contact_details"]}),
                          "consultation": res({"message": STR})}, optional=("question", "reasons", "consultation")),
    "QuestionQueue": items_of(ref("ReaderQuestion")),
    "LibrarySearch": res({**SITE_HEAD, "query": STR,
                          "items": arr(res({"slug": SLUG, "title": STR, "summary": STR, "snippet": STR, "score": NUM}))}),
}
LIB = ["library"]
A = "/api/v1/hospital/articles"
add(A, "get", op("The hospital's articles and week cards with every version's state, and which are overdue for review (staff)",
                 {"200": ok(schema=ref("ArticleList")), **errors(401, 404)}, tags=LIB))
add(A, "post", op("A new article with its first draft, written by the caller (staff). Audited",
                  {"201": ok(schema=ref("ArticleCreated")), **errors(400, 401, 404, 409, 415)},
                  body={**ARTICLE_META, "properties": {**ARTICLE_META["properties"], "content": CONTENT},
                        "required": ARTICLE_META["required"] + ["content"]}, tags=LIB))
add(A + "/{slug}", "put", op("Change an article's topic, tags, audience, condition or related articles (not its slug or kind). Audited",
                             {"200": ok(schema=ref("ArticleMeta")), **errors(400, 401, 404, 415)}, body=ARTICLE_META,
                             params=["slug"], tags=LIB))
add(A + "/{slug}/versions", "post", op("A new draft; 409 while another version is still draft, in review or approved. Audited",
                                       {"201": ok(schema=ref("ArticleVersion")), **errors(400, 401, 404, 409, 415)},
                                       body=CONTENT, params=["slug"], tags=LIB))
add(A + "/{slug}/versions/{number}", "get", op("One version with its content and rendered HTML (staff)",
                                               {"200": ok(schema=ref("ArticleVersion")), **errors(401, 404)},
                                               params=["slug", "number"], tags=LIB))
add(A + "/{slug}/versions/{number}", "put", op("Rewrite a draft; 409 for any other status (what was approved never changes). Audited",
                                               {"200": ok(schema=ref("ArticleVersion")), **errors(400, 401, 404, 409, 415)},
                                               body=CONTENT, params=["slug", "number"], tags=LIB))
add(A + "/{slug}/versions/{number}/{action}", "post", op(
    "Move a version through the review: `submit` (draft), `return` with {note} (in review, back to draft), `approve` with "
    "{languages, next_review_due?} (in review; a clinician who did not write it, else 403; the next review at most 3 years "
    "on, 3 years by default), `publish` (approved; the version before it is superseded and stays readable). 409 for a "
    "step the state does not allow. Audited",
    {"200": ok(schema=ref("ArticleVersion")), **errors(400, 401, 403, 404, 409, 415)},
    body=obj({"note": {"type": "string", "maxLength": 1000}, "languages": {"type": "array", "items": {"enum": LANGS}},
              "next_review_due": DATE}),
    params=["slug", "number", "action"], tags=LIB))
add(A + "/{slug}/diff", "get", op("Line-by-line differences between two versions' texts and references (staff)",
                                  {"200": ok(schema=ref("ArticleDiff")), **errors(400, 401, 404)},
                                  params=["slug", "diff_from", "diff_to"], tags=LIB))
add("/api/v1/hospital/people", "get", op("The bylines of the hospital's writers and reviewers (staff)",
                                         {"200": ok(schema=ref("LibraryPeople")), **errors(401, 404)}, tags=LIB))
add("/api/v1/hospital/people/{person_id}", "put", op(
    "Set a byline: `me` for one's own, or (an administrator) anyone's: name, credentials, role and bio in both languages, photo. Audited",
    {"200": ok(schema=ref("LibraryPerson")), **errors(400, 401, 403, 404, 415)}, body=PERSON_BODY, params=["person_id"], tags=LIB))
Q = "/api/v1/library/{hospital}/articles/{slug}/questions"
add(Q, "get", op("The approved questions under a published article with their answers (the answerer's name and role; never who "
                 "asked), and in `mine` what the signed-in mother asked there, with its state and a rejection's reason",
                 {"200": ok(schema=ref("ReaderQuestions")), **errors(400, 404)}, params=["hospital", "slug", "lang"],
                 security=False, tags=LIB))
add(Q, "post", op(
    "A signed-in mother of the hospital asks under a published article (plain text, 10-1000 characters). 201: it waits for "
    "moderation. 200 with status `held`: it carries warning words (fever, pus, blood, a lump, a baby not feeding) or personal "
    "details and is not stored; `consultation.message` is her text for a private consultation. At most 5 an hour (429)",
    {"200": ok("Held: offered a private consultation", ref("AskedQuestion")), "201": ok("Waiting for moderation", ref("AskedQuestion")),
     **errors(400, 401, 403, 404, 415, 429)},
    body=obj({"text": {"type": "string", "minLength": 10, "maxLength": 1000}}, ["text"]),
    params=["hospital", "slug"], tags=LIB))
add("/api/v1/hospital/questions", "get", op("The moderation queue: the hospital's questions (pending by default), oldest first (staff)",
                                            {"200": ok(schema=ref("QuestionQueue")), **errors(400, 401, 404)},
                                            params=["question_status", "lang"], tags=LIB))
add("/api/v1/hospital/questions/{question_id}/{action}", "post", op(
    "Moderate a question: `approve`, `reject` with {reason} (only the asker sees it), `spam`; or `answer` with {text} (a "
    "clinician, on an approved question; answering again replaces it). 409 for a question already in that state. Audited",
    {"200": ok(schema=ref("ReaderQuestion")), **errors(400, 401, 403, 404, 409, 415)},
    body=obj({"reason": {"type": "string", "maxLength": 500}, "text": {"type": "string", "maxLength": 4000}}),
    params=["question_id", "question_action", "lang"], tags=LIB))
add(f"{M}/week", "get", op(
    "Where the mother is on one chained clock, counted in her own calendar day: weeks and days of pregnancy from her "
    "profile's due_date (or last_period_date: due date = that + 280 days; 186 days is 26 weeks 4 days), then, from "
    "baby_birth_date (or delivery_date), days and weeks after the birth (week N holds days 7(N-1) to 7N-1); and her "
    "hospital's published card for that week (pregnancy weeks 4-42, postpartum weeks 1-12), null outside them",
    {"200": ok(schema=ref("MotherWeek")), **errors(400, 401, 404)}, params=["mother_id", "lang"], tags=LIB))
P = "/api/v1/library/{hospital}"
add(P + "/articles", "get", op("The hospital's published pages in a language (of one topic, with `topic`), and its topics",
                               {"200": ok(schema=ref("LibraryIndex")), **errors(400, 404)}, params=["hospital", "lang", "topic"],
                               security=False, tags=LIB))
add(P + "/articles/{slug}", "get", op(
    "A published article (or, with `version`, one of its earlier published versions) as its page shows it; 404 for "
    "anything unpublished or not written in `lang`", {"200": ok(schema=ref("LibraryPage")), **errors(400, 404)},
    params=["hospital", "slug", "lang", "version"], security=False, tags=LIB))
add(P + "/search", "get", op(
    "Search the published pages: diacritics optional (\"tac tia sua\" finds \"tắc tia sữa\", \"dau\" finds \"đau\"), every word "
    "must match, the last as a prefix (search as she types); hits with her diacritics and in titles first",
    {"200": ok(schema=ref("LibrarySearch")), **errors(400, 404)}, params=["hospital", "lang", "q", "search_limit"],
    security=False, tags=LIB))
add(P + "/people/{person_id}", "get", op("A writer's or reviewer's byline with the pages she wrote or reviewed",
                                         {"200": ok(schema=ref("LibraryAuthor")), **errors(400, 404)},
                                         params=["hospital", "person_id", "lang"], security=False, tags=LIB))
HTML = {"description": "a complete HTML page (no JavaScript needed; the app's Content-Security-Policy)",
        "content": {"text/html": {"schema": {"type": "string"}}}}
NOT_FOUND_PAGE = {"description": "an HTML page saying it was not found", "content": {"text/html": {"schema": {"type": "string"}}}}
for path, summary, params in [
        ("/library/{hospital}/{lang}", "The library's home: topics and every published page", ["hospital", "page_lang"]),
        ("/library/{hospital}/{lang}/search", "Search results for `q` (not indexed)", ["hospital", "page_lang", "q"]),
        ("/library/{hospital}/{lang}/topics/{topic}", "One topic's pages", ["hospital", "page_lang", "topic_path"]),
        ("/library/{hospital}/{lang}/people/{person}", "A writer's or reviewer's page", ["hospital", "page_lang", "person"]),
        ("/library/{hospital}/{lang}/{slug}", "An article page: byline, reviewer, review dates, notices, numbered "
         "references, related pages, MedicalWebPage JSON-LD, canonical and hreflang links", ["hospital", "page_lang", "slug"]),
        ("/library/{hospital}/{lang}/{slug}/versions/{number}", "An earlier published version of an article (noindex)",
         ["hospital", "page_lang", "slug", "number"])]:
    add(path, "get", op(summary, {"200": HTML, "404": NOT_FOUND_PAGE}, params=params, security=False, tags=LIB))
add("/sitemap.xml", "get", op("Every published page of every hospital in each of its languages, with hreflang alternates",
                              {"200": {"description": "sitemaps.org XML", "content": {"application/xml": {"schema": STR}}}},
                              security=False, tags=LIB))
add("/robots.txt", "get", op("Crawling rules and the sitemap's address",
                             {"200": {"description": "robots.txt", "content": {"text/plain": {"schema": STR}}}},
                             security=False, tags=LIB))
add("/library/assets/library.css", "get", op("The library pages' stylesheet",
                                             {"200": {"description": "CSS", "content": {"text/css": {"schema": STR}}}},
                                             security=False, tags=LIB))

# --- the maternity programme (docs/maternity.md) ---
MAT = ["maternity"]
MAT_SCHEMAS = {}
BI_IN = obj({"vi": {"type": "string", "minLength": 1, "maxLength": 200}, "en": {"type": "string", "minLength": 1, "maxLength": 200}}, ["vi", "en"])
GEST_IN = {"type": "string", "pattern": "^[0-9]{1,2}(\\+[0-6])?$", "description": "weeks+days of pregnancy: 11+0, 36"}
GEST = {"type": "string", "pattern": "^[0-9]{1,2}\\+[0-6]$", "description": "weeks+days of pregnancy"}
SCODE = {"type": "string", "pattern": "^[a-z0-9_-]{1,40}$"}
APPLIES = {"enum": ["all", "singleton", "multiple"]}
MAT_SETTINGS = obj({
    "antenatal_schedule": {"type": "array", "maxItems": 60, "items": obj({
        "code": SCODE, "name": BI_IN, "from": GEST_IN, "to": GEST_IN, "every_days": {"type": "integer", "minimum": 1, "maximum": 28},
        "service_code": SCODE, "applies_to": APPLIES}, ["code", "name", "from", "to"])},
    "birth_file": obj({"from": GEST_IN, "checklist": {"type": "array", "maxItems": 40, "items": obj({"code": SCODE, "label": BI_IN}, ["code", "label"])}},
                      ["from", "checklist"]),
    "postnatal": obj({"discharge_service": SCODE, "reexamination_day": {"type": "integer", "minimum": 1, "maximum": 42},
                      "reexamination_mother_service": SCODE, "reexamination_baby_service": SCODE}, ["reexamination_day"])},
    ["antenatal_schedule", "birth_file", "postnatal"])
MAT_SETTINGS_OUT = res({
    "antenatal_schedule": arr(res({"code": STR, "name": NAMES, "from": GEST, "to": GEST, "every_days": INT, "service_code": STR,
                                   "applies_to": APPLIES}, optional=("every_days", "service_code"))),
    "birth_file": res({"from": GEST, "checklist": arr(res({"code": STR, "label": NAMES}))}),
    "postnatal": res({"discharge_service": STR, "reexamination_day": INT, "reexamination_mother_service": STR,
                      "reexamination_baby_service": STR},
                     optional=("discharge_service", "reexamination_mother_service", "reexamination_baby_service"))})
ENT_KINDS = {"enum": ["antenatal_visit", "scan", "test", "class", "room", "consultation", "reexamination", "vaccination", "other"]}
VND = {"type": "integer", "minimum": 0, "maximum": 10000000000, "description": "đồng"}
PACKAGE_IN = obj({
    "code": SCODE, "kind": {"enum": ["antenatal", "birth", "stay"]}, "name": BI_IN,
    "summary": obj({"vi": {"type": "string", "minLength": 1, "maxLength": 2000}, "en": {"type": "string", "minLength": 1, "maxLength": 2000}}, ["vi", "en"]),
    "price_vnd": VND, "deposit_vnd": VND,
    "entitlements": {"type": "array", "maxItems": 40, "items": obj({
        "kind": ENT_KINDS, "label": BI_IN, "count": {"type": "integer", "minimum": 1, "maximum": 100},
        "service_codes": {"type": "array", "maxItems": 20, "items": SCODE, "description": "the bookable services that use it"},
        "beds": {"type": "integer", "minimum": 1, "maximum": 8, "description": "a room's beds"},
        "nights": {"type": "integer", "minimum": 1, "maximum": 30}}, ["kind", "label", "count"])},
    "excluded": {"type": "array", "maxItems": 40, "items": BI_IN}, "active": {"type": "boolean", "default": True}},
    ["code", "kind", "name", "price_vnd", "entitlements"])
PACKAGE = res({
    "id": UUID, "code": STR, "kind": {"enum": ["antenatal", "birth", "stay"]}, "name": NAMES, "summary": NAMES, "price_vnd": INT,
    "deposit_vnd": INT, "entitlements": arr(res({"kind": ENT_KINDS, "label": NAMES, "count": INT, "service_codes": arr(STR), "beds": INT,
                                                  "nights": INT, "used": {"type": "integer", "description": "in her file: how many she used"}},
                                                 optional=("beds", "nights", "used"))),
    "excluded": arr(NAMES), "active": BOOL, "version": {"type": "integer", "description": "this version"},
    "current_version": INT, "updated_at": STAMP}, optional=("summary",), description="a package as entitlements, one version of it")
REG_IN = obj({
    "due_date": DATE, "last_period_date": DATE,
    "scan": obj({"date": DATE, "gestation": GEST_IN}, ["date", "gestation"]),
    "fetuses": {"type": "integer", "minimum": 1, "maximum": 4, "default": 1},
    "package_id": UUID, "preferred_provider_id": UUID,
    "contact": obj({"phone": PHONE, "email": {"type": "string", "maxLength": 254}}, ["phone"]),
    "consent": obj({"programme": {"const": True}, "version": {"type": "string", "maxLength": 60}}, ["programme", "version"]),
    "note": {"type": "string", "maxLength": 1000}}, ["package_id", "contact", "consent"])
REG = res({"due_date": DATE, "last_period_date": DATE, "scan": res({"date": DATE, "gestation": GEST}), "fetuses": INT,
           "package_id": UUID, "preferred_provider_id": UUID, "contact": res({"phone": STR, "email": STR}, optional=("email",)),
           "consent": res({"programme": {"const": True}, "version": STR}), "note": STR},
          optional=("due_date", "last_period_date", "scan", "preferred_provider_id", "note"))
PREG_STATUS = {"enum": ["submitted", "needs_info", "confirmed", "withdrawn"]}
OUTCOME = {"enum": ["birth", "loss", None]}
CONTACT_STATUS = {"enum": ["upcoming", "due", "booked", "done", "missed", "before_registration"]}
MAT_SCHEMAS["MaternitySettings"] = MAT_SETTINGS_OUT
BIRTH_IN = obj({"born_at": STAMP, "mode": {"enum": ["vaginal", "assisted", "caesarean"]},
                "babies": {"type": "array", "minItems": 1, "maxItems": 4, "items": obj(
                    {"name": {"type": "string", "maxLength": 100}, "sex": {"enum": ["female", "male"]},
                     "weight_g": {"type": "integer", "minimum": 300, "maximum": 7000}}, ["weight_g"])},
                "note": {"type": "string", "maxLength": 1000}}, ["born_at", "mode", "babies"])
POSTNATAL_BOOKING = {"anyOf": [res({"id": UUID, "start": STAMP, "service": NAMES, "provider": STR}),
                               res({"unscheduled": {"enum": ["no_service", "no_free_time"]}})]}
MAT_SCHEMAS["RecordedBirth"] = res({
    "request": res({"born_at": STAMP, "mode": {"enum": ["vaginal", "assisted", "caesarean"]},
                    "babies": arr(res({"name": STR, "sex": STR, "weight_g": INT}, optional=("name", "sex"))), "note": STR},
                   optional=("note",)),
    "request_hash": STR, "recorded_at": STAMP, "gestation": GEST,
    "babies": arr(res({"infant_id": UUID, "weight_g": INT, "name": STR, "sex": STR}, optional=("name", "sex"))),
    "bookings": res({"discharge": POSTNATAL_BOOKING,
                     "reexamination": {"anyOf": [res({"mother": POSTNATAL_BOOKING, "baby": POSTNATAL_BOOKING}),
                                                 res({"unscheduled": {"enum": ["no_service", "no_free_time"]}})]}})},
    description="the birth her hospital recorded, the babies it put in her log and the postnatal bookings it made")
MAT_SCHEMAS["Package"] = PACKAGE
MAT_SCHEMAS["PregnancyFile"] = res({
    "id": UUID, "status": PREG_STATUS, "outcome": OUTCOME, "staff_note": nullable(STR), "registration": REG, "today": DATE,
    "dating": res({"due_date": DATE, "dated_from": {"enum": ["scan", "due_date", "last_period", None]},
                   "difference_days": nullable(INT), "margin_days": nullable(INT)},
                  description="the due date she is dated by; a dating scan wins beyond ACOG CO 700's margin for its age"),
    "stage": nullable(res({"weeks": INT, "days": INT, "day_count": INT})),
    "package": ref("Package"),
    "contacts": arr(res({"code": STR, "name": NAMES, "from": DATE, "to": DATE, "from_gestation": GEST, "to_gestation": GEST,
                         "status": CONTACT_STATUS, "booking": nullable(res({"id": UUID, "start": STAMP, "status": BOOKING_STATUS})),
                         "service_id": nullable(UUID),
                         "reminder": nullable(res({"at": STAMP, "status": {"type": "string", "enum": ["pending", "sending", "sent", "failed", "cancelled"]}},
                                                  description="Tia's reminder of this contact, when its window opens (08:00 the hospital's time, "
                                                              "by e-mail and by text to her registered phone); null when none is queued"))})),
    "birth_file_opens": DATE,
    "birth_file": nullable(res({"opened_at": STAMP, "checklist": arr(res({"code": STR, "label": NAMES, "done_at": NSTAMP}))})),
    "deposits": arr(res({"amount_vnd": INT, "method": {"enum": ["cash", "card", "transfer"]}, "reference": STR, "recorded_at": STAMP})),
    "deposit_paid_vnd": INT, "birth": nullable(ref("RecordedBirth")), "created_at": STAMP, "version": INT},
    description="her registered pregnancy as she and her hospital's staff see it")
add("/api/v1/hospital/maternity", "get", op("The maternity programme's settings: the antenatal schedule template, the birth file's "
                                            "checklist, postnatal care (the default until an administrator saves its own; staff)",
                                            {"200": ok(schema=ref("MaternitySettings")), **errors(401, 404)}, tags=MAT))
add("/api/v1/hospital/maternity", "put", op("Set the programme's settings (administrators)",
                                            {"200": ok(schema=ref("MaternitySettings")), **errors(400, 401, 403, 404, 415)},
                                            body=MAT_SETTINGS, tags=MAT))
add("/api/v1/packages", "get", op("The hospital's packages, current versions (staff: all; a mother: the active ones)",
                                  {"200": ok(schema=items_of(ref("Package"))), **errors(401, 404)}, params=["lang"], tags=MAT))
add("/api/v1/packages/{code}", "get", op("A package's current version, or an earlier `version`",
                                         {"200": ok(schema=ref("Package")), **errors(400, 401, 404)},
                                         params=["package_code", "version"], tags=MAT))
add("/api/v1/packages/{code}", "put", op(
    "Create a package, or add a version when the body changes it (administrators). A mother's registration keeps the version "
    "she chose", {"200": ok(schema=ref("PackagePut")), "201": ok("Created", ref("PackagePut")),
                  **errors(400, 401, 403, 404, 415)}, body=PACKAGE_IN, params=["package_code"], tags=MAT))
MAT_SCHEMAS["PackagePut"] = res({"package": ref("Package"), "created": BOOL, "changed": BOOL})
add(f"{M}/pregnancy", "get", op("Her registered pregnancy: dating, package with what is used, antenatal contacts with her bookings, "
                                "birth file and deposits (she, or her hospital's staff: audited); null when she has none",
                                {"200": ok(schema=nullable(ref("PregnancyFile"))), **errors(401, 404)}, params=["mother_id"], tags=MAT))
add(f"{M}/pregnancy", "put", op(
    "Register online (201), or amend until the hospital confirms (200; an amendment after the hospital asked for more sends it "
    "back). The same body again changes nothing; 409 once confirmed. Only the mother herself (403 for others who see her record)",
    {"200": ok(schema=ref("PregnancyFile")), "201": ok("Registered", ref("PregnancyFile")), **errors(400, 401, 403, 404, 409, 415)},
    body=REG_IN, params=["mother_id"], tags=MAT))
add(f"{M}/pause", "post", op(
    "One tap (the mother): `pregnancy_loss`, `hospital_stay` or `break`. Her pending reminders stop, her class places ahead "
    "are given up, and her app shows support instead of pregnancy and baby content; a loss ends an open registration and no "
    "week card shows for that pregnancy again. A second tap answers the pause there is",
    {"200": ok(schema=res({"pause": res({"reason": {"enum": ["pregnancy_loss", "hospital_stay", "break"]}, "since": STAMP})})),
     **errors(400, 401, 403, 404, 415)},
    body=obj({"reason": {"enum": ["pregnancy_loss", "hospital_stay", "break"]}}, ["reason"]), params=["mother_id"], tags=MAT))
add(f"{M}/resume", "post", op("End the pause (the mother); nothing to end answers the same",
                              {"200": ok(schema=res({"pause": {"type": "null"}})), **errors(401, 403, 404)},
                              params=["mother_id"], tags=MAT))
add("/api/v1/pregnancies", "get", op(
    "Registrations (staff): due in `month`, or every open one and those that ended in the last 30 days; each read is audited",
    {"200": ok(schema=items_of(res({"id": UUID, "mother": res({"id": STR, "name": STR}), "status": PREG_STATUS, "outcome": OUTCOME,
                                   "due_date": DATE, "gestation": nullable(GEST),
                                   "package": res({"code": STR, "name": {}, "version": INT}),
                                   "birth_file_open": BOOL, "birth_file_due": BOOL, "created_at": STAMP}))),
     **errors(400, 401, 404)}, params=["month"], tags=MAT))
add("/api/v1/pregnancies/{pregnancy_id}/{action}", "post", op(
    "Staff act on a registration: `confirm`; `ask` {note} for more (she sees the note); `deposit` {amount_vnd, method} (the "
    "deposit gateway gives the reference); `open_birth_file` (from the settings' week, 36+0 by default); `check` {code, done} "
    "a line of the birth file's checklist; `birth` {born_at, mode, babies [{name?, sex?, weight_g}]}: once — the babies "
    "go into her log with their birth weight, the registration ends with the birth and her app switches to the weeks after it, "
    "and the discharge nutrition and breastfeeding consultation and the re-examination of mother and baby (two providers, one "
    "start, on the settings' day) are booked; the same body again answers as the first time, another is 409. Audited",
    {"200": ok(schema=ref("PregnancyFile")), **errors(400, 401, 403, 404, 409, 415)},
    body={"anyOf": [obj({"note": {"type": "string", "maxLength": 1000}, "amount_vnd": {"type": "integer", "minimum": 1},
                         "method": {"enum": ["cash", "card", "transfer"]}, "code": STR, "done": BOOL}), BIRTH_IN]},
    params=["pregnancy_id", "pregnancy_action"], tags=MAT))
SESSION_IN = obj({"title": BI_IN, "start": STAMP, "end": STAMP, "room_seats": {"type": "integer", "minimum": 0, "maximum": 500},
                  "online_seats": {"type": "integer", "minimum": 0, "maximum": 500, "default": 0},
                  "min_to_run": {"type": "integer", "minimum": 0, "maximum": 500, "default": 0},
                  "place": {"type": "string", "maxLength": 200}, "leader": {"type": "string", "maxLength": 200},
                  "online_url": {"type": "string", "maxLength": 500, "pattern": "^https://", "description": "needed for seats online"}},
                 ["title", "start", "end", "room_seats"])
COURSE_IN = obj({"title": BI_IN, "number": {"type": "string", "maxLength": 20}, "description": BI_IN,
                 "audience": {"enum": ["pregnancy", "postpartum", "all"], "default": "pregnancy"},
                 "cohort": obj({"due_from": DATE, "due_to": DATE}, ["due_from", "due_to"]),
                 "companions_allowed": {"type": "integer", "minimum": 0, "maximum": 3, "default": 1},
                 "waitlist_limit": {"type": "integer", "minimum": 0, "maximum": 500, "default": 30},
                 "sessions": {"type": "array", "minItems": 1, "maxItems": 20, "items": SESSION_IN}},
                ["title", "sessions"])
POOL = {"enum": ["room", "online"]}
MAT_SCHEMAS["Course"] = res({
    "id": UUID, "title": NAMES, "number": STR, "description": NAMES, "audience": {"enum": ["pregnancy", "postpartum", "all"]},
    "cohort": res({"due_from": DATE, "due_to": DATE}), "companions_allowed": INT, "waitlist_limit": INT,
    "status": {"enum": ["open", "cancelled"]}, "starts_at": nullable(STAMP), "started": BOOL,
    "sessions": arr(res({"seq": INT, "title": NAMES, "start": STAMP, "end": STAMP, "place": STR, "leader": nullable(STR),
                         "status": {"enum": ["scheduled", "cancelled"]}, "room_seats": INT, "online_seats": INT,
                         "room_left": INT, "online_left": INT, "min_to_run": INT, "below_minimum": BOOL,
                         "online_url": {"type": ["string", "null"], "description": "a mother: only for her seat online; staff: as set"},
                         "mine": nullable(res({"status": {"enum": ["seated", "waiting"]}, "pool": POOL, "seats": INT,
                                               "attended": nullable(BOOL)}))})),
    "eligible": {"type": "boolean", "description": "a mother: her due date is in the cohort"},
    "enrolment": nullable(res({"id": UUID, "mode": POOL, "companions": INT, "companion_name": nullable(STR)}))},
    optional=("number", "description", "cohort", "eligible", "enrolment"),
    description="a course (a class is a course of one session) with seats per session and pool")
ROSTER_PERSON = res({"enrolment_id": UUID, "mother": res({"id": STR, "name": STR}), "pool": POOL, "seats": INT,
                     "companions": INT, "companion_name": nullable(STR), "attended": nullable(BOOL)})
MAT_SCHEMAS["Roster"] = res({
    "course": res({"id": UUID, "title": NAMES}), "seq": INT, "title": NAMES, "start": STAMP, "end": STAMP, "place": STR,
    "status": {"enum": ["scheduled", "cancelled"]}, "room": res({"seats": INT, "taken": INT}),
    "online": res({"seats": INT, "taken": INT}), "min_to_run": INT, "below_minimum": BOOL,
    "seated": arr(ROSTER_PERSON), "waiting": arr(ROSTER_PERSON)})
add("/api/v1/hospital/courses/{course_id}", "put", op(
    "Create or edit a course and its sessions (administrators). Once anyone enrolled the sessions stay the same in number "
    "and no pool shrinks below its seated seats (409); moved times move the reminders; added seats seat the waitlist",
    {"200": ok(schema=ref("CoursePut")), "201": ok("Created", ref("CoursePut")), **errors(400, 401, 403, 404, 409, 415)},
    body=COURSE_IN, params=["course_id"], tags=MAT))
MAT_SCHEMAS["CoursePut"] = res({"course": ref("Course"), "created": BOOL})
add("/api/v1/courses", "get", op("The hospital's open courses with seats left per session and pool (a mother: her cohort and "
                                 "enrolment)", {"200": ok(schema=items_of(ref("Course"))), **errors(401, 404)}, tags=MAT))
add("/api/v1/courses/{course_id}", "get", op("One course", {"200": ok(schema=ref("Course")), **errors(401, 404)},
                                            params=["course_id"], tags=MAT))
add("/api/v1/courses/{course_id}/enrolment", "put", op(
    "Enrol once in the whole course (a mother): each session seats her — in the room she and each companion take a seat; "
    "online one screen — or puts her on that session's waitlist. 409 once the course started, outside its cohort, or when a "
    "session and its waitlist are full (nothing stored). The same body again answers 200",
    {"200": ok(schema=ref("Course")), "201": ok("Enrolled", ref("Course")), **errors(400, 401, 403, 404, 409, 415)},
    body=obj({"mode": POOL, "companions": {"type": "integer", "minimum": 0, "maximum": 3, "default": 0},
              "companion_name": {"type": "string", "maxLength": 100}}, ["mode"]),
    params=["course_id"], tags=MAT))
add("/api/v1/courses/{course_id}/enrolment/cancel", "post", op(
    "Give up her places (or one session's, with `session`). A freed seat goes to that session's waitlist in order, only "
    "while the course has not started", {"200": ok(schema=ref("Course")), **errors(400, 401, 404, 409, 415)},
    body=obj({"session": {"type": "integer", "minimum": 1, "maximum": 20}}), params=["course_id"], tags=MAT))
add("/api/v1/courses/{course_id}/calendar.ics", "get", op(
    "Her sessions as iCalendar: CONFIRMED when seated, TENTATIVE on the waitlist, CANCELLED when given up or cancelled",
    {"200": ICS, **errors(401, 404)}, params=["course_id", "lang"], tags=MAT))
SES = "/api/v1/hospital/courses/{course_id}/sessions/{seq}"
add(SES + "/roster", "get", op("A session's roster: seated people with companions and attendance, the waitlist, seats per "
                               "pool and whether it reaches its minimum (staff; each person listed is an audited read)",
                               {"200": ok(schema=ref("Roster")), **errors(400, 401, 404)}, params=["course_id", "seq"], tags=MAT))
add(SES + "/sign-in-sheet", "get", op("The roster as a printable sign-in sheet (staff; audited like the roster)",
                                      {"200": HTML, **errors(400, 401, 404)}, params=["course_id", "seq", "lang"], tags=MAT))
add(SES + "/attendance", "post", op("Mark attendance of seated people (staff; audited)",
                                    {"200": ok(schema=ref("Roster")), **errors(400, 401, 404, 409, 415)},
                                    body=obj({"items": {"type": "array", "maxItems": 500, "items": obj(
                                        {"enrolment_id": UUID, "attended": BOOL}, ["enrolment_id", "attended"])}}, ["items"]),
                                    params=["course_id", "seq"], tags=MAT))
add(SES + "/cancel", "post", op("Cancel a session (staff, with a reason): its reminders stop and the people seated are told",
                                {"200": ok(schema=ref("Roster")), **errors(400, 401, 404, 409, 415)},
                                body=obj({"reason": {"type": "string", "minLength": 1, "maxLength": 500}}, ["reason"]),
                                params=["course_id", "seq"], tags=MAT))
for path, summary, params in [
        ("/library/{hospital}/{lang}/packages", "The hospital's maternity packages: price, deposit, what is included and what is not",
         ["hospital", "page_lang"]),
        ("/library/{hospital}/{lang}/packages/{code}", "One package's page", ["hospital", "page_lang", "package_code"])]:
    add(path, "get", op(summary, {"200": HTML, "404": NOT_FOUND_PAGE}, params=params, security=False, tags=MAT))

KINDS = {"infants": "infant", "feeds": "feed", "pumps": "pump", "breast-checks": "breast_check",
         "temperatures": "temperature", "care-actions": "care_action", "nappies": "nappy",
         "infant-concerns": "infant_concern", "infant-weights": "infant_weight", "notes": "note"}


def input_fields():
    """The engine's input contract as JSON Schema properties, read from docs/engine-input.md (generated
    from the engine's schema table and checked current by the engine's unit test)."""
    import os
    import re
    props = {}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "engine-input.md")) as f:
        for line in f:
            m = re.match(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \| [^|]+ \| ([^|]*) \|$", line)
            if not m:
                continue
            name, kind, meaning, accepted = m.group(1), m.group(2).strip(), m.group(3).strip(), m.group(4).strip()
            if kind.startswith("`"):
                schema = {"enum": re.findall(r"`(\w+)`", kind)}
            else:
                base = {"bool": "boolean", "int": "integer", "number": "number"}[kind.split(" ")[0]]
                schema = {"type": [base, "null"] if kind.endswith("or null") else base}
                r = re.match(r"^(-?[\d.]+) to (-?[\d.]+)$", accepted)
                if r:
                    lo, hi = (float(x) for x in r.groups())
                    schema["minimum"], schema["maximum"] = (int(lo) if lo.is_integer() else lo), (int(hi) if hi.is_integer() else hi)
            schema["description"] = meaning
            props[name] = schema
    assert len(props) > 40, "docs/engine-input.md: the field tables were not found"
    return props


FIELDS = input_fields()
FIELD = {"type": "object", "additionalProperties": False, "required": ["type", "neutral", "nullable"], "properties": {
    "type": {"enum": ["bool", "int", "number", "enum"]}, "neutral": {"type": ["boolean", "number", "string", "null"]},
    "nullable": BOOL, "min": NUM, "max": NUM, "labels": arr(STR)}}
schemas = {
    "Problem": res({"type": STR, "title": STR, "status": INT, "detail": STR,
                    "field": {"type": "string", "description": "JSON pointer of the offending input"}, "request_id": STR},
                   optional=("type", "field", "request_id"), description="problem+json (RFC 9457)"),
    "User": res(USER),
    "Profile": PROFILE,
    "ProfileRecord": with_fields(PROFILE, {"id": {"const": "profile"}, "kind": {"const": "profile"}, "version": INT,
                                           "recorded_at": STAMP, "updated_at": STAMP}, optional=("recorded_at", "updated_at")),
    "RecordMeta": {"type": "object", "description": "added by the server to every record it returns", "properties": {
        "id": UUID, "kind": {"type": "string"}, "recorded_at": STAMP, "updated_at": STAMP, "version": INT},
        "required": ["id", "kind", "recorded_at", "updated_at", "version"]},
    "EngineInput": res(FIELDS, description="the complete input of the care engine (docs/engine-input.md)"),
    "Answers": res(FIELDS, optional=tuple(FIELDS), description="fields of the engine's input contract (docs/engine-input.md); "
                                                                "a missing field comes from her log or takes its neutral value"),
    "HospitalSettings": all_present(SETTINGS),
    "Questions": res({
        "protocol": PROTOCOL,
        "fields": {"type": "object", "additionalProperties": FIELD, "description": "input field -> its type, neutral value and range"},
        "derived": arr(res({"name": STR, "value": {"type": "string", "description": "an expression of the protocol's language"}})),
        "emergency": arr(res({"id": STR, "reason": NAMES, "when": STR})),
        "questions": arr(res({
            "id": STR, "section": {"enum": ["about_you", "breast", "body", "course", "baby", "worry"]},
            "form": {"enum": ["yes_no", "choice", "checks", "number", "date", "weights"]},
            "text": NAMES, "help": nullable(NAMES), "unit": {"type": ["string", "null"]}, "fills": arr(STR),
            "ask_when": STR, "profile": {"type": ["string", "null"]}, "unknown": BOOL,
            "options": arr(res({"text": NAMES, "value": {"type": "string", "description": "a label of the field"}, "field": STR},
                               optional=("value", "field")))}))},
        description="the symptom check's questions as protocol data"),
}
for name, schema in {**RESPONSES, **LIB_RESPONSES, **MAT_SCHEMAS}.items():
    schemas[name] = schema

RECORD_META = {"id": UUID, "recorded_at": STAMP, "updated_at": STAMP, "version": INT}
versions = []
for coll, (name, baby, schema) in RECORDS.items():
    kind = {"kind": {"const": KINDS[coll]}}
    schemas[name] = schema
    schemas[name + "Record"] = with_fields(schema, {**RECORD_META, **kind})
    versions.append(with_fields(schema, {**RECORD_META, **kind, "deleted": BOOL}))
    schemas[name + "Page"] = res({"items": arr(ref(name + "Record")), "next_cursor": {"type": ["string", "null"]}})
    body, answer = ref(name), ref(name + "Record")
    who = "baby event: a caregiver with scope baby may read and write" if baby else "the mother's own data: caregivers need scope baby_and_mother"
    add(f"{M}/{coll}", "get", op(f"List {coll}, newest first ({who})", {"200": ok(schema=ref(name + "Page")), **errors(400, 401, 404)},
                                 params=["mother_id", "cursor", "limit"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}", "get", op(f"One {name}", {"200": ok(schema=answer), **errors(401, 404)}, params=["mother_id", "id"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}", "put", op(
        f"Create or edit a {name} with the id the phone chose. The same body again stores nothing and answers as the first time; a changed body is an edit (history kept). If-Match: \"version\" guards edits",
        {"200": ok("Edited", answer), "201": ok("Created", answer), **errors(400, 401, 403, 404, 409, 412, 413, 415)},
        body=body, params=["mother_id", "id", "if_match"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}", "delete", op(f"Delete a {name} (soft: history keeps it)", {"200": ok(schema=ref("Deleted")), **errors(401, 403, 404)},
                                           params=["mother_id", "id"], tags=["care log"]))
    add(f"{M}/{coll}/{{id}}/history", "get", op(f"Every version of a {name}", {"200": ok(schema=ref("RecordHistory")), **errors(401, 404)},
                                                params=["mother_id", "id"], tags=["care log"]))
schemas["Record"] = {"oneOf": [ref(name + "Record") for name, _, _ in RECORDS.values()], "description": "a stored record of any kind"}
schemas["RecordVersion"] = {"oneOf": versions, "description": "a version of a stored record, with whether it was deleted"}
schemas["RecordHistory"] = res({"id": UUID, "versions": arr(ref("RecordVersion"))}, description="every version, oldest first")
schemas["Export"] = res({
    "format": {"const": "tia-export/1"}, "exported_at": STAMP, "requested_by": STR,
    "mother": res({"id": UUID, "email": STR, "display_name": STR, "hospital": res({"code": STR, "name": STR})}, optional=("hospital",)),
    "consents": arr(res({"purpose": STR, "text_version": STR, "given_at": STAMP, "withdrawn_at": nullable(STAMP), "method": STR})),
    "caregivers": arr(res({"id": UUID, "scope": {"enum": ["baby", "baby_and_mother"]}, "created_at": STAMP, "accepted": BOOL,
                           "revoked": BOOL})),
    "profile": nullable(with_fields(PROFILE, {"id": {"const": "profile"}, "kind": {"const": "profile"}, "version": INT,
                                              "recorded_at": STAMP, "updated_at": STAMP, "deleted": BOOL})),
    "records": arr(ref("RecordVersion")),
    "history": arr({"anyOf": [ref("RecordVersion"), with_fields(PROFILE, {"id": {"const": "profile"}, "kind": {"const": "profile"},
                                                                          "version": INT, "recorded_at": STAMP, "updated_at": STAMP,
                                                                          "deleted": BOOL})]}),
    "symptom_checks": arr(res({"id": UUID, "created_at": STAMP, "answers": ref("Answers"), "input": ref("EngineInput"),
                               "from_log": FROM_LOG, "result": {"type": "object", "description": "the stored result, per language",
                                                                "propertyNames": {"enum": ["en", "vi"]},
                                                                "additionalProperties": ref("CheckResult")},
                               "protocol": PROTOCOL, "escalation": nullable(ESCALATION)})),
    "access_log": arr(res({"at": STAMP, "role": STR, "action": STR, "resource": STR, "outcome": STR}))},
    description="everything the mother owns (right of access)")

doc = {
    "openapi": "3.1.0",
    "info": {"title": "Tia API", "version": "1",
             "description": "Breastfeeding and milk-duct care. JSON in and out; errors are problem+json naming the field. "
                            "Cookie sessions need X-CSRF-Token on writes; other clients use Authorization: Bearer. "
                            "Answers follow Accept-Language (vi or en; en by default; `?lang=` wins where an operation takes it): "
                            "a problem's `detail`, the sync results' refusals and the results' texts, with Content-Language on problems."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{"bearer": []}, {"cookie": []}],
    "paths": paths,
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                            "cookie": {"type": "apiKey", "in": "cookie", "name": "tia_session"}},
        "parameters": {
            "mother_id": {"name": "mother_id", "in": "path", "required": True, "schema": UUID},
            "id": {"name": "id", "in": "path", "required": True, "schema": UUID},
            "collection": {"name": "collection", "in": "path", "required": True,
                           "schema": {"enum": list(RECORDS)}, "description": "a kind of record"},
            "grant_id": {"name": "grant_id", "in": "path", "required": True, "schema": UUID},
            "import_format": {"name": "format", "in": "query", "required": True, "schema": {"enum": ["babybuddy", "huckleberry"]}},
            "import_time_zone": {"name": "time_zone", "in": "query", "schema": {"type": "string"},
                                 "description": "the IANA zone the file's times are in; her profile's, else Asia/Ho_Chi_Minh"},
            "import_volume_unit": {"name": "volume_unit", "in": "query", "schema": {"enum": ["ml", "oz"], "default": "ml"},
                                   "description": "Baby Buddy's bare amounts"},
            "import_temperature_unit": {"name": "temperature_unit", "in": "query", "schema": {"enum": ["c", "f"], "default": "c"},
                                        "description": "Baby Buddy's temperatures"},
            "import_weight_unit": {"name": "weight_unit", "in": "query", "schema": {"enum": ["kg", "lb"], "default": "kg"},
                                   "description": "Baby Buddy's weights"},
            "import_dry_run": {"name": "dry_run", "in": "query", "schema": {"enum": ["true", "false"], "default": "true"}},
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
            "user_id": {"name": "user_id", "in": "path", "required": True, "schema": UUID},
            "slug": {"name": "slug", "in": "path", "required": True, "schema": SLUG},
            "number": {"name": "number", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9]{1,6}$"}},
            "action": {"name": "action", "in": "path", "required": True, "schema": {"enum": ["submit", "return", "approve", "publish"]}},
            "course_id": {"name": "course_id", "in": "path", "required": True, "schema": UUID},
            "seq": {"name": "seq", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9]{1,2}$"}},
            "package_code": {"name": "code", "in": "path", "required": True, "schema": SCODE},
            "pregnancy_id": {"name": "pregnancy_id", "in": "path", "required": True, "schema": UUID},
            "pregnancy_action": {"name": "action", "in": "path", "required": True,
                                 "schema": {"enum": ["confirm", "ask", "deposit", "open_birth_file", "check", "birth"]}},
            "month": {"name": "month", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}},
            "question_id": {"name": "question_id", "in": "path", "required": True, "schema": UUID},
            "question_action": {"name": "action", "in": "path", "required": True, "schema": {"enum": ["approve", "reject", "spam", "answer"]}},
            "question_status": {"name": "status", "in": "query", "schema": {"enum": ["pending", "approved", "rejected", "spam", ""], "default": "pending"},
                                "description": "empty for every status"},
            "diff_from": {"name": "from", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1}},
            "diff_to": {"name": "to", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1}},
            "person_id": {"name": "person_id", "in": "path", "required": True, "schema": {"type": "string"},
                          "description": "a byline's id, or `me`"},
            "hospital": {"name": "hospital", "in": "path", "required": True, "schema": {"type": "string"},
                         "description": "the hospital's code"},
            "topic": {"name": "topic", "in": "query", "schema": {"enum": TOPIC_IDS}},
            "topic_path": {"name": "topic", "in": "path", "required": True, "schema": {"enum": TOPIC_IDS}},
            "version": {"name": "version", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            "q": {"name": "q", "in": "query", "schema": {"type": "string"}},
            "search_limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}},
            "page_lang": {"name": "lang", "in": "path", "required": True, "schema": {"enum": LANGS}},
            "person": {"name": "person", "in": "path", "required": True, "schema": {"type": "string"}},
            "audit_from": {"name": "from", "in": "query", "schema": {"type": "string", "format": "date-time"}},
            "audit_to": {"name": "to", "in": "query", "schema": {"type": "string", "format": "date-time"}},
            "audit_action": {"name": "action", "in": "query", "schema": {"type": "string"}},
            "audit_outcome": {"name": "outcome", "in": "query", "schema": {"type": "string"}},
            "audit_actor": {"name": "actor", "in": "query", "schema": UUID},
            "audit_subject": {"name": "subject", "in": "query", "schema": UUID},
            "audit_limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 200}},
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
