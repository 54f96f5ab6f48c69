"""Zalo, the channel Vietnamese families read (issue 16): a hospital's ZNS templates and their
parameter mapping, her choice of channels, one ZNS request per message with the right template
data, and a text message instead (once) when Zalo refuses one, with an entry the hospital sees.
Zalo is zns_service.py on loopback; text messages are spooled to files the test reads."""
import datetime
import json
import os
import re
import sqlite3
import time

import pytest

from booking_helpers import ALL_DAY, ZONE, service
from tia_client import Server, fresh_source, new_id, now, spooled_texts, wait_for
from zns_service import OUT_OF_QUOTA, PHONE_INVALID, TEMPLATE_INVALID, ZnsService

TOKEN = "zalo-oa-token-" + new_id()[:8]
# What Zalo approved for the hospital's Official Account: template id -> {param: max length}.
APPROVED = {"101": {"customer_name": 30, "hospital_name": 100, "booking_time": 20, "doctor": 50},
            "102": {"customer_name": 30, "booking_time": 20, "hospital_name": 100},
            "103": {"otp": 6, "minutes": 3},
            "104": {"customer_name": 30, "hospital_name": 100}}
SETTINGS = {
    "enabled": True, "access_token": TOKEN,
    "templates": {
        "appointment": {"template_id": "101",
                        "text": "Chào <customer_name>, lịch hẹn của bạn tại <hospital_name> lúc <booking_time> "
                                "với <doctor> đã được đặt.",
                        "params": {"customer_name": {"value": "name", "max": 30},
                                   "hospital_name": {"value": "hospital", "max": 100},
                                   "booking_time": {"value": "time", "max": 20},
                                   "doctor": {"value": "with", "max": 50}}},
        "reminder": {"template_id": "102",
                     "text": "<customer_name> ơi, nhắc lịch hẹn lúc <booking_time> tại <hospital_name>.",
                     "params": {"customer_name": {"value": "name", "max": 30},
                                "booking_time": {"value": "time", "max": 20},
                                "hospital_name": {"value": "hospital", "max": 100}}},
        "code": {"template_id": "103", "text": "Mã Tia của bạn: <otp> (dùng trong <minutes> phút).",
                 "params": {"otp": {"value": "code", "max": 6}, "minutes": {"value": "minutes", "max": 3}}},
        "team_replied": {"template_id": "104",
                         "text": "<customer_name> ơi, nhóm tư vấn của <hospital_name> đã trả lời bạn.",
                         "params": {"customer_name": {"value": "name", "max": 30},
                                    "hospital_name": {"value": "hospital", "max": 100}}}}}


@pytest.fixture(scope="module")
def zns():
    z = ZnsService(TOKEN, APPROVED)
    yield z
    z.stop()


@pytest.fixture(scope="module")
def server(zns, tmp_path_factory):
    spool = str(tmp_path_factory.mktemp("sms"))
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"),
               env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0", "TIA_SMS_SPOOL_DIR": spool,
                    "TIA_ZALO_URL": zns.url, "TIA_OUTBOX_INTERVAL_MS": "100"}).start()
    s.add_hospital("zh1", name="Bệnh viện Hùng Vương")
    s.add_hospital("zh2")  # codes of its own: under PostgreSQL the modules share one database
    s.spool = spool
    yield s
    s.stop()


@pytest.fixture(scope="module")
def hospital(server):
    admin = server.add_staff(f"adm-{new_id()[:8]}@zh1.org", "hospital_admin", "zh1")
    assert admin.put("/api/v1/hospital/settings", {
        "time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
        "hotline": {"number": "1900 6868", "hours": []}}).status == 200
    svc, prov = new_id(), new_id()
    assert admin.put(f"/api/v1/hospital/services/{svc}", service("lc")).status == 200
    assert admin.put(f"/api/v1/hospital/providers/{prov}", {
        "name": "BS. Hạnh", "time_zone": "Asia/Ho_Chi_Minh", "service_ids": [svc], "weekly": ALL_DAY}).status == 200
    r = admin.put("/api/v1/hospital/zalo", SETTINGS)
    assert r.status == 200, r
    return {"admin": admin, "service": svc, "provider": prov}


_seq = [0]


def new_phone():
    _seq[0] += 1
    n = f"{(os.getpid() * 100 + _seq[0]) % 10**8:08d}"
    return "+849" + n


def texts_to(server, e164):
    return spooled_texts(server.spool, e164)


def mother_with(server, channels, phone=None, lang="vi", name="Lan"):
    m = server.register_mother(hospital="zh1")
    phone = phone or new_phone()
    r = m.put(f"/api/v1/mothers/{m.user['id']}/profile",
              {"phone": phone, "language": lang, "message_channels": channels})
    assert r.status in (200, 201), r
    assert r.json["message_channels"] == channels
    return m, phone


def book_in(m, hospital, days):
    day = (now(ZONE) + datetime.timedelta(days=days)).date().isoformat()
    r = m.get(f"/api/v1/services/{hospital['service']}/slots?from={day}&days=1")
    assert r.status == 200, r
    slot = [s for s in r.json["providers"][0]["slots"] if "08:00" <= s["start"][11:16] <= "17:00"][0]
    r = m.put(f"/api/v1/bookings/{new_id()}", {"service_id": hospital["service"],
                                               "provider_id": hospital["provider"], "start": slot["start"]})
    assert r.status in (200, 201), r
    return r.json["id"], slot["start"]


def messages(m, bid):
    return m.get(f"/api/v1/bookings/{bid}").json["messages"]


def test_the_settings_are_the_administrators_and_every_mistake_names_its_field(server, hospital):
    admin = hospital["admin"]
    got = admin.get("/api/v1/hospital/zalo").json
    assert got["enabled"] is True and got["access_token_set"] is True
    assert TOKEN not in json.dumps(got), "the token is never shown again"
    assert got["templates"]["reminder"]["params"]["booking_time"] == {"value": "time", "max": 20}
    assert got["values"]["code"] == ["code", "minutes"]
    # Saving again without the token keeps it.
    body = {k: v for k, v in SETTINGS.items() if k != "access_token"}
    assert admin.put("/api/v1/hospital/zalo", body).json["access_token_set"] is True
    bad = json.loads(json.dumps(body))
    bad["templates"]["reminder"]["params"].pop("booking_time")
    r = admin.put("/api/v1/hospital/zalo", bad)
    assert r.status == 400 and r.json["field"] == "/templates/reminder/params", r
    bad = json.loads(json.dumps(body))
    bad["templates"]["code"]["params"]["otp"]["value"] = "hospital"
    r = admin.put("/api/v1/hospital/zalo", bad)
    assert r.status == 400 and r.json["field"] == "/templates/code/params/otp/value", r
    bad = json.loads(json.dumps(body))
    bad["templates"]["appointment"]["params"]["hospital_name"]["max"] = 380
    r = admin.put("/api/v1/hospital/zalo", bad)
    assert r.status == 400 and r.json["field"] == "/templates/appointment/params", r
    assert admin.get("/api/v1/hospital/zalo").json["templates"] == got["templates"], "nothing half-stored"
    # Another hospital's first save must give its token; its settings are its own.
    other = server.add_staff(f"adm-{new_id()[:8]}@zh2.org", "hospital_admin", "zh2")
    r = other.put("/api/v1/hospital/zalo", body)
    assert r.status == 400 and r.json["field"] == "/access_token", r
    assert other.get("/api/v1/hospital/zalo").json["templates"] == {}
    # A clinician may not change them; a mother does not know they exist.
    lan = server.add_staff(f"clin-{new_id()[:8]}@zh1.org", "clinician", "zh1")
    assert lan.get("/api/v1/hospital/zalo").status == 403
    assert server.register_mother(hospital="zh1").get("/api/v1/hospital/zalo").status == 404
    assert server.register_mother(hospital="zh1").get("/api/v1/hospital/message-incidents").status == 404


def test_her_channels_are_checked(server):
    m = server.register_mother(hospital="zh1")
    base = f"/api/v1/mothers/{m.user['id']}/profile"
    r = m.put(base, {"message_channels": ["zalo"]})
    assert r.status == 400 and r.json["field"] == "/message_channels", r  # no phone number
    r = m.put(base, {"phone": "0901 234 567", "message_channels": ["zalo", "fax"]})
    assert r.status == 400 and r.json["field"] == "/message_channels/1", r
    r = m.put(base, {"phone": "0901 234 567", "message_channels": []})
    assert r.status == 400 and r.json["field"] == "/message_channels", r
    r = m.put(base, {"message_channels": ["email", "email"]})
    assert r.status == 400 and r.json["field"] == "/message_channels/1", r


def test_a_booking_by_a_mother_who_chose_zalo_is_one_zns_request_per_message_sqlite(server, hospital, zns):
    m, phone = mother_with(server, ["zalo"])
    zphone = phone[1:]
    bid, start = book_in(m, hospital, 3)
    confirmation = wait_for(lambda: zns.to(zphone))
    assert len(confirmation) == 1
    req = confirmation[0]
    local = datetime.datetime.fromisoformat(start).strftime("%Y-%m-%d %H:%M")
    assert req["template_id"] == "101" and req["template_data"] == {
        "customer_name": "Mother", "hospital_name": "Bệnh viện Hùng Vương", "booking_time": local,
        "doctor": "BS. Hạnh"}, req
    assert req["tracking_id"].startswith("tia-")
    got = wait_for(lambda: [x for x in messages(m, bid) if x["status"] == "sent"])
    assert [(x["channel"], x["kind"]) for x in got] == [("zalo", "confirmation")]
    # She chose Zalo only: no text, no e-mail.
    assert {x["channel"] for x in messages(m, bid)} == {"zalo"}
    # The reminders' time comes: each is one ZNS request, however many passes the worker makes.
    db = sqlite3.connect(server.db.removeprefix("sqlite:"), timeout=10)
    with db:
        db.execute("UPDATE outbox_messages SET next_attempt_at = 0 WHERE kind LIKE 'reminder%' AND "
                   "booking_id = (SELECT id FROM bookings WHERE public_id = ?)", (bid,))
    db.close()
    assert wait_for(lambda: len(zns.to(zphone)) == 3)
    time.sleep(1.0)  # ten more passes
    reqs = zns.to(zphone)
    assert len(reqs) == 3 and [r["template_id"] for r in reqs[1:]] == ["102", "102"]
    assert all(r["template_data"] == {"customer_name": "Mother", "booking_time": local,
                                      "hospital_name": "Bệnh viện Hùng Vương"} for r in reqs[1:])
    assert len({r["tracking_id"] for r in reqs}) == 3
    assert texts_to(server, phone) == []
    assert zns.problems == []


@pytest.mark.parametrize("code", [PHONE_INVALID, TEMPLATE_INVALID, OUT_OF_QUOTA])
def test_a_refused_zns_request_falls_back_to_one_text_and_the_hospital_sees_it(server, hospital, zns, code):
    m, phone = mother_with(server, ["zalo", "email"])
    zns.answer_for[phone[1:]] = code
    bid, _ = book_in(m, hospital, 4)
    texts = wait_for(lambda: texts_to(server, phone))
    assert len(texts) == 1 and texts[0].startswith("Tia: lich hen tai Bệnh viện Hùng Vương"), texts
    time.sleep(1.0)  # ten more passes: still one request, one text
    assert len(zns.to(phone[1:])) == 1 and len(texts_to(server, phone)) == 1
    statuses = sorted((x["channel"], x["status"]) for x in messages(m, bid) if x["kind"] == "confirmation")
    assert statuses == [("email", "pending"), ("sms", "sent"), ("zalo", "failed")], statuses
    incidents = hospital["admin"].get("/api/v1/hospital/message-incidents").json["items"]
    mine = [i for i in incidents if i["code"] == code]
    assert mine and mine[0]["kind"] == "confirmation" and mine[0]["channel"] == "zalo"
    assert mine[0]["fallback"] == "sms" and mine[0]["detail"]
    assert phone[3:] not in json.dumps(incidents), "no phone number in what the hospital sees"
    # Another hospital sees none of it.
    other = server.add_staff(f"adm-{new_id()[:8]}@zh2.org", "hospital_admin", "zh2")
    assert other.get("/api/v1/hospital/message-incidents").json["items"] == []


def test_she_chose_text_and_zalo_so_a_refusal_adds_no_second_text(server, hospital, zns):
    m, phone = mother_with(server, ["sms", "zalo"])
    zns.answer_for[phone[1:]] = OUT_OF_QUOTA
    bid, _ = book_in(m, hospital, 5)
    assert wait_for(lambda: [x for x in messages(m, bid) if x["channel"] == "zalo" and x["status"] == "failed"])
    time.sleep(1.0)
    assert len(texts_to(server, phone)) == 1  # her own choice of text, not a second one
    incidents = hospital["admin"].get("/api/v1/hospital/message-incidents").json["items"]
    assert any(i["fallback"] == "none" and i["code"] == OUT_OF_QUOTA for i in incidents)


def test_a_sign_in_code_goes_by_zalo_when_she_chose_it(server, zns):
    m, phone = mother_with(server, ["zalo"])
    m = server.client(token=m.token, source=fresh_source())
    r = m.post("/api/v1/auth/phone", {"phone": phone, "password": "a long mother password"})
    assert r.status == 202, r
    reqs = wait_for(lambda: zns.to(phone[1:]))
    assert len(reqs) == 1 and reqs[0]["template_id"] == "103"
    code = reqs[0]["template_data"]["otp"]
    assert re.fullmatch(r"\d{6}", code) and reqs[0]["template_data"]["minutes"] == "10"
    assert texts_to(server, phone) == []
    r = m.post("/api/v1/auth/phone/confirm", {"phone": phone, "code": code})
    assert r.status == 200 and r.json["phone"] == phone, r
    # The code's text is not kept once sent.
    if server.db.startswith("sqlite:"):
        db = sqlite3.connect(server.db.removeprefix("sqlite:"), timeout=10)
        assert db.execute("SELECT COUNT(*) FROM outbox_messages WHERE body LIKE ?", (f"%{code}%",)).fetchone()[0] == 0
        db.close()


def test_a_refused_code_is_texted_at_once(server, zns):
    m, phone = mother_with(server, ["zalo"])
    zns.answer_for[phone[1:]] = PHONE_INVALID
    m = server.client(token=m.token, source=fresh_source())
    assert m.post("/api/v1/auth/phone", {"phone": phone, "password": "a long mother password"}).status == 202
    texts = wait_for(lambda: texts_to(server, phone))
    assert len(texts) == 1 and re.search(r"\b\d{6}\b", texts[0]), texts


def test_the_team_replied_by_zalo_once_an_hour_per_question(server, zns):
    m, phone = mother_with(server, ["zalo"])
    cid = new_id()
    assert m.put(f"/api/v1/consultations/{cid}", {"message": "Con bú ít"}).status == 201
    lan = server.add_staff(f"clin-{new_id()[:8]}@zh1.org", "clinician", "zh1")
    for text in ("Chị ơi", "Chị cho con bú lại nhé"):
        assert lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": text}).status == 201
    reqs = wait_for(lambda: zns.to(phone[1:]))
    time.sleep(1.0)
    reqs = zns.to(phone[1:])
    assert len(reqs) == 1 and reqs[0]["template_id"] == "104", reqs
    assert reqs[0]["template_data"] == {"customer_name": "Mother", "hospital_name": "Bệnh viện Hùng Vương"}
    assert "bú" not in json.dumps(reqs, ensure_ascii=False), "nothing of what was said"


def test_a_mother_who_did_not_choose_zalo_gets_no_zns_request(server, hospital, zns):
    m = server.register_mother(hospital="zh1")
    phone = new_phone()
    assert m.put(f"/api/v1/mothers/{m.user['id']}/profile", {"phone": phone}).status == 201
    bid, _ = book_in(m, hospital, 6)
    assert wait_for(lambda: texts_to(server, phone))  # today's default: e-mail and a text
    time.sleep(0.5)
    assert zns.to(phone[1:]) == []
    assert sorted({x["channel"] for x in messages(m, bid)}) == ["email", "sms"]


def test_a_number_typed_as_dialled_at_home_reaches_zalo(server, hospital, zns):
    e164 = new_phone()
    m, _ = mother_with(server, ["zalo"], phone="0" + e164[3:6] + " " + e164[6:9] + " " + e164[9:])
    book_in(m, hospital, 7)
    reqs = wait_for(lambda: zns.to(e164[1:]))
    assert len(reqs) == 1 and reqs[0]["template_id"] == "101"
