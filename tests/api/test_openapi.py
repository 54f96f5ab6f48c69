"""The OpenAPI document describes exactly the routes the server answers, and is up to date."""
import json
import os
import subprocess
import sys

from tia_client import TIA_BIN, local, new_id

ROOT = os.path.join(os.path.dirname(__file__), "../..")


def test_document_is_generated_from_docs_openapi_py():
    made = subprocess.run([sys.executable, os.path.join(ROOT, "docs/openapi.py")], capture_output=True,
                          text=True, check=True).stdout
    with open(os.path.join(ROOT, "docs/openapi.json")) as f:
        assert f.read() == made, "run: python3 docs/openapi.py > docs/openapi.json"


def test_every_route_is_documented_and_every_documented_route_exists(server):
    routes = subprocess.run([TIA_BIN, "routes"], capture_output=True, text=True, check=True).stdout.split("\n")
    served = {tuple(line.split(" ", 1)) for line in routes if line}
    doc = server.client().get("/api/v1/openapi.json").json
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    assert served - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented routes the server does not answer"
    assert len(served) > 50


def check(*answers):
    """The verdicts of tests/api/openapi_check.mjs on these answers."""
    script = os.path.join(ROOT, "tests/api/openapi_check.mjs")
    lines = "".join(json.dumps(a) + "\n" for a in answers)
    out = subprocess.run(["node", script], input=lines, capture_output=True, text=True, check=True, timeout=60).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_the_checker_refuses_an_answer_the_document_does_not_describe():
    mother = "/api/v1/mothers/6f1c1c9e-2f8e-4f59-9d5e-0c1b8f1e0a11"
    note = {"id": "0b8e7c56-0d4f-4d0e-8a57-1d5a4f0f6a3b", "kind": "note", "occurred_at": "2026-12-05T03:12:00+07:00",
            "text": "slept", "recorded_at": "2026-12-05T03:12:01Z", "updated_at": "2026-12-05T03:12:01Z", "version": 1}
    put = {"method": "PUT", "path": f"{mother}/notes/{note['id']}", "status": 201, "content_type": "application/json"}
    problem = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "not found"}
    verdicts = check(
        {**put, "body": note},                                             # as documented
        {**put, "body": {k: v for k, v in note.items() if k != "version"}},  # a required field missing
        {**put, "body": {**note, "secret": 1}},                            # a field the document does not name
        {**put, "body": {**note, "kind": "feed"}},                         # the wrong kind
        {**put, "status": 202, "body": note},                              # a success status not documented
        {**put, "status": 404, "content_type": "text/html", "body": "<h1>no</h1>"},  # an error that is not problem+json
        {**put, "status": 404, "content_type": "application/problem+json", "body": problem},
        {"method": "GET", "path": "/healthz", "status": 200, "content_type": "application/json", "body": {"status": "ok"}})
    assert [v["ok"] for v in verdicts] == [True, False, False, False, False, False, True, True], verdicts
    assert "version" in verdicts[1]["error"] and "secret" in verdicts[2]["error"] and "202" in verdicts[4]["error"]


def test_answers_no_other_test_asks_for_are_as_documented(server):
    # Every read and write below goes through the client, which checks each answer against the document.
    mother = server.register_mother()
    mid = mother.user["id"]
    questions = mother.get("/api/v1/symptom-check/questions")
    assert questions.status == 200 and len(questions.json["questions"]) > 30
    with open(os.path.join(ROOT, "web/src/protocol.json")) as f:
        assert json.load(f) == questions.json, "the app's bundled questions are the server's"
    assert server.client().get("/readyz").status == 200
    infant = new_id()
    assert mother.put(f"/api/v1/mothers/{mid}/infants/{infant}", {"birth_date": "2026-12-01"}).status == 201
    assert mother.put(f"/api/v1/mothers/{mid}/infants/{infant}", {"birth_date": "2026-12-02"}).status == 200
    at = local(30)
    for coll, body in (("pumps", {"occurred_at": at, "method": "manual_pump", "left_oz": 1}),
                       ("temperatures", {"occurred_at": at, "temp_f": 100.4}),
                       ("breast-checks", {"occurred_at": at, "left": {"pain": 3}}),
                       ("care-actions", {"occurred_at": at, "action": "rest"})):
        rid = new_id()
        stored = mother.put(f"/api/v1/mothers/{mid}/{coll}/{rid}", body)
        assert stored.status == 201 and not any(k.endswith(("_oz", "_f")) for k in stored.json)
        assert mother.delete(f"/api/v1/mothers/{mid}/{coll}/{rid}").json["deleted"] is True
    consultation, message = new_id(), new_id()
    assert mother.put(f"/api/v1/consultations/{consultation}", {"message": "Is this normal?"}).status == 201
    assert mother.put(f"/api/v1/consultations/{consultation}/messages/{message}", {"text": "and"}).status == 201
    assert mother.put(f"/api/v1/consultations/{consultation}/messages/{message}", {"text": "and"}).status == 200
    admin = server.add_staff(f"admin-{new_id()[:8]}@h1.test", "hospital_admin", "h1")
    provider = new_id()
    assert admin.put(f"/api/v1/hospital/providers/{provider}", {
        "name": "Lan", "time_zone": "Asia/Ho_Chi_Minh", "service_ids": [], "weekly": {},
        "exceptions": [{"date": "2026-12-24", "off": True}]}).status == 200
    assert provider in [p["id"] for p in admin.get("/api/v1/hospital/providers").json["items"]]
