"""Right to erasure (research P2): everything she owns is gone, down to the database file's bytes."""
import os
import uuid

from tia_client import Server, local, new_id


def test_erasure_removes_her_data_and_leaves_only_a_pseudonymous_audit_row():
    s = Server(env={"TIA_REAUTH_WINDOW_S": "600"}).start()
    try:
        s.add_hospital("h1")
        m = s.register_mother()
        base = f"/api/v1/mothers/{m.user['id']}"
        canary = "ERASECANARY" + uuid.uuid4().hex
        for i in range(20):
            rid = new_id()
            assert m.put(f"{base}/notes/{rid}", {"occurred_at": local(30 - i), "text": f"{canary} {i}"}).status == 201
            assert m.put(f"{base}/notes/{rid}", {"occurred_at": local(30 - i), "text": f"{canary} edited {i}"}).status == 200
        inv = m.post(f"{base}/caregivers", {}, headers={"Idempotency-Key": new_id()})
        assert inv.status == 201
        admin = s.add_staff("admin@h1.org", "hospital_admin", "h1")
        other = s.register_mother()
        assert other.delete(base).status == 404          # nobody else can erase her

        assert m.delete(base).status == 204
        assert m.get("/api/v1/auth/me").status == 401    # her sessions are gone
        r = s.client().post("/api/v1/auth/login", {"email": m.user["email"], "password": m.password})
        assert r.status == 401
        events = admin.get("/api/v1/hospital/audit").json["items"]
        assert any(e["action"] == "erase" and e["outcome"] == "success" for e in events)
        assert m.user["email"] not in admin.get("/api/v1/hospital/audit").raw
    finally:
        s.stop()  # the last checkpoint empties the WAL into the (zeroed) database file
    data = b""
    db = s.db.split(":", 1)[1]
    for path in (db, db + "-wal"):
        if os.path.exists(path):
            with open(path, "rb") as f:
                data += f.read()
    assert canary.encode() not in data
    assert m.user["email"].encode() not in data
