"""Booking, continued (issue 5): moving a booking (the reschedule window on the server, the
reminders again for the new time, the old time freed), rooms as a second resource (a room is not
double-booked by two providers, a class stays in one room and the room caps its seats), and a
provider's calendar feed by capability URL for calendar apps that cannot sign in."""
import datetime
import sqlite3
import time

import pytest

from booking_helpers import ALL_DAY, ZONE, mail_server, service
from tia_client import concurrently, new_id, now

SETTINGS = {"time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
            "hotline": {"number": "1900 6868", "hours": []}}


def day(n):
    return (now(ZONE) + datetime.timedelta(days=n)).date().isoformat()


def utc(local_iso):
    return datetime.datetime.fromisoformat(local_iso).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def server(sink):
    # Hospitals of their own: on PostgreSQL the API modules share one database.
    s = mail_server(sink, "rr1", "rr2")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def hospital(server):
    """Two providers around the clock; a consult with a 24-hour reschedule window; rooms: a
    one-person consulting room and a hall seating 2; a consult that needs the consulting room and
    a class (capacity 3) held in the hall."""
    admin = server.add_staff(f"adm-{new_id()[:8]}@rr1.org", "hospital_admin", "rr1")
    assert admin.put("/api/v1/hospital/settings", SETTINGS).status == 200
    rooms = {"consult": new_id(), "hall": new_id()}
    assert admin.put(f"/api/v1/hospital/rooms/{rooms['consult']}", {"name": "Phòng 3"}).status == 200
    assert admin.put(f"/api/v1/hospital/rooms/{rooms['hall']}", {"name": "Hội trường", "capacity": 2}).status == 200
    ids = {"lc": new_id(), "roomed": new_id(), "class": new_id()}
    bodies = {"lc": service("lc", reschedule_window_min=24 * 60),
              "roomed": service("roomed", room_ids=[rooms["consult"]]),
              "class": service("class", kind="antenatal_class", duration_min=60, step_min=60, capacity=3,
                               room_ids=[rooms["hall"]])}
    for k, sid in ids.items():
        r = admin.put(f"/api/v1/hospital/services/{sid}", bodies[k])
        assert r.status == 200, r
    providers = [new_id(), new_id()]
    for name, pid in zip(("Hạnh", "Lan"), providers):
        r = admin.put(f"/api/v1/hospital/providers/{pid}", {
            "name": name, "time_zone": "Asia/Ho_Chi_Minh", "service_ids": list(ids.values()), "weekly": ALL_DAY})
        assert r.status == 200, r
    return {"admin": admin, "ids": ids, "providers": providers, "rooms": rooms}


def provider_slots(client, service_id, provider_id, date):
    r = client.get(f"/api/v1/services/{service_id}/slots?from={date}&days=1")
    assert r.status == 200, r
    return [p for p in r.json["providers"] if p["id"] == provider_id][0]["slots"]


def book(client, hospital, key, start, provider=0):
    return client.put(f"/api/v1/bookings/{new_id()}", {
        "service_id": hospital["ids"][key], "provider_id": hospital["providers"][provider], "start": start})


def test_a_mother_moves_her_booking_and_its_reminders_follow(server, hospital, sink):
    m = server.register_mother(hospital="rr1")
    addr = m.get("/api/v1/auth/me").json["email"]
    lc, p0 = hospital["ids"]["lc"], hospital["providers"][0]
    first = provider_slots(m, lc, p0, day(3))[20]["start"]   # 10:00, three days ahead
    target = provider_slots(m, lc, p0, day(4))[22]["start"]  # 11:00, four days ahead
    r = book(m, hospital, "lc", first)
    assert r.status == 201, r
    bid = r.json["id"]
    assert r.json["reschedule_until"] == (datetime.datetime.fromisoformat(first) - datetime.timedelta(hours=24)).isoformat()
    ics_before = m.get(f"/api/v1/bookings/{bid}/calendar.ics").raw
    deadline = time.time() + 10
    while not sink.to(addr) and time.time() < deadline:  # the confirmation is out
        time.sleep(0.05)
    r = m.post(f"/api/v1/bookings/{bid}/reschedule", {"start": target})
    assert r.status == 200, r
    moved = r.json
    assert moved["id"] == bid and moved["start"] == target and moved["status"] == "booked"
    last = moved["history"][-1]
    assert last["by"] == "mother" and last["from"] == last["to"] == "booked"
    assert last["reason"] == f"moved from {first[:10]} {first[11:16]} to {target[:10]} {target[11:16]}"
    # The old reminders are cancelled; she is told of the move; the reminders are due for the new time.
    msgs = [(x["kind"], x["status"], x["due_at"]) for x in moved["messages"] if x["channel"] == "email"]
    old_24 = utc((datetime.datetime.fromisoformat(first) - datetime.timedelta(hours=24)).isoformat())
    new_24 = utc((datetime.datetime.fromisoformat(target) - datetime.timedelta(hours=24)).isoformat())
    assert ("reminder_24h", "cancelled", old_24) in msgs and ("reminder_24h", "pending", new_24) in msgs
    assert any(k == "rescheduled" for k, _, _ in msgs)
    deadline = time.time() + 10
    while len(sink.to(addr)) < 2 and time.time() < deadline:
        time.sleep(0.05)
    subjects = [x["Subject"] for x in sink.to(addr)]
    assert subjects[0].startswith("Tia: đã đặt lịch hẹn")
    assert subjects[1] == f"Tia: lịch hẹn đã dời sang {target[:10]} {target[11:16]}", subjects
    # The old time is free again, the new one taken; the calendar updates the same event.
    assert first in [s["start"] for s in provider_slots(m, lc, p0, day(3))]
    assert target not in [s["start"] for s in provider_slots(m, lc, p0, day(4))]
    ics = m.get(f"/api/v1/bookings/{bid}/calendar.ics").raw
    assert f"UID:{bid}@tia" in ics and "SEQUENCE:2" in ics and "SEQUENCE:1" in ics_before
    assert f"DTSTART:{utc(target).replace('-', '').replace(':', '')}" in ics
    # Moving it back re-arms the reminder that was cancelled for that time.
    r = m.post(f"/api/v1/bookings/{bid}/reschedule", {"start": first})
    assert r.status == 200, r
    again = [(x["kind"], x["status"], x["due_at"]) for x in r.json["messages"] if x["channel"] == "email"]
    assert ("reminder_24h", "pending", old_24) in again and ("reminder_24h", "cancelled", new_24) in again


def test_the_reschedule_window_and_every_refusal_name_their_field(server, hospital):
    m = server.register_mother(hospital="rr1")
    lc, p0 = hospital["ids"]["lc"], hospital["providers"][0]
    at_now = now(ZONE)
    near = [s["start"] for s in provider_slots(m, lc, p0, day(0)) + provider_slots(m, lc, p0, day(1))
            if datetime.datetime.fromisoformat(s["start"]) < at_now + datetime.timedelta(hours=23)]
    assert near, "a slot inside the 24-hour reschedule window"
    bid = book(m, hospital, "lc", near[0]).json["id"]
    later = provider_slots(m, lc, p0, day(5))[10]["start"]
    r = m.post(f"/api/v1/bookings/{bid}/reschedule", {"start": later})
    assert r.status == 409 and "call the hospital" in r.json["detail"], r
    assert m.get(f"/api/v1/bookings/{bid}").json["start"] == near[0], "nothing changed"
    # Staff are not bound by the window but give a reason.
    clin = server.add_staff(f"clin-{new_id()[:8]}@rr1.org", "clinician", "rr1")
    assert clin.post(f"/api/v1/bookings/{bid}/reschedule", {"start": later}).json["field"] == "/reason"
    r = clin.post(f"/api/v1/bookings/{bid}/reschedule", {"start": later, "reason": "she phoned"})
    assert r.status == 200 and r.json["history"][-1]["by"] == "clinician"
    assert r.json["history"][-1]["reason"].endswith(": she phoned")
    # To another provider at the same time.
    p1 = hospital["providers"][1]
    r = clin.post(f"/api/v1/bookings/{bid}/reschedule", {"start": later, "provider_id": p1, "reason": "Hạnh is away"})
    assert r.status == 200 and r.json["provider"]["id"] == p1 and "with Lan" in r.json["history"][-1]["reason"]
    # A taken time, the same time, a time off the grid, a malformed start, an unknown field.
    other = server.register_mother(hospital="rr1")
    taken = provider_slots(m, lc, p0, day(6))[4]["start"]
    assert book(other, hospital, "lc", taken).status == 201
    mine = book(m, hospital, "lc", provider_slots(m, lc, p0, day(6))[8]["start"]).json
    assert m.post(f"/api/v1/bookings/{mine['id']}/reschedule", {"start": taken}).json["field"] == "/start"
    r = m.post(f"/api/v1/bookings/{mine['id']}/reschedule", {"start": mine["start"]})
    assert r.status == 400 and r.json["field"] == "/start"
    odd = mine["start"][:14] + "10" + mine["start"][16:]
    assert m.post(f"/api/v1/bookings/{mine['id']}/reschedule", {"start": odd}).status == 409
    assert m.post(f"/api/v1/bookings/{mine['id']}/reschedule", {"start": "tomorrow"}).json["field"] == "/start"
    assert m.post(f"/api/v1/bookings/{mine['id']}/reschedule", {"start": later, "when": 1}).json["field"] == "/when"
    # Only hers: another mother gets 404; a cancelled booking cannot move.
    assert other.post(f"/api/v1/bookings/{mine['id']}/reschedule", {"start": later}).status == 404
    m.post(f"/api/v1/bookings/{mine['id']}/cancel", {})
    r = m.post(f"/api/v1/bookings/{mine['id']}/reschedule", {"start": later})
    assert r.status == 409 and r.json["field"] == "/status"


def test_a_room_is_not_taken_twice_by_two_providers(server, hospital):
    roomed = hospital["ids"]["roomed"]
    p0, p1 = hospital["providers"]
    mothers = [server.register_mother(hospital="rr1") for _ in range(4)]
    date = day(7)
    start = provider_slots(mothers[0], roomed, p0, date)[18]["start"]
    assert start in [s["start"] for s in provider_slots(mothers[0], roomed, p1, date)]
    # 20 requests at once, half to each provider, for the one room at one time: exactly one wins.
    clients = [server.client(token=m.token) for m in mothers for _ in range(5)]

    def attempt():
        i = len(clients) - 1
        return book(clients.pop(), hospital, "roomed", start, provider=i % 2)
    results = concurrently(20, attempt)
    statuses = sorted(r.status for r in results)
    assert statuses.count(201) == 1 and statuses.count(409) == 19, statuses
    won = [r for r in results if r.status == 201][0].json
    assert won["room"] == {"id": hospital["rooms"]["consult"], "name": "Phòng 3"}
    # Both providers are free, the room is not: neither offers that time now.
    for p in (p0, p1):
        assert start not in [s["start"] for s in provider_slots(mothers[0], roomed, p, date)]
    # The calendar says where.
    owner = [c for c in mothers if c.get(f"/api/v1/bookings/{won['id']}").status == 200][0]
    ics = owner.get(f"/api/v1/bookings/{won['id']}/calendar.ics").raw
    assert "LOCATION:Hospital rr1\\, Phòng 3" in ics, ics
    # A room switched off offers nothing.
    admin = hospital["admin"]
    assert admin.put(f"/api/v1/hospital/rooms/{hospital['rooms']['consult']}",
                     {"name": "Phòng 3", "active": False}).status == 200
    assert provider_slots(mothers[0], roomed, p0, day(8)) == []
    assert admin.put(f"/api/v1/hospital/rooms/{hospital['rooms']['consult']}", {"name": "Phòng 3"}).status == 200
    assert provider_slots(mothers[0], roomed, p0, day(8)) != []


def test_a_class_stays_in_its_room_and_the_room_caps_its_seats(server, hospital):
    cls, p0 = hospital["ids"]["class"], hospital["providers"][0]
    m = server.register_mother(hospital="rr1")
    date = day(9)
    slot = provider_slots(m, cls, p0, date)[14]
    assert slot["seats_left"] == 2, "the hall seats 2, fewer than the class's 3"
    for _ in range(2):
        r = book(server.register_mother(hospital="rr1"), hospital, "class", slot["start"])
        assert r.status == 201 and r.json["room"]["name"] == "Hội trường", r
    assert slot["start"] not in [s["start"] for s in provider_slots(m, cls, p0, date)]
    assert book(m, hospital, "class", slot["start"]).json["field"] == "/start"


def test_rooms_are_the_admins_and_bad_ones_name_the_field(server, hospital):
    admin = hospital["admin"]
    assert admin.put(f"/api/v1/hospital/rooms/{new_id()}", {"name": "X", "capacity": 0}).json["field"] == "/capacity"
    assert admin.put(f"/api/v1/hospital/rooms/{new_id()}", {"capacity": 2}).json["field"] == "/name"
    assert admin.put("/api/v1/hospital/rooms/room-3", {"name": "X"}).json["field"] == "/id"
    names = sorted(r["name"] for r in admin.get("/api/v1/hospital/rooms").json["items"])
    assert names == ["Hội trường", "Phòng 3"]
    # A service may use only its own hospital's rooms; other hospitals and mothers see nothing.
    other = server.add_staff(f"adm-{new_id()[:8]}@rr2.org", "hospital_admin", "rr2")
    r = other.put(f"/api/v1/hospital/services/{new_id()}", service("x", room_ids=[hospital["rooms"]["hall"]]))
    assert r.status == 400 and r.json["field"] == "/room_ids/0"
    assert other.put(f"/api/v1/hospital/rooms/{hospital['rooms']['hall']}", {"name": "Mine"}).status == 404
    assert [r["name"] for r in other.get("/api/v1/hospital/rooms").json["items"]] == []
    assert server.register_mother(hospital="rr1").get("/api/v1/hospital/rooms").status == 404
    clin = server.add_staff(f"clin-{new_id()[:8]}@rr1.org", "clinician", "rr1")
    assert clin.put(f"/api/v1/hospital/rooms/{new_id()}", {"name": "X"}).status == 403


def test_a_providers_feed_by_capability_url_names_no_mother(server, hospital):
    admin, p0 = hospital["admin"], hospital["providers"][0]
    m = server.register_mother(hospital="rr1")
    bid = book(m, hospital, "lc", provider_slots(m, hospital["ids"]["lc"], p0, day(10))[6]["start"]).json["id"]
    r = admin.post(f"/api/v1/hospital/providers/{p0}/calendar-feed")
    assert r.status == 201, r
    path = r.json["path"]
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) == 43
    anonymous = server.client()
    feed = anonymous.get(path)
    assert feed.status == 200 and feed.header("content-type").startswith("text/calendar")
    assert f"UID:{bid}@tia" in feed.raw and "Mother" not in feed.raw, "no mother's name in a feed"
    assert feed.header("cache-control") == "no-store"
    assert token not in server.read_log(), "the capability never goes into the log"
    # A new URL replaces the old one; revoking ends it; guesses and other hospitals get 404.
    newer = admin.post(f"/api/v1/hospital/providers/{p0}/calendar-feed").json["path"]
    assert anonymous.get(path).status == 404 and anonymous.get(newer).status == 200
    assert admin.delete(f"/api/v1/hospital/providers/{p0}/calendar-feed").json["revoked"] == 1
    assert anonymous.get(newer).status == 404
    assert anonymous.get("/api/v1/calendar-feeds/" + "A" * 43 + ".ics").status == 404
    assert anonymous.get("/api/v1/calendar-feeds/short.ics").status == 404
    other = server.add_staff(f"adm-{new_id()[:8]}@rr2.org", "hospital_admin", "rr2")
    assert other.post(f"/api/v1/hospital/providers/{p0}/calendar-feed").status == 404
    clin = server.add_staff(f"clin-{new_id()[:8]}@rr1.org", "clinician", "rr1")
    assert clin.post(f"/api/v1/hospital/providers/{p0}/calendar-feed").status == 403


def test_the_outbox_keeps_one_message_per_due_time_after_the_migration_sqlite(server, hospital):
    """The rebuilt outbox table still refuses a second copy of one message (same booking, kind,
    channel and due time) at the database level."""
    db = sqlite3.connect(server.db.removeprefix("sqlite:"), timeout=10)
    try:
        row = db.execute("SELECT booking_id, kind, channel, due_at FROM outbox_messages LIMIT 1").fetchone()
        assert row, "a message exists"
        with pytest.raises(sqlite3.IntegrityError):
            with db:
                db.execute("INSERT INTO outbox_messages (booking_id, kind, channel, recipient, subject, body, due_at, "
                           "status, attempts, next_attempt_at) VALUES (?, ?, ?, 'x', 'x', 'x', ?, 'pending', 0, 0)", row)
    finally:
        db.close()
