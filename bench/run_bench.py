#!/usr/bin/env python3
"""make bench: Tia's service benchmark, bounded and on loopback only.

(a) PUT a feeding session, (b) GET the last 20 of a mother holding 2,000, (c) GET the library's
blocked-duct article page (from the page cache) and (d) a library search "tac tia sua" — each with
keep-alive and with Connection: close — and, in the same run, nginx serving a small static file as this
machine's ceiling. Prints req/s, p50, p99, tia's peak RSS and each throughput as a ratio to the
ceiling. Figures only: nothing here passes or fails on a timing.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../tests/api"))
from tia_client import Server, local, new_id  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DURATION = os.environ.get("TIA_BENCH_SECONDS", "10")
CONNECTIONS = os.environ.get("TIA_BENCH_CONNECTIONS", "16")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wrk(script, port, env, connections=None):
    out = subprocess.run(["wrk", "-t2", f"-c{connections or CONNECTIONS}", f"-d{DURATION}s", "--latency", "-s",
                          os.path.join(ROOT, "bench", script), f"http://127.0.0.1:{port}"],
                         capture_output=True, text=True, env=dict(os.environ, **env), timeout=120).stdout

    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "errors": errors.group(1) if errors else ""}


def start_nginx(tmp):
    port = free_port()
    www = os.path.join(tmp, "www")
    os.makedirs(www)
    with open(os.path.join(www, "ping.json"), "w") as f:
        f.write('{"status":"ok"}\n')
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
daemon off; worker_processes auto; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 4096; }}
http {{ access_log off; keepalive_requests 1000000;
  client_body_temp_path {tmp}/b; proxy_temp_path {tmp}/p; fastcgi_temp_path {tmp}/f;
  uwsgi_temp_path {tmp}/u; scgi_temp_path {tmp}/s;
  server {{ listen 127.0.0.1:{port}; root {www}; }} }}
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-c", conf, "-p", tmp], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    raise SystemExit("nginx did not start")


def rss_mib(pid, field):
    """VmHWM (peak resident) or VmRSS (now resident) of a process, in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    tmp = tempfile.mkdtemp(prefix="tia-bench-", dir=os.path.join(ROOT, "build"))
    nginx, nginx_port = start_nginx(tmp)
    # The database lives on the build disk, as a real install's would; rate limits off for load.
    server = Server(db_url=f"sqlite:{tmp}/bench.db",
                    env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0"})
    results = {}
    try:
        server.start()
        server.add_hospital("h1")
        reader = server.register_mother()
        writer = server.register_mother()
        base = f"/api/v1/mothers/{reader.user['id']}/feeds"
        body = {"occurred_at": local(30), "segments": [
            {"type": "breast", "side": "left", "start": local(30), "end": local(20)}]}
        for _ in range(2000):
            assert reader.put(f"{base}/{new_id()}", body).status == 201
        # The health library: Tia's shipped pages, the blocked-duct article approved and published.
        server.cli("library", "seed", "--hospital", "h1")
        reviewer = server.add_staff("reviewer@h1.org", "clinician", "h1")
        admin = server.add_staff("admin@h1.org", "hospital_admin", "h1")
        version = "/api/v1/hospital/articles/tac-tia-sua/versions/1"
        assert reviewer.post(version + "/approve", {"languages": ["vi", "en"]}).status == 200
        assert admin.post(version + "/publish", {}).status == 200
        article_env = {"TIA_BENCH_PATH": "/library/h1/vi/tac-tia-sua"}
        search_env = {"TIA_BENCH_PATH": "/api/v1/library/h1/search?lang=vi&q=tac+tia+sua"}
        put_env = {"TIA_BENCH_BASE": f"/api/v1/mothers/{writer.user['id']}/feeds/", "TIA_BENCH_TOKEN": writer.token}
        get_env = {"TIA_BENCH_PATH": f"{base}?limit=20", "TIA_BENCH_TOKEN": reader.token}
        for close in ("0", "1"):
            mode = "close" if close == "1" else "keep-alive"
            results[("nginx static", mode)] = wrk("static.lua", nginx_port, {"TIA_BENCH_CLOSE": close})
            results[("PUT feed", mode)] = wrk("put_feed.lua", server.port, dict(put_env, TIA_BENCH_CLOSE=close))
            results[("GET list-20", mode)] = wrk("get_list.lua", server.port, dict(get_env, TIA_BENCH_CLOSE=close))
            results[("GET article", mode)] = wrk("get_public.lua", server.port, dict(article_env, TIA_BENCH_CLOSE=close))
            results[("GET search", mode)] = wrk("get_public.lua", server.port, dict(search_env, TIA_BENCH_CLOSE=close))
        # Group commit gets better the more writes wait together: the same PUT at 64 connections.
        results[("PUT feed x64", "keep-alive")] = wrk("put_feed.lua", server.port,
                                                      dict(put_env, TIA_BENCH_CLOSE="0"), connections=64)
        rss, rss_now = rss_mib(server.proc.pid, "VmHWM"), rss_mib(server.proc.pid, "VmRSS")
        stored = len(writer.get(f"/api/v1/mothers/{writer.user['id']}/feeds?limit=1").json["items"])
    finally:
        server.stop()
        nginx.terminate()
        nginx.wait(10)
    stats = re.findall(r'"event":"server.stopped","writes":(\d+),"commits":(\d+)', server.read_log())
    writes, commits = (int(stats[-1][0]), int(stats[-1][1])) if stats else (0, 0)

    print(f"\nTia service benchmark — {os.cpu_count()} cores, wrk -t2 -c{CONNECTIONS} -d{DURATION}s on loopback,"
          " SQLite WAL synchronous=FULL, group commit\n")
    print(f"{'scenario':<14}{'connection':<12}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'vs nginx':>10}  errors")
    for (name, mode), r in results.items():
        ceiling = results[("nginx static", mode)]["rps"]
        err = (f"non-2xx {r['non2xx']} " if r["non2xx"] else "") + r["errors"]
        print(f"{name:<14}{mode:<12}{r['rps']:>10.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['rps'] / ceiling:>10.2f}  {err}")
    print(f"\ntia peak RSS: {rss:.1f} MiB (resident at the end: {rss_now:.1f} MiB); writes committed: {writes} in {commits} group commits "
          f"({writes / commits if commits else 0:.1f} per durable sync); writer stored {'some' if stored else 'no'} feeds")
    shutil.rmtree(tmp, ignore_errors=True)
    if any(r["non2xx"] for (n, _), r in results.items() if n != "nginx static"):
        print("note: some requests were not answered 2xx (see errors)")


if __name__ == "__main__":
    main()
