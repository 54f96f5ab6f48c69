"""The health library (issue 14): articles as versioned, reviewed content; public pages as real HTML;
search that reads Vietnamese without diacritics, with the same results on SQLite and PostgreSQL
(scripts/test runs this module on both: the exact expectations below are the conformance test)."""
import json
import re
import uuid

import pytest

from tia_client import fresh_source


def uid():
    return uuid.uuid4().hex[:8]


def text(title, summary="Tóm tắt.", body="Nội dung."):
    return {"title": title, "summary": summary, "body": body}


def content(vi, en=None, refs=None):
    texts = {"vi": vi}
    if en:
        texts["en"] = en
    return {"texts": texts, "references": refs or []}


def article(slug, c, **meta):
    return {"slug": slug, "kind": "article", "topic": "breast-problems", "audience": "mother", **meta, "content": c}


@pytest.fixture(scope="module")
def staff(server):
    tag = uid()
    return {"writer": server.add_staff(f"w-{tag}@h1.org", "clinician", "h1"),
            "reviewer": server.add_staff(f"r-{tag}@h1.org", "clinician", "h1"),
            "admin": server.add_staff(f"a-{tag}@h1.org", "hospital_admin", "h1"),
            "other": server.add_staff(f"o-{tag}@h2.org", "clinician", "h2")}


def publish(staff, slug, n=1, languages=("vi",)):
    w, r, a = staff["writer"], staff["reviewer"], staff["admin"]
    base = f"/api/v1/hospital/articles/{slug}/versions/{n}"
    assert w.post(base + "/submit", {}).status == 200
    assert r.post(base + "/approve", {"languages": list(languages)}).status == 200
    res = a.post(base + "/publish", {})
    assert res.status == 200 and res.json["status"] == "published", res
    return res.json


def anon(server):
    return server.client(source=fresh_source())


def test_the_review_workflow(server, staff):
    w, r, a, other = staff["writer"], staff["reviewer"], staff["admin"], staff["other"]
    slug = f"wf-{uid()}"
    res = w.post("/api/v1/hospital/articles", article(slug, content(text("Chườm lạnh"), text("Cold packs"))))
    assert res.status == 201 and res.json["version"]["status"] == "draft", res
    base = f"/api/v1/hospital/articles/{slug}/versions/1"
    # A draft is not public; another hospital's staff and a mother do not see it exists.
    assert anon(server).get(f"/api/v1/library/h1/articles/{slug}?lang=vi").status == 404
    assert other.get(base).status == 404
    assert other.post(base + "/submit", {}).status == 404
    mother = server.register_mother()
    assert mother.get("/api/v1/hospital/articles").status == 404
    # The draft changes; steps out of order are refused.
    assert w.put(base, content(text("Chườm lạnh 10 phút"), text("Cold packs for 10 minutes"))).status == 200
    assert r.post(base + "/approve", {"languages": ["vi"]}).status == 409
    assert a.post(base + "/publish", {}).status == 409
    assert w.post(base + "/submit", {}).status == 200
    assert w.put(base, content(text("Sửa sau khi nộp"))).status == 409, "only a draft changes"
    # The author cannot approve her own version; nor can an administrator.
    res = w.post(base + "/approve", {"languages": ["vi", "en"]})
    assert res.status == 403, res
    assert a.post(base + "/approve", {"languages": ["vi"]}).status == 403
    # Returned with a reason, it is a draft again; then approved by another clinician.
    assert r.post(base + "/return", {"note": ""}).json["field"] == "/note"
    res = r.post(base + "/return", {"note": "Nói rõ bao lâu một lần."})
    assert res.json["status"] == "draft" and res.json["review_note"] == "Nói rõ bao lâu một lần."
    assert w.post(base + "/submit", {}).status == 200
    res = r.post(base + "/approve", {"languages": ["vi"], "next_review_due": "2040-01-01"})
    assert res.status == 400 and res.json["field"] == "/next_review_due", "at most three years on"
    res = r.post(base + "/approve", {"languages": ["fr"]})
    assert res.status == 400 and res.json["field"] == "/languages/0"
    res = r.post(base + "/approve", {"languages": ["vi"]})
    assert res.status == 200 and res.json["reviewer"]["name"] and res.json["next_review_due"], res
    res = a.post(base + "/publish", {})
    assert res.status == 200 and res.json["published_at"]
    # Published: readable by anyone; the English text was not reviewed for this version and says so.
    page = anon(server).get(f"/api/v1/library/h1/articles/{slug}?lang=vi").json
    assert page["title"] == "Chườm lạnh 10 phút" and page["translation_reviewed"] is True
    en = anon(server).get(f"/api/v1/library/h1/articles/{slug}?lang=en").json
    assert en["translation_reviewed"] is False and en["reviewed_languages"] == ["vi"]
    # A published version never changes, and every step is refused again.
    assert w.put(base, content(text("Đổi"))).status == 409
    for step in ("submit", "approve", "publish"):
        assert r.post(f"{base}/{step}", {"languages": ["vi"]}).status == 409
    assert w.post(f"/api/v1/hospital/articles/{slug}/versions/1/delete", {}).status == 404
    # Version 2 supersedes it; version 1 stays readable, as JSON and as its own page.
    assert w.post(f"/api/v1/hospital/articles/{slug}/versions", content(text("Chườm mát"))).status == 201
    assert w.post(f"/api/v1/hospital/articles/{slug}/versions", content(text("Hai bản nháp"))).status == 409
    publish(staff, slug, 2)
    now = anon(server).get(f"/api/v1/library/h1/articles/{slug}?lang=vi").json
    assert now["title"] == "Chườm mát" and now["version"] == {"number": 2, "latest": 2, "is_latest": True}
    old = anon(server).get(f"/api/v1/library/h1/articles/{slug}?lang=vi&version=1").json
    assert old["title"] == "Chườm lạnh 10 phút" and old["version"]["is_latest"] is False
    html = anon(server).get(f"/library/h1/vi/{slug}/versions/1")
    assert html.status == 200 and "Chườm lạnh 10 phút" in html.raw and 'name="robots" content="noindex"' in html.raw
    diff = w.get(f"/api/v1/hospital/articles/{slug}/diff?from=1&to=2").json
    assert {"op": "-", "line": "Chườm lạnh 10 phút"} in diff["texts"]["vi"]["title"]
    assert {"op": "+", "line": "Chườm mát"} in diff["texts"]["vi"]["title"]
    listed = {i["slug"]: i for i in w.get("/api/v1/hospital/articles").json["items"]}
    assert [v["status"] for v in listed[slug]["versions"]] == ["published", "superseded"]
    # Every staff action is in the audit log.
    trail = a.get("/api/v1/hospital/audit?limit=500").json["items"]
    done = {(e["action"], e["resource"]) for e in trail}
    for action in ("create", "edit", "submit", "return", "approve", "publish"):
        assert (action, f"article:{slug} v1") in done, action
    assert ("publish", f"article:{slug} v2") in done


def test_bad_input_names_the_field_and_stores_nothing(server, staff):
    w = staff["writer"]
    slug = f"bad-{uid()}"
    cases = [
        ({**article(slug, content(text("T"))), "slug": "Tắc Tia"}, "/slug"),
        ({**article(slug, content(text("T"))), "slug": "search"}, "/slug"),
        ({**article(slug, content(text("T"))), "topic": "gossip"}, "/topic"),
        ({**article(slug, content(text("T"))), "condition": "not_a_condition"}, "/condition"),
        (article(slug, content(text(""))), "/content/texts/vi/title"),
        (article(slug, {"texts": {}}), "/content/texts"),
        (article(slug, content(text("T"), refs=[{"title": "x", "url": "javascript:alert(1)", "accessed": "2026-12-01"}])),
         "/content/references/0/url"),
        (article(slug, content(text("T"), refs=[{"title": "x"}])), "/content/references/0/accessed"),
        ({**article(slug, content(text("T"))), "extra": 1}, "/extra"),
    ]
    for body, field in cases:
        res = w.post("/api/v1/hospital/articles", body)
        assert res.status == 400 and res.json["field"] == field, (field, res)
    assert slug not in {i["slug"] for i in w.get("/api/v1/hospital/articles").json["items"]}


def test_html_is_safe_and_the_page_shows_who_and_when(server, staff):
    slug = f"page-{uid()}"
    body = "## Dấu hiệu\n\nĐau **một bên**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    refs = [{"title": "ABM Clinical Protocol #36", "publisher": "ABM", "url": "https://doi.org/10.1089/bfm.2022.29207.kbm",
             "accessed": "2026-11-30"}]
    res = staff["writer"].post("/api/v1/hospital/articles", article(
        slug, content(text("Tắc tia sữa thử", "Tóm tắt thử.", body), text("Test blocked duct", "Test summary.", body), refs)))
    assert res.status == 201
    assert staff["writer"].put("/api/v1/hospital/people/me", {
        "name": "BS. Nguyễn Thị Hoa", "credentials": "Thạc sĩ, Bác sĩ", "role": {"vi": "Khoa Sản", "en": "Obstetrics"}}).status == 200
    publish(staff, slug, languages=("vi", "en"))
    r = anon(server).get(f"/library/h1/vi/{slug}")
    assert r.status == 200 and r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    page = r.raw
    assert "<script>alert" not in page and "javascript:" not in page
    assert "<h2>Dấu hiệu</h2>" in page and "<strong>một bên</strong>" in page
    assert "BS. Nguyễn Thị Hoa" in page and "Thạc sĩ, Bác sĩ" in page
    assert "Thẩm định chuyên môn" in page and "Thẩm định lần cuối" in page and "Hạn thẩm định tiếp theo" in page
    assert 'id="ref-1"' in page and "truy cập ngày" in page and "30/11/2026" in page
    assert f'hreflang="en" href="http://' in page and f'/library/h1/en/{slug}"' in page
    assert re.search(r'<link rel="canonical" href="http://[^"]+/library/h1/vi/' + slug + '">', page)
    assert 'href="tel:115"' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["@type"] == "MedicalWebPage" and ld["lastReviewed"] and ld["reviewedBy"]["@type"] == "Person"
    assert ld["author"]["name"] == "BS. Nguyễn Thị Hoa" and ld["citation"][0]["name"] == "ABM Clinical Protocol #36"
    assert ld["medicalAudience"]["@type"] == "Patient"
    # The sitemap lists the page in both languages; unknown pages are an HTML 404.
    sitemap = anon(server).get("/sitemap.xml").raw
    assert f"/library/h1/vi/{slug}</loc>" in sitemap and f"/library/h1/en/{slug}</loc>" in sitemap
    missing = anon(server).get("/library/h1/vi/no-such-page")
    assert missing.status == 404 and missing.headers["content-type"].startswith("text/html")
    assert anon(server).get(f"/library/h2/vi/{slug}").status == 404, "another hospital's library does not have it"
    assert anon(server).get(f"/library/h1/fr/{slug}").status == 404


SEARCH = [
    ("tac", "Tắc tia sữa là gì", "Một vùng vú sưng đau khi cho con bú."),
    ("dau", "Đau vú khi cho con bú", "Khi nào đau là bình thường."),
    ("duong", "Đường huyết thai kỳ", "Xét nghiệm dung nạp đường."),
    ("duong2", "Dương tính với liên cầu B", "Kết quả xét nghiệm."),
    ("dau2", "Dầu dừa cho đầu vú", "Không nên bôi lên đầu vú nứt."),
]


@pytest.fixture(scope="module")
def searchable(server, staff):
    tag = uid()
    slugs = {}
    for key, title, summary in SEARCH:
        slug = f"s-{key}-{tag}"
        assert staff["writer"].post("/api/v1/hospital/articles", article(slug, content(text(title, summary, summary)))).status == 201
        publish(staff, slug)
        slugs[key] = slug
    return slugs


def search(server, q):
    r = anon(server).get(f"/api/v1/library/h1/search?lang=vi&q={q}")
    assert r.status == 200, r
    return [i["slug"] for i in r.json["items"]]


def mine(server, searchable, q):
    """The search's answer among this module's articles (other tests publish pages too)."""
    ours = set(searchable.values())
    return [x for x in search(server, q) if x in ours]


def test_search_reads_vietnamese_without_diacritics(server, searchable):
    s = searchable
    assert mine(server, s, "tac%20tia%20sua") == [s["tac"]]
    found = mine(server, s, "dau")
    assert {s["dau"], s["dau2"], s["tac"]} == set(found), "dau finds đau (đ folds to d), đầu and dầu"
    assert set(mine(server, s, "duong")) == {s["duong"], s["duong2"]}
    # Her diacritics rank first: duong, dương, đường are different words.
    assert mine(server, s, "%C4%91%C6%B0%E1%BB%9Dng")[0] == s["duong"]  # đường
    assert mine(server, s, "d%C6%B0%C6%A1ng")[0] == s["duong2"]         # dương
    assert mine(server, s, "%C4%91au")[0] == s["dau"]                   # đau
    # As she types, the last word is a prefix.
    assert mine(server, s, "tac%20ti") == [s["tac"]]
    assert search(server, "zzzz") == [] and search(server, "") == []


def test_search_gives_these_exact_results_on_either_engine(server, searchable):
    s = searchable
    assert mine(server, s, "dau") == [s["dau2"], s["dau"], s["tac"]]
    assert mine(server, s, "duong") == [s["duong"], s["duong2"]]
    assert mine(server, s, "xet%20nghiem") == [s["duong"], s["duong2"]]  # equal scores: by slug


def test_search_pages_work_without_javascript(server, searchable):
    r = anon(server).get("/library/h1/vi/search?q=tac+tia+sua")
    assert r.status == 200 and f'/library/h1/vi/{searchable["tac"]}"' in r.raw and "Tắc tia sữa là gì" in r.raw
    home = anon(server).get("/library/h1/vi")
    assert home.status == 200 and 'action="/library/h1/vi/search"' in home.raw and searchable["dau"] in home.raw
    topic = anon(server).get("/library/h1/en/topics/breast-problems")
    assert topic.status == 200


def test_bylines_are_kept_per_hospital(server, staff):
    people = staff["writer"].get("/api/v1/hospital/people").json["items"]
    me = [p for p in people if p.get("is_me")]
    assert me and me[0]["name"]
    assert staff["other"].put(f"/api/v1/hospital/people/{me[0]['id']}", {"name": "x"}).status == 404
    assert staff["reviewer"].put(f"/api/v1/hospital/people/{me[0]['id']}", {"name": "x"}).status == 403
