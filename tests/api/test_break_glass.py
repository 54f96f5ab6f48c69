"""Break-glass access (issue 5, security test S25): a clinician of another hospital reads a mother's
record in an emergency only with a reason, for at most 60 minutes, every read flagged in the audit
log, and her hospital's administrators see the grant."""
import datetime
import os
import sqlite3

import pytest

from tia_client import Server, local, new_id


@pytest.fixture(scope="module")
def server():
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"), env={"TIA_USER_RATE_PER_MIN": "0"}).start()
    s.add_hospital("h1")
    s.add_hospital("h2")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def people(server):
    mother = server.register_mother(hospital="h1")
    r = mother.put(f"/api/v1/mothers/{mother.user['id']}/temperatures/{new_id()}",
                   {"occurred_at": local(5), "temp_c": 38.9})
    assert r.status == 201, r
    return {"mother": mother,
            "own": server.add_staff(f"own-{new_id()[:8]}@h1.org", "clinician", "h1"),
            "er": server.add_staff(f"er-{new_id()[:8]}@h2.org", "clinician", "h2"),
            "admin1": server.add_staff(f"a1-{new_id()[:8]}@h1.org", "hospital_admin", "h1"),
            "admin2": server.add_staff(f"a2-{new_id()[:8]}@h2.org", "hospital_admin", "h2")}


def parse(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def test_another_hospitals_clinician_needs_a_reason_and_gets_at_most_an_hour(server, people):
    m, er = people["mother"], people["er"]
    summary = f"/api/v1/mothers/{m.user['id']}/summary"
    temps = f"/api/v1/mothers/{m.user['id']}/temperatures"
    assert er.get(summary).status == 404
    glass = f"/api/v1/mothers/{m.user['id']}/break-glass"
    r = er.post(glass, {})
    assert r.status == 400 and r.json["field"] == "/reason"
    r = er.post(glass, {"reason": "   "})
    assert r.status == 400 and r.json["field"] == "/reason"
    r = er.post(glass, {"reason": "unconscious in our ED", "minutes": 61})
    assert r.status == 400 and r.json["field"] == "/minutes"
    assert er.get(summary).status == 404  # refused requests granted nothing
    r = er.post(glass, {"reason": "brought to our ED with a fever of 40 C, cannot answer"})
    assert r.status == 201, r
    assert parse(r.json["expires_at"]) - parse(r.json["granted_at"]) == datetime.timedelta(minutes=60)
    assert er.get(summary).status == 200
    items = er.get(temps).json["items"]
    assert [t["temp_c"] for t in items] == [38.9]
    # Reading, not writing; and nothing else of hers (her consultations stay her hospital's).
    r = er.put(f"{temps}/{new_id()}", {"occurred_at": local(1), "temp_c": 37.0})
    assert r.status == 404
    assert er.get(f"/api/v1/mothers/{m.user['id']}/export").status == 404


def test_her_own_hospital_needs_no_break_glass_and_strangers_get_404(server, people):
    m = people["mother"]
    r = people["own"].post(f"/api/v1/mothers/{m.user['id']}/break-glass", {"reason": "curious"})
    assert r.status == 409
    assert people["admin2"].post(f"/api/v1/mothers/{m.user['id']}/break-glass", {"reason": "x"}).status == 404
    assert server.register_mother().post(f"/api/v1/mothers/{m.user['id']}/break-glass", {"reason": "x"}).status == 404
    assert people["er"].post(f"/api/v1/mothers/{new_id()}/break-glass", {"reason": "x"}).status == 404
    assert m.post(f"/api/v1/mothers/{m.user['id']}/break-glass", {"reason": "x"}).status == 404
    # Without a reason the answer is the same for her and for nobody: no hint that she exists.
    for who in (m.user["id"], new_id()):
        r = people["er"].post(f"/api/v1/mothers/{who}/break-glass", {})
        assert r.status == 400 and r.json["field"] == "/reason"


def test_her_hospitals_admins_see_every_grant(server, people):
    m = people["mother"]
    r = people["er"].post(f"/api/v1/mothers/{m.user['id']}/break-glass", {"reason": "sepsis screen", "minutes": 15})
    assert r.status == 201
    seen = people["admin1"].get("/api/v1/hospital/break-glass").json["items"]
    grant = next(g for g in seen if g["id"] == r.json["id"])
    assert grant["mother_id"] == m.user["id"] and grant["reason"] == "sepsis screen" and grant["active"] is True
    assert grant["clinician"]["hospital"] == "Hospital h2"
    assert all(g["id"] != r.json["id"] for g in people["admin2"].get("/api/v1/hospital/break-glass").json["items"])
    assert people["er"].get("/api/v1/hospital/break-glass").status == 404


def test_reads_under_break_glass_are_flagged_and_expiry_ends_access_sqlite(server, people):
    m, er = people["mother"], people["er"]
    summary = f"/api/v1/mothers/{m.user['id']}/summary"
    assert er.post(f"/api/v1/mothers/{m.user['id']}/break-glass", {"reason": "ED triage"}).status == 201
    assert er.get(summary).status == 200
    db = sqlite3.connect(server.db[len("sqlite:"):])
    try:
        rows = db.execute("SELECT a.action, a.outcome FROM audit_events a JOIN users u ON u.id = a.actor_id "
                          "WHERE u.public_id = ? ORDER BY a.id", (er.user["id"],)).fetchall()
        assert ("break_glass", "break_glass") in rows and ("read", "break_glass") in rows
        assert ("read", "success") not in rows  # no read of hers goes unflagged
        # Every grant ran out (as they do after at most 60 minutes): the record is gone again.
        db.execute("UPDATE break_glass_grants SET expires_at = 0")
        db.commit()
    finally:
        db.close()
    assert er.get(summary).status == 404
