"""An overdue review, by moving the clock (issue 14 item 1): a page whose next review date has passed is
flagged to staff and on the page itself. The same database is served twice: at noon on the day of
publishing, then on the morning after the review date."""

from tia_client import Server


def test_a_page_past_its_review_date_is_flagged_to_staff_and_on_the_page():
    first = Server(clock="2027-03-01T12:00:00+07:00")
    first.start()
    try:
        first.add_hospital("h1")
        writer = first.add_staff("w@h1.org", "clinician", "h1")
        reviewer = first.add_staff("r@h1.org", "clinician", "h1")
        admin = first.add_staff("a@h1.org", "hospital_admin", "h1")
        body = {"slug": "chuom-lanh", "kind": "article", "topic": "breast-problems", "audience": "mother",
                "content": {"texts": {"vi": {"title": "Chườm lạnh", "summary": "Tóm tắt.", "body": "Nội dung."}}}}
        assert writer.post("/api/v1/hospital/articles", body).status == 201
        base = "/api/v1/hospital/articles/chuom-lanh/versions/1"
        assert writer.post(base + "/submit", {}).status == 200
        res = reviewer.post(base + "/approve", {"languages": ["vi"], "next_review_due": "2027-03-10"})
        assert res.status == 200 and res.json["next_review_due"] == "2027-03-10", res
        assert admin.post(base + "/publish", {}).status == 200
        assert first.client().get("/api/v1/library/h1/articles/chuom-lanh?lang=vi").json["overdue"] is False
        assert admin.get("/api/v1/hospital/articles").json["overdue"] == 0
    finally:
        first.stop()

    later = Server(db_url=first.db, clock="2027-03-11T08:00:00+07:00", env={"TIA_PHOTO_DIR": first.photo_dir})
    later.start()
    try:
        page = later.client().get("/api/v1/library/h1/articles/chuom-lanh?lang=vi").json
        assert page["overdue"] is True and page["next_review_due"] == "2027-03-10"
        html = later.client().get("/library/h1/vi/chuom-lanh").raw
        assert 'class="notice overdue"' in html
        staff = later.login("a@h1.org", "staff password 123")
        listing = staff.get("/api/v1/hospital/articles").json
        assert listing["overdue"] == 1 and listing["today"] == "2027-03-11"
        assert [i["slug"] for i in listing["items"] if i["overdue"]] == ["chuom-lanh"]
    finally:
        later.stop()
