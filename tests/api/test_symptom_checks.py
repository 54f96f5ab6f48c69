"""The symptom check through the HTTP API: answers plus the care log, through the care engine,
stored immutably, re-checks scheduled, worsening escalated (issue 3 item 6)."""
import datetime

from tia_client import concurrently, local, new_id, now

HANOI = datetime.timezone(datetime.timedelta(hours=7))


def base(c):
    return f"/api/v1/mothers/{c.user['id']}"


def at(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def fired(check):
    return [f["id"] for f in check["result"]["fired"]]


def days_ago(n):
    return (now(HANOI).date() - datetime.timedelta(days=n)).isoformat()


def test_a_febrile_wedge_unchanged_after_care_goes_same_day_with_what_the_log_knows(server):
    m = server.register_mother()
    b = base(m)
    assert m.put(f"{b}/profile", {"baby_birth_date": days_ago(12), "delivery_type": "vaginal"}).status == 201
    assert m.put(f"{b}/care-actions/{new_id()}", {"occurred_at": local(30 * 60), "action": "cold_pack",
                                                  "side": "left", "minutes": 10}).status == 201
    assert m.put(f"{b}/temperatures/{new_id()}", {"occurred_at": local(20), "temp_c": 38.6}).status == 201
    assert m.put(f"{b}/breast-checks/{new_id()}", {"occurred_at": local(15), "left": {
        "pain": 6, "locations": [{"clock": 2}], "redness": "focal", "warmth": True}}).status == 201

    # Before asking anything, the app learns what the log already answers (so it can skip those).
    ctx = m.get(f"{b}/symptom-check-context").json
    known = ctx["from_log"]
    assert known["current_temp_c"]["value"] == 38.6 and known["affected_side"]["value"] == "left"
    assert known["days_postpartum"]["value"] == 12 and known["focal_tender_area"]["value"] is True
    assert "symptom_hours" not in known and ctx["previous"] is None

    cid = new_id()
    r = m.put(f"{b}/symptom-checks/{cid}", {"answers": {"symptom_hours": 31, "trend": "unchanged"}})
    assert r.status == 201, r
    c = r.json
    res = c["result"]
    assert res["disposition"] == "same_day"
    assert res["condition"] == "bacterial_mastitis"
    assert "S6" in fired(c)
    assert all(f["sources"] for f in res["fired"])
    assert res["recheck_hours"] is None and c["recheck_due_at"] is None
    assert res["plan"]["id"] == "breast_inflammation" and res["plan"]["steps"]
    # What the log supplied, each with where it came from.
    log = c["from_log"]
    assert log["current_temp_c"]["value"] == 38.6 and "temperature logged" in log["current_temp_c"]["from"]
    assert log["days_postpartum"]["value"] == 12
    assert log["affected_side"]["value"] == "left"
    assert log["focal_tender_area"]["value"] is True and log["redness_extent"]["value"] == "focal"
    assert 29.9 <= log["self_care_hours"]["value"] <= 30.1
    assert "symptom_hours" not in log and c["answers"] == {"symptom_hours": 31, "trend": "unchanged"}
    assert m.get(f"{b}/symptom-check-context").json["previous"]["id"] == cid  # the next one compares with it
    # The stored snapshot is the complete engine input with the protocol version.
    assert c["input"]["current_temp_c"] == 38.6 and c["input"]["lactating"] is True
    assert len(c["input"]) == 57
    assert c["protocol"]["id"] == "tia-mastitis-spectrum"
    # The same result, in Vietnamese.
    vi = m.get(f"{b}/symptom-checks/{cid}?lang=vi").json
    assert vi["result"]["disposition"] == "same_day"
    assert "hôm nay" in vi["result"]["fired"][0]["reason"]
    assert m.get(f"{b}/symptom-checks/{cid}?lang=fr").status == 400
    # Her export holds it (right of access), after she confirms her password.
    assert m.post("/api/v1/auth/reauthenticate", {"password": m.password}).status == 204
    exported = m.get(f"{b}/export").json["symptom_checks"]
    assert [x["id"] for x in exported] == [cid] and exported[0]["result"]["vi"]["disposition"] == "same_day"


def test_a_resend_answers_the_stored_result_and_other_answers_conflict(server):
    m = server.register_mother()
    b = base(m)
    cid = new_id()
    body = {"answers": {"focal_tender_area": True, "affected_side": "right", "symptom_hours": 3}}
    first = m.put(f"{b}/symptom-checks/{cid}", body)
    assert first.status == 201, first
    # Concurrent and later resends: one stored check, the same answer every time.
    replies = concurrently(8, lambda: server.client(token=m.token).put(f"{b}/symptom-checks/{cid}", body))
    assert {r.status for r in replies} == {201}
    assert all(r.json == first.json for r in replies)
    other = m.put(f"{b}/symptom-checks/{cid}", {"answers": {"focal_tender_area": True}})
    assert other.status == 409 and other.json["field"] == "/id"
    items = m.get(f"{b}/symptom-checks").json["items"]
    assert [i["id"] for i in items] == [cid]
    assert items[0] == first.json


def test_a_recheck_is_scheduled_and_worsening_escalates_to_the_hospital(server):
    m = server.register_mother()
    b = base(m)
    first_id = new_id()
    r = m.put(f"{b}/symptom-checks/{first_id}", {"answers": {
        "focal_tender_area": True, "affected_side": "right", "symptom_hours": 3}})
    assert r.status == 201, r
    first = r.json
    assert first["result"]["disposition"] == "self_care"
    assert first["result"]["condition"] == "ductal_narrowing"
    assert first["result"]["recheck_hours"] == 24
    due = at(first["recheck_due_at"]) - at(first["created_at"])
    assert abs(due.total_seconds() - 24 * 3600) < 2
    nxt = m.get(f"{b}/symptom-checks").json["next_recheck"]
    assert nxt["check_id"] == first_id and nxt["overdue"] is False
    assert first["escalation"] is None

    # The re-check: now red, with fever, and she says it is worse. The trend is hers to say: the
    # server never works it out (paracetamol lowers a reading; a skipped question is no better).
    second_id = new_id()
    r = m.put(f"{b}/symptom-checks/{second_id}", {"recheck_of": first_id, "answers": {
        "focal_tender_area": True, "redness_extent": "focal", "affected_side": "right",
        "symptom_hours": 15, "current_temp_c": 38.4, "trend": "worsening"}})
    assert r.status == 201, r
    second = r.json
    assert second["result"]["disposition"] == "contact_24h" and "C1" in fired(second)
    assert "trend" not in second["from_log"] and second["input"]["trend"] == "worsening"
    assert second["recheck_of"] == first_id
    esc = second["escalation"]
    assert esc["previous_check"] == first_id and esc["from"] == "self_care" and esc["to"] == "contact_24h"
    assert {x["code"] for x in esc["reasons"]} == {"more_urgent", "worsening"}
    assert m.get(f"{b}/symptom-checks").json["next_recheck"]["check_id"] == second_id

    # The hospital's clinicians see it at once; another hospital's do not.
    nurse = server.add_staff(f"nurse-{new_id()[:8]}@h1.example", "clinician", "h1")
    items = nurse.get("/api/v1/hospital/escalations").json["items"]
    mine = [i for i in items if i["check_id"] == second_id]
    assert len(mine) == 1 and mine[0]["mother_id"] == m.user["id"] and mine[0]["disposition"] == "contact_24h"
    assert not [i for i in items if i["check_id"] == first_id]
    other = server.add_staff(f"nurse-{new_id()[:8]}@h2.example", "clinician", "h2")
    assert not [i for i in other.get("/api/v1/hospital/escalations").json["items"] if i["check_id"] == second_id]
    assert m.get("/api/v1/hospital/escalations").status == 404


def test_a_new_red_flag_escalates_at_once_and_shows_no_self_care_plan(server):
    m = server.register_mother()
    b = base(m)
    r = m.put(f"{b}/symptom-checks/{new_id()}", {"answers": {"current_temp_c": 38.2, "focal_tender_area": True}})
    assert r.json["result"]["disposition"] == "contact_24h"
    # A later check (no recheck_of: the last check of the past 72 h is the one compared with).
    r = m.put(f"{b}/symptom-checks/{new_id()}", {"answers": {
        "current_temp_c": 38.2, "focal_tender_area": True, "heart_rate": 135, "trend": "unchanged"}})
    assert r.status == 201, r
    c = r.json
    assert c["result"]["disposition"] == "emergency" and fired(c)[0] == "E1"
    assert c["result"]["plan"] is None and c["result"]["self_care_plan"] is None
    assert [f["id"] for f in c["result"]["red_flags"]][0] == "sepsis_high_risk_sign"
    codes = {x["code"]: x for x in c["escalation"]["reasons"]}
    assert "more_urgent" in codes and codes["new_red_flag"]["red_flag"] == "sepsis_high_risk_sign"


def test_bad_answers_name_the_field_and_store_nothing(server):
    m = server.register_mother()
    b = base(m)
    cases = [
        ({"answers": {"heart_rate": 300}}, "/answers/heart_rate"),
        ({"answers": {"temperature": 38}}, "/answers/temperature"),
        ({"answers": {"trend": "better"}}, "/answers/trend"),
        ({"answers": {"chills": "yes"}}, "/answers/chills"),
        ({"answers": []}, "/answers"),
        ({}, "/answers"),
        ({"answers": {}, "extra": 1}, "/extra"),
        ({"answers": {}, "recheck_of": "not-a-uuid"}, "/recheck_of"),
        ({"answers": {}, "recheck_of": new_id()}, "/recheck_of"),
    ]
    for body, field in cases:
        r = m.put(f"{b}/symptom-checks/{new_id()}", body)
        assert r.status == 400, (body, r)
        assert r.json["field"] == field, (body, r.json)
    assert m.put(f"{b}/symptom-checks/NOT-A-UUID", {"answers": {}}).status == 400
    assert m.get(f"{b}/symptom-checks").json["items"] == []


def test_only_those_with_access_see_a_check(server):
    m = server.register_mother()
    b = base(m)
    cid = new_id()
    assert m.put(f"{b}/symptom-checks/{cid}", {"answers": {"nipple_damage": "cracked"}}).status == 201
    stranger = server.register_mother()
    assert stranger.get(f"{b}/symptom-checks/{cid}").status == 404
    assert stranger.get(f"{b}/symptom-checks").status == 404
    assert stranger.put(f"{b}/symptom-checks/{new_id()}", {"answers": {}}).status == 404
    assert stranger.get(f"{b}/signals").status == 404
    far = server.add_staff(f"far-{new_id()[:8]}@h2.example", "clinician", "h2")
    assert far.get(f"{b}/symptom-checks/{cid}").status == 404
    near = server.add_staff(f"near-{new_id()[:8]}@h1.example", "clinician", "h1")
    r = near.get(f"{b}/symptom-checks/{cid}")
    assert r.status == 200 and r.json["result"]["disposition"] == "contact_24h"
    assert m.get(f"{b}/symptom-checks/{new_id()}").status == 404


def test_risk_signals_from_the_log_in_both_languages(server):
    m = server.register_mother()
    b = base(m)
    assert m.get(f"{b}/signals").json["signals"] == []
    assert m.put(f"{b}/temperatures/{new_id()}", {"occurred_at": local(60), "temp_c": 38.3}).status == 201
    assert m.put(f"{b}/breast-checks/{new_id()}", {"occurred_at": local(30), "right": {
        "pain": 3, "nipple": ["cracked"]}}).status == 201
    sig = m.get(f"{b}/signals").json
    ids = {s["id"]: s for s in sig["signals"]}
    assert set(ids) == {"fever_reading", "cracked_nipples"}
    assert "38.3" in ids["fever_reading"]["detail"] and ids["fever_reading"]["sources"]
    assert "Worth" in ids["fever_reading"]["message"]
    vi = {s["id"]: s for s in m.get(f"{b}/signals?lang=vi").json["signals"]}
    assert "Nên" in vi["cracked_nipples"]["message"]
    assert sig["protocol"]["id"] == "tia-mastitis-spectrum"


def test_self_care_plans_are_public_in_both_languages(server):
    c = server.client()
    r = c.get("/api/v1/self-care-plans/breast_inflammation?lang=vi")
    assert r.status == 200
    steps = r.json["steps"]
    assert any(s.get("minutes") == 10 for s in steps)
    assert {a["id"] for a in r.json["avoid"]} >= {"deep_massage", "heat", "emptying"}
    assert any("chườm" in s["text"].lower() for s in steps)
    assert c.get("/api/v1/self-care-plans/nope").status == 404
