"""Remote consultations through the HTTP API (issue 5): opened from a symptom-check result or on
her own, priority and deadline from the result, an emergency never queued, the clinicians' queue,
claim / assign / return with reasons, replies, the structured close-out, photos (content-checked,
metadata stripped, encrypted on disk, served as attachments to the thread's participants only),
live updates over server-sent events, and who gets 404."""
import datetime
import http.client
import json
import os
import queue
import sqlite3
import tempfile
import threading
import time

import pytest

from tia_client import EventReader, Server, local, make_test_photos, new_id, now

ZONE = datetime.timezone(datetime.timedelta(hours=7))
SETTINGS = {"time_zone": "Asia/Ho_Chi_Minh", "emergency_number": "115",
            "hotline": {"number": "1900 6868", "hours": []},
            "consultation": {"hours": [], "routine_reply_hours": 48}}
SAME_DAY = {"current_temp_c": 38.1, "days_postpartum": 10}
WITHIN_24H = {"nipple_damage": "cracked"}
EMERGENCY = {"heart_rate": 135}


@pytest.fixture(scope="module")
def server():
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"),
               env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0"}).start()
    s.add_hospital("h1")
    s.add_hospital("h2")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def staff(server):
    admin = server.add_staff(f"adm-{new_id()[:8]}@h1.org", "hospital_admin", "h1")
    assert admin.put("/api/v1/hospital/settings", SETTINGS).status == 200
    return {"admin": admin,
            "lan": server.add_staff(f"lan-{new_id()[:8]}@h1.org", "clinician", "h1"),
            "hoa": server.add_staff(f"hoa-{new_id()[:8]}@h1.org", "clinician", "h1"),
            "other": server.add_staff(f"oth-{new_id()[:8]}@h2.org", "clinician", "h2")}


@pytest.fixture(scope="module")
def photos():
    d = tempfile.mkdtemp(prefix="tia-photos-")
    return make_test_photos(d)


def check(mother, answers):
    r = mother.put(f"/api/v1/mothers/{mother.user['id']}/symptom-checks/{new_id()}", {"answers": answers})
    assert r.status == 201, r
    return r.json


def open_consultation(mother, message="My left breast is red and sore", **kw):
    cid = new_id()
    r = mother.put(f"/api/v1/consultations/{cid}", {"message": message, **kw})
    return cid, r


def upload(client, cid, path=None, raw=None, content_type="image/jpeg", photo_id=None):
    data = raw if raw is not None else open(path, "rb").read()
    return client.request("PUT", f"/api/v1/consultations/{cid}/photos/{photo_id or new_id()}", raw=data,
                          headers={"Content-Type": content_type})


def announce_upload(port, token, cid, length):
    """Sends only the headers of a photo upload of `length` bytes; returns the status the server
    answers with before any body byte (0 when it waits for the body) and the problem detail."""
    import socket
    s = socket.create_connection(("127.0.0.1", port), timeout=3)
    try:
        s.sendall((f"PUT /api/v1/consultations/{cid}/photos/{new_id()} HTTP/1.1\r\nHost: t\r\n"
                   f"Authorization: Bearer {token}\r\nContent-Type: image/jpeg\r\n"
                   f"Content-Length: {length}\r\n\r\n").encode())
        try:
            data = s.recv(65536)
        except socket.timeout:
            return 0, ""
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ")[1])
        detail = json.loads(body)["detail"] if body.strip() else ""
        return status, detail
    finally:
        s.close()


def parse_utc(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def test_a_same_day_result_opens_with_a_two_hour_deadline_and_resends_are_safe(server, staff):
    m = server.register_mother()
    result = check(m, SAME_DAY)
    assert result["result"]["disposition"] == "same_day"
    cid, r = open_consultation(m, symptom_check_id=result["id"])
    assert r.status == 201, r
    c = r.json
    assert c["priority"] == "same_day" and c["status"] == "open" and c["awaiting"] == "clinician"
    assert c["disposition"] == "same_day" and c["symptom_check_id"] == result["id"]
    left = parse_utc(c["deadline_at"]) - parse_utc(c["opened_at"])
    assert left == datetime.timedelta(hours=2)
    assert c["messages"][0]["text"] == "My left breast is red and sore"
    assert c["contact"]["hotline"] == "1900 6868" and c["contact"]["emergency"] == "115"
    # The same request again: the same consultation, not a second one.
    again = m.put(f"/api/v1/consultations/{cid}", {"message": "My left breast is red and sore",
                                                   "symptom_check_id": result["id"]})
    assert again.status == 200 and again.json["id"] == cid and len(again.json["messages"]) == 1
    clash = m.put(f"/api/v1/consultations/{cid}", {"message": "something else"})
    assert clash.status == 409 and clash.json["field"] == "/id"
    assert [x["id"] for x in m.get("/api/v1/consultations").json["items"]] == [cid]
    # Within 24 h and on her own: 24 hours and the published window (48 h here).
    m2 = server.register_mother()
    _, r = open_consultation(m2, symptom_check_id=check(m2, WITHIN_24H)["id"])
    assert r.json["priority"] == "contact_24h"
    assert parse_utc(r.json["deadline_at"]) - parse_utc(r.json["opened_at"]) == datetime.timedelta(hours=24)
    m3 = server.register_mother()
    _, r = open_consultation(m3, message="How often should I pump at work?")
    assert r.json["priority"] == "routine"
    assert parse_utc(r.json["deadline_at"]) - parse_utc(r.json["opened_at"]) == datetime.timedelta(hours=48)


def test_an_emergency_never_waits_in_the_queue(server, staff):
    m = server.register_mother()
    result = check(m, EMERGENCY)
    assert result["result"]["disposition"] == "emergency"
    _, r = open_consultation(m, symptom_check_id=result["id"])
    assert r.status == 409 and "115" in r.json["detail"] and "1900 6868" in r.json["detail"]
    # On her own, with an emergency result of the last day: the same answer.
    _, r = open_consultation(m, message="Can someone message me back?")
    assert r.status == 409 and "115" in r.json["detail"]
    # Attaching an older, milder result does not get round it.
    m2 = server.register_mother()
    mild = check(m2, WITHIN_24H)["id"]
    check(m2, EMERGENCY)
    _, r = open_consultation(m2, symptom_check_id=mild)
    assert r.status == 409 and "115" in r.json["detail"]
    assert m.get("/api/v1/consultations").json["items"] == []
    queue_ids = [x["mother"]["id"] for x in staff["lan"].get("/api/v1/hospital/consultations").json["items"]]
    assert m.user["id"] not in queue_ids


def test_bad_input_names_the_field_and_stores_nothing(server, staff):
    m = server.register_mother()
    other = server.register_mother()
    for body, field in [({"message": "   "}, "/message"), ({}, "/message"),
                        ({"message": "x", "symptom_check_id": check(other, SAME_DAY)["id"]}, "/symptom_check_id"),
                        ({"message": "x", "subject": "baby"}, "/infant_id"),
                        ({"message": "x", "priority": "same_day"}, "/priority"),
                        ({"message": "x" * 12001}, "/message")]:
        r = m.put(f"/api/v1/consultations/{new_id()}", body)
        assert r.status == 400 and r.json["field"] == field, (body, r)
    r = m.put("/api/v1/consultations/not-a-uuid", {"message": "x"})
    assert r.status == 400 and r.json["field"] == "/id"
    assert m.get("/api/v1/consultations").json["items"] == []


def test_a_consultation_names_only_her_own_baby(server, staff):
    m = server.register_mother()
    other = server.register_mother()
    theirs, mine = new_id(), new_id()
    assert other.put(f"/api/v1/mothers/{other.user['id']}/infants/{theirs}", {"name": "An", "birth_date": local(60 * 24 * 3)[:10]}).status == 201
    assert m.put(f"/api/v1/mothers/{m.user['id']}/infants/{mine}", {"name": "Bình", "birth_date": local(60 * 24 * 3)[:10]}).status == 201
    cid = new_id()
    r = m.put(f"/api/v1/consultations/{cid}", {"message": "Is this rash normal?", "subject": "baby", "infant_id": theirs})
    assert r.status == 400 and r.json["field"] == "/infant_id", r
    assert m.get("/api/v1/consultations").json["items"] == []
    r = m.put(f"/api/v1/consultations/{cid}", {"message": "Is this rash normal?", "subject": "baby", "infant_id": mine})
    assert r.status == 201, r


def test_the_queue_puts_the_most_urgent_first_and_claims_keep_their_reasons(server, staff):
    lan, hoa = staff["lan"], staff["hoa"]
    mothers = {}
    for kind, answers in [("routine", None), ("contact_24h", WITHIN_24H), ("same_day", SAME_DAY)]:
        m = server.register_mother()
        kw = {"symptom_check_id": check(m, answers)["id"]} if answers else {}
        cid, r = open_consultation(m, **kw)
        assert r.status == 201, r
        mothers[kind] = (m, cid)
    q = lan.get("/api/v1/hospital/consultations")
    assert q.status == 200
    mine = [x for x in q.json["items"] if x["id"] in {cid for _, cid in mothers.values()}]
    assert [x["priority"] for x in mine] == ["same_day", "contact_24h", "routine"]
    assert all(x["minutes_left"] is not None and not x["overdue"] for x in mine)
    top = mine[0]
    assert top["mother"]["id"] == mothers["same_day"][0].user["id"] and top["assignee"] is None

    m, cid = mothers["same_day"]
    r = lan.post(f"/api/v1/consultations/{cid}/claim", {})
    assert r.status == 200 and r.json["assignee"]["id"] == lan.user["id"]
    # Taking over one another clinician holds needs a reason.
    r = hoa.post(f"/api/v1/consultations/{cid}/claim", {})
    assert r.status == 409 and r.json["field"] == "/reason"
    r = hoa.post(f"/api/v1/consultations/{cid}/assign", {"clinician_id": hoa.user["id"]})
    assert r.status == 400 and r.json["field"] == "/reason"
    r = hoa.post(f"/api/v1/consultations/{cid}/assign", {"clinician_id": staff["other"].user["id"],
                                                          "reason": "night shift"})
    assert r.status == 400 and r.json["field"] == "/clinician_id"
    r = lan.post(f"/api/v1/consultations/{cid}/assign", {"clinician_id": hoa.user["id"], "reason": "IBCLC on shift"})
    assert r.status == 200 and r.json["assignee"]["id"] == hoa.user["id"]
    r = hoa.post(f"/api/v1/consultations/{cid}/release", {})
    assert r.status == 400 and r.json["field"] == "/reason"
    r = hoa.post(f"/api/v1/consultations/{cid}/release", {"reason": "going into theatre"})
    assert r.status == 200 and r.json["assignee"] is None
    history = [(h["kind"], h["reason"]) for h in r.json["history"]]
    assert history == [("opened", None), ("claimed", None), ("assigned", "IBCLC on shift"),
                       ("returned", "going into theatre")]

    # A reply: the thread now waits for her, and whoever answered holds it.
    r = lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "Keep feeding from that side."})
    assert r.status == 201 and r.json["awaiting"] == "mother" and r.json["assignee"]["id"] == lan.user["id"]
    seen = m.get(f"/api/v1/consultations/{cid}").json
    assert seen["messages"][-1]["text"] == "Keep feeding from that side."
    assert seen["messages"][-1]["author"]["role"] == "clinician"
    assert "history" not in seen  # hand-overs are the team's business
    # A care-team note: the team sees it, she does not, and it is not a reply.
    r = lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "Check CRP if no better", "internal": True})
    assert r.status == 201 and r.json["messages"][-1]["kind"] == "note" and r.json["awaiting"] == "mother"
    assert all(x["kind"] != "note" for x in m.get(f"/api/v1/consultations/{cid}").json["messages"])
    r = m.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "x", "internal": True})
    assert r.status == 400 and r.json["field"] == "/internal"
    # Her answer starts a new clock and puts it back before the threads waiting for her.
    r = m.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "Thank you, the redness is less."})
    assert r.status == 201 and r.json["awaiting"] == "clinician"


def test_close_out_is_structured_and_ends_the_thread(server, staff):
    lan = staff["lan"]
    m = server.register_mother()
    cid, _ = open_consultation(m, symptom_check_id=check(m, WITHIN_24H)["id"])
    bad = lan.post(f"/api/v1/consultations/{cid}/close", {"outcome": "massage_harder", "message": "x",
                                                          "care_plan": {"summary": "y"}})
    assert bad.status == 400 and bad.json["field"] == "/outcome"
    bad = lan.post(f"/api/v1/consultations/{cid}/close", {"outcome": "self_care", "message": "x"})
    assert bad.status == 400 and bad.json["field"] == "/care_plan"
    plan = {"summary": "Nipple damage: fix the latch", "steps": ["Feed from the less sore side first",
                                                                "Book a latch check"], "recheck_in_hours": 24}
    r = lan.post(f"/api/v1/consultations/{cid}/close", {"outcome": "book", "message": "Please book a latch check.",
                                                        "care_plan": plan})
    assert r.status == 200 and r.json["status"] == "closed"
    assert r.json["close_out"]["outcome"] == "book" and r.json["close_out"]["care_plan"]["steps"][1] == "Book a latch check"
    last = m.get(f"/api/v1/consultations/{cid}").json["messages"][-1]
    assert last["kind"] == "close_out" and last["close_out"]["care_plan"]["summary"] == plan["summary"]
    r = m.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "one more thing"})
    assert r.status == 409
    assert lan.post(f"/api/v1/consultations/{cid}/close", {"outcome": "book", "message": "x",
                                                          "care_plan": plan}).status == 409
    # Referring to emergency care carries the numbers with it.
    m2 = server.register_mother()
    cid2, _ = open_consultation(m2)
    r = lan.post(f"/api/v1/consultations/{cid2}/close", {"outcome": "refer_emergency", "message": "Go now.",
                                                         "care_plan": {"summary": "Possible abscess"}})
    assert r.status == 200 and r.json["close_out"]["contact"]["emergency"] == "115"


def test_a_phone_photo_is_stripped_encrypted_on_disk_and_served_as_an_attachment(server, staff, photos):
    m = server.register_mother()
    cid, _ = open_consultation(m, symptom_check_id=check(m, SAME_DAY)["id"])
    original = open(photos["phone.jpg"], "rb").read()
    assert b"TiaPhone" in original and b"\x88\x25" in original  # the camera and the GPS block
    pid = new_id()
    r = upload(m, cid, photos["phone.jpg"], photo_id=pid)
    assert r.status == 201, r
    msg = r.json["messages"][-1]
    assert msg["kind"] == "photo" and msg["photo"]["id"] == pid
    assert msg["photo"]["width"] == 320 and msg["photo"]["height"] == 240
    assert upload(m, cid, photos["phone.jpg"], photo_id=pid).status == 200  # a resend
    assert upload(m, cid, photos["plain.png"], photo_id=pid, content_type="image/png").status == 409

    for who in (m, staff["lan"]):
        got = who.get(msg["photo"]["url"])
        assert got.status == 200 and got.header("content-type") == "image/jpeg"
        assert got.header("content-disposition") == f'attachment; filename="photo-{pid}.jpg"'
        assert got.header("x-content-type-options") == "nosniff"
        assert "no-store" in got.header("cache-control")
    body = staff["lan"].request("GET", msg["photo"]["url"])
    # http.client decoded the body as text; read it again raw.
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", msg["photo"]["url"], headers={"Authorization": "Bearer " + m.token})
    served = conn.getresponse().read()
    conn.close()
    assert body.status == 200
    assert served[:3] == b"\xff\xd8\xff"
    assert b"TiaPhone" not in served and b"\x88\x25" not in served and b"shot at home" not in served
    assert b"GPSLatitude" not in served

    # On disk: nothing that opens as a picture, and not the photo's bytes.
    files = [os.path.join(d, f) for d, _, fs in os.walk(server.photo_dir) for f in fs if f != "key"]
    assert files
    for path in files:
        data = open(path, "rb").read()
        assert not data.startswith(b"\xff\xd8") and not data.startswith(b"\x89PNG")
        assert b"JFIF" not in data and served[200:264] not in data


def test_erasing_her_account_removes_her_threads_and_photo_files(server, staff, photos):
    m = server.register_mother()  # signed in just now: inside the re-authentication window
    cid, _ = open_consultation(m)
    png = open(photos["plain.png"], "rb").read()  # may be in other mothers' threads too
    import struct
    import zlib
    # A 4 x 4 PNG of her own, so at least one file is hers alone.
    raw = b"".join(b"\0" + bytes([7, i, 99]) * 4 for i in range(4))
    ihdr = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    own = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    before = set(stored_files(server))
    assert upload(m, cid, raw=own, content_type="image/png").status == 201
    assert upload(m, cid, raw=png, content_type="image/png").status == 201
    added = set(stored_files(server)) - before
    assert len(added) >= 1
    r = m.delete(f"/api/v1/mothers/{m.user['id']}")
    assert r.status == 204, r
    assert not (added & set(stored_files(server)))
    assert staff["lan"].get(f"/api/v1/consultations/{cid}").status == 404


def stored_files(server):
    return [os.path.join(d, f) for d, _, fs in os.walk(server.photo_dir) for f in fs if f != "key"]


def test_hostile_uploads_are_refused_with_the_right_status(server, staff, photos):
    m = server.register_mother()
    cid, _ = open_consultation(m)
    r = upload(m, cid, photos["html.jpg"])
    assert r.status == 415 and "HTML" in r.json["detail"]
    r = upload(m, cid, photos["drawing.svg"], content_type="image/svg+xml")
    assert r.status == 415 and "SVG" in r.json["detail"]
    # 10 MiB + 1 byte: refused from the Content-Length, before the body is read.
    status, detail = announce_upload(server.port, m.token, cid, 10 * 1024 * 1024 + 1)
    assert status == 413 and "10 MiB" in detail
    status, _ = announce_upload(server.port, m.token, cid, 10 * 1024 * 1024)
    assert status == 100 or status == 0  # exactly 10 MiB is within the limit: the server waits
    r = upload(m, cid, photos["bomb.png"], content_type="image/png")
    assert r.status == 400 and r.json["field"] == "/photo" and "65535 x 65535" in r.json["detail"]
    r = upload(m, cid, photos["truncated.jpg"])
    assert r.status == 400 and r.json["field"] == "/photo"
    r = m.request("PUT", f"/api/v1/consultations/{cid}/photos/..%2F..%2Fkey", raw=open(photos["plain.png"], "rb").read(),
                  headers={"Content-Type": "image/png"})
    assert r.status in (400, 404)
    # A JPEG carrying an HTML page: accepted as the image it is, without the page.
    r = upload(m, cid, photos["polyglot.jpg"])
    assert r.status == 201
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", r.json["messages"][-1]["photo"]["url"], headers={"Authorization": "Bearer " + m.token})
    served = conn.getresponse().read()
    conn.close()
    assert b"<script" not in served and b"<html" not in served.lower()
    # An id already used by a text message is not reused for a photo.
    mid = new_id()
    assert m.put(f"/api/v1/consultations/{cid}/messages/{mid}", {"text": "a photo follows"}).status == 201
    r = upload(m, cid, photos["plain.png"], content_type="image/png", photo_id=mid)
    assert r.status == 409 and r.json["field"] == "/photo_id"
    # The refused files left no message behind.
    kinds = [x["kind"] for x in m.get(f"/api/v1/consultations/{cid}").json["messages"]]
    assert kinds == ["text", "photo", "text"]


def test_a_consultation_holds_at_most_fifty_photos(server, staff, photos):
    m = server.register_mother()
    cid, _ = open_consultation(m)
    png = open(photos["plain.png"], "rb").read()
    for i in range(50):
        assert upload(m, cid, raw=png, content_type="image/png").status == 201, i
    r = upload(m, cid, raw=png, content_type="image/png")
    assert r.status == 409 and "50" in r.json["detail"]


def test_nobody_outside_the_thread_learns_it_exists(server, staff, photos):
    m = server.register_mother()
    cid, _ = open_consultation(m, symptom_check_id=check(m, SAME_DAY)["id"])
    r = upload(m, cid, photos["phone.jpg"])
    url = r.json["messages"][-1]["photo"]["url"]
    outsiders = {"clinician of another hospital": staff["other"], "admin": staff["admin"],
                 "another mother": server.register_mother()}
    for name, who in outsiders.items():
        assert who.get(f"/api/v1/consultations/{cid}").status == 404, name
        assert who.get(url).status == 404, name
        assert who.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "hi"}).status == 404, name
        assert upload(who, cid, photos["phone.jpg"]).status == 404, name
        assert who.post(f"/api/v1/consultations/{cid}/claim", {}).status == 404, name
    # An unknown thread and photo look the same as one the caller may not see.
    assert staff["lan"].get(f"/api/v1/consultations/{new_id()}").status == 404
    assert staff["lan"].get(f"/api/v1/consultations/{cid}/photos/{new_id()}").status == 404
    assert staff["other"].get("/api/v1/hospital/consultations").json["items"] == [] or all(
        x["id"] != cid for x in staff["other"].get("/api/v1/hospital/consultations").json["items"])


def test_every_staff_read_is_audited_sqlite(server, staff, photos):
    m = server.register_mother()
    cid, _ = open_consultation(m)
    r = upload(m, cid, photos["plain.png"], content_type="image/png")
    url = r.json["messages"][-1]["photo"]["url"]
    staff["lan"].get(f"/api/v1/consultations/{cid}")
    staff["lan"].get(url)
    staff["other"].get(f"/api/v1/consultations/{cid}")
    db = sqlite3.connect(server.db[len("sqlite:"):])
    rows = db.execute("SELECT a.resource, a.outcome FROM audit_events a JOIN users u ON u.id = a.actor_id "
                      "WHERE u.public_id IN (?, ?) AND a.resource LIKE 'consultation%' ORDER BY a.id",
                      (staff["lan"].user["id"], staff["other"].user["id"])).fetchall()
    db.close()
    assert ("consultation", "success") in rows and ("consultation_photo", "success") in rows
    assert ("consultation", "denied") in rows


def test_live_updates_reach_clinicians_and_the_mother_without_health_data(server, staff):
    lan = staff["lan"]
    m = server.register_mother()
    clin_stream = EventReader(server.port, lan.token)
    mom_stream = EventReader(server.port, m.token)
    try:
        assert clin_stream.resp.status == 200
        assert clin_stream.resp.getheader("Content-Type").startswith("text/event-stream")
        time.sleep(0.2)
        cid, _ = open_consultation(m, message="secret symptom words")
        e = clin_stream.next()
        while e["id"] != cid:
            e = clin_stream.next()
        assert e == {"type": "consultation", "id": cid, "change": "opened"}
        lan.put(f"/api/v1/consultations/{cid}/messages/{new_id()}", {"text": "private reply words"})
        e = mom_stream.next()
        while e["change"] != "message":
            e = mom_stream.next()
        assert e["id"] == cid
        assert "secret" not in json.dumps(e) and "private" not in json.dumps(e)
    finally:
        clin_stream.close()
        mom_stream.close()
    # A caregiver or an admin has no stream.
    assert staff["admin"].get("/api/v1/events").status == 404


def test_out_of_hours_the_clock_starts_when_the_team_is_back(server, staff):
    admin = staff["admin"]
    at_now = now(ZONE)
    start = (at_now + datetime.timedelta(hours=6)).replace(minute=0, second=0, microsecond=0)
    if start.date() != at_now.date() or start.hour >= 23:  # keep the window inside one local day
        start = (at_now + datetime.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    window = {"days": [start.isoweekday()], "start": start.strftime("%H:%M"),
              "end": f"{start.hour + 1:02d}:00"}
    settings = {**SETTINGS, "consultation": {"hours": [window], "routine_reply_hours": 48}}
    assert admin.put("/api/v1/hospital/settings", settings).status == 200
    try:
        m = server.register_mother()
        _, r = open_consultation(m, symptom_check_id=check(m, SAME_DAY)["id"])
        assert r.status == 201 and r.json["out_of_hours"] is True
        assert parse_utc(r.json["deadline_at"]) == start + datetime.timedelta(hours=2)
        assert r.json["contact"]["hotline"] == "1900 6868"
    finally:
        assert admin.put("/api/v1/hospital/settings", SETTINGS).status == 200


def test_reply_templates_are_written_by_admins_and_read_by_clinicians(server, staff):
    tid = new_id()
    body = {"title": "Cold compress", "text": "Use a cold pack for 10 minutes after feeds.", "language": "en"}
    assert staff["lan"].put(f"/api/v1/hospital/reply-templates/{tid}", body).status == 403
    r = staff["admin"].put(f"/api/v1/hospital/reply-templates/{tid}", body)
    assert r.status == 200 and r.json["active"] is True
    r = staff["admin"].put(f"/api/v1/hospital/reply-templates/{new_id()}", {**body, "title": ""})
    assert r.status == 400 and r.json["field"] == "/title"
    items = staff["lan"].get("/api/v1/hospital/reply-templates").json["items"]
    assert [t["title"] for t in items if t["id"] == tid] == ["Cold compress"]
    assert staff["other"].get("/api/v1/hospital/reply-templates").json["items"] == []
    assert server.register_mother().get("/api/v1/hospital/reply-templates").status == 404


def test_the_result_in_a_thread_follows_the_readers_language(server, staff):
    """A Vietnamese workspace reads the result's reasons in Vietnamese (Accept-Language); an
    explicit ?lang= wins; no header is English, as before."""
    m = server.register_mother()
    result = check(m, SAME_DAY)
    cid, r = open_consultation(m, symptom_check_id=result["id"])
    assert r.status == 201, r
    lan = staff["lan"]
    vi = lan.get(f"/api/v1/consultations/{cid}", headers={"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8"})
    en = lan.get(f"/api/v1/consultations/{cid}")
    weighted = lan.get(f"/api/v1/consultations/{cid}", headers={"Accept-Language": "fr, en;q=0.5, vi;q=0.9"})
    assert vi.status == en.status == weighted.status == 200
    vi_reasons = [f["reason"] for f in vi.json["symptom_check"]["result"]["fired"]]
    en_reasons = [f["reason"] for f in en.json["symptom_check"]["result"]["fired"]]
    assert vi_reasons and vi_reasons != en_reasons
    assert "Sốt" in " ".join(vi_reasons) and "Fever" in " ".join(en_reasons)
    assert [f["reason"] for f in weighted.json["symptom_check"]["result"]["fired"]] == vi_reasons
    own = m.get(f"/api/v1/mothers/{m.user['id']}/symptom-checks?lang=en", headers={"Accept-Language": "vi"})
    assert own.json["items"][0]["result"]["fired"][0]["reason"] == en_reasons[0]


def test_her_list_marks_the_teams_replies_unread_until_she_reads_the_thread(server, staff):
    mother = server.register_mother()
    first, r = open_consultation(mother, message="Vú trái đỏ và đau " + "rất " * 60)
    assert r.status == 201, r
    second, r = open_consultation(mother, message="Bé bú ít hơn hôm qua")
    assert r.status == 201, r
    mine = mother.get("/api/v1/consultations").json
    by_id = {c["id"]: c for c in mine["items"]}
    assert mine["unread_threads"] == 0
    assert by_id[second]["preview"] == "Bé bú ít hơn hôm qua"
    # A long question is cut at a character, never inside one, and says it was cut.
    assert by_id[first]["preview"].endswith("…") and len(by_id[first]["preview"]) == 141
    assert all(c["unread"] == 0 for c in mine["items"])

    # The team answers the older thread twice and leaves an internal note: two unread, the note not counted.
    lan = staff["lan"]
    for text in ("Chị chườm lạnh 10 phút nhé", "Chị đo nhiệt độ giúp em"):
        assert lan.put(f"/api/v1/consultations/{first}/messages/{new_id()}", {"text": text}).status == 201
    assert lan.put(f"/api/v1/consultations/{first}/messages/{new_id()}",
                   {"text": "theo dõi", "internal": True}).status == 201
    mine = mother.get("/api/v1/consultations").json
    by_id = {c["id"]: c for c in mine["items"]}
    assert (by_id[first]["unread"], by_id[second]["unread"], mine["unread_threads"]) == (2, 0, 1)
    assert by_id[first]["last_message_at"] >= by_id[first]["opened_at"]

    # Her own answer does not make anything unread; reading the thread clears the mark.
    assert mother.put(f"/api/v1/consultations/{first}/messages/{new_id()}", {"text": "Dạ"}).status == 201
    assert mother.get("/api/v1/consultations").json["unread_threads"] == 1
    r = mother.post(f"/api/v1/consultations/{first}/read")
    assert r.status == 200 and r.json == {"id": first, "unread": 0}, r
    mine = mother.get("/api/v1/consultations").json
    assert mine["unread_threads"] == 0 and all(c["unread"] == 0 for c in mine["items"])
    # A newer reply is unread again.
    assert lan.put(f"/api/v1/consultations/{first}/messages/{new_id()}", {"text": "Em gọi lại chị nhé"}).status == 201
    assert {c["id"]: c["unread"] for c in mother.get("/api/v1/consultations").json["items"]}[first] == 1

    # The clinicians' queue shows the question; nobody but her marks her thread read.
    queue_items = {c["id"]: c for c in lan.get("/api/v1/hospital/consultations").json["items"]}
    assert queue_items[second]["preview"] == "Bé bú ít hơn hôm qua"
    assert "unread" not in queue_items[second]
    assert lan.post(f"/api/v1/consultations/{first}/read").status == 404
    assert server.register_mother().post(f"/api/v1/consultations/{first}/read").status == 404
    assert staff["other"].post(f"/api/v1/consultations/{first}/read").status == 404
    assert {c["id"]: c["unread"] for c in mother.get("/api/v1/consultations").json["items"]}[first] == 1
