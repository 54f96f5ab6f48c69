"""Questions from readers (issue 14 item 4): a signed-in mother asks under a published article; every
question waits for moderation (pending / approved / rejected with a reason only she sees / spam); a
clinician answers with her name and role; a question with warning words or personal details is never
stored and she is offered a private consultation with her text; rate-limited; every staff action is
audited. Runs on SQLite and on PostgreSQL (scripts/test)."""
import uuid

import pytest

from tia_client import fresh_source


def uid():
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def site(server):
    tag = uid()
    writer = server.add_staff(f"w-{tag}@h1.org", "clinician", "h1")
    midwife = server.add_staff(f"mw-{tag}@h1.org", "clinician", "h1")
    admin = server.add_staff(f"a-{tag}@h1.org", "hospital_admin", "h1")
    assert midwife.put("/api/v1/hospital/people/me", {
        "name": "Hộ sinh Trần Thị Mai", "role": {"vi": "Hộ sinh, tư vấn sữa mẹ", "en": "Midwife, lactation consultant"}}).status == 200
    slug = f"q-{tag}"
    body = {"slug": slug, "kind": "article", "topic": "breast-problems", "audience": "mother",
            "content": {"texts": {"vi": {"title": "Chườm lạnh", "summary": "Tóm tắt.", "body": "Nội dung."}}}}
    assert writer.post("/api/v1/hospital/articles", body).status == 201
    base = f"/api/v1/hospital/articles/{slug}/versions/1"
    assert writer.post(base + "/submit", {}).status == 200
    assert midwife.post(base + "/approve", {"languages": ["vi"]}).status == 200
    assert admin.post(base + "/publish", {}).status == 200
    return {"slug": slug, "midwife": midwife, "admin": admin, "writer": writer,
            "path": f"/api/v1/library/h1/articles/{slug}/questions",
            "page": f"/library/h1/vi/{slug}"}


def anon(server):
    return server.client(source=fresh_source())


def ask(mother, site, text):
    return mother.post(site["path"], {"text": text})


def queue(staff, status="pending"):
    return staff.get(f"/api/v1/hospital/questions?status={status}&lang=vi").json["items"]


def test_a_question_waits_for_moderation_then_is_answered_by_name_and_role(server, site):
    m = server.register_mother(hospital="h1")
    text = "Chườm lạnh bao lâu mỗi lần thì đủ?\n<b>cảm ơn</b>"
    res = ask(m, site, text)
    assert res.status == 201 and res.json["status"] == "pending", res
    q = res.json["question"]
    assert q["text"] == text and q["status"] == "pending" and q["answer"] is None
    # Not public while it waits; she sees her own, with its state.
    assert anon(server).get(site["path"]).json == {"items": [], "mine": []}
    mine = m.get(site["path"]).json["mine"]
    assert [x["id"] for x in mine] == [q["id"]] and mine[0]["status"] == "pending"
    assert q["id"] in [x["id"] for x in queue(site["midwife"])]

    mw = site["midwife"]
    res = mw.post(f"/api/v1/hospital/questions/{q['id']}/answer", {"text": "Mỗi lần khoảng 10 phút."})
    assert res.status == 409, res  # approve first
    assert mw.post(f"/api/v1/hospital/questions/{q['id']}/approve").status == 200
    assert mw.post(f"/api/v1/hospital/questions/{q['id']}/approve").status == 409
    res = mw.post(f"/api/v1/hospital/questions/{q['id']}/answer?lang=vi", {"text": "Mỗi lần khoảng 10 phút, sau cữ bú."})
    assert res.status == 200 and res.json["answer"]["by"] == {"name": "Hộ sinh Trần Thị Mai", "role": "Hộ sinh, tư vấn sữa mẹ"}
    public = anon(server).get(site["path"] + "?lang=vi").json["items"]
    assert [x["id"] for x in public] == [q["id"]]
    assert public[0]["answer"]["text"] == "Mỗi lần khoảng 10 phút, sau cữ bú."
    assert set(public[0]) == {"id", "text", "asked_at", "answer"}  # never who asked, never her e-mail
    # The article's page shows it, as escaped plain text, with the answer's byline.
    html = anon(server).get(site["page"]).raw
    assert "&lt;b&gt;cảm ơn&lt;/b&gt;" in html and "<b>cảm ơn</b>" not in html
    assert "Hộ sinh Trần Thị Mai, Hộ sinh, tư vấn sữa mẹ" in html
    assert m.user["email"] not in html
    # An administrator moderates but does not answer.
    assert site["admin"].post(f"/api/v1/hospital/questions/{q['id']}/answer", {"text": "x"}).status == 403


def test_a_rejection_s_reason_is_hers_alone(server, site):
    m = server.register_mother(hospital="h1")
    other = server.register_mother(hospital="h1")
    q = ask(m, site, "Có nên uống nhiều nước khi cho con bú không?").json["question"]
    res = site["admin"].post(f"/api/v1/hospital/questions/{q['id']}/reject", {})
    assert res.status == 400 and res.json["field"] == "/reason", res
    res = site["admin"].post(f"/api/v1/hospital/questions/{q['id']}/reject", {"reason": "Bài viết về uống nước đã trả lời câu này."})
    assert res.status == 200 and res.json["status"] == "rejected"
    mine = m.get(site["path"]).json["mine"]
    assert mine[0]["status"] == "rejected" and mine[0]["reason"] == "Bài viết về uống nước đã trả lời câu này."
    assert other.get(site["path"]).json["mine"] == []
    assert q["id"] not in [x["id"] for x in anon(server).get(site["path"]).json["items"]]
    assert q["id"] in [x["id"] for x in queue(site["admin"], "rejected")]
    # Spam, and back.
    assert site["admin"].post(f"/api/v1/hospital/questions/{q['id']}/spam").status == 200
    assert site["admin"].post(f"/api/v1/hospital/questions/{q['id']}/approve").status == 200
    assert m.get(site["path"]).json["mine"][0]["reason"] is None


def test_warning_words_are_held_and_offered_a_private_consultation_with_her_text(server, site):
    m = server.register_mother(hospital="h1")
    before = queue(site["midwife"], "")
    for text, reasons in (("Em bị sốt 39 độ, có mủ ở vú trái thì sao ạ?", ["fever", "pus", "personal_health"]),
                          ("sot 39 do, co mu thi lam sao", ["fever", "pus"]),
                          ("My baby won't feed since this morning", ["baby_not_feeding"])):
        res = ask(m, site, text)
        assert res.status == 200, res
        assert res.json == {"status": "held", "reasons": reasons, "consultation": {"message": text}}
    assert queue(site["midwife"], "") == before  # nothing stored
    assert m.get(site["path"]).json["mine"] == []
    # Her text opens a private consultation as it is.
    res = m.put(f"/api/v1/consultations/{uuid.uuid4()}", {"message": "Em bị sốt 39 độ, có mủ ở vú trái thì sao ạ?"})
    assert res.status == 201, res


def test_bad_input_names_the_field_and_stores_nothing(server, site):
    m = server.register_mother(hospital="h1")
    for body, field in (({}, "/text"), ({"text": 12}, "/text"), ({"text": "ngắn"}, "/text"),
                        ({"text": "x" * 1001}, "/text"), ({"text": "Câu hỏi đủ dài rồi nhé", "email": "a@b.c"}, "/email")):
        res = m.post(site["path"], body)
        assert res.status == 400 and res.json["field"] == field, (body, res)
    assert m.get(site["path"]).json["mine"] == []


def test_who_may_ask_and_who_may_moderate(server, site):
    assert anon(server).post(site["path"], {"text": "Câu hỏi của khách vãng lai"}).status == 401
    far = server.register_mother(hospital="h2")
    assert far.post(site["path"], {"text": "Câu hỏi từ bệnh viện khác"}).status == 403
    assert site["midwife"].post(site["path"], {"text": "Nhân viên không hỏi ở đây"}).status == 403
    m = server.register_mother(hospital="h1")
    assert m.post("/api/v1/library/h1/articles/khong-co-bai-nay/questions", {"text": "Bài này không có"}).status == 404
    q = ask(m, site, "Nên chườm lạnh trước hay sau khi cho bú?").json["question"]
    foreign = server.add_staff(f"f-{uid()}@h2.org", "clinician", "h2")
    assert foreign.post(f"/api/v1/hospital/questions/{q['id']}/approve").status == 404
    assert q["id"] not in [x["id"] for x in queue(foreign)]
    assert m.post(f"/api/v1/hospital/questions/{q['id']}/approve").status in (403, 404)
    assert site["midwife"].post(f"/api/v1/hospital/questions/{q['id']}/publish").status == 404
    assert site["midwife"].get("/api/v1/hospital/questions?status=held").status == 400


def test_rate_limited_to_five_an_hour(server, site):
    m = server.register_mother(hospital="h1")
    for i in range(5):
        assert ask(m, site, f"Câu hỏi số {i + 1} về chườm lạnh").status == 201
    res = ask(m, site, "Câu hỏi số 6 về chườm lạnh")
    assert res.status == 429 and int(res.headers["retry-after"]) > 0, res
    assert len(m.get(site["path"]).json["mine"]) == 5


def test_every_staff_action_is_audited_without_the_text(server, site):
    m = server.register_mother(hospital="h1")
    q = ask(m, site, "Ăn gì để có nhiều sữa hơn?").json["question"]
    mw = site["midwife"]
    assert mw.post(f"/api/v1/hospital/questions/{q['id']}/approve").status == 200
    assert mw.post(f"/api/v1/hospital/questions/{q['id']}/answer", {"text": "Ăn uống đủ và cho bú thường xuyên."}).status == 200
    assert site["admin"].post(f"/api/v1/hospital/questions/{q['id']}/spam").status == 200
    items = site["admin"].get(f"/api/v1/hospital/audit?limit=500").json["items"]
    mine = [e for e in items if e["resource"] == f"question:{q['id']}"]
    assert sorted(e["action"] for e in mine) == ["question_answer", "question_approve", "question_ask", "question_spam"]
    assert all("sữa" not in str(e) for e in mine)


def test_her_questions_go_when_she_erases_her_account(server, site):
    m = server.register_mother(hospital="h1")
    q = ask(m, site, "Câu hỏi sẽ bị xoá cùng tài khoản").json["question"]
    assert site["midwife"].post(f"/api/v1/hospital/questions/{q['id']}/approve").status == 200
    assert q["id"] in [x["id"] for x in anon(server).get(site["path"]).json["items"]]
    assert m.delete(f"/api/v1/mothers/{m.user['id']}").status == 204
    assert q["id"] not in [x["id"] for x in anon(server).get(site["path"]).json["items"]]
