"""The server process: graceful drain on SIGTERM, migrations, refusing unsafe or unmigrated databases."""
import os
import signal
import subprocess
import threading
import time

from tia_client import TIA_BIN, Server, list_all, local, new_id


def test_sigterm_drains_in_flight_writes_and_exits_cleanly():
    s = Server(env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0"}).start()
    s.add_hospital("h1")
    m = s.register_mother()
    mid = m.user["id"]
    acked, stop = [], threading.Event()
    lock = threading.Lock()

    def writer():
        c = s.client(token=m.token)
        while not stop.is_set():
            rid = new_id()
            try:
                r = c.put(f"/api/v1/mothers/{mid}/notes/{rid}", {"occurred_at": local(1), "text": rid})
            except Exception:
                break
            if r.status == 201:
                with lock:
                    acked.append(rid)
            elif r.status >= 500:
                raise AssertionError(r)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    t0 = time.time()
    s.proc.send_signal(signal.SIGTERM)
    code = s.proc.wait(35)
    stop.set()
    for t in threads:
        t.join(10)
    assert code == 0
    assert time.time() - t0 < 30
    assert '"event":"server.stopped"' in s.read_log()
    s.stop()
    s.start(migrate=False)
    try:
        c = s.client(token=m.token)
        stored = {x["id"] for x in list_all(c, f"/api/v1/mothers/{mid}/notes")}
        assert len(acked) > 50
        assert set(acked) <= stored
    finally:
        s.stop()


def test_serve_refuses_pending_migrations_and_migrate_applies_them():
    s = Server()
    r = subprocess.run([TIA_BIN, "--db", s.db, "serve", "--listen", "127.0.0.1:0"], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1 and "pending" in r.stderr
    status = s.cli("migrate", "--status").stdout
    assert "pending  0001_init.sql" in status
    n = len([f for f in os.listdir(os.path.join(os.path.dirname(__file__), "../../migrations/sqlite")) if f.endswith(".sql")])
    assert f"{n} migration(s) applied" in s.cli("migrate").stdout
    assert "0 migration(s) applied" in s.cli("migrate").stdout
    assert "applied  0002_idempotency_keys.sql" in s.cli("migrate", "--status").stdout


def test_the_clock_is_an_input_set_by_an_explicit_flag():
    # A server started at a moment years ahead lives then: a feed logged half an hour before that
    # moment is not "in the future", while the same feed on the system clock would be.
    s = Server(clock="2031-03-04T10:00:00+07:00").start()
    try:
        s.add_hospital("h1")
        m = s.register_mother()
        r = m.put(f"/api/v1/mothers/{m.user['id']}/notes/{new_id()}",
                  {"occurred_at": "2031-03-04T09:30:00+07:00", "text": "tired"})
        assert r.status == 201, r
        assert "clock.set" in s.read_log()
        r = m.put(f"/api/v1/mothers/{m.user['id']}/notes/{new_id()}",
                  {"occurred_at": "2031-03-05T09:30:00+07:00", "text": "a day ahead"})
        assert r.status == 400 and r.json["field"] == "/occurred_at", r
    finally:
        s.stop()
    r = subprocess.run([TIA_BIN, "--clock", "tomorrow at nine", "routes"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "--clock" in r.stderr and "RFC 3339" in r.stderr


def test_bad_settings_name_the_setting():
    s = Server(env={"TIA_USER_RATE_PER_MIN": "lots"})
    r = s.cli("migrate", check=False)
    assert r.returncode == 1 and "TIA_USER_RATE_PER_MIN" in r.stderr
    r = subprocess.run([TIA_BIN, "--db", "sqlite:/nonexistent-dir/x.db", "migrate"], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1 and "SQLite" in r.stderr
    r = subprocess.run([TIA_BIN, "--db", "postgresql://nobody@127.0.0.1:1/none", "migrate"], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1 and "PostgreSQL" in r.stderr


def test_many_idle_connections_do_not_starve_a_probe():
    s = Server().start()
    try:
        # Idle keep-alive connections are closed after the idle timeout; many at once do not block a probe.
        import socket
        socks = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(200)]
        t0 = time.time()
        r = s.client().get("/healthz")
        assert r.status == 200 and time.time() - t0 < 2
        for so in socks:
            so.close()
    finally:
        s.stop()


def test_connection_cap_per_address():
    """Research L8 (short): 512 open connections from one address; the next is closed at once,
    while another address is still served."""
    import socket
    s = Server().start()
    socks = []
    try:
        for _ in range(512):
            so = socket.socket()
            so.bind(("127.0.0.77", 0))
            so.connect(("127.0.0.1", s.port))
            socks.append(so)
        time.sleep(0.3)  # let the server admit them
        extra = socket.socket()
        extra.bind(("127.0.0.77", 0))
        extra.connect(("127.0.0.1", s.port))
        extra.settimeout(5)
        extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        try:
            refused = extra.recv(100) == b""
        except ConnectionResetError:
            refused = True
        assert refused
        extra.close()
        assert s.client(source="127.0.0.78").get("/healthz").status == 200
    finally:
        for so in socks:
            so.close()
        s.stop()
