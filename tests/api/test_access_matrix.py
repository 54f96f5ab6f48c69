"""Every route x every role x a record owned by someone else: zero unauthorised successes.

Roles tried against mother A's record: anonymous, another mother (B), a caregiver A invited with
scope "baby" (beyond it for the mother's own data, sharing and export), a caregiver whose grant A
revoked, a clinician of another hospital, and the admin of A's own hospital (admins run the
hospital, not care). Each must be refused; "no access at all" must look exactly like "no such
record" (404), so nobody learns that A's record exists.
"""
import subprocess

import pytest

from tia_client import TIA_BIN, Server, fresh_source, local, new_id

BODIES = {
    "infants": lambda: {"birth_date": local(60 * 24 * 3)[:10]},
    "feeds": lambda: {"occurred_at": local(30), "segments": [
        {"type": "breast", "side": "left", "start": local(30), "end": local(20)}]},
    "pumps": lambda: {"occurred_at": local(9), "method": "manual_pump", "total_ml": 20},
    "breast-checks": lambda: {"occurred_at": local(8), "left": {"pain": 2}},
    "temperatures": lambda: {"occurred_at": local(7), "temp_c": 37.1},
    "care-actions": lambda: {"occurred_at": local(6), "action": "rest"},
    "nappies": lambda: {"occurred_at": local(5), "wet": True},
    "infant-concerns": lambda: {"occurred_at": local(4), "concerns": ["very_sleepy"]},
    "infant-weights": lambda: {"occurred_at": local(2), "weight_g": 3400, "scale": "home"},
    "notes": lambda: {"occurred_at": local(3), "text": "canary-note"},
    "symptom-checks": lambda: {"answers": {"nipple_damage": "sore", "symptom_hours": 5}},
}
STANDARD_PACKAGE = {"code": "standard", "kind": "birth", "name": {"vi": "Sinh thường", "en": "Standard birth"},
                    "price_vnd": 9_000_000, "entitlements": [
                        {"kind": "antenatal_visit", "label": {"vi": "Khám thai", "en": "Visits"}, "count": 4}]}
BABY = {"infants", "feeds", "nappies", "infant-concerns", "infant-weights"}


@pytest.fixture(scope="module")
def server():
    """The module's own server, with the rate limits off: callers here send thousands of requests
    from one address, and a 429 would hide the answer the matrix is about."""
    s = Server(env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0"}).start()
    s.add_hospital("h1")
    s.add_hospital("h2")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def world(server):
    a = server.register_mother(hospital="h1")
    b = server.register_mother(hospital="h1")
    base = f"/api/v1/mothers/{a.user['id']}"
    ids = {}
    for coll, make in BODIES.items():
        ids[coll] = new_id()
        assert a.put(f"{base}/{coll}/{ids[coll]}", make()).status == 201
    assert a.put(f"{base}/profile", {"language": "en"}).status == 201

    def caregiver(scope):
        inv = a.post(f"{base}/caregivers", {"scope": scope}, headers={"Idempotency-Key": new_id()})
        assert inv.status == 201, inv
        r = server.client(source=fresh_source()).post("/api/v1/auth/register-caregiver", {
            "invite_code": inv.json["invite_code"], "email": f"cg-{new_id()[:8]}@example.org",
            "password": "caregiver password", "display_name": "Grandma", "token_type": "bearer"})
        assert r.status == 201, r
        c = server.client(token=r.json["token"])
        c.user = r.json["user"]
        return c, inv.json["id"]

    baby_cg, grant = caregiver("baby")
    revoked_cg, revoked_grant = caregiver("baby_and_mother")
    assert a.delete(f"{base}/caregivers/{revoked_grant}").status == 204
    other_clin = server.add_staff(f"clin-{new_id()[:8]}@h2.org", "clinician", "h2")
    admin = server.add_staff(f"adm-{new_id()[:8]}@h1.org", "hospital_admin", "h1")
    package = admin.put("/api/v1/packages/standard", STANDARD_PACKAGE)
    assert package.status == 201, package
    return {"a": a, "base": base, "ids": ids, "grant": grant, "package": package.json["package"]["id"], "callers": {
        "anonymous": server.client(), "other_mother": b, "baby_caregiver": baby_cg,
        "revoked_caregiver": revoked_cg, "other_hospital_clinician": other_clin, "own_hospital_admin": admin}}


def routes():
    out = subprocess.run([TIA_BIN, "routes"], capture_output=True, text=True, check=True).stdout.split("\n")
    # Break-glass is the one route meant for clinicians outside her care team: test_break_glass.py
    # checks who may use it, that it leaks nothing and that it is audited.
    return [tuple(line.split(" ", 1)) for line in out if "{mother_id}" in line and "break-glass" not in line]


def concrete(world, method, pattern):
    path = pattern.replace("{mother_id}", world["a"].user["id"]).replace("{grant_id}", world["grant"])
    path = path.replace("{collection}", "temperatures")  # her export as a table
    coll = pattern.split("/")[5] if pattern.count("/") >= 5 else ""
    if "{id}" in pattern:
        path = path.replace("{id}", world["ids"][coll])
    body = None
    if method == "PUT" and coll == "pregnancy":
        body = {"last_period_date": local(60 * 24 * 70)[:10], "package_id": world.get("package", new_id()),
                "contact": {"phone": "0901234567"}, "consent": {"programme": True, "version": "v1"}}
    elif method == "PUT":
        body = BODIES[coll]() if coll in BODIES else {"language": "vi"}
    elif method == "POST" and coll == "pause":
        body = {"reason": "break"}
    elif method == "POST" and coll == "resume":
        body = {}
    elif method == "POST" and coll == "imports":
        path += "?format=huckleberry"  # a dry run of a one-row export (the raw body)
        body = (b"Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes\n"
                b"Feed,2026-11-20 06:10,2026-11-20 06:59,00:49,00:24R,Breast,00:25L,\n")
    elif method == "POST" and coll == "sync":
        body = {"items": [{"kind": "nappy", "id": new_id(), "body": BODIES["nappies"]()}]}
    elif method == "POST":
        body = {"scope": "baby"}
    return path, body, coll


def call(client, method, path, body):
    """The route's request: JSON, or the raw file an import takes."""
    if isinstance(body, bytes):
        return client.request(method, path, raw=body, headers={"Content-Type": "text/csv"})
    return client.request(method, path, body=body, headers={"Idempotency-Key": new_id()})


def allowed(caller, method, pattern, coll):
    """What the policy allows, so the matrix also checks that it is not too strict."""
    if caller != "baby_caregiver":
        return False
    return (coll in BABY or coll == "sync") and "caregivers" not in pattern and "export" not in pattern


def test_owner_succeeds_on_every_route(world):
    a = world["a"]
    for method, pattern in routes():
        if method == "DELETE":
            continue  # deleting is checked elsewhere; keep the records for the other tests
        path, body, coll = concrete(world, method, pattern)
        r = call(a, method, path, body)
        assert r.status < 300, (method, pattern, r)


@pytest.mark.parametrize("caller", ["anonymous", "other_mother", "baby_caregiver", "revoked_caregiver",
                                    "other_hospital_clinician", "own_hospital_admin"])
def test_no_unauthorised_success(world, caller):
    c = world["callers"][caller]
    unauthorised, checked = [], 0
    for method, pattern in routes():
        path, body, coll = concrete(world, method, pattern)
        if allowed(caller, method, pattern, coll) and method == "DELETE":
            # Delete a record of her own making, so the shared records stay for the other callers.
            path = path.replace(world["ids"][coll], new_id())
            assert c.put(path, BODIES[coll]()).status == 201
        r = call(c, method, path, body)
        checked += 1
        if allowed(caller, method, pattern, coll):
            assert r.status < 300, (method, pattern, r)
            continue
        if r.status < 300:
            unauthorised.append((method, pattern, r.status))
            continue
        if caller == "anonymous":
            assert r.status == 401, (method, pattern, r)
        elif caller == "baby_caregiver":
            # She knows the record exists; beyond her scope she gets 404 for the mother's data
            # and 403 for actions on it (sharing, export, profile edits).
            assert r.status in (403, 404), (method, pattern, r)
        else:
            assert r.status == 404, (method, pattern, r)
            assert "canary" not in r.raw
    assert unauthorised == [], unauthorised
    assert checked >= 50


def test_clinician_of_her_hospital_reads_but_cannot_write_and_is_audited(server, world):
    clin = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    base, ids = world["base"], world["ids"]
    mothers = clin.get("/api/v1/hospital/mothers").json["items"]
    assert world["a"].user["id"] in [m["id"] for m in mothers]
    assert clin.get(f"{base}/notes/{ids['notes']}").json["text"] == "canary-note"
    assert clin.get(f"{base}/summary").status == 200
    assert clin.get(f"{base}/charts?days=3").status == 200
    r = clin.put(f"{base}/notes/{new_id()}", BODIES["notes"]())
    assert r.status == 403
    other = server.add_staff(f"clin-{new_id()[:8]}@h2.org", "clinician", "h2")
    assert world["a"].user["id"] not in [m["id"] for m in other.get("/api/v1/hospital/mothers").json["items"]]
    # The admin of h1 sees the clinician's reads in the audit log.
    admin = world["callers"]["own_hospital_admin"]
    events = admin.get("/api/v1/hospital/audit").json["items"]
    reads = [e for e in events if e["actor_role"] == "clinician" and e["action"] == "read" and e["outcome"] == "success"]
    assert {"note", "summary", "charts", "mother_list"} <= {e["resource"] for e in reads}
    denied = [e for e in events if e["outcome"] == "denied" and e["actor_role"] == "clinician"]
    assert denied, "a clinician's refused write is audited too"


def test_cross_tenant_matrix_at_scale(server):
    """Research S9/S10: 3 hospitals x (1 admin, 2 clinicians, 2 mothers with records of every kind);
    every mother-scoped route x every principal x every mother's record they have no right to,
    plus the hospital-wide routes: 0 unauthorised successes, and each refusal is a 404."""
    for code in ("t1", "t2", "t3"):
        server.add_hospital(code)
    people, mothers = [], []
    for code in ("t1", "t2", "t3"):
        people.append(("hospital_admin", code, server.add_staff(f"adm-{new_id()[:8]}@{code}.org", "hospital_admin", code)))
        for _ in range(2):
            people.append(("clinician", code, server.add_staff(f"cl-{new_id()[:8]}@{code}.org", "clinician", code)))
        for _ in range(2):
            m = server.register_mother(hospital=code)
            base = f"/api/v1/mothers/{m.user['id']}"
            ids = {}
            for coll, make in BODIES.items():
                ids[coll] = new_id()
                assert m.put(f"{base}/{coll}/{ids[coll]}", make()).status == 201
            mothers.append((code, m, ids))
            people.append(("mother", code, m))
    people.append(("anonymous", None, server.client()))

    attempts, unauthorised = 0, []
    for role, code, who in people:
        for m_code, m, ids in mothers:
            if who is m:
                continue
            reads_allowed = role == "clinician" and code == m_code
            world = {"a": m, "ids": ids, "grant": new_id()}
            for method, pattern in routes():
                path, body, coll = concrete(world, method, pattern)
                r = call(who, method, path, body)
                attempts += 1
                if reads_allowed and method == "GET" and "export" not in pattern and "caregivers" not in pattern:
                    assert r.status == 200, (role, method, pattern, r)
                    continue
                if r.status < 300:
                    unauthorised.append((role, method, pattern))
                expected = 401 if role == "anonymous" else (403 if reads_allowed else 404)
                assert r.status == expected, (role, method, pattern, r)
        # Hospital-wide routes: a clinician sees only her hospital's mothers; only admins see audit.
        listed = who.get("/api/v1/hospital/mothers")
        if role == "clinician":
            ids_seen = {x["id"] for x in listed.json["items"]}
            assert ids_seen >= {m.user["id"] for c, m, _ in mothers if c == code}
            assert not ids_seen & {m.user["id"] for c, m, _ in mothers if c != code}
        else:
            assert listed.status == (401 if role == "anonymous" else 404)
        audit = who.get("/api/v1/hospital/audit")
        assert audit.status == (200 if role == "hospital_admin" else 401 if role == "anonymous" else 404)
        attempts += 2
    assert unauthorised == []
    assert attempts > 5000
    print(f"\ncross-tenant matrix: {attempts} attempts, 0 unauthorised successes")


def test_server_fields_in_a_body_are_refused_not_stored(server, world):
    """Research S11 (mass assignment): fields the server owns are refused, and change nothing."""
    a, base = world["a"], world["base"]
    rid = world["ids"]["notes"]
    before = a.get(f"{base}/notes/{rid}").json
    for field, value in [("id", new_id()), ("version", 99), ("recorded_at", "2020-01-01T00:00:00Z"),
                         ("created_by", 1), ("mother_id", new_id()), ("role", "clinician"),
                         ("hospital_id", 2), ("verified", True), ("kind", "feed")]:
        body = dict(BODIES["notes"](), **{field: value})
        r = a.put(f"{base}/notes/{rid}", body)
        assert r.status == 400 and r.json["field"] == f"/{field}", (field, r)
    assert a.get(f"{base}/notes/{rid}").json == before
