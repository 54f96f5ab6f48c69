"""Booking through the HTTP API (issue 5): the hospital's configuration, slots, booking under
concurrency, windows enforced by the server, cancelled bookings kept with their history, the
emergency-result block, and who may see what."""
import datetime
import sqlite3
import time

import pytest

from booking_helpers import ALL_DAY, ZONE, mail_server, service
from tia_client import EventReader, concurrently, local, new_id, now, wait_for

# A holiday a week after the tests' today: never today, so the windows below hold on any date.
HOLIDAY = (now(ZONE) + datetime.timedelta(days=7)).date().isoformat()
SETTINGS = {"time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
            "hotline": {"number": "1900 6868", "hours": []},
            "holidays": [{"date": HOLIDAY, "name": "Tết"}]}


@pytest.fixture(scope="module")
def server(sink):
    s = mail_server(sink, "h1", "h2")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def hospital(server):
    admin = server.add_staff(f"adm-{new_id()[:8]}@h1.org", "hospital_admin", "h1")
    assert admin.put("/api/v1/hospital/settings", SETTINGS).status == 200
    ids = {"lc": new_id(), "clinic": new_id(), "class": new_id(), "approval": new_id()}
    bodies = {"lc": service("lc", min_notice_min=60, cancel_window_min=120),
              "clinic": service("clinic", kind="same_day_lactation_clinic", same_day=True, cancel_window_min=120),
              "class": service("class", kind="antenatal_class", duration_min=60, step_min=60, capacity=3),
              "approval": service("approval", kind="nutrition_consult", requires_approval=True)}
    for k, sid in ids.items():
        r = admin.put(f"/api/v1/hospital/services/{sid}", bodies[k])
        assert r.status == 200, r
    provider = new_id()
    r = admin.put(f"/api/v1/hospital/providers/{provider}", {
        "name": "Hạnh", "title": "IBCLC", "time_zone": "Asia/Ho_Chi_Minh",
        "service_ids": list(ids.values()), "weekly": ALL_DAY})
    assert r.status == 200, r
    return {"admin": admin, "ids": ids, "provider": provider}


def slots(client, service_id, days=2, date=None):
    date = date or now(ZONE).date().isoformat()
    r = client.get(f"/api/v1/services/{service_id}/slots?from={date}&days={days}")
    assert r.status == 200, r
    return r.json


def first_slots(client, service_id, date=None):
    return slots(client, service_id, date=date)["providers"][0]["slots"]


def book(client, hospital, key, start, **kw):
    body = {"service_id": hospital["ids"][key], "provider_id": hospital["provider"], "start": start}
    body.update(kw)
    return client.put(f"/api/v1/bookings/{new_id()}", body)


def test_configuration_is_the_admins_and_errors_name_the_field(server, hospital):
    admin = hospital["admin"]
    r = admin.put("/api/v1/hospital/settings", {**SETTINGS, "time_zone": "Mars/Olympus"})
    assert r.status == 400 and r.json["field"] == "/time_zone"
    r = admin.put(f"/api/v1/hospital/providers/{new_id()}", {
        "name": "X", "time_zone": "Asia/Ho_Chi_Minh", "service_ids": [],
        "weekly": {"mon": {"start": "08:00", "end": "12:00", "breaks": [{"start": "11:30", "end": "12:30"}]}}})
    assert r.status == 400 and r.json["field"] == "/weekly/mon/breaks/0/start"
    r = admin.put(f"/api/v1/hospital/services/{new_id()}", service("x", duration_min=0))
    assert r.status == 400 and r.json["field"] == "/duration_min"
    # A provider may offer only this hospital's services.
    other_admin = server.add_staff(f"adm-{new_id()[:8]}@h2.org", "hospital_admin", "h2")
    r = other_admin.put(f"/api/v1/hospital/providers/{new_id()}", {
        "name": "Y", "time_zone": "Asia/Ho_Chi_Minh", "service_ids": [hospital["ids"]["lc"]], "weekly": ALL_DAY})
    assert r.status == 400 and r.json["field"] == "/service_ids/0"
    # Another hospital's admin cannot overwrite it; a clinician cannot configure; a mother cannot see it.
    assert other_admin.put(f"/api/v1/hospital/services/{hospital['ids']['lc']}", service("lc")).status == 404
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    assert clin.put("/api/v1/hospital/settings", SETTINGS).status == 403
    assert clin.get("/api/v1/hospital/settings").json["emergency_number"] == "115"
    mother = server.register_mother()
    assert mother.put("/api/v1/hospital/settings", SETTINGS).status == 404
    assert mother.get("/api/v1/hospital/services").status == 404
    names = [s["name"]["en"] for s in admin.get("/api/v1/hospital/services").json["items"]]
    assert names == ["lc", "clinic", "class", "approval"]
    # The hospital's holiday has no times, the day before it has.
    assert slots(mother, hospital["ids"]["lc"], days=1, date=HOLIDAY)["providers"][0]["slots"] == []
    before = (datetime.date.fromisoformat(HOLIDAY) - datetime.timedelta(days=1)).isoformat()
    assert slots(mother, hospital["ids"]["lc"], days=1, date=before)["providers"][0]["slots"]
    # Her hospital's hotline now comes from its settings.
    c = mother.get("/api/v1/contact").json
    assert c["hotline"] == "1900 6868" and c["emergency"] == "115" and c["hotline_open_now"] is True


def test_book_see_it_cancel_it_and_it_stays_with_its_history(server, hospital):
    m = server.register_mother()
    assert [s["name"]["en"] for s in m.get("/api/v1/services").json["items"]] == ["lc", "clinic", "class", "approval"]
    at_now = now()
    assert datetime.datetime.fromisoformat(first_slots(m, hospital["ids"]["lc"])[0]["start"]) >= \
        at_now + datetime.timedelta(minutes=60), "the notice (60 min) is respected"
    # The day after tomorrow: its first slot (00:00) is outside the 2-hour cancel window at any
    # hour this runs (tomorrow's 00:00 is not, after 22:00 in Ha Noi).
    tomorrow = (now(ZONE) + datetime.timedelta(days=2)).date().isoformat()
    free = first_slots(m, hospital["ids"]["lc"], date=tomorrow)
    assert free[0]["start"] == f"{tomorrow}T00:00:00+07:00"
    bid = new_id()
    body = {"service_id": hospital["ids"]["lc"], "provider_id": hospital["provider"],
            "start": free[0]["start"], "subjects": ["mother", "baby"]}
    r = m.put(f"/api/v1/bookings/{bid}", body)
    assert r.status == 201, r
    assert r.json["status"] == "booked" and r.json["subjects"] == ["mother", "baby"]
    assert [h["to"] for h in r.json["history"]] == ["booked"]
    # The same request again answers the same booking; the same id for another time is a conflict.
    again = m.put(f"/api/v1/bookings/{bid}", body)
    assert again.status == 201 and again.json["id"] == bid
    assert m.put(f"/api/v1/bookings/{bid}", {**body, "start": free[1]["start"]}).status == 409
    assert free[0]["start"] not in [s["start"] for s in first_slots(m, hospital["ids"]["lc"], date=tomorrow)]
    assert [b["id"] for b in m.get("/api/v1/bookings").json["items"]] == [bid]
    # Cancelled: kept, with who, when and why; the slot is free again.
    r = m.post(f"/api/v1/bookings/{bid}/cancel", {"reason": "feeling better"})
    assert r.status == 200, r
    got = m.get(f"/api/v1/bookings/{bid}").json
    assert got["status"] == "cancelled"
    assert [(h["from"], h["to"], h["by"], h["reason"]) for h in got["history"]] == [
        (None, "booked", "mother", None), ("booked", "cancelled", "mother", "feeling better")]
    assert free[0]["start"] in [s["start"] for s in first_slots(m, hospital["ids"]["lc"], date=tomorrow)]
    assert m.post(f"/api/v1/bookings/{bid}/cancel", {}).status == 409  # already cancelled


def test_fifty_concurrent_requests_for_one_free_slot_book_exactly_one_over_20_rounds(server, hospital):
    mothers = [server.register_mother() for _ in range(10)]
    # One connection per concurrent request: 5 for each of 10 mothers.
    clients = [server.client(token=m.token) for m in mothers for _ in range(5)]
    in_two_days = (now(ZONE) + datetime.timedelta(days=2)).date().isoformat()
    free = first_slots(mothers[0], hospital["ids"]["clinic"], date=in_two_days)
    assert len(free) >= 20
    booked_starts = []
    for rnd in range(20):
        start = free[rnd]["start"]
        queue = list(clients)

        def attempt():
            return book(queue.pop(), hospital, "clinic", start)
        results = concurrently(50, attempt)
        statuses = sorted(r.status for r in results)
        assert statuses.count(201) == 1, (rnd, statuses)
        assert statuses.count(409) == 49, (rnd, statuses)
        assert all(r.json["field"] == "/start" for r in results if r.status == 409)
        booked_starts.append(start)
    # The hospital's day list holds exactly one booking per contested start.
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    items = clin.get(f"/api/v1/bookings?from={in_two_days}&days=1").json["items"]
    starts = [b["start"] for b in items if b["service"]["id"] == hospital["ids"]["clinic"]]
    assert sorted(starts) == sorted(booked_starts)


def test_every_window_is_enforced_by_the_server(server, hospital):
    m = server.register_mother()
    at_now = now(ZONE)
    # Too soon for the 60-minute notice, outside the grid, beyond the 30-day horizon.
    soon = (at_now + datetime.timedelta(minutes=45)).replace(second=0, microsecond=0)
    soon = soon.replace(minute=0 if soon.minute < 30 else 30)
    far = (at_now + datetime.timedelta(days=31)).replace(hour=9, minute=0, second=0, microsecond=0)
    odd = (at_now + datetime.timedelta(days=1)).replace(hour=9, minute=10, second=0, microsecond=0)
    for start in (soon, far, odd):
        r = book(m, hospital, "lc", start.isoformat())
        assert r.status == 409 and r.json["field"] == "/start", (start, r)
    # The cancel window (120 min): a clinic slot 60-120 min ahead cannot be cancelled by her.
    near = [s for s in first_slots(m, hospital["ids"]["clinic"])
            if at_now + datetime.timedelta(minutes=61) <= datetime.datetime.fromisoformat(s["start"])
            < at_now + datetime.timedelta(minutes=119)]
    assert near, "a slot inside the cancel window"
    r = book(m, hospital, "clinic", near[0]["start"])
    assert r.status == 201, r
    bid = r.json["id"]
    r = m.post(f"/api/v1/bookings/{bid}/cancel", {"reason": "cannot come"})
    assert r.status == 409 and "call the hospital" in r.json["detail"]
    # Staff are not bound by it, but give a reason; a no-show only after the start.
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    assert clin.post(f"/api/v1/bookings/{bid}/status", {"status": "no_show"}).status == 409
    assert clin.post(f"/api/v1/bookings/{bid}/cancel", {}).json["field"] == "/reason"
    r = clin.post(f"/api/v1/bookings/{bid}/cancel", {"reason": "mother phoned the hotline"})
    assert r.status == 200 and r.json["history"][-1]["by"] == "clinician"
    # Arrived -> fulfilled; a jump the machine does not allow names the field.
    r = book(m, hospital, "clinic", near[0]["start"])
    bid2 = r.json["id"]
    assert clin.post(f"/api/v1/bookings/{bid2}/status", {"status": "fulfilled"}).json["field"] == "/status"
    assert clin.post(f"/api/v1/bookings/{bid2}/status", {"status": "arrived"}).json["status"] == "arrived"
    assert clin.post(f"/api/v1/bookings/{bid2}/status", {"status": "fulfilled"}).json["status"] == "fulfilled"
    assert clin.post(f"/api/v1/bookings/{bid2}/status", {"status": "teleported"}).json["field"] == "/status"


def test_a_class_shares_its_seats_and_approval_and_holds_work(server, hospital):
    tomorrow = (now(ZONE) + datetime.timedelta(days=1)).date().isoformat()
    mothers = [server.register_mother() for _ in range(4)]
    cls = first_slots(mothers[0], hospital["ids"]["class"], date=tomorrow)[0]
    assert cls["seats_left"] == 3
    for i, m in enumerate(mothers[:3]):
        assert book(m, hospital, "class", cls["start"]).status == 201
        left = [s for s in first_slots(m, hospital["ids"]["class"], date=tomorrow) if s["start"] == cls["start"]]
        assert (left[0]["seats_left"] if left else 0) == 2 - i
    assert book(mothers[3], hospital, "class", cls["start"]).status == 409
    # A service that needs approval: requested until staff book it.
    slot = first_slots(mothers[3], hospital["ids"]["approval"], date=tomorrow)[0]
    r = book(mothers[3], hospital, "approval", slot["start"])
    assert r.json["status"] == "requested"
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    r = clin.post(f"/api/v1/bookings/{r.json['id']}/status", {"status": "booked", "reason": "approved"})
    assert r.json["status"] == "booked"
    # A hold takes the slot for a few minutes; confirming books it.
    slot = first_slots(mothers[3], hospital["ids"]["lc"], date=tomorrow)[0]
    r = book(mothers[3], hospital, "lc", slot["start"], hold=True)
    assert r.status == 201 and r.json["status"] == "held" and r.json["hold_expires_at"]
    assert book(mothers[2], hospital, "lc", slot["start"]).status == 409
    r = mothers[3].post(f"/api/v1/bookings/{r.json['id']}/confirm")
    assert r.json["status"] == "booked" and [h["to"] for h in r.json["history"]] == ["held", "booked"]


def test_an_emergency_result_closes_self_booking(server, hospital):
    m = server.register_mother()
    r = m.put(f"/api/v1/mothers/{m.user['id']}/symptom-checks/{new_id()}", {"answers": {"heart_rate": 135}})
    assert r.json["result"]["disposition"] == "emergency"
    s = slots(m, hospital["ids"]["clinic"])
    assert s["blocked"]["reason"] == "emergency_result" and s["blocked"]["contact"]["emergency"] == "115"
    assert s["providers"] == []
    tomorrow = (now(ZONE) + datetime.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    r = book(m, hospital, "clinic", tomorrow.isoformat())
    assert r.status == 409 and r.json["field"] == "/service_id" and "emergency" in r.json["detail"]


def test_a_booking_names_only_her_own_baby(server, hospital):
    m = server.register_mother()
    other = server.register_mother()
    theirs, mine = new_id(), new_id()
    assert other.put(f"/api/v1/mothers/{other.user['id']}/infants/{theirs}", {"name": "An", "birth_date": local(60 * 24 * 3)[:10]}).status == 201
    assert m.put(f"/api/v1/mothers/{m.user['id']}/infants/{mine}", {"name": "Bình", "birth_date": local(60 * 24 * 3)[:10]}).status == 201
    slot = first_slots(m, hospital["ids"]["lc"])[0]
    body = {"service_id": hospital["ids"]["lc"], "provider_id": hospital["provider"], "start": slot["start"],
            "subjects": ["mother", "baby"]}
    bid = new_id()
    r = m.put(f"/api/v1/bookings/{bid}", {**body, "infant_id": theirs})
    assert r.status == 400 and r.json["field"] == "/infant_id", r
    assert m.get(f"/api/v1/bookings/{bid}").status == 404  # nothing stored
    r = m.put(f"/api/v1/bookings/{bid}", {**body, "infant_id": mine})
    assert r.status == 201, r


def test_only_the_mother_and_her_hospitals_staff_see_a_booking(server, hospital):
    m = server.register_mother()
    other = server.register_mother(hospital="h2")
    slot = first_slots(m, hospital["ids"]["lc"])[0]
    bid = book(m, hospital, "lc", slot["start"]).json["id"]
    assert other.get(f"/api/v1/bookings/{bid}").status == 404
    assert other.post(f"/api/v1/bookings/{bid}/cancel", {}).status == 404
    assert other.get(f"/api/v1/services/{hospital['ids']['lc']}/slots").status == 404
    outsider = server.add_staff(f"clin-{new_id()[:8]}@h2.org", "clinician", "h2")
    assert outsider.get(f"/api/v1/bookings/{bid}").status == 404
    assert outsider.post(f"/api/v1/bookings/{bid}/status", {"status": "arrived"}).status == 404
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    assert clin.get(f"/api/v1/bookings/{bid}").json["id"] == bid
    events = hospital["admin"].get("/api/v1/hospital/audit").json["items"]
    assert any(e["resource"] == "booking" and e["action"] == "read" and e["actor_role"] == "clinician" for e in events)
    # Erasing her account removes her bookings with her.
    assert m.post("/api/v1/auth/reauthenticate", {"password": m.password}).status == 204
    assert m.delete(f"/api/v1/mothers/{m.user['id']}").status == 204
    assert clin.get(f"/api/v1/bookings/{bid}").status == 404


def test_the_demo_hospital_is_bookable(server):
    out = server.cli("demo").stdout
    logins = dict(line.split(" ", 2)[0:3:2] for line in out.splitlines() if "@demo.tia" in line)
    mother = server.login("mother@demo.tia", logins["mother"].strip())
    services = {s["name"]["en"]: s for s in mother.get("/api/v1/services").json["items"]}
    assert len(services) == 11 and services["Antenatal class: breastfeeding"]["capacity"] == 12
    # The maternity programme: packages, the first antenatal course (the hospital's topics, on
    # Saturdays, in the hall and online) and the breastfeeding and blocked-duct prevention class.
    packages = {p["code"]: p for p in mother.get("/api/v1/packages").json["items"]}
    assert set(packages) == {"standard", "painless", "caesarean", "one-room"}
    assert packages["painless"]["name"]["vi"] == "Sinh không đau" and packages["painless"]["deposit_vnd"] > 0
    courses = mother.get("/api/v1/courses").json["items"]
    assert [len(c["sessions"]) for c in courses] == [4, 1]
    assert all(s["room_seats"] > 0 and s["online_seats"] > 0 for c in courses for s in c["sessions"])
    assert "tắc tia sữa" in courses[1]["title"]["vi"]
    # Hương, 24 weeks pregnant: registered with the painless birth, confirmed, in course 66 with her husband.
    pregnant = server.login("pregnant@demo.tia", logins["pregnant"].strip())
    file = pregnant.get(f"/api/v1/mothers/{pregnant.user['id']}/pregnancy").json
    assert file["status"] == "confirmed" and file["stage"]["weeks"] == 24 and file["package"]["code"] == "painless"
    assert any(c["status"] == "due" for c in file["contacts"])  # the glucose tolerance test, 24-28 weeks
    course66 = pregnant.get(f"/api/v1/courses/{courses[0]['id']}").json
    assert course66["enrolment"]["companions"] == 1 and course66["sessions"][0]["mine"]["seats"] == 2
    week = mother.get(f"/api/v1/services/{services['Lactation consult']['id']}/slots?days=7").json
    assert week["providers"][0]["name"] == "Nữ hộ sinh Lan"  # a Vietnamese hospital's own words
    hospitals = {h["code"]: h["name"] for h in server.client().get("/api/v1/hospitals").json["items"]}
    assert hospitals["tudu"] == "Bệnh viện Từ Dũ (demo)"
    times = {s["start"][11:16] for s in week["providers"][0]["slots"]}
    assert "07:30" in times and "12:00" not in times and "16:30" not in times  # lunch break, closing time
    assert mother.get("/api/v1/contact").json["hotline"] == "1900 0000"


def test_a_booking_as_an_icalendar_file_and_the_providers_feed(server, hospital):
    m = server.register_mother()
    tomorrow = (now(ZONE) + datetime.timedelta(days=1)).date().isoformat()
    slot = first_slots(m, hospital["ids"]["lc"], date=tomorrow)[-1]
    bid = book(m, hospital, "lc", slot["start"]).json["id"]
    r = m.get(f"/api/v1/bookings/{bid}/calendar.ics?lang=vi")
    assert r.status == 200 and r.header("content-type").startswith("text/calendar")
    assert "attachment" in r.header("content-disposition")
    assert r.raw.startswith("BEGIN:VCALENDAR\r\n") and "\r\n " not in r.raw.split("DESCRIPTION")[0]
    start = datetime.datetime.fromisoformat(slot["start"]).astimezone(datetime.timezone.utc)
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in r.raw and f"UID:{bid}@tia" in r.raw
    assert "STATUS:CONFIRMED" in r.raw and "SUMMARY:lc" in r.raw
    assert m.get(f"/api/v1/bookings/{bid}/calendar.ics?lang=fr").json["field"] == "lang"
    assert server.register_mother().get(f"/api/v1/bookings/{bid}/calendar.ics").status == 404
    # Cancelled: the same UID with a higher SEQUENCE and STATUS:CANCELLED, so calendars update it.
    m.post(f"/api/v1/bookings/{bid}/cancel", {})
    after = m.get(f"/api/v1/bookings/{bid}/calendar.ics").raw
    assert "STATUS:CANCELLED" in after and "SEQUENCE:2" in after and f"UID:{bid}@tia" in after
    # The provider's feed, for staff of her hospital only.
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    feed = clin.get(f"/api/v1/hospital/providers/{hospital['provider']}/calendar.ics")
    assert feed.status == 200 and feed.raw.count("BEGIN:VEVENT") >= 1 and f"UID:{bid}@tia" in feed.raw
    outsider = server.add_staff(f"clin-{new_id()[:8]}@h2.org", "clinician", "h2")
    assert outsider.get(f"/api/v1/hospital/providers/{hospital['provider']}/calendar.ics").status == 404


def test_confirmation_and_each_reminder_go_out_once_through_smtp_sqlite(server, hospital, sink):
    m = server.register_mother()
    email_addr = m.get("/api/v1/auth/me").json["email"]
    later = (now(ZONE) + datetime.timedelta(days=3)).date().isoformat()
    slot = first_slots(m, hospital["ids"]["lc"], date=later)[20]
    bid = book(m, hospital, "lc", slot["start"]).json["id"]
    msgs = wait_for(lambda: sink.to(email_addr))
    assert len(msgs) == 1 and msgs[0]["Subject"].startswith("Tia: đã đặt lịch hẹn")
    body = msgs[0].get_content()
    assert "10:00" in body and "Hạnh" in body and "lc" not in body.split("(")[0], body  # no reason for the visit
    # The sink has the message a moment before the worker records it as sent.
    got = wait_for(lambda: (g := m.get(f"/api/v1/bookings/{bid}").json["messages"])[0]["status"] == "sent" and g)
    assert [(x["kind"], x["status"]) for x in got] == [
        ("confirmation", "sent"), ("reminder_24h", "pending"), ("reminder_2h", "pending")]
    start = datetime.datetime.fromisoformat(slot["start"])
    assert got[1]["due_at"] == (start - datetime.timedelta(hours=24)).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Their time comes: each reminder is sent once, however many passes the worker makes.
    db = sqlite3.connect(server.db.removeprefix("sqlite:"), timeout=10)
    with db:
        db.execute("UPDATE outbox_messages SET next_attempt_at = 0 WHERE kind LIKE 'reminder%' AND "
                   "booking_id = (SELECT id FROM bookings WHERE public_id = ?)", (bid,))
    db.close()
    assert wait_for(lambda: len(sink.to(email_addr)) == 3)
    time.sleep(1.0)  # ten more passes of the worker
    subjects = sorted(x["Subject"] for x in sink.to(email_addr))
    assert len(subjects) == 3 and sum(s.startswith("Tia: nhắc lịch hẹn") for s in subjects) == 2
    assert len({x["Message-ID"] for x in sink.to(email_addr)}) == 3
    assert all(x["status"] == "sent" for x in m.get(f"/api/v1/bookings/{bid}").json["messages"])


def test_a_refused_address_does_not_stop_the_others_and_cancel_stops_reminders(server, hospital, sink):
    bad = server.register_mother(email=f"reject-{new_id()[:8]}@example.org")
    good = server.register_mother()
    good_addr = good.get("/api/v1/auth/me").json["email"]
    later = (now(ZONE) + datetime.timedelta(days=4)).date().isoformat()
    free = first_slots(good, hospital["ids"]["lc"], date=later)
    bad_id = book(bad, hospital, "lc", free[10]["start"]).json["id"]
    good_id = book(good, hospital, "lc", free[12]["start"]).json["id"]
    assert wait_for(lambda: len(sink.to(good_addr)) == 1)
    bad_msgs = wait_for(lambda: [x for x in bad.get(f"/api/v1/bookings/{bad_id}").json["messages"]
                                 if x["kind"] == "confirmation" and x["status"] == "pending"])
    assert bad_msgs, "the refused confirmation waits for a retry"
    # Cancelled: the reminders not yet sent are cancelled, never sent.
    good.post(f"/api/v1/bookings/{good_id}/cancel", {})
    statuses = {x["kind"]: x["status"] for x in good.get(f"/api/v1/bookings/{good_id}").json["messages"]}
    assert statuses == {"confirmation": "sent", "reminder_24h": "cancelled", "reminder_2h": "cancelled"}


def test_the_waitlist_offers_a_freed_place_in_turn_and_an_expired_offer_passes_on_sqlite(server, hospital, sink):
    admin = hospital["admin"]
    day = (now(ZONE) + datetime.timedelta(days=5)).date().isoformat()
    # A service with one place that day: a provider who works 09:00-09:30 on that date only.
    svc, prov = new_id(), new_id()
    assert admin.put(f"/api/v1/hospital/services/{svc}", service("scarce")).status == 200
    assert admin.put(f"/api/v1/hospital/providers/{prov}", {
        "name": "Thu", "time_zone": "Asia/Ho_Chi_Minh", "service_ids": [svc], "weekly": {},
        "exceptions": [{"date": day, "start": "09:00", "end": "09:30"}]}).status == 200
    a, b, c = (server.register_mother() for _ in range(3))
    start = f"{day}T09:00:00+07:00"
    body = {"service_id": svc, "provider_id": prov, "start": start}
    wait = {"service_id": svc, "from": day, "to": day}
    r = b.put(f"/api/v1/waitlist/{new_id()}", wait)
    assert r.status == 409 and r.json["field"] == "/from"  # a time is still free: book it instead
    booked = a.put(f"/api/v1/bookings/{new_id()}", body).json
    assert booked["status"] == "booked"
    # Full: she may wait (a range that ends before it starts names the field).
    assert b.put(f"/api/v1/waitlist/{new_id()}", {**wait, "to": "2000-01-01"}).json["field"] == "/to"
    wb, wc = new_id(), new_id()
    assert b.put(f"/api/v1/waitlist/{wb}", wait).json["status"] == "waiting"
    assert c.put(f"/api/v1/waitlist/{wc}", wait).status == 201
    # A cancels: the place is offered to B first, as a hold she confirms.
    a.post(f"/api/v1/bookings/{booked['id']}/cancel", {})
    offer = b.get("/api/v1/waitlist").json["items"][0]
    utc_start = datetime.datetime.fromisoformat(start).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert offer["status"] == "offered" and offer["offer"]["start"] == utc_start and offer["offer"]["confirm_before"]
    b_addr = b.get("/api/v1/auth/me").json["email"]
    assert wait_for(lambda: any(m["Subject"].startswith("Tia: có chỗ trống") for m in sink.to(b_addr)))
    assert c.get("/api/v1/waitlist").json["items"][0]["status"] == "waiting"
    assert a.put(f"/api/v1/bookings/{new_id()}", body).status == 409  # held for B
    # B lets it pass: her hold runs out, and the next pass of the worker offers it to C.
    db = sqlite3.connect(server.db.removeprefix("sqlite:"), timeout=10)
    with db:
        db.execute("UPDATE bookings SET hold_expires_at = 1 WHERE public_id = ?", (offer["offer"]["booking_id"],))
    db.close()
    assert wait_for(lambda: c.get("/api/v1/waitlist").json["items"][0]["status"] == "offered")
    assert b.get("/api/v1/waitlist").json["items"][0]["status"] == "expired"
    history = b.get(f"/api/v1/bookings/{offer['offer']['booking_id']}").json["history"]
    assert history[-1]["to"] == "cancelled" and history[-1]["reason"] == "offer expired"
    # C confirms: booked, and her entry says so.
    c_offer = c.get("/api/v1/waitlist").json["items"][0]["offer"]
    confirmed = c.post(f"/api/v1/bookings/{c_offer['booking_id']}/confirm").json
    assert confirmed["status"] == "booked" and confirmed["start"] == start
    assert c.get("/api/v1/waitlist").json["items"][0]["status"] == "booked"
    assert c.post(f"/api/v1/waitlist/{wc}/withdraw").status == 409
    assert a.post(f"/api/v1/waitlist/{wc}/withdraw").status == 404
    # The day is full again: A waits, then changes her mind.
    wa = new_id()
    assert a.put(f"/api/v1/waitlist/{wa}", wait).status == 201
    withdrawn = a.post(f"/api/v1/waitlist/{wa}/withdraw")
    assert withdrawn.status == 200 and withdrawn.json["status"] == "withdrawn"
    assert a.get("/api/v1/waitlist").json["items"][0]["status"] == "withdrawn"


def test_a_text_message_too_when_her_profile_has_a_phone_number(server, hospital):
    m = server.register_mother()
    base = f"/api/v1/mothers/{m.user['id']}"
    assert m.put(f"{base}/profile", {"phone": "090-123"}).json["field"] == "/phone"
    assert m.put(f"{base}/profile", {"phone": "+84 90 123 4567", "language": "en"}).json["phone"] == "+84901234567"
    later = (now(ZONE) + datetime.timedelta(days=6)).date().isoformat()
    slot = first_slots(m, hospital["ids"]["lc"], date=later)[30]
    bid = book(m, hospital, "lc", slot["start"]).json["id"]
    sent = wait_for(lambda: [x for x in m.get(f"/api/v1/bookings/{bid}").json["messages"]
                             if x["channel"] == "sms" and x["kind"] == "confirmation" and x["status"] == "sent"])
    assert sent, m.get(f"/api/v1/bookings/{bid}").json["messages"]
    kinds = sorted((x["channel"], x["kind"]) for x in m.get(f"/api/v1/bookings/{bid}").json["messages"])
    assert ("sms", "reminder_24h") in kinds and ("email", "reminder_24h") in kinds
    # The logging sender records the hand-over without the number or the text (the log is flushed
    # every second).
    log = wait_for(lambda: '"event":"sms.handed_over"' in server.read_log() and server.read_log())
    assert '"event":"sms.handed_over"' in log and '"to_ends_with":"67"' in log
    assert "901234567" not in log and "appointment at" not in log


def test_a_booking_and_its_changes_are_announced_live_without_health_data(server, hospital):
    m = server.register_mother()
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    clin_stream, mom_stream = EventReader(server.port, clin.token), EventReader(server.port, m.token)
    other = server.add_staff(f"clin-{new_id()[:8]}@h2.org", "clinician", "h2")
    other_stream = EventReader(server.port, other.token)
    try:
        time.sleep(0.2)
        later = (now(ZONE) + datetime.timedelta(days=3)).date().isoformat()
        bid = book(m, hospital, "lc", first_slots(m, hospital["ids"]["lc"], date=later)[5]["start"]).json["id"]

        def next_for(stream):  # within a heartbeat (15 s) and some
            e = stream.next(timeout=20)
            while e["id"] != bid:
                e = stream.next(timeout=20)
            return e
        assert next_for(clin_stream) == {"type": "booking", "id": bid, "change": "booked"}
        assert next_for(mom_stream) == {"type": "booking", "id": bid, "change": "booked"}
        assert clin.post(f"/api/v1/bookings/{bid}/cancel", {"reason": "she phoned"}).status == 200
        got = next_for(clin_stream)
        assert got["change"] == "cancelled", (got, list(clin_stream.events.queue))
        assert next_for(mom_stream)["change"] == "cancelled"
        # Another hospital hears nothing of it.
        time.sleep(0.3)
        assert all(e["id"] != bid for e in list(other_stream.events.queue))
    finally:
        for s in (clin_stream, mom_stream, other_stream):
            s.close()
