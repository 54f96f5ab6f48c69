"""The OpenAPI document describes exactly the routes the server answers, and is up to date."""
import json
import os
import subprocess
import sys

from tia_client import TIA_BIN

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
