"""Bad input: a 4xx problem+json naming the field, and nothing stored."""
import copy

import pytest

from tia_client import local, new_id


@pytest.fixture(scope="module")
def mother(server):
    return server.register_mother()


def good_feed():
    return {"occurred_at": local(30), "segments": [
        {"type": "breast", "side": "left", "start": local(30), "end": local(20)},
        {"type": "bottle", "milk": "formula", "volume_ml": 20}]}


def mutate(path, value):
    def apply(body):
        target = body
        for k in path[:-1]:
            target = target[k]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return body
    return apply


CASES = [
    # (collection, body factory, expected status, expected field)
    ("feeds", lambda: mutate(["segments", 1, "volume_ml"], -10)(good_feed()), 400, "/segments/1/volume_ml"),
    ("feeds", lambda: mutate(["segments", 0, "end"], local(31))(good_feed()), 400, "/segments/0/end"),
    ("feeds", lambda: mutate(["segments", 0, "side"], 3)(good_feed()), 400, "/segments/0/side"),
    ("feeds", lambda: mutate(["occurred_at"], local(-6))(good_feed()), 400, "/occurred_at"),
    ("feeds", lambda: mutate(["mood"], "tired")(good_feed()), 400, "/mood"),
    ("feeds", lambda: mutate(["segments"], [])(good_feed()), 400, "/segments"),
    ("feeds", lambda: mutate(["occurred_at"], "2026-11-25T03:12:00")(good_feed()), 400, "/occurred_at"),
    ("breast-checks", lambda: {"occurred_at": local(5), "left": {"pain": 11}}, 400, "/left/pain"),
    ("breast-checks", lambda: {"occurred_at": local(5), "left": {"pain": "bad"}}, 400, "/left/pain"),
    ("temperatures", lambda: {"occurred_at": local(5), "temp_c": 29.9}, 400, "/temp_c"),
    ("temperatures", lambda: {"occurred_at": local(5), "temp_c": 45.1}, 400, "/temp_c"),
    ("temperatures", lambda: {"occurred_at": local(5), "temp_f": 120}, 400, "/temp_f"),
    ("temperatures", lambda: {"occurred_at": local(5), "temp_c": "38"}, 400, "/temp_c"),
    ("pumps", lambda: {"occurred_at": local(5), "method": "electric_double", "left_ml": -1}, 400, "/left_ml"),
    ("pumps", lambda: {"occurred_at": local(5), "method": "electric_double", "total_ml": 10,
                       "left_ml": 5}, 400, "/total_ml"),
    ("care-actions", lambda: {"occurred_at": local(5), "action": "antibiotic_started"}, 400, "/medicine"),
    ("notes", lambda: [1, 2], 400, ""),
]


@pytest.mark.parametrize("coll,make,status,field", CASES)
def test_bad_record_is_refused_and_nothing_stored(server, mother, coll, make, status, field):
    b = f"/api/v1/mothers/{mother.user['id']}"
    rid = new_id()
    r = mother.put(f"{b}/{coll}/{rid}", make())
    assert r.status == status, r
    assert r.header("content-type").startswith("application/problem+json")
    assert r.json["field"] == field
    assert r.json["detail"]
    assert mother.get(f"{b}/{coll}/{rid}").status == 404


def test_malformed_json_and_wrong_media_type(server, mother):
    b = f"/api/v1/mothers/{mother.user['id']}"
    rid = new_id()
    r = mother.request("PUT", f"{b}/notes/{rid}", raw=b'{"occurred_at": ', headers={"Content-Type": "application/json"})
    assert r.status == 400 and r.json["field"] == ""
    r = mother.request("PUT", f"{b}/notes/{rid}", raw=b'{"text": "x"}', headers={"Content-Type": "text/plain"})
    assert r.status == 415
    deep = b"[" * 40 + b"]" * 40
    r = mother.request("PUT", f"{b}/notes/{rid}", raw=deep, headers={"Content-Type": "application/json"})
    assert r.status == 400
    assert mother.get(f"{b}/notes/{rid}").status == 404


def test_bad_record_id_in_path(server, mother):
    b = f"/api/v1/mothers/{mother.user['id']}"
    r = mother.put(f"{b}/notes/NOT-A-UUID", {"occurred_at": local(1), "text": "x"})
    assert r.status == 400 and r.json["field"] == "/id"


def test_oversize_body_is_413_and_nothing_stored(server, mother):
    b = f"/api/v1/mothers/{mother.user['id']}"
    rid = new_id()
    body = ('{"occurred_at": "%s", "text": "%s"}' % (local(1), "x" * (1 << 20))).encode()
    r = server.client(token=mother.token).request("PUT", f"{b}/notes/{rid}", raw=body,
                                                  headers={"Content-Type": "application/json"})
    assert r.status == 413, r
    assert mother.get(f"{b}/notes/{rid}").status == 404


def test_declared_huge_body_is_refused_at_once(server):
    import socket
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    s.sendall(b"PUT /api/v1/mothers/x/notes/y HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
              b"Content-Length: 10737418240\r\n\r\n")
    data = s.recv(4096)
    s.close()
    assert data.startswith(b"HTTP/1.1 413"), data


@pytest.mark.parametrize("target", [b"/healthz x", b"/health\x01z", b"/health\x00z", b"/a\x7fb"])
def test_a_bad_byte_in_the_request_line_gets_400_not_a_silent_close(server, target):
    import socket
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: a\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    s.close()
    assert data.startswith(b"HTTP/1.1 400"), data
    assert b"application/problem+json" in data and b"X-Content-Type-Options: nosniff" in data


def test_answers_refused_before_routing_carry_nosniff(server):
    for r in (server.client().get("/healthz", headers={"X-Big": "a" * 40000}),
              server.client().get("/healthz?" + "a" * 9000)):
        assert r.status in (414, 431) and r.header("X-Content-Type-Options") == "nosniff", r.headers


def test_too_long_text_and_headers(server, mother):
    b = f"/api/v1/mothers/{mother.user['id']}"
    r = mother.put(f"{b}/notes/{new_id()}", {"occurred_at": local(1), "text": "x" * 4001})
    assert r.status == 400 and r.json["field"] == "/text"
    r = server.client().get("/healthz", headers={"X-Big": "a" * 40000})
    assert r.status == 431
    r = server.client().get("/healthz?" + "a" * 9000)
    assert r.status == 414


def test_number_too_large_is_400_not_500(server, mother):
    b = f"/api/v1/mothers/{mother.user['id']}"
    rid = new_id()
    r = mother.request("PUT", f"{b}/temperatures/{rid}", raw=b'{"occurred_at": "%s", "temp_c": 1e400}' % local(1).encode(),
                       headers={"Content-Type": "application/json"})
    assert r.status == 400 and r.json["field"] == ""
    assert mother.get(f"{b}/temperatures/{rid}").status == 404
