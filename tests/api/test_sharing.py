"""A mother shares baby events with a caregiver; the scope, single-use codes and revocation hold."""
import json
import subprocess

from tia_client import TIA_BIN, concurrently, fresh_source, local, new_id


def register_caregiver(server, code, email=None):
    return server.client(source=fresh_source()).post("/api/v1/auth/register-caregiver", {
        "invite_code": code, "email": email or f"cg-{new_id()[:8]}@example.org",
        "password": "caregiver password", "display_name": "Dad", "token_type": "bearer"})


def test_caregiver_logs_baby_events_within_scope(server):
    m = server.register_mother()
    base = f"/api/v1/mothers/{m.user['id']}"
    inv = m.post(f"{base}/caregivers", {}, headers={"Idempotency-Key": new_id()})  # scope defaults to baby events only
    assert inv.status == 201 and inv.json["scope"] == "baby"
    r = register_caregiver(server, inv.json["invite_code"])
    assert r.status == 201, r
    cg = server.client(token=r.json["token"])
    me = cg.get("/api/v1/auth/me").json
    assert me["role"] == "caregiver"
    assert me["shared_with_me"] == [{"mother_id": m.user["id"], "display_name": "Mother", "scope": "baby"}]

    nappy = new_id()
    assert cg.put(f"{base}/nappies/{nappy}", {"occurred_at": local(3), "wet": True}).status == 201
    assert m.get(f"{base}/nappies/{nappy}").status == 200  # she sees what he logged
    assert cg.get(f"{base}/temperatures").status == 404   # her own data is not his
    assert cg.put(f"{base}/temperatures/{new_id()}", {"occurred_at": local(1), "temp_c": 37}).status == 404
    assert cg.get(f"{base}/export").status == 403
    assert cg.post(f"{base}/caregivers", {}, headers={"Idempotency-Key": new_id()}).status == 403

    # The code works once.
    again = register_caregiver(server, inv.json["invite_code"])
    assert again.status == 400 and again.json["field"] == "/invite_code"

    listed = m.get(f"{base}/caregivers").json["items"]
    assert [(x["status"], x["caregiver"]["display_name"]) for x in listed] == [("active", "Dad")]
    assert m.delete(f"{base}/caregivers/{inv.json['id']}").status == 204
    assert cg.get(f"{base}/nappies").status == 404
    assert m.get(f"{base}/caregivers").json["items"][0]["status"] == "revoked"


def test_wider_scope_includes_the_mothers_own_data(server):
    m = server.register_mother()
    base = f"/api/v1/mothers/{m.user['id']}"
    inv = m.post(f"{base}/caregivers", {"scope": "baby_and_mother"}, headers={"Idempotency-Key": new_id()}).json
    cg = server.client(token=register_caregiver(server, inv["invite_code"]).json["token"])
    assert cg.put(f"{base}/temperatures/{new_id()}", {"occurred_at": local(1), "temp_c": 37.9}).status == 201
    assert cg.get(f"{base}/summary").json["temperature"]["latest"]["temp_c"] == 37.9
    assert cg.put(f"{base}/profile", {"language": "en"}).status == 403
    bad = m.post(f"{base}/caregivers", {"scope": "everything"}, headers={"Idempotency-Key": new_id()})
    assert bad.status == 400 and bad.json["field"] == "/scope"


def test_cli_export_holds_everything_and_is_audited(server):
    m = server.register_mother()
    base = f"/api/v1/mothers/{m.user['id']}"
    ids = [new_id() for _ in range(3)]
    for i, rid in enumerate(ids):
        assert m.put(f"{base}/notes/{rid}", {"occurred_at": local(10 - i), "text": f"n{i}"}).status == 201
    assert m.delete(f"{base}/notes/{ids[0]}").status == 200
    out = subprocess.run([TIA_BIN, "--db", server.db, "export", "--email", m.user["email"].upper()],
                         capture_output=True, text=True, env=server.env, timeout=60)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["format"] == "tia-export/1"
    assert {r["id"] for r in doc["records"]} == set(ids)
    assert [r["deleted"] for r in doc["records"] if r["id"] == ids[0]] == [True]
    assert [h["version"] for h in doc["history"] if h["id"] == ids[0]] == [1]
    # The export itself is in her access log from now on.
    assert m.post("/api/v1/auth/reauthenticate", {"password": m.password}).status == 204
    log = m.get(f"{base}/export").json["access_log"]
    assert any(e["role"] == "operator" and e["action"] == "export" for e in log)
    missing = subprocess.run([TIA_BIN, "--db", server.db, "export", "--email", "nobody@example.org"],
                             capture_output=True, text=True, env=server.env, timeout=60)
    assert missing.returncode == 1 and "email" in missing.stderr


def test_client_offset_is_kept_and_server_time_recorded(server):
    m = server.register_mother()
    base = f"/api/v1/mothers/{m.user['id']}"
    rid = new_id()
    when = local(90, offset="-05:30")
    r = m.put(f"{base}/notes/{rid}", {"occurred_at": when, "text": "x"})
    assert r.status == 201
    assert r.json["occurred_at"] == when          # shown back in her own offset
    assert r.json["recorded_at"].endswith("Z")    # the server's clock, UTC
    far = m.put(f"{base}/notes/{new_id()}", {"occurred_at": local(-6 * 60, offset="+07:00"), "text": "x"})
    assert far.status == 400 and far.json["field"] == "/occurred_at"


def test_invitations_take_an_idempotency_key(server):
    """Research R7 for actions: replay, concurrent resends, another body, a missing key."""
    m = server.register_mother()
    base = f"/api/v1/mothers/{m.user['id']}"
    key = new_id()
    first = m.post(f"{base}/caregivers", {"scope": "baby"}, headers={"Idempotency-Key": key})
    assert first.status == 201
    again = [m.post(f"{base}/caregivers", {"scope": "baby"}, headers={"Idempotency-Key": key}) for _ in range(9)]
    assert all(r.status == 201 and r.json == first.json for r in again)

    key2 = new_id()
    replies = concurrently(20, lambda: server.client(token=m.token).post(
        f"{base}/caregivers", {"scope": "baby"}, headers={"Idempotency-Key": key2}))
    assert {r.status for r in replies} == {201}
    assert len({r.json["invite_code"] for r in replies}) == 1
    assert len(m.get(f"{base}/caregivers").json["items"]) == 2  # one per key

    other = m.post(f"{base}/caregivers", {"scope": "baby_and_mother"}, headers={"Idempotency-Key": key})
    assert other.status == 422 and other.json["field"] == "Idempotency-Key"
    missing = m.post(f"{base}/caregivers", {"scope": "baby"})
    assert missing.status == 400 and missing.json["field"] == "Idempotency-Key"
    assert len(m.get(f"{base}/caregivers").json["items"]) == 2


def test_the_invitation_code_is_short_and_typed_as_read(server):
    """Eight characters without look-alikes (no 0/O, 1/I/L), accepted in any case with a dash or spaces."""
    import re
    m = server.register_mother()
    base = f"/api/v1/mothers/{m.user['id']}"
    codes = [m.post(f"{base}/caregivers", {}, headers={"Idempotency-Key": new_id()}).json["invite_code"] for _ in range(5)]
    assert all(re.fullmatch(r"[2-9A-HJKMNP-Z]{8}", c) for c in codes), codes
    assert len(set(codes)) == 5
    typed = f"{codes[0][:4].lower()}-{codes[0][4:].lower()}"
    r = register_caregiver(server, typed)
    assert r.status == 201, r
    spaced = f" {codes[1][:4]} {codes[1][4:]} "
    assert register_caregiver(server, spaced).status == 201
    assert register_caregiver(server, codes[2][:7] + ("2" if codes[2][7] != "2" else "3")).status == 400
