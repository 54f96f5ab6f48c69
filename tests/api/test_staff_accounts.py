"""Staff accounts managed by the hospital's administrator (issue 13, item 7): she invites a midwife,
who chooses her password with the e-mailed code through the forgotten-password path; changes a
role; deactivates an account (its sessions end at once, sign-in is refused, the audit log still
names it) and turns it back on; resets a password. Only her own hospital's staff, never herself,
and every change is in the audit log."""
import re
import time
import uuid

import pytest

from tia_client import Server, fresh_source
import os


@pytest.fixture(scope="module")
def server(sink):
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"),
               env={"TIA_SMTP_HOST": "127.0.0.1", "TIA_SMTP_PORT": str(sink.port),
                    "TIA_OUTBOX_INTERVAL_MS": "60000"}).start()
    s.add_hospital("h1")
    s.add_hospital("h2")
    yield s
    s.stop()


def code_for(sink, email, count):
    end = time.time() + 15
    while time.time() < end and len(sink.to(email)) < count:
        time.sleep(0.05)
    msgs = sink.to(email)
    assert len(msgs) >= count, msgs
    return msgs[-1], re.search(r"\b(\d{6})\b", msgs[-1].get_content()).group(1)


def anon(server):
    return server.client(source=fresh_source())


def test_invite_role_deactivate_reactivate_and_reset(server, sink):
    admin = server.add_staff(f"adm-{uuid.uuid4().hex[:6]}@h1.org", "hospital_admin", "h1")
    email = f"hoa-{uuid.uuid4().hex[:6]}@h1.org"
    r = admin.post("/api/v1/hospital/staff", {"email": email, "display_name": "Nữ hộ sinh Hoa", "role": "clinician"},
                   headers={"Accept-Language": "vi"})
    assert r.status == 201 and r.json["active"] is True and r.json["role"] == "clinician", r
    hoa_id = r.json["id"]
    msg, code = code_for(sink, email, 1)
    assert msg["Subject"] == "Tài khoản Tia của bạn" and "7 ngày" in msg.get_content()
    # She chooses her password through the forgotten-password path, and is signed in.
    r = anon(server).post("/api/v1/auth/password-reset/confirm",
                          {"email": email, "code": code, "new_password": "hoa's own long password", "token_type": "bearer"})
    assert r.status == 200 and r.json["user"]["role"] == "clinician", r
    hoa = server.client(token=r.json["token"], source=fresh_source())
    assert hoa.get("/api/v1/hospital/consultations").status == 200
    listed = {s["id"]: s for s in admin.get("/api/v1/hospital/staff").json["items"]}
    assert listed[hoa_id]["display_name"] == "Nữ hộ sinh Hoa" and admin.user["id"] in listed

    # Another role takes effect on her next request.
    r = admin.post(f"/api/v1/hospital/staff/{hoa_id}", {"role": "hospital_admin"})
    assert r.status == 200 and r.json["role"] == "hospital_admin", r
    assert hoa.get("/api/v1/hospital/staff").status == 200
    assert admin.post(f"/api/v1/hospital/staff/{hoa_id}", {"role": "clinician"}).status == 200
    assert hoa.get("/api/v1/hospital/staff").status == 404

    # Deactivated: her session ends at once and she cannot sign in; back on, she can.
    r = admin.post(f"/api/v1/hospital/staff/{hoa_id}", {"active": False})
    assert r.status == 200 and r.json["active"] is False, r
    assert hoa.get("/api/v1/auth/me").status == 401
    assert anon(server).post("/api/v1/auth/login", {"email": email, "password": "hoa's own long password"}).status == 401
    assert admin.post(f"/api/v1/hospital/staff/{hoa_id}", {"active": True}).json["active"] is True
    hoa = server.login(email, "hoa's own long password")

    # A reset ends her sessions and e-mails a code valid 24 hours.
    assert admin.post(f"/api/v1/hospital/staff/{hoa_id}/password-reset").status == 204
    assert hoa.get("/api/v1/auth/me").status == 401
    msg, code = code_for(sink, email, 2)
    assert "24 hours" in msg.get_content() or "24 giờ" in msg.get_content(), msg.get_content()
    r = anon(server).post("/api/v1/auth/password-reset/confirm",
                          {"email": email, "code": code, "new_password": "hoa's second long password"})
    assert r.status == 200, r

    # Everything is in the audit log, about her by name.
    events = admin.get(f"/api/v1/hospital/audit?subject={hoa_id}&actor={admin.user['id']}").json["items"]
    assert {"invite", "role_hospital_admin", "role_clinician", "deactivate", "reactivate", "password_reset_sent"} <= \
        {e["action"] for e in events}, events
    assert all(e["subject"]["name"] == "Nữ hộ sinh Hoa" for e in events)


def test_only_her_own_hospitals_staff_and_never_herself(server):
    admin = server.add_staff(f"adm-{uuid.uuid4().hex[:6]}@h1.org", "hospital_admin", "h1")
    other = server.add_staff(f"lan-{uuid.uuid4().hex[:6]}@h2.org", "clinician", "h2")
    clin = server.add_staff(f"lan-{uuid.uuid4().hex[:6]}@h1.org", "clinician", "h1")
    mother = server.register_mother()
    # Another hospital's clinician, a mother, or an unknown id: not found, as if absent.
    for uid in (other.user["id"], mother.user["id"], str(uuid.uuid4())):
        assert admin.post(f"/api/v1/hospital/staff/{uid}", {"active": False}).status == 404
        assert admin.post(f"/api/v1/hospital/staff/{uid}/password-reset").status == 404
    assert other.get("/api/v1/auth/me").status == 200
    r = admin.post(f"/api/v1/hospital/staff/{admin.user['id']}", {"active": False}, headers={"Accept-Language": "vi"})
    assert r.status == 409 and "không thể tự" in r.json["detail"], r
    # Not an administrator: nothing to see.
    for who in (clin, mother):
        assert who.get("/api/v1/hospital/staff").status == 404
        assert who.post("/api/v1/hospital/staff", {"email": "x@h1.org", "display_name": "X", "role": "clinician"}).status == 404
    r = admin.post("/api/v1/hospital/staff", {"email": clin.user["email"], "display_name": "X", "role": "clinician"})
    assert r.status == 409 and r.json["field"] == "/email", r
    r = admin.post("/api/v1/hospital/staff", {"email": "new@h1.org", "display_name": "X", "role": "mother"})
    assert r.status == 400 and r.json["field"] == "/role", r
