"""No acknowledged write is lost (research 2.3, test R1): SIGKILL the server during a write load,
restart it, resend what was uncertain, and check every acknowledged write is there exactly once.

Runs on SQLite always, and on PostgreSQL too when TIA_TEST_PG_URL is set (scripts/test does).
"""
import os
import random
import shutil
import subprocess
import threading
import time

import pytest

from tia_client import Server, list_all, local, new_id

CYCLES = 5
WRITERS = 8

ENGINES = ["sqlite"] + (["postgres"] if os.environ.get("TIA_TEST_PG_URL") else [])


@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_under_write_load_loses_nothing(engine):
    # The rate limits (600/min a user, 6000/min an address) would refuse most of this load; they
    # are not what is tested here.
    server = Server(db_url=os.environ["TIA_TEST_PG_URL"] if engine == "postgres" else None,
                    env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0"})
    server.start()
    server.add_hospital("h1")
    mother = server.register_mother()
    token, mid = mother.token, mother.user["id"]
    sent = {}        # id -> body text
    acked = set()
    uncertain = set()
    rejected = set()
    restart_s = []
    lock = threading.Lock()
    try:
        for cycle in range(CYCLES):
            stop = threading.Event()

            def writer():
                c = server.client(token=token)
                while not stop.is_set():
                    rid, text = new_id(), f"cycle {cycle} {random.random()}"
                    with lock:
                        sent[rid] = text
                    try:
                        r = c.put(f"/api/v1/mothers/{mid}/notes/{rid}", {"occurred_at": local(1), "text": text})
                        outcome = acked if r.status < 300 else (uncertain if r.status >= 500 else rejected)
                    except Exception:
                        outcome = uncertain
                        c.close()
                    with lock:
                        outcome.add(rid)
                c.close()

            threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
            for t in threads:
                t.start()
            time.sleep(random.uniform(0.2, 3.0))
            server.kill()
            stop.set()
            for t in threads:
                t.join(30)
            t0 = time.time()
            server.start(migrate=False)
            c = server.client(token=token)
            while c.get("/healthz").status != 200:
                time.sleep(0.01)
            restart_s.append(time.time() - t0)
            # Resend everything uncertain with the same id: stored exactly once either way.
            for rid in sorted(uncertain):
                r = c.put(f"/api/v1/mothers/{mid}/notes/{rid}", {"occurred_at": local(1), "text": sent[rid]})
                assert r.status in (200, 201), r
            acked |= uncertain
            uncertain.clear()
            c.close()

        assert not rejected, f"{len(rejected)} writes were refused"
        c = server.client(token=token)
        stored = {}
        for item in list_all(c, f"/api/v1/mothers/{mid}/notes"):
            assert item["id"] not in stored, "a record listed twice"
            stored[item["id"]] = item["text"]
        lost = [rid for rid in acked if rid not in stored]
        changed = [rid for rid in acked if rid in stored and stored[rid] != sent[rid]]
        assert lost == [], f"{len(lost)} acknowledged writes lost"
        assert changed == []
        assert set(stored) <= set(sent)
        assert len(acked) > 100, "the load was too light to mean anything"
        print(f"\n{engine}: {CYCLES} SIGKILLs, {len(acked)} acknowledged writes, 0 lost, 0 duplicated; "
              f"restart to first 200: max {max(restart_s) * 1000:.0f} ms")
    finally:
        server.stop()
    if engine == "sqlite":
        db = server.db.split(":", 1)[1]
        if shutil.which("sqlite3"):
            out = subprocess.run(["sqlite3", db, "PRAGMA integrity_check"], capture_output=True, text=True).stdout
            assert out.strip() == "ok"
