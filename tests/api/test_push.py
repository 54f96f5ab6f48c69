"""Notifications when her app is closed (issue 13): Web Push through a push service the test runs.
The team's reply queues a notification to each of her browsers; the server signs it with its
VAPID key (RFC 8292) and encrypts it for that browser (RFC 8291); it says only that the team
replied, in the language she subscribed in. Endpoints outside the configured push services, keys
that are not keys, and other people's subscriptions are refused; a push service's 410 removes the
subscription."""
import json
import os

import pytest

from push_service import PushService, verify_vapid
from tia_client import Server, new_id


@pytest.fixture(scope="module")
def push():
    p = PushService()
    yield p
    p.close()


@pytest.fixture(scope="module")
def server(push):
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"),
               env={"TIA_PUSH_ORIGINS": push.origin, "TIA_PUSH_CONTACT": "mailto:ops@tudu.example",
                    "TIA_OUTBOX_INTERVAL_MS": "60000"}).start()
    s.add_hospital("h1")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def lan(server):
    return server.add_staff(f"lan-{new_id()[:8]}@h1.org", "clinician", "h1")


def subscribe(client, browser, lang="vi", sid=None):
    return client.put(f"/api/v1/push/subscriptions/{sid or new_id()}", browser.subscription(),
                      headers={"Accept-Language": lang})


def ask(mother, text="Vú trái đỏ, sốt 38,6"):
    cid = new_id()
    assert mother.put(f"/api/v1/consultations/{cid}", {"message": text}).status == 201
    return cid


def test_the_teams_reply_reaches_her_closed_app_encrypted_and_signed(server, push, lan):
    mother = server.register_mother()
    key = mother.get("/api/v1/push/key")
    assert key.status == 200 and len(key.json["key"]) == 87, key  # 65 bytes, base64url
    phone = push.browser("phone")
    sid = new_id()
    r = subscribe(mother, phone, "vi", sid)
    assert r.status == 201 and r.json == {"id": sid, "lang": "vi"}, r
    assert subscribe(mother, phone, "vi", sid).status == 200  # the same again: nothing new
    laptop = push.browser("laptop")
    assert subscribe(mother, laptop, "en").status == 201

    cid = ask(mother, "Vú trái đỏ và nóng, sốt 38,6 độ")
    push.nothing_for(1)  # her own question notifies nobody
    secret = "Chị chườm lạnh và cho bé bú bên trái trước"
    assert lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": secret}).status == 201
    got = {}
    for _ in range(2):
        req = push.next()
        got[req["path"]] = req
    assert set(got) == {"/push/phone", "/push/laptop"}
    for path, browser, lang in (("/push/phone", phone, "vi"), ("/push/laptop", laptop, "en")):
        req = got[path]
        h = req["headers"]
        assert h["content-encoding"] == "aes128gcm" and int(h["ttl"]) > 0 and h["urgency"] == "high", h
        claims, k = verify_vapid(h["authorization"], push.origin)
        assert k == key.json["key"] and claims["sub"] == "mailto:ops@tudu.example"
        payload = json.loads(browser.decrypt(req["body"]))
        assert payload["url"] == f"/consult/thread/{cid}" and payload["tag"] == f"consultation-{cid}", payload
        if lang == "vi":
            assert payload["title"] == "Nhóm tư vấn đã trả lời", payload
        else:
            assert payload["title"] == "The team replied", payload
        # Nothing of the thread goes to a push service or a lock screen. (The url and tag, checked
        # above, carry the thread's random id, which may itself contain "38".)
        shown = json.dumps({k: v for k, v in payload.items() if k not in ("url", "tag")}, ensure_ascii=False)
        assert "chườm" not in shown and "38" not in shown, payload
        assert secret.encode() not in req["body"]

    # An internal note notifies nobody; the close-out does.
    assert lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "theo dõi", "internal": True}).status == 201
    push.nothing_for(1)
    assert lan.post(f"/api/v1/consultations/{cid}/close", {
        "outcome": "self_care", "message": "Chị theo dõi tiếp nhé",
        "care_plan": {"summary": "Chườm lạnh, bú bình thường"}}).status == 200
    paths = {push.next()["path"], push.next()["path"]}
    assert paths == {"/push/phone", "/push/laptop"}

    # Unsubscribed: nothing more goes to that browser.
    assert mother.delete(f"/api/v1/push/subscriptions/{sid}").status == 204
    assert mother.delete(f"/api/v1/push/subscriptions/{sid}").status == 404
    cid2 = ask(mother)
    assert lan.put(f"/api/v1/consultations/{cid2}/messages/{new_id()}", {"text": "Dạ"}).status == 201
    assert push.next()["path"] == "/push/laptop"
    push.nothing_for(1)


def test_a_subscription_the_push_service_dropped_is_removed(server, push, lan):
    mother = server.register_mother()
    gone = push.browser("gone")
    sid = new_id()
    assert subscribe(mother, gone, sid=sid).status == 201
    cid = ask(mother)
    push.status = 410
    try:
        assert lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "Dạ"}).status == 201
        assert push.next()["path"] == "/push/gone"
    finally:
        push.status = 201
    assert lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "Chị ơi"}).status == 201
    push.nothing_for(1.5)
    assert mother.delete(f"/api/v1/push/subscriptions/{sid}").status == 404


def test_only_keys_and_push_services_are_accepted(server, push):
    mother = server.register_mother()
    browser = push.browser("x")
    good = browser.subscription()

    def refused(body, field):
        r = mother.put(f"/api/v1/push/subscriptions/{new_id()}", body)
        assert r.status == 400 and r.json["field"] == field, (field, r)

    # The server never POSTs to an address a client chose: only the configured push services.
    for endpoint in ("http://127.0.0.1:5432/", "https://evil.example/push", "file:///etc/passwd",
                     push.origin.replace("127.0.0.1", "localhost") + "/push/x", "x" * 2000):
        refused({**good, "endpoint": endpoint}, "/endpoint")
    refused({k: v for k, v in good.items() if k != "endpoint"}, "/endpoint")
    refused({**good, "keys": {**good["keys"], "p256dh": "AAAA"}}, "/keys/p256dh")
    bad_point = bytearray(browser.public)
    bad_point[40] ^= 1
    from push_service import b64url
    refused({**good, "keys": {**good["keys"], "p256dh": b64url(bytes(bad_point))}}, "/keys/p256dh")
    refused({**good, "keys": {**good["keys"], "auth": b64url(b"short")}}, "/keys/auth")
    refused({**good, "keys": {"p256dh": good["keys"]["p256dh"]}}, "/keys/auth")
    refused({**good, "keys": {**good["keys"], "extra": "1"}}, "/keys/extra")
    refused({**good, "callback": "https://evil.example"}, "/callback")
    r = mother.put("/api/v1/push/subscriptions/NOT-A-UUID", good)
    assert r.status == 400, r

    # Another person's subscription does not exist for her; the same id with other keys is a conflict.
    sid = new_id()
    assert mother.put(f"/api/v1/push/subscriptions/{sid}", good).status == 201
    other = server.register_mother()
    assert other.put(f"/api/v1/push/subscriptions/{sid}", good).status == 404
    assert other.delete(f"/api/v1/push/subscriptions/{sid}").status == 404
    assert mother.put(f"/api/v1/push/subscriptions/{sid}", push.browser("y").subscription()).status == 409
    anonymous = server.client()
    assert anonymous.get("/api/v1/push/key").status == 401
    assert anonymous.put(f"/api/v1/push/subscriptions/{new_id()}", good).status == 401
