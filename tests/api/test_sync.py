"""Offline outbox sync (research 2.5/R8): batches of records, per-item results, resends are safe."""
import json
import random
import socket

from tia_client import list_all, local, new_id


def batch(items, sent_at=None):
    b = {"items": items}
    if sent_at:
        b["sent_at"] = sent_at
    return b


def nappy(i):
    return {"kind": "nappy", "id": new_id(), "body": {"occurred_at": local(600 - i % 500), "wet": True}}


def send_and_drop(port, token, path, body):
    """Sends the whole request, then closes without reading the answer (a phone losing signal)."""
    data = json.dumps(body).encode()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(f"POST {path} HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {token}\r\n"
              f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n".encode() + data)
    s.close()


def test_thousand_events_in_batches_with_dropped_connections(server):
    m = server.register_mother()
    path = f"/api/v1/mothers/{m.user['id']}/sync"
    items = [nappy(i) for i in range(1000)]
    rng = random.Random(8)
    dropped = 0
    for start in range(0, 1000, 100):
        chunk = items[start:start + 100]
        if rng.random() < 0.3:
            send_and_drop(server.port, m.token, path, batch(chunk))  # lost reply: the phone resends
            dropped += 1
        r = m.post(path, batch(chunk))
        assert r.status == 200, r
        statuses = [x["status"] for x in r.json["results"]]
        assert [x["id"] for x in r.json["results"]] == [x["id"] for x in chunk]
        assert set(statuses) == {201}, statuses  # a resend answers as the first time
    assert dropped >= 1
    stored = {x["id"] for x in list_all(m, f"/api/v1/mothers/{m.user['id']}/nappies")}
    assert stored == {x["id"] for x in items}


def test_per_item_results_name_the_field_and_good_items_still_land(server):
    m = server.register_mother()
    path = f"/api/v1/mothers/{m.user['id']}/sync"
    good = nappy(1)
    bad = {"kind": "temperature", "id": new_id(), "body": {"occurred_at": local(1), "temp_c": 50}}
    clash = {"kind": "note", "id": good["id"], "body": {"occurred_at": local(1), "text": "x"}}
    r = m.post(path, batch([good, bad, clash], sent_at=local(-10)))
    assert r.status == 200, r
    res = r.json["results"]
    assert res[0]["status"] == 201 and res[0]["record"]["wet"] is True
    assert res[1]["status"] == 400 and res[1]["error"]["field"] == "/items/1/body/temp_c"
    assert res[2]["status"] == 409 and res[2]["error"]["field"] == "/items/2/id"
    assert r.json["clock_warning"] is True and r.json["clock_offset_s"] >= 590
    assert m.get(f"/api/v1/mothers/{m.user['id']}/temperatures/{bad['id']}").status == 404


def test_malformed_batches_are_refused_whole(server):
    m = server.register_mother()
    path = f"/api/v1/mothers/{m.user['id']}/sync"
    r = m.post(path, {"items": [nappy(1), {"kind": "sandwich", "id": new_id(), "body": {}}]})
    assert r.status == 400 and r.json["field"] == "/items/1/kind"
    r = m.post(path, {"items": [nappy(i) for i in range(501)]})
    assert r.status == 400 and r.json["field"] == "/items"
    r = m.post(path, {"items": []})
    assert r.status == 400
    assert m.get(f"/api/v1/mothers/{m.user['id']}/nappies").json["items"] == []
    other = server.register_mother()
    assert other.post(path, {"items": [nappy(1)]}).status == 404


def test_a_full_batch_fits_the_larger_sync_limit(server):
    m = server.register_mother()
    path = f"/api/v1/mothers/{m.user['id']}/sync"
    note = "n" * 3000
    items = [{"kind": "note", "id": new_id(), "body": {"occurred_at": local(1), "text": note}} for _ in range(500)]
    r = m.post(path, batch(items))  # about 1.6 MiB: over the 1 MiB limit of other routes
    assert r.status == 200, r
    assert {x["status"] for x in r.json["results"]} == {201}
    # Over 5 MiB is refused as soon as the headers say so.
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {m.token}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {6 << 20}\r\n\r\n".encode())
    assert sock.recv(4096).startswith(b"HTTP/1.1 413")
    sock.close()
