"""Antenatal classes and courses (issue 15 item 3): capacity per session, a companion's seat, separate pools in
the room and online, a waitlist per session that never promotes anyone after the course started, cohorts by due
date, .ics, the roster, the sign-in sheet and attendance.

The server runs on a fixed clock (10:00 in Ha Noi, Monday 2026-12-07); the courses meet on the Saturdays after.
A second server on the same database, with its clock after the first session, checks what changes once a course
has started."""
import threading

import pytest

from tia_client import Server, concurrently, new_id, serve

NOW = "2026-12-07T10:00:00+07:00"
AFTER_FIRST = "2026-12-12T12:00:00+07:00"  # the first Saturday's session is over, the second is ahead


def session(day, room=4, online=0, **kw):
    s = {"title": {"vi": "Chuyển dạ và giảm đau", "en": "Labour and pain relief"},
         "start": f"{day}T09:00:00+07:00", "end": f"{day}T11:00:00+07:00", "room_seats": room,
         "online_seats": online, "place": "Hội trường tầng 3"}
    if online:
        s["online_url"] = "https://meet.example.org/lop-66"
    s.update(kw)
    return s


def course(*sessions, **kw):
    body = {"title": {"vi": "Lớp tiền sản số 66", "en": "Antenatal course 66"}, "number": "66",
            "sessions": list(sessions) or [session("2026-12-12")]}
    body.update(kw)
    return body


@pytest.fixture(scope="module")
def server():
    s = serve(clock=NOW)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def staff(server):
    tag = new_id()[:8]
    return {"admin": server.add_staff(f"a-{tag}@h1.org", "hospital_admin", "h1"),
            "midwife": server.add_staff(f"mw-{tag}@h1.org", "clinician", "h1"),
            "other": server.add_staff(f"c-{tag}@h2.org", "clinician", "h2")}


def put_course(staff, body):
    cid = new_id()
    r = staff["admin"].put(f"/api/v1/hospital/courses/{cid}", body)
    assert r.status == 201, r
    return cid, r.json["course"]


def mothers(server, n, hospital="h1"):
    return [server.register_mother(hospital=hospital) for _ in range(n)]


def enrol(m, cid, mode="room", **kw):
    return m.put(f"/api/v1/courses/{cid}/enrolment", {"mode": mode, **kw})


def test_admins_publish_courses_and_errors_name_the_field(server, staff):
    cid, c = put_course(staff, course(session("2026-12-12", online=50), session("2026-12-19", min_to_run=5)))
    assert [s["seq"] for s in c["sessions"]] == [1, 2] and c["started"] is False
    assert c["sessions"][0]["room_left"] == 4 and c["sessions"][0]["online_left"] == 50
    assert c["starts_at"] == "2026-12-12T09:00:00+07:00"
    assert staff["midwife"].put(f"/api/v1/hospital/courses/{new_id()}", course()).status == 403
    bad = staff["admin"].put(f"/api/v1/hospital/courses/{new_id()}", course(session("2026-12-12", online=5, online_url=None)))
    assert bad.status == 400 and bad.json["field"] == "/sessions/0/online_url", bad
    bad = staff["admin"].put(f"/api/v1/hospital/courses/{new_id()}", course(session("2026-12-19"), session("2026-12-12")))
    assert bad.status == 400 and bad.json["field"] == "/sessions/1/start"
    m = server.register_mother(hospital="h1")
    listed = m.get("/api/v1/courses").json["items"]
    mine = next(x for x in listed if x["id"] == cid)
    assert mine["eligible"] is True and mine["enrolment"] is None and mine["sessions"][0]["online_url"] is None
    # The hospital's staff see the link as set (the admin's editor sends it back whole); a mother only for her seat.
    assert staff["midwife"].get(f"/api/v1/courses/{cid}").json["sessions"][0]["online_url"] == "https://meet.example.org/lop-66"
    # Another hospital's people do not see it.
    assert server.register_mother(hospital="h2").get(f"/api/v1/courses/{cid}").status == 404
    assert staff["other"].get(f"/api/v1/hospital/courses/{cid}/sessions/1/roster").status == 404


def test_thirty_at_once_for_the_last_two_seats_a_companion_counted(server, staff):
    cid, _ = put_course(staff, course(session("2026-12-12", room=4, online=10)))
    husband = server.register_mother(hospital="h1")
    first = enrol(husband, cid, companions=1, companion_name="Anh Minh")
    assert first.status == 201, first
    assert first.json["sessions"][0]["mine"] == {"status": "seated", "pool": "room", "seats": 2, "attended": None}
    assert first.json["sessions"][0]["room_left"] == 2
    crowd = mothers(server, 30)
    queue = list(crowd)
    lock = threading.Lock()

    def one():
        with lock:
            m = queue.pop()
        return enrol(m, cid)
    results = concurrently(30, one)
    assert sorted(r.status for r in results) == [201] * 30, [r for r in results if r.status != 201][:3]
    states = [r.json["sessions"][0]["mine"]["status"] for r in results]
    assert states.count("seated") == 2 and states.count("waiting") == 28
    roster = staff["midwife"].get(f"/api/v1/hospital/courses/{cid}/sessions/1/roster").json
    assert roster["room"] == {"seats": 4, "taken": 4} and len(roster["seated"]) == 3 and len(roster["waiting"]) == 28
    # Online is its own pool: the room is full, a seat online is not.
    online = enrol(server.register_mother(hospital="h1"), cid, mode="online", companions=1)
    assert online.json["sessions"][0]["mine"]["status"] == "seated" and online.json["sessions"][0]["mine"]["seats"] == 1
    assert online.json["sessions"][0]["online_url"] == "https://meet.example.org/lop-66"


def test_a_cancellation_promotes_the_waitlist_only_before_the_course_starts(server, staff):
    cid, _ = put_course(staff, course(session("2026-12-12", room=2), session("2026-12-19", room=2)))
    a, b, c, d = mothers(server, 4)
    assert enrol(a, cid, companions=1).status == 201          # both rooms full: a and her companion
    assert enrol(c, cid, companions=1).json["sessions"][1]["mine"]["status"] == "waiting"
    assert enrol(b, cid).json["sessions"][0]["mine"]["status"] == "waiting"
    assert enrol(d, cid).status == 201
    # Before the course starts: a gives up session 2; c (2 seats) is first and fits; b and d stay waiting there.
    gave = a.post(f"/api/v1/courses/{cid}/enrolment/cancel", {"session": 2})
    assert gave.status == 200 and gave.json["sessions"][1]["mine"] is None
    after = c.get(f"/api/v1/courses/{cid}").json["sessions"]
    assert after[1]["mine"]["status"] == "seated" and after[0]["mine"]["status"] == "waiting"
    assert b.get(f"/api/v1/courses/{cid}").json["sessions"][1]["mine"]["status"] == "waiting"
    # After the first session: c gives up session 2; nobody is promoted into a course already under way.
    later = Server(db_url=server.db, clock=AFTER_FIRST).start(migrate=False)
    try:
        c_later = later.login(c.user["email"], c.password)
        view = c_later.get(f"/api/v1/courses/{cid}").json
        assert view["started"] is True
        # Enrolment is closed once the course started.
        late = later.login(d.user["email"], d.password)
        assert late.post(f"/api/v1/courses/{cid}/enrolment/cancel", {}).status == 200
        assert enrol(late, cid).status == 409
        gave = c_later.post(f"/api/v1/courses/{cid}/enrolment/cancel", {"session": 2})
        assert gave.status == 200
        b_later = later.login(b.user["email"], b.password)
        assert b_later.get(f"/api/v1/courses/{cid}").json["sessions"][1]["mine"]["status"] == "waiting"
        assert gave.json["sessions"][1]["room_left"] == 2
        # The session already held cannot be given up.
        assert c_later.post(f"/api/v1/courses/{cid}/enrolment/cancel", {"session": 1}).status == 409
    finally:
        later.stop()


def test_cohorts_by_due_date(server, staff):
    cid, _ = put_course(staff, course(cohort={"due_from": "2027-06-01", "due_to": "2027-06-30"}))
    june = server.register_mother(hospital="h1")
    assert june.put(f"/api/v1/mothers/{june.user['id']}/profile", {"due_date": "2027-06-15"}).status in (200, 201)
    august = server.register_mother(hospital="h1")
    assert august.put(f"/api/v1/mothers/{august.user['id']}/profile", {"due_date": "2027-08-15"}).status in (200, 201)
    unknown = server.register_mother(hospital="h1")
    assert june.get(f"/api/v1/courses/{cid}").json["eligible"] is True
    assert august.get(f"/api/v1/courses/{cid}").json["eligible"] is False
    assert enrol(june, cid).status == 201
    r = enrol(august, cid)
    assert r.status == 409 and "2027-06-01" in r.json["detail"]
    assert enrol(unknown, cid).status == 409


def test_enrolling_again_is_idempotent_and_bad_input_stores_nothing(server, staff):
    cid, _ = put_course(staff, course(companions_allowed=1))
    m = server.register_mother(hospital="h1")
    bad = enrol(m, cid, companions=2)
    assert bad.status == 400 and bad.json["field"] == "/companions"
    assert enrol(m, cid, mode="tent").json["field"] == "/mode"
    assert enrol(m, cid, mode="online").status == 409  # no seats online in this course
    assert m.get(f"/api/v1/courses/{cid}").json["enrolment"] is None
    assert enrol(m, cid).status == 201
    assert enrol(m, cid).status == 200
    assert enrol(m, cid, companions=1).status == 409
    assert staff["midwife"].put(f"/api/v1/courses/{cid}/enrolment", {"mode": "room"}).status == 403


def test_calendar_roster_sign_in_sheet_attendance_and_a_cancelled_session(server, staff):
    cid, _ = put_course(staff, course(session("2026-12-12", room=1), session("2026-12-19")))
    m, w = mothers(server, 2)
    assert enrol(m, cid, companions=0).status == 201
    assert enrol(w, cid).json["sessions"][0]["mine"]["status"] == "waiting"
    ics = m.get(f"/api/v1/courses/{cid}/calendar.ics?lang=vi")
    assert ics.status == 200 and ics.header("Content-Type").startswith("text/calendar")
    assert ics.raw.count("BEGIN:VEVENT") == 2 and "STATUS:CONFIRMED" in ics.raw and "Lớp tiền sản số 66" in ics.raw
    assert "TENTATIVE" in w.get(f"/api/v1/courses/{cid}/calendar.ics").raw
    assert server.register_mother(hospital="h1").get(f"/api/v1/courses/{cid}/calendar.ics").status == 404
    midwife = staff["midwife"]
    roster = midwife.get(f"/api/v1/hospital/courses/{cid}/sessions/1/roster").json
    assert [p["mother"]["id"] for p in roster["seated"]] == [m.user["id"]]
    assert [p["mother"]["id"] for p in roster["waiting"]] == [w.user["id"]]
    sheet = midwife.get(f"/api/v1/hospital/courses/{cid}/sessions/1/sign-in-sheet?lang=vi")
    assert sheet.status == 200 and "Chữ ký" in sheet.raw and "<td>Mother</td>" in sheet.raw
    assert m.get(f"/api/v1/hospital/courses/{cid}/sessions/1/roster").status == 404
    enrolment = roster["seated"][0]["enrolment_id"]
    marked = midwife.post(f"/api/v1/hospital/courses/{cid}/sessions/1/attendance",
                          {"items": [{"enrolment_id": enrolment, "attended": True}]})
    assert marked.status == 200 and marked.json["seated"][0]["attended"] is True
    wrong = midwife.post(f"/api/v1/hospital/courses/{cid}/sessions/1/attendance",
                         {"items": [{"enrolment_id": new_id(), "attended": True}]})
    assert wrong.status == 400 and wrong.json["field"] == "/items/0/enrolment_id"
    assert m.get(f"/api/v1/courses/{cid}").json["sessions"][0]["mine"]["attended"] is True
    audit = staff["admin"].get(f"/api/v1/hospital/audit?subject={m.user['id']}").json["items"]
    assert any(a["action"] == "read" and a["resource"].startswith("roster:") for a in audit)
    assert any(a["action"] == "attendance" for a in audit)
    # A session cancelled: she sees it, and her calendar says so.
    assert midwife.post(f"/api/v1/hospital/courses/{cid}/sessions/2/cancel", {}).json["field"] == "/reason"
    cancelled = midwife.post(f"/api/v1/hospital/courses/{cid}/sessions/2/cancel", {"reason": "Hội trường sửa chữa"})
    assert cancelled.status == 200 and cancelled.json["status"] == "cancelled"
    assert m.get(f"/api/v1/courses/{cid}").json["sessions"][1]["status"] == "cancelled"
    assert "STATUS:CANCELLED" in m.get(f"/api/v1/courses/{cid}/calendar.ics").raw


def test_editing_a_course_with_people_enrolled(server, staff):
    cid, _ = put_course(staff, course(session("2026-12-12", room=1)))
    a, b = mothers(server, 2)
    enrol(a, cid)
    assert enrol(b, cid).json["sessions"][0]["mine"]["status"] == "waiting"
    admin = staff["admin"]
    shrink = admin.put(f"/api/v1/hospital/courses/{cid}", course(session("2026-12-12", room=0, online=3)))
    assert shrink.status == 409 and shrink.json["field"] == "/sessions/0/room_seats"
    more = admin.put(f"/api/v1/hospital/courses/{cid}", course(session("2026-12-12", room=2)))
    assert more.status == 200
    assert b.get(f"/api/v1/courses/{cid}").json["sessions"][0]["mine"]["status"] == "seated"
    fewer = admin.put(f"/api/v1/hospital/courses/{cid}", course(session("2026-12-12", room=2), session("2026-12-19")))
    assert fewer.status == 409 and fewer.json["field"] == "/sessions"


def test_a_course_she_enrols_in_uses_her_packages_classes(server, staff):
    body = {"code": "with-classes", "kind": "antenatal", "name": {"vi": "Khám thai trọn gói", "en": "Antenatal care"},
            "price_vnd": 5_000_000, "entitlements": [
                {"kind": "antenatal_visit", "label": {"vi": "Khám thai", "en": "Visits"}, "count": 8,
                 "service_codes": ["antenatal-visit"]},
                {"kind": "class", "label": {"vi": "Lớp tiền sản", "en": "Antenatal classes"}, "count": 1}]}
    r = staff["admin"].put("/api/v1/packages/with-classes", body)
    assert r.status in (200, 201), r
    m = server.register_mother(hospital="h1")
    base = f"/api/v1/mothers/{m.user['id']}/pregnancy"
    assert m.put(base, {"due_date": "2027-06-15", "package_id": r.json["package"]["id"],
                        "contact": {"phone": "0901 234 567"},
                        "consent": {"programme": True, "version": "programme-2026-12"}}).status == 201
    used = lambda: [e["used"] for e in m.get(base).json["package"]["entitlements"]]  # noqa: E731
    assert used() == [0, 0]
    first, _ = put_course(staff, course())
    second, _ = put_course(staff, course())
    assert enrol(m, first).status == 201
    assert used() == [0, 1]  # one course: the class is used, no visit is
    assert enrol(m, second).status == 201  # a class beyond the package is never held back
    assert used() == [0, 1]
    assert m.post(f"/api/v1/courses/{first}/enrolment/cancel", {}).status == 200
    assert m.post(f"/api/v1/courses/{second}/enrolment/cancel", {}).status == 200
    assert used() == [0, 0]  # given up, they give their place back
