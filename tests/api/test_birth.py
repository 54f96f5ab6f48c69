"""The birth switches her Tia (issue 15 item 4): staff record it once — the babies in her log with their birth
weight, the postnatal bookings (the discharge nutrition and breastfeeding consultation; the re-examination of
mother and baby, an obstetrician and a paediatrician at one visit on the hospital's day), her clock moves to the
weeks after the birth — exactly once even when sent twice; and a pregnancy that ends without a baby pauses
everything with one tap.

The server runs on a fixed clock (10:00 in Ha Noi on 2026-12-07)."""
import datetime

import pytest

from booking_helpers import ALL_DAY, service
import time

from tia_client import EventReader, concurrently, new_id, serve

NOW = "2026-12-07T10:00:00+07:00"
TODAY = datetime.date(2026, 12, 7)


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
def server():
    s = serve(clock=NOW)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def hospital(server):
    tag = new_id()[:8]
    admin = server.add_staff(f"a-{tag}@h1.org", "hospital_admin", "h1")
    midwife = server.add_staff(f"mw-{tag}@h1.org", "clinician", "h1")
    assert admin.put("/api/v1/hospital/settings", {"time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
                                                    "hotline": {"number": "1900 6868", "hours": []}}).status == 200
    ids = {}
    for code in ("nutrition-breastfeeding", "reexam-mother", "reexam-baby"):
        ids[code] = new_id()
        r = admin.put(f"/api/v1/hospital/services/{ids[code]}",
                      service(code, kind="postpartum_check", duration_min=30, max_days_ahead=60))
        assert r.status == 200, r
    people = {}
    for who, codes in (("nutritionist", ["nutrition-breastfeeding"]), ("obstetrician", ["reexam-mother"]),
                       ("paediatrician", ["reexam-baby"])):
        people[who] = new_id()
        r = admin.put(f"/api/v1/hospital/providers/{people[who]}", {
            "name": who, "title": who, "time_zone": "Asia/Ho_Chi_Minh",
            "service_ids": [ids[c] for c in codes], "weekly": ALL_DAY})
        assert r.status == 200, r
    pkg = admin.put("/api/v1/packages/standard", {
        "code": "standard", "kind": "birth", "name": {"vi": "Sinh thường", "en": "Standard birth"}, "price_vnd": 9_000_000,
        "entitlements": [{"kind": "consultation", "label": {"vi": "Tư vấn dinh dưỡng", "en": "Nutrition consultation"},
                          "count": 1, "service_codes": ["nutrition-breastfeeding"]},
                         {"kind": "reexamination", "label": {"vi": "Tái khám mẹ và bé", "en": "Re-examination"},
                          "count": 2, "service_codes": ["reexam-mother", "reexam-baby"]}]})
    assert pkg.status == 201, pkg
    return {"admin": admin, "midwife": midwife, "ids": ids, "people": people, "package": pkg.json["package"]["id"]}


def registered(server, hospital, due_in=3):
    m = server.register_mother(hospital="h1")
    r = m.put(f"/api/v1/mothers/{m.user['id']}/pregnancy", {
        "due_date": day(due_in), "package_id": hospital["package"], "contact": {"phone": "0901234567"},
        "consent": {"programme": True, "version": "v1"}})
    assert r.status == 201, r
    assert hospital["midwife"].post(f"/api/v1/pregnancies/{r.json['id']}/confirm", {}).status == 200
    return m, r.json["id"]


TWINS = {"born_at": "2026-12-07T03:10:00+07:00", "mode": "caesarean",
         "babies": [{"name": "Bé An", "sex": "female", "weight_g": 2650}, {"name": "Bé Bình", "weight_g": 2480}]}


def test_recording_the_birth_creates_the_babies_the_postnatal_visits_and_switches_her_app(server, hospital):
    m, pid = registered(server, hospital)
    base = f"/api/v1/mothers/{m.user['id']}"
    before = m.get(f"{base}/week").json
    assert before["stage"] == "pregnancy" and before["programme"]["status"] == "confirmed"
    assert before["programme"]["next"]["status"] == "due"  # the weekly check at 39 weeks
    r = hospital["midwife"].post(f"/api/v1/pregnancies/{pid}/birth", TWINS)
    assert r.status == 200, r
    f = r.json
    assert f["outcome"] == "birth" and f["contacts"] == [] and f["stage"] is None
    birth = f["birth"]
    assert birth["gestation"] == "39+4" and [b["weight_g"] for b in birth["babies"]] == [2650, 2480]
    # The babies are in her log with their birth weight.
    infants = m.get(f"{base}/infants").json["items"]
    assert sorted(i["birth_weight_g"] for i in infants) == [2480, 2650]
    assert {i["birth_date"] for i in infants} == {"2026-12-07"} and {i["gestation_weeks"] for i in infants} == {39}
    assert {i["id"] for i in infants} == {b["infant_id"] for b in birth["babies"]}
    # The discharge consultation from six hours after the birth; mother and baby at one visit, day 7.
    discharge = birth["bookings"]["discharge"]
    assert discharge["start"] >= "2026-12-07T10:00:00+07:00" and discharge["provider"] == "nutritionist"
    re = birth["bookings"]["reexamination"]
    assert re["mother"]["start"] == re["baby"]["start"] and re["mother"]["start"].startswith("2026-12-14")
    assert {re["mother"]["provider"], re["baby"]["provider"]} == {"obstetrician", "paediatrician"}
    mine = {x: m.get(f"/api/v1/bookings/{x}").json for x in (discharge["id"], re["mother"]["id"], re["baby"]["id"])}
    assert mine[re["baby"]["id"]]["subjects"] == ["baby"] and mine[re["baby"]["id"]]["infant_id"] in {
        i["id"] for i in infants}
    assert mine[discharge["id"]]["status"] == "booked"
    # Her package counts them.
    used = [e["used"] for e in m.get(f"{base}/pregnancy").json["package"]["entitlements"]]
    assert used == [1, 2]
    # Her app: the weeks after the birth.
    week = m.get(f"{base}/week").json
    assert week["stage"] == "postpartum" and week["dated_from"] == "birth" and week["card_week"] == 1
    # Her home reads the visits the birth booked from the same answer.
    assert [p["kind"] for p in week["programme"]["postnatal"]] == ["discharge", "reexamination_mother",
                                                                   "reexamination_baby"]
    assert week["programme"]["outcome"] == "birth" and week["programme"]["next"] is None
    # The symptom check knows the days since the birth and the caesarean from the recorded birth.
    ctx = m.get(f"{base}/symptom-check-context").json["from_log"]
    assert ctx["days_postpartum"]["value"] == 0
    assert ctx["caesarean_or_surgery_last_6_weeks"]["value"] is True


def test_the_visits_the_birth_books_reach_the_staffs_day_view_live(server, hospital):
    m, pid = registered(server, hospital)
    stream = EventReader(server.port, hospital["midwife"].token)
    try:
        time.sleep(0.2)
        r = hospital["midwife"].post(f"/api/v1/pregnancies/{pid}/birth", {
            "born_at": "2026-12-07T07:00:00+07:00", "mode": "vaginal", "babies": [{"weight_g": 3000}]})
        assert r.status == 200
        b = r.json["birth"]["bookings"]
        want = {b["discharge"]["id"], b["reexamination"]["mother"]["id"], b["reexamination"]["baby"]["id"]}
        seen = set()
        while seen != want:
            e = stream.next(timeout=20)
            if e.get("type") == "booking" and e["id"] in want:
                assert e["change"] == "booked"
                seen.add(e["id"])
    finally:
        stream.close()


def test_the_same_birth_sent_twice_creates_everything_once(server, hospital):
    m, pid = registered(server, hospital)
    midwife = hospital["midwife"]
    body = {"born_at": "2026-12-07T08:00:00+07:00", "mode": "vaginal", "babies": [{"weight_g": 3100}]}
    replies = concurrently(4, lambda: server.client(token=midwife.token).post(f"/api/v1/pregnancies/{pid}/birth", body))
    assert sorted(r.status for r in replies) == [200] * 4, replies
    assert len({r.json["birth"]["bookings"]["discharge"]["id"] for r in replies}) == 1
    assert len(m.get(f"/api/v1/mothers/{m.user['id']}/infants").json["items"]) == 1
    again = midwife.post(f"/api/v1/pregnancies/{pid}/birth", body)
    assert again.status == 200 and again.json["version"] == replies[0].json["version"]
    other = midwife.post(f"/api/v1/pregnancies/{pid}/birth", dict(body, babies=[{"weight_g": 3000}]))
    assert other.status == 409
    bad = midwife.post(f"/api/v1/pregnancies/{registered(server, hospital)[1]}/birth",
                       dict(body, babies=[{"weight_g": 100}]))
    assert bad.status == 400 and bad.json["field"] == "/babies/0/weight_g"
    assert m.post(f"/api/v1/pregnancies/{pid}/birth", body).status in (403, 404)


def test_a_pregnancy_loss_pauses_everything_with_one_tap(server, hospital):
    admin = hospital["admin"]
    cid = new_id()
    assert admin.put(f"/api/v1/hospital/courses/{cid}", {
        "title": {"vi": "Lớp tiền sản", "en": "Antenatal class"},
        "sessions": [{"title": {"vi": "Buổi 1", "en": "Session 1"}, "start": "2026-12-12T09:00:00+07:00",
                      "end": "2026-12-12T11:00:00+07:00", "room_seats": 1}]}).status == 201
    m, pid = registered(server, hospital, due_in=120)
    base = f"/api/v1/mothers/{m.user['id']}"
    waiting = server.register_mother(hospital="h1")
    assert m.put(f"/api/v1/courses/{cid}/enrolment", {"mode": "room"}).status == 201
    assert waiting.put(f"/api/v1/courses/{cid}/enrolment", {"mode": "room"}).json["sessions"][0]["mine"]["status"] == "waiting"
    assert m.get(f"{base}/week").json["stage"] == "pregnancy"
    assert m.post(f"{base}/pause", {"reason": "sad"}).json["field"] == "/reason"
    r = m.post(f"{base}/pause", {"reason": "pregnancy_loss"})
    assert r.status == 200 and r.json["pause"]["reason"] == "pregnancy_loss"
    assert m.post(f"{base}/pause", {"reason": "pregnancy_loss"}).json == r.json  # a second tap: the same
    week = m.get(f"{base}/week").json
    assert week["loss"] is True and week["stage"] is None and week["card"] is None
    assert m.get(f"{base}/pregnancy").json["outcome"] == "loss"
    # Her class place is given up and goes to the next one waiting.
    assert m.get(f"/api/v1/courses/{cid}").json["enrolment"] is None
    assert waiting.get(f"/api/v1/courses/{cid}").json["sessions"][0]["mine"]["status"] == "seated"
    # Resuming ends the pause; the loss stays: no pregnancy content for that pregnancy again.
    assert m.post(f"{base}/resume", {}).json == {"pause": None}
    week = m.get(f"{base}/week").json
    assert week["pause"] is None and week["loss"] is True and week["stage"] is None
    assert hospital["midwife"].post(f"{base}/pause", {"reason": "break"}).status in (403, 404)


def test_a_pause_for_a_hospital_stay_keeps_the_clock_and_hides_the_card(server, hospital):
    m, _ = registered(server, hospital, due_in=100)
    base = f"/api/v1/mothers/{m.user['id']}"
    assert m.post(f"{base}/pause", {"reason": "hospital_stay"}).status == 200
    week = m.get(f"{base}/week").json
    assert week["stage"] == "pregnancy" and week["pause"]["reason"] == "hospital_stay" and week["card"] is None
    assert week["loss"] is False
    m.post(f"{base}/resume", {})
    assert m.get(f"{base}/week").json["pause"] is None
