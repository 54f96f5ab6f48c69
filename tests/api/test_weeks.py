"""Week by week (issue 14 item 5): the week cards Tia ships go through the same review as articles, and
a mother's home reads the card for where she is on one chained clock — weeks of pregnancy from her due
date or last period (EDD = LMP + 280 days; 186 days is 26 weeks 4 days), then weeks after the birth.

The server runs on a fixed clock at noon in Ha Noi, so "today" cannot change while a test runs."""
import datetime
import os
import tomllib
import uuid

import pytest

from tia_client import serve

NOON = "2027-01-10T12:00:00+07:00"
TODAY = datetime.date(2027, 1, 10)


@pytest.fixture(scope="module")
def server():
    s = serve(clock=NOON)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def cards(server):
    """The shipped library loaded into h1 (all awaiting review), then three cards published."""
    out = server.cli("library", "seed", "--hospital", "h1").stdout
    tag = uuid.uuid4().hex[:8]
    staff = {"clinician": server.add_staff(f"c-{tag}@h1.org", "clinician", "h1"),
             "admin": server.add_staff(f"a-{tag}@h1.org", "hospital_admin", "h1")}
    for slug in ("pregnancy-week-20", "pregnancy-week-26", "postpartum-week-1"):
        base = f"/api/v1/hospital/articles/{slug}/versions/1"
        assert staff["clinician"].post(base + "/approve", {"languages": ["vi", "en"]}).status == 200
        assert staff["admin"].post(base + "/publish", {}).status == 200
    return {"seed_output": out, **staff}


def mother_with(server, **profile):
    m = server.register_mother(hospital="h1")
    res = m.put(f"/api/v1/mothers/{m.user['id']}/profile", {"time_zone": "Asia/Ho_Chi_Minh", **profile})
    assert res.status in (200, 201), res
    return m


def week(m, lang="vi"):
    res = m.get(f"/api/v1/mothers/{m.user['id']}/week?lang={lang}")
    assert res.status == 200, res
    return res.json


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def test_every_week_card_is_shipped_awaiting_review_with_how_sizes_were_measured(server, cards):
    assert "71 new pages" in cards["seed_output"]  # 20 articles and 51 week cards
    items = {i["slug"]: i for i in cards["clinician"].get("/api/v1/hospital/articles").json["items"]}
    weeks = [s for s in items if items[s]["meta"]["kind"] == "week"]
    assert sorted(weeks) == sorted([f"pregnancy-week-{n}" for n in range(4, 43)] +
                                   [f"postpartum-week-{n}" for n in range(1, 13)])
    # Nothing is public before a clinician approves it.
    assert items["pregnancy-week-21"]["versions"][0]["status"] == "in_review"
    assert server.client().get("/api/v1/library/h1/articles/pregnancy-week-21?lang=vi").status == 404
    # Every size names its measure and source: crown-rump length early, estimated weight later.
    for n, measure in ((6, "crown_rump_length"), (13, "crown_rump_length"), (14, "estimated_weight"),
                       (40, "estimated_weight")):
        v = cards["clinician"].get(f"/api/v1/hospital/articles/pregnancy-week-{n}/versions/1").json
        size = v["content"]["size"]
        assert size["measure"] == measure and size["source"], size
        assert set(v["content"]["texts"]) == {"vi", "en"}
    v4 = cards["clinician"].get("/api/v1/hospital/articles/pregnancy-week-4/versions/1").json
    assert "size" not in v4["content"]  # too small to measure: no invented figure
    # The week-20 page: the Hadlock 50th centile (331 g), its source among the references.
    page = server.client().get("/api/v1/library/h1/articles/pregnancy-week-20?lang=en").json
    assert page["size"]["weight_g"] == 331 and page["week"] == {"stage": "pregnancy", "number": 20}
    assert "331 g" in page["html"]
    assert any("Hadlock" in r["title"] for r in page["references"])
    assert "20 and 24 weeks" in page["html"]  # the hospital's next contact: the morphology scan
    assert "pregnancy-week-21" not in [r["slug"] for r in page["related"]]  # unpublished neighbour
    assert "pregnancy-week-26" not in [r["slug"] for r in page["related"]]


def test_twenty_weeks_three_days_from_the_due_date_reads_week_20(server, cards):
    m = mother_with(server, due_date=day(280 - (20 * 7 + 3)))
    w = week(m)
    assert (w["stage"], w["weeks"], w["days"], w["dated_from"]) == ("pregnancy", 20, 3, "due_date")
    assert w["today"] == TODAY.isoformat() and w["card_week"] == 20
    assert w["card"]["slug"] == "pregnancy-week-20" and w["card"]["title"] == "Tuần thai thứ 20"
    assert w["card"]["hospital"] == "h1" and w["card"]["version"] == 1
    assert week(m, "en")["card"]["title"] == "Week 20 of pregnancy"


def test_186_days_from_the_last_period_is_26_weeks_4_days(server, cards):
    lmp = TODAY - datetime.timedelta(days=186)
    w = week(mother_with(server, last_period_date=lmp.isoformat()))
    assert (w["weeks"], w["days"], w["dated_from"]) == (26, 4, "last_period")
    assert w["due_date"] == (lmp + datetime.timedelta(days=280)).isoformat()
    assert w["card"]["slug"] == "pregnancy-week-26"


def test_the_week_boundaries(server, cards):
    # 20w6d still reads week 20; 21w0d reads week 21, which is not published here yet: no card.
    assert week(mother_with(server, due_date=day(280 - 146)))["card"]["slug"] == "pregnancy-week-20"
    w = week(mother_with(server, due_date=day(280 - 147)))
    assert (w["weeks"], w["days"], w["card_week"], w["card"]) == (21, 0, 21, None)
    # Before week 4 there is no card yet.
    w = week(mother_with(server, due_date=day(280 - 27)))
    assert (w["weeks"], w["days"], w["card_week"]) == (3, 6, None)


def test_after_the_birth_the_clock_counts_weeks_after_it(server, cards):
    w = week(mother_with(server, due_date=day(4), baby_birth_date=day(-6)))
    assert (w["stage"], w["weeks"], w["days"], w["dated_from"]) == ("postpartum", 0, 6, "birth")
    assert w["due_date"] is None and w["card"]["slug"] == "postpartum-week-1"
    assert w["card"]["title"] == "Tuần thứ 1 sau sinh"
    w = week(mother_with(server, baby_birth_date=day(-7)))
    assert (w["weeks"], w["days"], w["card_week"]) == (1, 0, 2)
    w = week(mother_with(server, baby_birth_date=day(-84)))
    assert (w["stage"], w["card_week"], w["card"]) == ("postpartum", None, None)


def test_no_dates_no_stage(server, cards):
    w = week(mother_with(server))
    assert w["stage"] is None and w["card"] is None and w["today"] == TODAY.isoformat()


def test_dates_that_cannot_be_right_are_refused_by_name_and_nothing_is_stored(server, cards):
    m = mother_with(server, due_date=day(100))
    path = f"/api/v1/mothers/{m.user['id']}/profile"
    before = m.get(path).json
    res = m.put(path, {"due_date": day(281)})
    assert res.status == 400 and res.json["field"] == "/due_date", res
    res = m.put(path, {"last_period_date": day(2)})
    assert res.status == 400 and res.json["field"] == "/last_period_date", res
    res = m.put(path, {"due_date": "2027-02-30"})
    assert res.status == 400 and res.json["field"] == "/due_date", res
    assert m.get(path).json == before
    assert m.put(path, {"due_date": day(280)}).status == 200  # today's LMP: 280 days on is fine


def test_only_those_who_may_read_her_record_see_her_week(server, cards):
    m = mother_with(server, due_date=day(100))
    other = server.register_mother(hospital="h1")
    assert other.get(f"/api/v1/mothers/{m.user['id']}/week").status == 404
    foreign = server.add_staff(f"c-{uuid.uuid4().hex[:8]}@h2.org", "clinician", "h2")
    assert foreign.get(f"/api/v1/mothers/{m.user['id']}/week").status == 404
    assert server.client().get(f"/api/v1/mothers/{m.user['id']}/week").status == 401
    assert m.get(f"/api/v1/mothers/{m.user['id']}/week?lang=fr").status == 400


def test_a_result_links_to_its_condition_s_article_pinned_to_the_version_shown(server, cards):
    """Issue 14 item 6: one article per condition a result can name; a stored result keeps the version
    she was shown after the article changes."""
    clinician, admin = cards["clinician"], cards["admin"]
    items = {i["slug"]: i for i in clinician.get("/api/v1/hospital/articles").json["items"]}
    conditions = {i["meta"].get("condition") for i in items.values()} - {None}
    with open(os.path.join(os.path.dirname(__file__), "../../rules/mastitis.toml"), "rb") as f:
        protocol = tomllib.load(f)
    assert conditions == {c["id"] for c in protocol["condition"]}  # every condition has its article
    m = mother_with(server, baby_birth_date=day(-20), breastfeeding=True)
    base = f"/api/v1/mothers/{m.user['id']}/symptom-checks"
    answers = {"answers": {"focal_tender_area": True, "affected_side": "right", "symptom_hours": 3}}
    before = m.put(f"{base}/{uuid.uuid4()}?lang=vi", answers).json
    assert before["result"]["condition"] == "ductal_narrowing" and before["article"] is None  # not published yet
    v1 = "/api/v1/hospital/articles/tac-tia-sua/versions/1"
    assert clinician.post(v1 + "/approve", {"languages": ["vi", "en"]}).status == 200
    assert admin.post(v1 + "/publish", {}).status == 200
    first_id = str(uuid.uuid4())
    first = m.put(f"{base}/{first_id}?lang=vi", answers).json
    assert first["article"] == {"slug": "tac-tia-sua", "version": 1, "lang": "vi",
                                "title": first["article"]["title"], "href": "/library/h1/vi/tac-tia-sua/versions/1"}
    assert server.client().get(first["article"]["href"]).status == 200
    # A new version is published: the old result still points at what she read, a new one at v2.
    stored = clinician.get(v1).json["content"]
    page = {"texts": {lang: {k: t[k] for k in ("title", "summary", "body")} for lang, t in stored["texts"].items()},
            "references": stored["references"]}
    page["texts"]["vi"]["summary"] += " (cập nhật)"
    res = clinician.post("/api/v1/hospital/articles/tac-tia-sua/versions", page)
    assert res.status == 201, res
    v2 = "/api/v1/hospital/articles/tac-tia-sua/versions/2"
    assert clinician.post(v2 + "/submit", {}).status == 200
    other = server.add_staff(f"c2-{uuid.uuid4().hex[:8]}@h1.org", "clinician", "h1")
    assert other.post(v2 + "/approve", {"languages": ["vi", "en"]}).status == 200
    assert admin.post(v2 + "/publish", {}).status == 200
    assert m.get(f"{base}/{first_id}?lang=en").json["article"]["version"] == 1
    assert m.get(f"{base}/{first_id}?lang=en").json["article"]["href"] == "/library/h1/en/tac-tia-sua/versions/1"
    later = m.put(f"{base}/{uuid.uuid4()}?lang=vi", answers).json
    assert later["article"]["version"] == 2
