"""A small HTTP client and server harness for Tia's API tests (stdlib only, loopback only)."""
import datetime
import glob
import http.client
import json
import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
import time
import uuid

TIA_BIN = os.environ.get("TIA_BIN", os.path.join(os.path.dirname(__file__), "../../build/asan/tia"))
CONSENT_VERSION = "care-data-2026-11"

# The tests' clock. TIA_TEST_NOW (RFC 3339, e.g. 2026-12-06T23:59:00+07:00) starts it at that
# instant when the tests start; it then runs with the system clock. Every server and command the
# tests start gets the same time through `tia --clock`, so "today", free slots and windows agree
# between the tests and the server whatever the hour or weekday the tests run at.
TEST_NOW = os.environ.get("TIA_TEST_NOW")
_OFFSET_S = (datetime.datetime.fromisoformat(TEST_NOW).timestamp() - time.time()) if TEST_NOW else 0.0


def now(tz=datetime.timezone.utc):
    """Now on the tests' clock, in `tz`."""
    return datetime.datetime.fromtimestamp(time.time() + _OFFSET_S, tz)


def clock_args():
    """The `tia` flags that put a server or command on the tests' clock (none on the system clock)."""
    return ["--clock", now().isoformat(timespec="milliseconds")] if TEST_NOW else []


class Contract:
    """Checks every answer the tests receive against docs/openapi.json, with an independent validator
    from npm (Ajv, JSON Schema 2020-12, run by tests/api/openapi_check.mjs in one Node.js process).
    A success status the operation does not document, or a body its schema refuses, fails the test
    that received it. TIA_RESPONSE_LOG=<file> also appends every answer to a JSON-lines file."""

    def __init__(self):
        self.proc = None
        self.messages = None
        self.lock = threading.Lock()
        self.log = os.environ.get("TIA_RESPONSE_LOG")

    def check(self, method, path, reply):
        ctype = (reply.header("content-type") or "").split(";")[0].strip()
        entry = {"method": method, "path": path, "status": reply.status, "content_type": ctype,
                 "body": reply.json if reply.json is not None else (reply.raw if ctype.startswith("text/") else None)}
        line = json.dumps(entry) + "\n"
        with self.lock:
            if self.log:
                with open(self.log, "a") as f:
                    f.write(line)
            if self.proc is None or self.proc.poll() is not None:
                script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openapi_check.mjs")
                self.proc = subprocess.Popen(["node", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             text=True, bufsize=1)
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
            verdict = json.loads(self.proc.stdout.readline())
        if not verdict["ok"]:
            raise AssertionError(f"{method} {path} answered {reply.status}, not as docs/openapi.json says: "
                                 f"{verdict['error']}\nbody: {reply.raw[:600]}")
        if ctype == "application/problem+json" and isinstance(reply.json, dict) and not reply.header("content-language"):
            self.check_translated(method, path, reply.json.get("detail", ""))

    def check_translated(self, method, path, detail):
        """Every message the server writes for people has its Vietnamese in the server's catalogue
        (src/tia/http/catalogue.cc), asked of `tia messages --untranslated`, kept open."""
        with self.lock:
            if self.messages is None or self.messages.poll() is not None:
                self.messages = subprocess.Popen([TIA_BIN, "messages", "--untranslated"],
                                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
            self.messages.stdin.write(detail.replace("\n", " ") + "\n")
            self.messages.stdin.flush()
            missing = self.messages.stdout.readline().rstrip("\n")
        if missing:
            raise AssertionError(f"{method} {path}: the problem detail {missing!r} has no Vietnamese in "
                                 "src/tia/http/catalogue.cc")


contract = Contract()


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return f"<Reply {self.status} {self.raw[:300]!r}>"


class Client:
    """One keep-alive connection, optionally signed in with a bearer token or a cookie."""

    def __init__(self, port, token=None, cookie=None, csrf=None, source="127.0.0.1"):
        self.port = port
        self.token = token
        self.cookie = cookie
        self.csrf = csrf
        self.source = source
        self.conn = None

    def request(self, method, path, body=None, headers=None, raw=None):
        hdrs = {}
        if self.token:
            hdrs["Authorization"] = "Bearer " + self.token
        if self.cookie:
            hdrs["Cookie"] = self.cookie
        if self.csrf:
            hdrs["X-CSRF-Token"] = self.csrf
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                       source_address=(self.source, 0))
            try:
                self.conn.request(method, path, body=data, headers=hdrs)
                r = self.conn.getresponse()
                payload = r.read().decode("utf-8", "replace")
                headers_out = {k.lower(): v for k, v in r.getheaders()}
                if r.getheader("Connection", "").lower() == "close":
                    self.close()
                reply = Reply(r.status, headers_out, payload)
                contract.check(method, path, reply)
                return reply
            except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine):
                self.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def put(self, path, body, **kw):
        return self.request("PUT", path, body=body, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None


class Server:
    """Runs `tia serve` on a free loopback port with its own database; stops it on close()."""

    def __init__(self, db_url=None, env=None, clock=None):
        self.clock = clock  # an RFC 3339 instant for `tia --clock`; default: the tests' clock
        self.dir = tempfile.mkdtemp(prefix="tia-api-")
        self.db = db_url or f"sqlite:{self.dir}/tia.db"
        self.env = dict(os.environ)
        self.env["TIA_PHOTO_DIR"] = os.path.join(self.dir, "photos")
        self.env.update(env or {})
        self.photo_dir = self.env["TIA_PHOTO_DIR"]
        self.log_path = os.path.join(self.dir, "server.log")
        self.proc = None
        self.port = None

    def cli(self, *args, stdin=None, check=True):
        r = subprocess.run([TIA_BIN, "--db", self.db, *self.clock_args(), *args], input=stdin, capture_output=True,
                           text=True, env=self.env, timeout=120)
        if check and r.returncode != 0:
            raise AssertionError(f"tia {' '.join(args)} failed: {r.stderr}")
        return r

    def start(self, migrate=True, port=0):
        args = [TIA_BIN, "--db", self.db, *self.clock_args(), "serve", "--listen", f"127.0.0.1:{port}"]
        if migrate:
            args.append("--migrate")
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, env=self.env)
        line = b""
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            m = re.search(rb"serving on http://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                return self
            if not line and self.proc.poll() is not None:
                break
        raise AssertionError(f"server did not start: {line!r}; log: {self.read_log()[-2000:]}")

    def clock_args(self):
        return ["--clock", self.clock] if self.clock else clock_args()

    def read_log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, "log", None):
            self.log.close()

    def client(self, **kw):
        return Client(self.port, **kw)

    # ---- accounts -------------------------------------------------------------------------
    def add_hospital(self, code, name=None):
        self.cli("hospital", "add", "--code", code, "--name", name or f"Hospital {code}")

    def add_staff(self, email, role, hospital, password="staff password 123"):
        env_pw = dict(self.env, TIA_PASSWORD=password)
        r = subprocess.run([TIA_BIN, "--db", self.db, *self.clock_args(), "user", "add", "--email", email, "--name", email,
                            "--role", role, "--hospital", hospital], capture_output=True, text=True,
                           env=env_pw, timeout=60)
        assert r.returncode == 0, r.stderr
        return self.login(email, password)

    def register_mother(self, email=None, hospital="h1", password="a long mother password"):
        email = email or f"m-{uuid.uuid4().hex[:10]}@example.org"
        r = self.client(source=fresh_source()).post("/api/v1/auth/register", {
            "email": email, "password": password, "display_name": "Mother",
            "hospital_code": hospital, "token_type": "bearer",
            "consent": {"text_version": CONSENT_VERSION, "accepted": True}})
        assert r.status == 201, r
        c = self.client(token=r.json["token"])
        c.user = r.json["user"]
        c.password = password
        return c

    def login(self, email, password):
        r = self.client(source=fresh_source()).post("/api/v1/auth/login", {"email": email, "password": password,
                                                      "token_type": "bearer"})
        assert r.status == 200, r
        c = self.client(token=r.json["token"])
        c.user = r.json["user"]
        c.password = password
        return c


def serve(clock=None):
    """A started server with hospitals h1 and h2, on the database TIA_API_DB_URL names (scripts/test:
    PostgreSQL) or a SQLite file of its own; on the tests' clock unless `clock` is given."""
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"), clock=clock)
    s.start()
    s.add_hospital("h1")
    s.add_hospital("h2")
    return s


def list_all(client, path, limit=100):
    """Every item of a cursor-paginated list, following next_cursor to the end."""
    items, cursor = [], None
    while True:
        sep = "&" if "?" in path else "?"
        page = client.get(f"{path}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else "")).json
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def concurrently(n, fn):
    """Runs fn() on n threads at once; returns their results."""
    import threading
    results, lock = [], threading.Lock()

    def run():
        r = fn()
        with lock:
            results.append(r)
    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def fresh_source():
    """A loopback address of its own, so set-up sign-ins do not share one address's sign-in budget."""
    import random
    return f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"


def make_test_photos(directory):
    """Writes the test photos (src/tia/media/test_images.h) into `directory`; returns name -> path."""
    tool = os.path.join(os.path.dirname(os.path.abspath(TIA_BIN)), "tia_test_photos")
    subprocess.run([tool, directory], check=True, timeout=60)
    return {n: os.path.join(directory, n) for n in os.listdir(directory)}


def new_id():
    return str(uuid.uuid4())


def local(minutes_ago, offset="+07:00"):
    """An RFC 3339 time `minutes_ago` before now (the tests' clock) in the given offset."""
    sign = 1 if offset[0] == "+" else -1
    h, m = int(offset[1:3]), int(offset[4:6])
    tz = datetime.timezone(sign * datetime.timedelta(hours=h, minutes=m))
    t = now(tz) - datetime.timedelta(minutes=minutes_ago)
    return t.replace(microsecond=0).isoformat()


class EventReader:
    """Reads a server-sent-events stream on a thread; events land on a queue."""

    def __init__(self, port, token):
        self.events = queue.Queue()
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/api/v1/events", headers={"Authorization": "Bearer " + token,
                                                            "Accept": "text/event-stream"})
        self.sock = self.conn.sock
        self.resp = self.conn.getresponse()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        try:
            while True:
                line = self.resp.fp.readline()
                if not line:
                    return
                if line.startswith(b"data: "):
                    self.events.put(json.loads(line[6:]))
        except (OSError, ValueError):
            return

    def next(self, timeout=10):
        return self.events.get(timeout=timeout)

    def close(self):
        self.sock.shutdown(2)
        self.conn.close()


def wait_for(fn, timeout=10):
    """fn()'s first truthy value within `timeout` seconds (polled every 50 ms), else its last."""
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.05)
    return fn()


def spooled_texts(spool, e164):
    """The text messages the server spooled (TIA_SMS_SPOOL_DIR) to this number, oldest first."""
    out = []
    for path in sorted(glob.glob(os.path.join(spool, "*.sms"))):
        with open(path, encoding="utf-8") as f:
            head, _, body = f.read().partition("\n\n")
        if head == f"To: {e164}":
            out.append(body.strip())
    return out
