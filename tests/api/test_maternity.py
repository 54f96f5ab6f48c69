"""The maternity programme (issue 15): packages as versioned entitlements with public pages, registering a
pregnancy online (dating by her dates and a scan), the antenatal schedule from the hospital's template, what
of the package is used, the out-of-package confirmation, and the staff's confirmation, deposit and birth file.

The server runs on a fixed clock (10:00 in Ha Noi on 2026-12-07), so weeks of pregnancy cannot change while
a test runs; every date below is counted from that day."""
import datetime

import pytest

from booking_helpers import ALL_DAY, service
from tia_client import new_id, serve

NOW = "2026-12-07T10:00:00+07:00"
TODAY = datetime.date(2026, 12, 7)


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def painless(**kw):
    body = {"code": "painless", "kind": "birth",
            "name": {"vi": "Sinh không đau", "en": "Painless birth"},
            "summary": {"vi": "Gây tê ngoài màng cứng khi chuyển dạ", "en": "Epidural in labour"},
            "price_vnd": 18_000_000, "deposit_vnd": 10_000_000,
            "entitlements": [
                {"kind": "antenatal_visit", "label": {"vi": "Khám thai", "en": "Antenatal visits"}, "count": 1,
                 "service_codes": ["antenatal-visit"]},
                {"kind": "scan", "label": {"vi": "Siêu âm", "en": "Scans"}, "count": 2,
                 "service_codes": ["antenatal-scan"]},
                {"kind": "room", "label": {"vi": "Phòng 2 giường", "en": "Two-bed room"}, "count": 1, "beds": 2,
                 "nights": 3}],
            "excluded": [{"vi": "Thuốc ngoài danh mục", "en": "Medicines outside the list"}]}
    body.update(kw)
    return body


@pytest.fixture(scope="module")
def server():
    s = serve(clock=NOW)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def hospital(server):
    tag = new_id()[:8]
    admin = server.add_staff(f"a-{tag}@h1.org", "hospital_admin", "h1")
    clinician = server.add_staff(f"c-{tag}@h1.org", "clinician", "h1")
    other = server.add_staff(f"c-{tag}@h2.org", "clinician", "h2")
    assert admin.put("/api/v1/hospital/settings", {"time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
                                                    "hotline": {"number": "1900 6868", "hours": []}}).status == 200
    ids = {"antenatal-visit": new_id(), "antenatal-scan": new_id(), "lactation": new_id()}
    for code, sid in ids.items():
        r = admin.put(f"/api/v1/hospital/services/{sid}", service(code, kind="other", max_days_ahead=90))
        assert r.status == 200, r
    provider = new_id()
    r = admin.put(f"/api/v1/hospital/providers/{provider}", {
        "name": "BS Lan", "title": "Bác sĩ sản", "time_zone": "Asia/Ho_Chi_Minh",
        "service_ids": list(ids.values()), "weekly": ALL_DAY})
    assert r.status == 200, r
    r = admin.put("/api/v1/packages/painless", painless())
    assert r.status == 201, r
    return {"admin": admin, "clinician": clinician, "other": other, "ids": ids, "provider": provider,
            "package": r.json["package"]}


def register(server, hospital, **kw):
    m = server.register_mother(hospital="h1")
    body = {"last_period_date": day(-12 * 7), "package_id": hospital["package"]["id"],
            "contact": {"phone": "0901 234 567"}, "consent": {"programme": True, "version": "programme-2026-12"}}
    body.update(kw)
    r = m.put(f"/api/v1/mothers/{m.user['id']}/pregnancy", body)
    return m, r


def test_packages_are_versioned_entitlements_edited_by_the_admin(server, hospital):
    admin, clinician = hospital["admin"], hospital["clinician"]
    p = hospital["package"]
    assert p["version"] == 1 and p["price_vnd"] == 18_000_000 and p["entitlements"][2]["beds"] == 2
    # The same body again adds nothing; a clinician or a mother may not edit.
    again = admin.put("/api/v1/packages/painless", painless())
    assert again.status == 200 and again.json["changed"] is False and again.json["package"]["version"] == 1
    assert clinician.put("/api/v1/packages/painless", painless(price_vnd=1)).status == 403
    # Errors name the field, and nothing is stored.
    bad = admin.put("/api/v1/packages/standard", painless(code="standard", name={"vi": "Thường"}))
    assert bad.status == 400 and bad.json["field"] == "/name/en", bad
    assert admin.get("/api/v1/packages/standard").status == 404
    bad = admin.put("/api/v1/packages/standard", painless(code="other"))
    assert bad.status == 400 and bad.json["field"] == "/code"
    # Another hospital's staff do not see it.
    assert hospital["other"].get("/api/v1/packages/painless").status == 404


def test_public_pages_list_the_packages_in_both_languages(server, hospital):
    web = server.client()
    vi = web.get("/library/h1/vi/packages")
    assert vi.status == 200 and vi.header("Content-Type").startswith("text/html")
    assert "Sinh không đau" in vi.raw and "18.000.000&nbsp;₫" in vi.raw and "Thuốc ngoài danh mục" in vi.raw
    assert "1 × Khám thai" in vi.raw and "2 giường" in vi.raw
    en = web.get("/library/h1/en/packages/painless")
    assert en.status == 200 and "Painless birth" in en.raw and "18,000,000&nbsp;₫" in en.raw
    assert 'hreflang="vi"' in en.raw and "tel:115" in en.raw
    assert web.get("/library/h1/en/packages/nothing").status == 404
    assert web.get("/library/h2/vi/packages").status == 200  # a hospital with none says so
    assert "chưa công bố" in web.get("/library/h2/vi/packages").raw


def test_she_registers_at_12_weeks_and_sees_her_schedule_and_package(server, hospital):
    m, r = register(server, hospital)
    assert r.status == 201, r
    f = r.json
    assert f["status"] == "submitted" and f["outcome"] is None
    assert f["dating"] == {"due_date": day(-84 + 280), "dated_from": "last_period", "difference_days": None,
                           "margin_days": None}
    assert f["stage"] == {"weeks": 12, "days": 0, "day_count": 84}
    assert f["package"]["version"] == 1 and f["package"]["code"] == "painless"
    assert [e["used"] for e in f["package"]["entitlements"]] == [0, 0, 0]
    contacts = {c["code"]: c for c in f["contacts"]}
    # 11+0 to 13+6: due now; the first visit (5-8 weeks) was before she registered; weekly from 37.
    assert contacts["nuchal"]["status"] == "due" and contacts["nuchal"]["from"] == day(-7)
    assert contacts["nuchal"]["service_id"] == hospital["ids"]["antenatal-scan"]
    assert contacts["confirm"]["status"] == "before_registration"
    assert contacts["morphology"]["status"] == "upcoming" and contacts["morphology"]["from_gestation"] == "20+0"
    assert [c for c in contacts if c.startswith("weekly-")] == [f"weekly-{w}" for w in range(37, 42)]
    assert "twin-growth-24" not in contacts
    assert f["birth_file_opens"] == day(-84 + 252)
    # The same body again: nothing changes.
    again = m.put(f"/api/v1/mothers/{m.user['id']}/pregnancy", {
        "last_period_date": day(-12 * 7), "package_id": hospital["package"]["id"],
        "contact": {"phone": "0901 234 567"}, "consent": {"programme": True, "version": "programme-2026-12"}})
    assert again.status == 200 and again.json["version"] == f["version"]


def test_a_dating_scan_wins_only_beyond_the_margin_for_its_age(server, hospital):
    # Her period says 12+0 today; a scan 2 days ago measured 11+2 (3 days younger): within 7 days, her dates stand.
    _, r = register(server, hospital, scan={"date": day(-2), "gestation": "11+2"})
    assert r.status == 201, r
    assert r.json["dating"]["dated_from"] == "last_period" and r.json["dating"]["difference_days"] == 3
    assert r.json["dating"]["margin_days"] == 7
    # The same scan measuring 10+4 (8 days younger): the scan's due date wins.
    _, r = register(server, hospital, scan={"date": day(-2), "gestation": "10+4"})
    assert r.json["dating"]["dated_from"] == "scan" and r.json["dating"]["due_date"] == day(-84 + 280 + 8)
    assert r.json["stage"]["weeks"] == 10 and r.json["stage"]["days"] == 6
    # Twins get the twin growth scans and not the singleton one.
    _, r = register(server, hospital, fetuses=2)
    codes = {c["code"] for c in r.json["contacts"]}
    assert {"twin-growth-24", "twin-growth-28", "twin-growth-32"} <= codes and "growth" not in codes


@pytest.mark.parametrize("change, field", [
    ({"last_period_date": None}, "/due_date"),
    ({"consent": {"programme": False, "version": "x"}}, "/consent/programme"),
    ({"package_id": "00000000-0000-4000-8000-000000000000"}, "/package_id"),
    ({"scan": {"date": day(1), "gestation": "12+0"}}, "/scan/date"),
    ({"scan": {"date": day(-1), "gestation": "12+9"}}, "/scan/gestation"),
    ({"contact": {"phone": "12"}}, "/contact/phone"),
    ({"due_date": day(300)}, "/due_date"),
    ({"fetuses": 0}, "/fetuses"),
    ({"preferred_provider_id": "00000000-0000-4000-8000-000000000000"}, "/preferred_provider_id"),
])
def test_bad_registrations_name_the_field_and_store_nothing(server, hospital, change, field):
    m = server.register_mother(hospital="h1")
    body = {"last_period_date": day(-84), "package_id": hospital["package"]["id"],
            "contact": {"phone": "0901 234 567"}, "consent": {"programme": True, "version": "v1"}}
    for k, v in change.items():
        if v is None:
            body.pop(k)
        else:
            body[k] = v
    r = m.put(f"/api/v1/mothers/{m.user['id']}/pregnancy", body)
    assert r.status == 400 and r.json["field"] == field, r
    nothing = m.get(f"/api/v1/mothers/{m.user['id']}/pregnancy")
    assert nothing.status == 200 and nothing.json is None


def test_a_package_edited_after_she_chose_it_leaves_her_version(server, hospital):
    admin = hospital["admin"]
    m, r = register(server, hospital)
    assert r.status == 201
    edited = admin.put("/api/v1/packages/painless", painless(price_vnd=21_000_000))
    assert edited.status == 200 and edited.json["changed"] and edited.json["package"]["version"] >= 2
    mine = m.get(f"/api/v1/mothers/{m.user['id']}/pregnancy").json["package"]
    assert mine["version"] == 1 and mine["price_vnd"] == 18_000_000
    assert mine["current_version"] == edited.json["package"]["version"]
    assert admin.get("/api/v1/packages/painless?version=1").json["price_vnd"] == 18_000_000
    # Amending her registration keeps her version.
    amend = m.put(f"/api/v1/mothers/{m.user['id']}/pregnancy", {
        "last_period_date": day(-85), "package_id": hospital["package"]["id"],
        "contact": {"phone": "0901 234 567"}, "consent": {"programme": True, "version": "programme-2026-12"}})
    assert amend.status == 200 and amend.json["package"]["version"] == 1
    # A new registration takes the current version.
    _, fresh = register(server, hospital)
    assert fresh.json["package"]["price_vnd"] == 21_000_000
    admin.put("/api/v1/packages/painless", painless())  # back to the first terms for the other tests


def book(m, hospital, code, start, **kw):
    return m.put(f"/api/v1/bookings/{new_id()}", {
        "service_id": hospital["ids"][code], "provider_id": hospital["provider"], "start": start, **kw})


def test_staff_confirm_and_an_out_of_package_booking_waits_for_her_confirmation(server, hospital):
    clinician = hospital["clinician"]
    m, r = register(server, hospital)
    pid = r.json["id"]
    # Before the hospital confirms, the package does not hold bookings back.
    asked = clinician.post(f"/api/v1/pregnancies/{pid}/ask", {"note": "Gửi kết quả siêu âm"})
    assert asked.status == 200 and asked.json["status"] == "needs_info" and asked.json["staff_note"]
    assert clinician.post(f"/api/v1/pregnancies/{pid}/ask", {"note": "x"}).status == 409
    seen = m.get(f"/api/v1/mothers/{m.user['id']}/pregnancy").json
    assert seen["staff_note"] == "Gửi kết quả siêu âm"
    again = m.put(f"/api/v1/mothers/{m.user['id']}/pregnancy", {
        "last_period_date": day(-84), "scan": {"date": day(-1), "gestation": "11+6"},
        "package_id": hospital["package"]["id"], "contact": {"phone": "0901 234 567"},
        "consent": {"programme": True, "version": "programme-2026-12"}})
    assert again.status == 200 and again.json["status"] == "submitted"
    ok = clinician.post(f"/api/v1/pregnancies/{pid}/confirm", {})
    assert ok.status == 200 and ok.json["status"] == "confirmed" and ok.json["staff_note"] is None
    assert clinician.post(f"/api/v1/pregnancies/{pid}/confirm", {}).status == 409
    # Confirmed: she can no longer change it herself.
    assert m.put(f"/api/v1/mothers/{m.user['id']}/pregnancy", {
        "last_period_date": day(-80), "package_id": hospital["package"]["id"], "contact": {"phone": "0901 234 567"},
        "consent": {"programme": True, "version": "v"}}).status == 409
    # One antenatal visit is included: the first books, the second waits for her confirmation.
    first = book(m, hospital, "antenatal-visit", f"{day(2)}T09:00:00+07:00")
    assert first.status == 201, first
    second = book(m, hospital, "antenatal-visit", f"{day(3)}T09:00:00+07:00")
    assert second.status == 409 and second.json["field"] == "/out_of_package", second
    confirmed = book(m, hospital, "antenatal-visit", f"{day(3)}T09:00:00+07:00", out_of_package=True)
    assert confirmed.status == 201, confirmed
    # A service the package does not list at all also asks first.
    assert book(m, hospital, "lactation", f"{day(4)}T09:00:00+07:00").status == 409
    f = m.get(f"/api/v1/mothers/{m.user['id']}/pregnancy").json
    assert [e["used"] for e in f["package"]["entitlements"]] == [1, 0, 0]
    # The scan booked in the nuchal window shows on her schedule.
    scan = book(m, hospital, "antenatal-scan", f"{day(1)}T10:00:00+07:00")
    assert scan.status == 201
    f = m.get(f"/api/v1/mothers/{m.user['id']}/pregnancy").json
    nuchal = next(c for c in f["contacts"] if c["code"] == "nuchal")
    assert nuchal["status"] == "booked" and nuchal["booking"]["id"] == scan.json["id"]
    assert [e["used"] for e in f["package"]["entitlements"]] == [1, 1, 0]
    # A cancelled visit gives its entitlement back.
    assert m.post(f"/api/v1/bookings/{first.json['id']}/cancel", {}).status == 200
    f = m.get(f"/api/v1/mothers/{m.user['id']}/pregnancy").json
    assert f["package"]["entitlements"][0]["used"] == 1  # the confirmed extra visit now counts as included


def test_confirming_queues_a_reminder_as_each_contact_opens_and_a_pause_stops_them(server, hospital):
    m, r = register(server, hospital)
    pid, base = r.json["id"], f"/api/v1/mothers/{m.user['id']}"
    assert all(c["reminder"] is None for c in r.json["contacts"])  # nothing before the hospital confirms
    ok = hospital["clinician"].post(f"/api/v1/pregnancies/{pid}/confirm", {})
    assert ok.status == 200
    contacts = {c["code"]: c for c in ok.json["contacts"]}
    # The morphology scan opens at 20+0 (LMP + 140 days): reminded at 08:00 in Ha Noi that day.
    assert contacts["morphology"]["reminder"] == {"at": f"{day(-84 + 140)}T01:00:00Z", "status": "pending"}
    assert contacts["weekly-37"]["reminder"]["at"] == f"{day(-84 + 259)}T01:00:00Z"
    # A window already open (the nuchal scan, now) or past gets none: she sees it on her schedule.
    assert contacts["nuchal"]["reminder"] is None and contacts["confirm"]["reminder"] is None
    # A pause stops every one; resuming queues those still ahead again, once.
    assert m.post(f"{base}/pause", {"reason": "hospital_stay"}).status == 200
    paused = m.get(f"{base}/pregnancy").json["contacts"]
    assert {c["reminder"]["status"] for c in paused if c["reminder"]} == {"cancelled"}
    assert m.post(f"{base}/resume", {}).status == 200
    resumed = {c["code"]: c for c in m.get(f"{base}/pregnancy").json["contacts"]}
    assert resumed["morphology"]["reminder"] == contacts["morphology"]["reminder"]
    assert [c for c in resumed if (resumed[c]["reminder"] or {}).get("status") == "pending"] == \
        [c for c in contacts if contacts[c]["reminder"]]


def test_deposit_and_the_birth_file_from_36_weeks(server, hospital):
    clinician = hospital["clinician"]
    _, early = register(server, hospital)
    pid = early.json["id"]
    assert clinician.post(f"/api/v1/pregnancies/{pid}/confirm", {}).status == 200
    refused = clinician.post(f"/api/v1/pregnancies/{pid}/open_birth_file", {})
    assert refused.status == 409 and early.json["birth_file_opens"] in refused.json["detail"]
    # At 36+0 (due in 28 days) the file opens with the hospital's checklist.
    m, r = register(server, hospital, last_period_date=None, due_date=day(28))
    pid = r.json["id"]
    assert r.json["stage"]["weeks"] == 36 and r.json["stage"]["days"] == 0
    assert clinician.post(f"/api/v1/pregnancies/{pid}/open_birth_file", {}).status == 409  # not confirmed yet
    assert clinician.post(f"/api/v1/pregnancies/{pid}/confirm", {}).status == 200
    dep = clinician.post(f"/api/v1/pregnancies/{pid}/deposit", {"amount_vnd": 10_000_000, "method": "transfer"})
    assert dep.status == 200 and dep.json["deposit_paid_vnd"] == 10_000_000
    assert dep.json["deposits"][0]["reference"].startswith("log-")
    bad = clinician.post(f"/api/v1/pregnancies/{pid}/deposit", {"amount_vnd": 0, "method": "transfer"})
    assert bad.status == 400 and bad.json["field"] == "/amount_vnd"
    opened = clinician.post(f"/api/v1/pregnancies/{pid}/open_birth_file", {})
    assert opened.status == 200, opened
    items = {i["code"]: i for i in opened.json["birth_file"]["checklist"]}
    assert items["deposit"]["done_at"] is not None and items["identity"]["done_at"] is None
    assert items["identity"]["label"]["vi"].startswith("Căn cước")
    ticked = clinician.post(f"/api/v1/pregnancies/{pid}/check", {"code": "identity", "done": True})
    assert ticked.status == 200
    assert next(i for i in ticked.json["birth_file"]["checklist"] if i["code"] == "identity")["done_at"]
    assert clinician.post(f"/api/v1/pregnancies/{pid}/check", {"code": "nope", "done": True}).json["field"] == "/code"
    assert clinician.post(f"/api/v1/pregnancies/{pid}/open_birth_file", {}).status == 409
    # She sees her file; another hospital's staff get 404 for the file and for acting on it.
    assert m.get(f"/api/v1/mothers/{m.user['id']}/pregnancy").json["birth_file"]["opened_at"]
    assert hospital["other"].get(f"/api/v1/mothers/{m.user['id']}/pregnancy").status == 404
    assert hospital["other"].post(f"/api/v1/pregnancies/{pid}/confirm", {}).status == 404
    assert m.post(f"/api/v1/pregnancies/{pid}/confirm", {}).status in (403, 404)


def test_staff_list_registrations_by_due_month_and_every_read_is_audited(server, hospital):
    admin, clinician = hospital["admin"], hospital["clinician"]
    m, r = register(server, hospital, last_period_date=None, due_date="2027-06-15")
    month = clinician.get("/api/v1/pregnancies?month=2027-06")
    assert month.status == 200
    row = next(i for i in month.json["items"] if i["id"] == r.json["id"])
    assert row["due_date"] == "2027-06-15" and row["package"]["code"] == "painless"
    assert all(i["due_date"].startswith("2027-06") for i in month.json["items"])
    assert clinician.get("/api/v1/pregnancies?month=2027-6").json["field"] == "month"
    assert hospital["other"].get("/api/v1/pregnancies?month=2027-06").json["items"] == []
    assert m.get("/api/v1/pregnancies").status in (403, 404)
    clinician.get(f"/api/v1/mothers/{m.user['id']}/pregnancy")
    audit = admin.get(f"/api/v1/hospital/audit?subject={m.user['id']}").json["items"]
    resources = [(a["action"], a["resource"]) for a in audit]
    assert ("read", f"pregnancy:{r.json['id']}") in resources
    assert any(res == "pregnancy" for _, res in resources), resources
