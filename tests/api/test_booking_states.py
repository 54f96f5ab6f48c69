"""The booking state machine (issue 11): `tia booking-states` prints the one table of moves the server
enforces; this test walks every status it can reach through the API and tries every change as the
mother and as staff, and each must succeed exactly when the table lists it. And a booking whose
service row is gone (a damaged database) answers 500 problem+json instead of bringing the server down."""
import datetime
import itertools
import json
import os
import sqlite3

import pytest

from booking_helpers import ALL_DAY, ZONE, service
from tia_client import Server, new_id, now


@pytest.fixture(scope="module")
def server():
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"),
               env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0"}).start()
    s.add_hospital("h1")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def table(server):
    return json.loads(server.cli("booking-states").stdout)


@pytest.fixture(scope="module")
def hospital(server):
    admin = server.add_staff(f"adm-{new_id()[:8]}@h1.org", "hospital_admin", "h1")
    assert admin.put("/api/v1/hospital/settings", {"time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
                                                   "hotline": {"number": "1900 6868", "hours": []},
                                                   "holidays": []}).status == 200
    ids = {"plain": new_id(), "approval": new_id()}
    for key, body in (("plain", service("plain", cancel_window_min=0, min_notice_min=0)),
                      ("approval", service("approval", requires_approval=True, cancel_window_min=0,
                                           min_notice_min=0))):
        assert admin.put(f"/api/v1/hospital/services/{ids[key]}", body).status == 200
    provider = new_id()
    assert admin.put(f"/api/v1/hospital/providers/{provider}", {
        "name": "Hạnh", "time_zone": "Asia/Ho_Chi_Minh", "service_ids": list(ids.values()),
        "weekly": ALL_DAY}).status == 200
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    return {"ids": ids, "provider": provider, "clin": clin}


def free_starts(mother, service_id):
    """Free starts from tomorrow on, one per call, never the same twice."""
    day = now(ZONE).date() + datetime.timedelta(days=1)
    while True:
        r = mother.get(f"/api/v1/services/{service_id}/slots?from={day.isoformat()}&days=1")
        assert r.status == 200, r
        for s in r.json["providers"][0]["slots"]:
            yield s["start"]
        day += datetime.timedelta(days=1)


def test_the_server_allows_exactly_the_moves_its_table_lists(server, hospital, table):
    statuses = set(table["statuses"])
    assert statuses == {"held", "requested", "booked", "arrived", "fulfilled", "cancelled", "no_show"}
    allowed = {(m["from"], m["to"], m["by"]) for m in table["moves"]}
    assert all(m["from"] in statuses and m["to"] in statuses and m["why"] for m in table["moves"])
    mother = server.register_mother()
    clin = hospital["clin"]
    starts = free_starts(mother, hospital["ids"]["plain"])  # one provider: one sequence for both

    def booking_in(status):
        """A booking brought to `status` through the API (its start is in the future)."""
        key = "approval" if status == "requested" else "plain"
        body = {"service_id": hospital["ids"][key], "provider_id": hospital["provider"],
                "start": next(starts), "hold": status == "held"}
        r = mother.put(f"/api/v1/bookings/{new_id()}", body)
        assert r.status == 201, r
        bid = r.json["id"]
        path = {"held": [], "requested": [], "booked": [], "arrived": ["arrived"],
                "fulfilled": ["arrived", "fulfilled"], "cancelled": None}[status]
        if path is None:
            assert mother.post(f"/api/v1/bookings/{bid}/cancel", {}).status == 200
        else:
            for to in path:
                assert clin.post(f"/api/v1/bookings/{bid}/status", {"status": to}).status == 200
        assert mother.get(f"/api/v1/bookings/{bid}").json["status"] == status
        return bid

    # Every change the API offers, as (who, the status it asks for, the request).
    changes = [("mother", "booked", lambda b: mother.post(f"/api/v1/bookings/{b}/confirm")),
               ("mother", "cancelled", lambda b: mother.post(f"/api/v1/bookings/{b}/cancel", {})),
               ("staff", "cancelled", lambda b: clin.post(f"/api/v1/bookings/{b}/cancel", {"reason": "test"}))]
    changes += [("staff", to, (lambda to: lambda b: clin.post(f"/api/v1/bookings/{b}/status",
                                                              {"status": to, "reason": "test"}))(to))
                for to in ("booked", "arrived", "fulfilled", "no_show")]
    tried = 0
    for status, (by, to, call) in itertools.product(
            ["held", "requested", "booked", "arrived", "fulfilled", "cancelled"], changes):
        bid = booking_in(status)
        r = call(bid)
        tried += 1
        if to == "no_show":  # listed from booked, but only after the start: refused before it
            assert r.status == 409 and r.json["field"] == "/status", (status, by, to, r)
            continue
        if (status, to, by) in allowed:
            assert r.status == 200 and r.json["status"] == to, (status, by, to, r)
        else:
            assert r.status == 409 and r.json["field"] == "/status", (status, by, to, r)
            assert mother.get(f"/api/v1/bookings/{bid}").json["status"] == status
    assert tried == 42
    # Moving a booking in place: only from the statuses the table names.
    for status in ("held", "requested", "booked", "arrived", "cancelled"):
        bid = booking_in(status)
        r = mother.post(f"/api/v1/bookings/{bid}/reschedule", {"start": next(starts)})
        assert (r.status == 200) == (status in table["reschedulable"]), (status, r)


def test_a_booking_whose_service_row_is_gone_answers_500_and_the_server_stays_up_sqlite(server, hospital):
    mother = server.register_mother()
    start = next(free_starts(mother, hospital["ids"]["plain"]))
    # A service made only for this booking, so nothing else loses it.
    admin = server.add_staff(f"adm-{new_id()[:8]}@h1.org", "hospital_admin", "h1")
    sid = new_id()
    assert admin.put(f"/api/v1/hospital/services/{sid}", service("doomed", min_notice_min=0)).status == 200
    provider = new_id()
    assert admin.put(f"/api/v1/hospital/providers/{provider}", {
        "name": "Lan", "time_zone": "Asia/Ho_Chi_Minh", "service_ids": [sid], "weekly": ALL_DAY}).status == 200
    r = mother.put(f"/api/v1/bookings/{new_id()}", {"service_id": sid, "provider_id": provider, "start": start})
    assert r.status == 201, r
    bid = r.json["id"]
    db = sqlite3.connect(server.db[len("sqlite:"):])
    db.execute("DELETE FROM services WHERE public_id = ?", (sid,))  # foreign keys are off here
    db.commit()
    db.close()
    for path in (f"/api/v1/bookings/{bid}", f"/api/v1/bookings/{bid}/calendar.ics"):
        r = mother.get(path)
        assert r.status == 500 and r.header("content-type").startswith("application/problem+json"), (path, r)
    r = mother.post(f"/api/v1/bookings/{bid}/cancel", {})
    assert r.status == 500, r
    assert mother.get("/api/v1/bookings").status == 500
    assert server.proc.poll() is None and mother.get("/healthz").status == 200
