"""GET /metrics (issue 16 item 6): the Prometheus text format, checked by promtool; the counts after a known
sequence of requests; access only from the configured addresses or with a staff session; and no label that
carries an id, an e-mail address or a health value."""
import os
import re
import subprocess

import pytest

from tia_client import Server, new_id

SAMPLE = re.compile(r'^([a-z_]+)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-z_]+)="((?:[^"\\]|\\.)*)"')


def parse(page):
    """{(name, frozenset(labels)): value} for every sample line."""
    out = {}
    for line in page.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, f"not a sample line: {line!r}"
        labels = frozenset(LABEL.findall(m.group(2) or ""))
        out[(m.group(1), labels)] = float(m.group(3))
    return out


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture(scope="module")
def server():
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"), env={"TIA_METRICS_FROM": "127.0.0.1"}).start()
    s.add_hospital("h1")
    yield s
    s.stop()


def scrape(server):
    r = server.client().get("/metrics")
    assert r.status == 200, r
    assert r.header("Content-Type").startswith("text/plain; version=0.0.4")
    return r.raw


def test_promtool_accepts_the_page(server):
    m = server.register_mother(hospital="h1")
    m.get("/api/v1/auth/me")
    page = scrape(server)
    checked = subprocess.run(["promtool", "check", "metrics"], input=page, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for family in ("tia_http_requests_total", "tia_http_request_duration_seconds", "tia_db_commit_batch_size",
                   "tia_db_commit_seconds", "tia_db_errors_total", "tia_db_reconnects_total", "tia_outbox_backlog",
                   "tia_outbox_send_failures_total", "tia_event_streams_open", "tia_consultations_overdue",
                   "tia_symptom_checks_total"):
        assert f"# TYPE {family} " in page, family


def test_the_counts_follow_a_known_sequence_of_requests(server):
    m = server.register_mother(hospital="h1")
    base = f"/api/v1/mothers/{m.user['id']}"
    before = parse(scrape(server))
    web = server.client()
    for _ in range(5):
        assert web.get("/healthz").status == 200
    assert web.get("/api/v1/no-such-thing").status == 404
    for _ in range(3):
        assert m.put(f"{base}/temperatures/{new_id()}", {"occurred_at": "2026-12-07T09:00:00+07:00",
                                                         "temp_c": 38.4}).status == 201
    check = m.put(f"{base}/symptom-checks/{new_id()}", {"answers": {"current_temp_c": 38.4, "days_postpartum": 8}})
    assert check.status == 201, check
    disposition = check.json["result"]["disposition"]
    assert m.put(f"/api/v1/consultations/{new_id()}", {"message": "Đau ngực trái từ tối qua"}).status == 201
    after = parse(scrape(server))

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("tia_http_requests_total", method="GET", route="/healthz", status="200") == 5
    assert delta("tia_http_requests_total", method="GET", route="unmatched", status="404") == 1
    route = "/api/v1/mothers/{mother_id}/temperatures/{id}"
    assert delta("tia_http_requests_total", method="PUT", route=route, status="201") == 3
    assert delta("tia_http_request_duration_seconds_count", method="PUT", route=route) == 3
    assert delta("tia_symptom_checks_total", disposition=disposition) == 1
    # Three temperatures, the check, the consultation (and their audit rows) were made durable.
    assert delta("tia_db_commit_batch_size_sum") >= 5
    assert delta("tia_db_commit_batch_size_count") >= 1
    assert value(after, "tia_consultations_waiting", priority="routine") >= 1
    assert value(after, "tia_outbox_backlog", channel="email") >= 0
    assert value(after, "tia_db_errors_total", stage="begin") == 0


def test_no_label_carries_an_id_an_address_or_a_value(server):
    m = server.register_mother(hospital="h1")
    base = f"/api/v1/mothers/{m.user['id']}"
    assert m.put(f"{base}/temperatures/{new_id()}", {"occurred_at": "2026-12-07T09:00:00+07:00",
                                                     "temp_c": 39.1}).status == 201
    page = scrape(server)
    assert m.user["id"] not in page and m.user["email"] not in page and "39.1" not in page
    for (name, labels), _ in parse(page).items():
        for key, val in labels:
            assert "@" not in val, (name, key, val)
            assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", val), (name, key, val)
            if key not in ("le", "status"):
                assert not re.search(r"\d{3,}", val), (name, key, val)


def test_only_configured_addresses_and_staff_may_read_it():
    s = Server().start()  # no TIA_METRICS_FROM: staff sessions only (access, not storage: SQLite)
    try:
        s.add_hospital("h1")
        anonymous = s.client().get("/metrics")
        assert anonymous.status == 401 and "staff" in anonymous.json["detail"]
        assert s.register_mother(hospital="h1").get("/metrics").status == 403
        staff = s.add_staff(f"ops-{new_id()[:8]}@h1.org", "clinician", "h1")
        assert staff.get("/metrics").status == 200
    finally:
        s.stop()
    bad = Server(env={"TIA_METRICS_FROM": "localhost"})
    r = bad.cli("serve", "--listen", "127.0.0.1:0", check=False)
    assert r.returncode != 0 and "TIA_METRICS_FROM" in r.stderr
