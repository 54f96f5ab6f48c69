"""Accounts as people expect (issue 13): signing in with a phone number and a one-time code, and a
forgotten password reset by a code sent by e-mail or SMS. Codes go out through the outbox; the
SMS sender writes each message to a spool directory the test reads (TIA_SMS_SPOOL_DIR), e-mail
goes to an SMTP sink the test runs. Asking for a code answers alike whether or not the number or
address has an account; a code is 6 digits, used once, 5 tries; at most one a minute."""
import os
import re
import time

import pytest

from tia_client import Server, fresh_source, spooled_texts


@pytest.fixture(scope="module")
def server(sink, tmp_path_factory):
    spool = str(tmp_path_factory.mktemp("sms"))
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"),
               env={"TIA_SMS_SPOOL_DIR": spool, "TIA_SMTP_HOST": "127.0.0.1",
                    "TIA_SMTP_PORT": str(sink.port), "TIA_OUTBOX_INTERVAL_MS": "60000"}).start()
    s.add_hospital("h1")
    s.spool = spool
    yield s
    s.stop()


_phone_seq = [0]


def new_phone():
    """A Vietnamese mobile number no other test uses, as she would type it."""
    _phone_seq[0] += 1
    n = f"{(os.getpid() * 1000 + _phone_seq[0]) % 10**8:08d}"
    return f"09{n[:1]} {n[1:4]} {n[4:]}", "+849" + n


def texts_to(server, e164):
    return spooled_texts(server.spool, e164)


def wait_for_text(server, e164, count, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        got = texts_to(server, e164)
        if len(got) >= count:
            return got
        time.sleep(0.05)
    raise AssertionError(f"expected {count} text(s) to {e164}, got {texts_to(server, e164)}")


def code_in(text):
    m = re.search(r"\b(\d{6})\b", text)
    assert m, text
    return m.group(1)


def anon(server):
    return server.client(source=fresh_source())


def own_address(server, client):
    """The same session from a loopback address of its own: sign-in routes are budgeted per address."""
    c = server.client(token=client.token, source=fresh_source())
    c.user, c.password = client.user, client.password
    return c


def with_phone(server, mother, lang="vi"):
    """Adds a confirmed phone to her account, as settings does; returns (typed, e164)."""
    mother = own_address(server, mother)
    typed, e164 = new_phone()
    r = mother.post("/api/v1/auth/phone", {"phone": typed, "password": mother.password},
                    headers={"Accept-Language": lang})
    assert r.status == 202 and r.json == {"expires_in_s": 600, "resend_after_s": 60}, r
    code = code_in(wait_for_text(server, e164, 1)[-1])
    r = mother.post("/api/v1/auth/phone/confirm", {"phone": typed, "code": code})
    assert r.status == 200 and r.json["phone"] == e164, r
    return typed, e164


def test_she_adds_her_phone_then_signs_in_with_a_code_in_vietnamese(server):
    mother = server.register_mother()
    typed, e164 = with_phone(server, mother)
    assert "Mã xác nhận số điện thoại" in texts_to(server, e164)[0]
    assert mother.get("/api/v1/auth/me").json["phone"] == e164

    r = anon(server).post("/api/v1/auth/code", {"phone": "+84 " + typed[1:]},
                          headers={"Accept-Language": "vi"})
    assert r.status == 202, r
    text = wait_for_text(server, e164, 2)[-1]
    assert text.startswith("Mã đăng nhập Tia của bạn: ") and "10 phút" in text, text
    code = code_in(text)
    c = anon(server)
    r = c.post("/api/v1/auth/code/login", {"phone": typed, "code": code[:3] + " " + code[3:],
                                           "token_type": "bearer"})
    assert r.status == 200 and r.json["user"]["id"] == mother.user["id"], r
    signed_in = server.client(token=r.json["token"])
    assert signed_in.get("/api/v1/auth/me").json["email"] == mother.user["email"]
    # Used once.
    again = anon(server).post("/api/v1/auth/code/login", {"phone": typed, "code": code})
    assert again.status == 401 and again.json["field"] == "/code", again


def test_asking_for_a_code_tells_no_one_whether_the_number_has_an_account(server):
    mother = server.register_mother()
    typed, e164 = with_phone(server, mother)
    _, stranger = new_phone()
    known = anon(server).post("/api/v1/auth/code", {"phone": typed})
    unknown = anon(server).post("/api/v1/auth/code", {"phone": stranger})
    assert known.status == unknown.status == 202 and known.json == unknown.json
    wait_for_text(server, e164, 2)
    assert texts_to(server, stranger) == []
    # Resetting a password by e-mail: the same for an address nobody uses.
    a = anon(server).post("/api/v1/auth/password-reset", {"email": mother.user["email"]})
    b = anon(server).post("/api/v1/auth/password-reset", {"email": "nobody-here@example.org"})
    assert a.status == b.status == 202 and a.json == b.json


def test_a_code_allows_five_tries_and_one_a_minute_is_sent(server):
    mother = server.register_mother()
    typed, e164 = with_phone(server, mother)
    assert anon(server).post("/api/v1/auth/code", {"phone": typed}).status == 202
    code = code_in(wait_for_text(server, e164, 2)[-1])
    # A second request within the minute sends nothing new.
    assert anon(server).post("/api/v1/auth/code", {"phone": typed}).status == 202
    time.sleep(0.5)
    assert len(texts_to(server, e164)) == 2
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        r = anon(server).post("/api/v1/auth/code/login", {"phone": typed, "code": wrong})
        assert r.status == 401, r
    # The right code after five wrong tries no longer works.
    r = anon(server).post("/api/v1/auth/code/login", {"phone": typed, "code": code})
    assert r.status == 401 and r.json["field"] == "/code", r


def test_forgotten_password_by_email_sets_a_new_one_and_ends_every_session(server, sink):
    mother = server.register_mother()
    email = mother.user["email"]
    other_phone = server.login(email, mother.password)
    r = anon(server).post("/api/v1/auth/password-reset", {"email": email.upper()},
                          headers={"Accept-Language": "vi"})
    assert r.status == 202, r
    end = time.time() + 15
    while time.time() < end and not sink.to(email):
        time.sleep(0.05)
    msgs = sink.to(email)
    assert len(msgs) == 1 and msgs[0]["Subject"] == "Mã đặt lại mật khẩu Tia", msgs
    body = msgs[0].get_content()
    code = code_in(body)
    # A weak new password is refused without using up the code.
    weak = anon(server).post("/api/v1/auth/password-reset/confirm",
                             {"email": email, "code": code, "new_password": "short"})
    assert weak.status == 400 and weak.json["field"] == "/new_password", weak
    r = anon(server).post("/api/v1/auth/password-reset/confirm",
                          {"email": email, "code": code, "new_password": "a brand new long password",
                           "token_type": "bearer"})
    assert r.status == 200 and r.json["user"]["id"] == mother.user["id"], r
    # Every earlier session is over; the old password no longer works, the new one does.
    assert mother.get("/api/v1/auth/me").status == 401
    assert other_phone.get("/api/v1/auth/me").status == 401
    old = anon(server).post("/api/v1/auth/login", {"email": email, "password": mother.password})
    assert old.status == 401
    assert server.login(email, "a brand new long password").user["id"] == mother.user["id"]


def test_forgotten_password_by_sms(server):
    mother = server.register_mother()
    typed, e164 = with_phone(server, mother, lang="en")
    assert anon(server).post("/api/v1/auth/password-reset", {"phone": typed},
                             headers={"Accept-Language": "en"}).status == 202
    text = wait_for_text(server, e164, 2)[-1]
    assert text.startswith("Your Tia password reset code: "), text
    r = anon(server).post("/api/v1/auth/password-reset/confirm",
                          {"phone": e164, "code": code_in(text), "new_password": "another long password"})
    assert r.status == 200 and "tia_session" in (r.header("set-cookie") or ""), r
    assert server.login(mother.user["email"], "another long password").user["id"] == mother.user["id"]


def test_wrong_input_names_the_field_in_her_language(server):
    mother = server.register_mother()
    c = anon(server)
    r = c.post("/api/v1/auth/code", {"phone": "call me"}, headers={"Accept-Language": "vi"})
    assert r.status == 400 and r.json["field"] == "/phone", r
    assert r.json["detail"].endswith("phải là số điện thoại, như 0901 234 567"), r.json
    r = c.post("/api/v1/auth/password-reset", {}, headers={"Accept-Language": "vi"})
    assert r.status == 400 and r.json["field"] == "/email", r
    r = c.post("/api/v1/auth/password-reset", {"email": "a@b.org", "phone": "0901234567"})
    assert r.status == 400, r
    r = c.post("/api/v1/auth/code/login", {"phone": "0901 234 567", "code": "123456"},
               headers={"Accept-Language": "vi"})
    assert r.status == 401 and "mã không đúng hoặc đã hết hạn" in r.json["detail"], r
    # Adding a phone needs her password, and a number on another account is refused.
    mother = own_address(server, mother)
    r = mother.post("/api/v1/auth/phone", {"phone": "0901 234 567", "password": "not my password"})
    assert r.status == 400 and r.json["field"] == "/password", r
    other = server.register_mother()
    typed, _ = with_phone(server, other)
    r = mother.post("/api/v1/auth/phone", {"phone": typed, "password": mother.password})
    assert r.status == 409 and r.json["field"] == "/phone", r


def test_removing_her_phone_ends_sign_in_by_code(server):
    mother = server.register_mother()
    typed, e164 = with_phone(server, mother)
    assert mother.delete("/api/v1/auth/phone").status == 204
    assert mother.get("/api/v1/auth/me").json["phone"] is None
    assert anon(server).post("/api/v1/auth/code", {"phone": typed}).status == 202
    time.sleep(0.5)
    assert len(texts_to(server, e164)) == 1  # only the confirmation code: no account, no code


def test_staff_do_not_sign_in_by_phone(server):
    lan = own_address(server, server.add_staff("lan-codes@h1.org", "clinician", "h1"))
    r = lan.post("/api/v1/auth/phone", {"phone": "0901 111 222", "password": "staff password 123"})
    assert r.status == 403, r


def test_codes_never_reach_the_log(server):
    mother = server.register_mother()
    _, e164 = with_phone(server, mother)
    code = code_in(texts_to(server, e164)[0])
    log = server.read_log()
    assert '"event":"sms.handed_over"' in log
    assert code not in log and e164 not in log
