"""The server speaks the reader's language (issue 13): every problem+json `detail` follows
Accept-Language (vi, en) from one catalogue (src/tia/http/catalogue.cc), says so in
Content-Language, and English stays the default. That every detail the API tests receive has a
Vietnamese entry is checked on every answer by tia_client.Contract."""
from tia_client import fresh_source, new_id

VI = {"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8"}


def test_a_wrong_password_is_refused_in_vietnamese(server):
    m = server.register_mother()
    anon = server.client(source=fresh_source())
    body = {"email": "nobody@example.org", "password": "not the password at all", "token_type": "bearer"}
    vi = anon.post("/api/v1/auth/login", body, headers=VI)
    en = anon.post("/api/v1/auth/login", body)
    assert vi.status == en.status == 401
    assert vi.json["detail"] == "e-mail hoặc mật khẩu không đúng"
    assert vi.header("content-language") == "vi"
    assert en.json["detail"] == "the e-mail or password is wrong"
    assert en.header("content-language") is None
    assert m.user["id"]


def test_a_field_error_keeps_its_field_and_translates_its_numbers(server):
    m = server.register_mother()
    r = m.put(f"/api/v1/mothers/{m.user['id']}/temperatures/{new_id()}",
              {"occurred_at": "2026-12-01T08:00:00+07:00", "temp_c": 52}, headers=VI)
    assert r.status == 400
    assert r.json["field"] == "/temp_c"
    assert r.json["detail"] == "phải từ 30 đến 45"


def test_the_emergency_answer_names_the_numbers_in_vietnamese(server):
    admin = server.add_staff(f"adm-{new_id()[:8]}@h1.org", "hospital_admin", "h1")
    settings = {"time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
                "hotline": {"number": "1900 6868", "hours": []},
                "consultation": {"hours": [], "routine_reply_hours": 48}}
    assert admin.get("/api/v1/hospital/settings").json is None  # never saved yet
    assert admin.put("/api/v1/hospital/settings", settings).status == 200
    m = server.register_mother()
    check = m.put(f"/api/v1/mothers/{m.user['id']}/symptom-checks/{new_id()}", {"answers": {"heart_rate": 135}})
    assert check.status == 201 and check.json["result"]["disposition"] == "emergency"
    r = m.put(f"/api/v1/consultations/{new_id()}", {"message": "khó thở", "symptom_check_id": check.json["id"]},
              headers=VI)
    assert r.status == 409
    assert r.json["detail"].startswith("Cần được chăm sóc ngay: gọi 115 hoặc đường dây nóng của bệnh viện 1900 6868")


def test_an_unknown_language_falls_back_to_english(server):
    anon = server.client(source=fresh_source())
    r = anon.get("/api/v1/mothers/00000000-0000-4000-8000-000000000000/feeds", headers={"Accept-Language": "fr-FR, de;q=0.5"})
    assert r.status == 401 and r.json["detail"] == "sign in first"
