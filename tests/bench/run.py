"""How fast the pages are, served the way production serves them.

Builds a throwaway copy of the demo site (SQLite under a temporary directory,
or the database in DATABASE_URL), collects static files, starts gunicorn with
production settings twice (page cache on, and PORTAL_PAGE_CACHE=0), and drives
each page from a few keep-alive clients on the loopback interface. Prints
requests per second and latency percentiles, each page's throughput as a share
of a do-nothing Django view (the floor), and the compressed weight of a policy
page with its stylesheet and script.

    make bench            # or: .venv/bin/python tests/bench/run.py --seconds 10
"""

from __future__ import annotations

import argparse
import base64
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PAGES = [
    ("floor (no database, no template)", "/bench/floor/"),
    ("home", "/"),
    ("policy", "/policies/travel-assistance/"),
    ("FAQ", "/faq/"),
    ("jargon buster A-Z", "/jargon-buster/"),
    ("search", "/search/?q=walking"),
    ("policy, 201 versions", "/policies/long-history/"),
    ("compare v1 to v201, 2,000 comments", "/policies/long-history/compare/1/201/"),
]
# Signed-in pages are never cached: measured once, with a board member's session.
BOARD_PAGES = [
    ("board: the record", "/board/"),
    ("board: policy with 2,000 comments", "/board/pages/{page_id}/"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL)


def _start(env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    server = subprocess.Popen(  # noqa: S603
        [gunicorn, "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--worker-class", "sync", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/floor/")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _drive(port: int, path: str, seconds: float, clients: int, headers=None) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, bad = [], 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    # Warm up: the first request fills the page cache and imports templates.
    _drive_once(port, path, headers)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "mean": statistics.fmean(latencies) * 1000 if latencies else 0.0,
        "errors": errors,
    }


def _drive_once(port: int, path: str, headers=None) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return body


def _page_weight(port: int, path: str) -> list[tuple[str, int, int]]:
    html = _drive_once(port, path)
    rows = [("HTML", len(html), len(gzip.compress(html, 9)))]
    for kind, pattern in (("CSS", rb'<link[^>]+href="([^"]+\.css)"'),
                          ("JS", rb'<script[^>]+src="([^"]+\.js)"')):
        for url in re.findall(pattern, html):
            body = _drive_once(port, url.decode())
            rows.append((f"{kind} {url.decode().rsplit('/', 1)[-1]}", len(body),
                         len(gzip.compress(body, 9))))
    return rows


def _postgres_database() -> tuple[str, callable]:
    """A throwaway PostgreSQL database on this machine, or ("", no-op) if there is none."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"], lambda: None
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    name = f"portal_bench_{os.getpid()}"
    try:
        import psycopg

        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - any failure means "use SQLite"
        print(f"PostgreSQL not available ({error.__class__.__name__}); using SQLite.")
        return "", lambda: None

    def drop():
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{base}/{name}", drop


def _submitters(port: int, prepared: dict, seconds: float, clients: int) -> dict:
    """Clients that each fetch the form, then send responses; 1 in 10 is sent twice at once."""
    import urllib.parse

    latencies: list[float] = []
    accepted: set[str] = set()
    failures = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int):
        nonlocal failures
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", prepared["url"])
        response = conn.getresponse()
        html = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not (cookie and token):
            with lock:
                failures += 1
            return
        headers = {"Cookie": f"csrftoken={cookie.group(1)}",
                   "Content-Type": "application/x-www-form-urlencoded",
                   "Referer": f"http://127.0.0.1:{port}{prepared['url']}"}
        mine, ok, bad, sent = [], set(), 0, 0
        while time.monotonic() < stop:
            key = f"bench-{number}-{sent}"
            sent += 1
            body = urllib.parse.urlencode({
                "csrfmiddlewaretoken": token.group(1), "respondent_type": "parent",
                prepared["agree"]: "Agree", prepared["free"]: "Two miles is too far.",
                "submission_key": key})
            for _attempt in range(2 if sent % 10 == 0 else 1):
                started = time.perf_counter()
                try:
                    conn.request("POST", prepared["post"], body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException):
                    bad += 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    continue
                mine.append(time.perf_counter() - started)
                if response.status == 302:
                    ok.add(key)
                elif response.status == 200 and key in ok:
                    pass  # the second click: "You have already sent this", stored once
                else:
                    bad += 1
        with lock:
            latencies.extend(mine)
            accepted.update(ok)
            failures += bad

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "posts": len(latencies), "rps": len(latencies) / elapsed, "accepted": len(accepted),
        "p50": latencies[len(latencies) // 2] * 1000 if latencies else 0,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000 if latencies else 0,
        "failures": failures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per page and mode")
    parser.add_argument("--clients", type=int, default=4, help="concurrent keep-alive clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--submitters", type=int, default=50,
                        help="concurrent people sending consultation responses")
    parser.add_argument("--submit-workers", type=int, default=4,
                        help="gunicorn workers while responses are being sent")
    parser.add_argument("--export-rows", type=int, default=50_000)
    parser.add_argument("--survey-responses", type=int, default=100_000,
                        help="responses given to one survey for its results and exports")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="portal-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "PORTAL_VAR_DIR": var,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EVIDENCE_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_BASE_URL": "http://127.0.0.1:8000",
        "SECURE_SSL_REDIRECT": "0",
        "PORTAL_DEMO": "1",
        "PYTHONPATH": str(ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    database_url, drop_database = _postgres_database()
    if database_url:
        env["DATABASE_URL"] = database_url
    servers: list[subprocess.Popen] = []
    try:
        print(f"Building the demo site in {var} ...", flush=True)
        _manage(env, "migrate", "--no-input", "-v0")
        _manage(env, "load_demo_content")
        _manage(env, "collectstatic", "--no-input", "-v0")
        print("Giving one policy 200 more versions and 2,000 comments (about a minute) ...",
              flush=True)
        done = subprocess.run(  # noqa: S603
            [PYTHON, str(ROOT / "tests" / "bench" / "scale.py")], env=env, cwd=ROOT,
            capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"scale.py failed:\n{done.stderr[-3000:]}")
        scale = json.loads(done.stdout.strip().splitlines()[-1])
        board_headers = {"Cookie": f"sessionid={scale['session']}"}
        prepared = _consult(env, "prepare")
        database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
        cache_kind = "Redis" if os.environ.get("REDIS_URL") else "local memory"

        results = {}
        for mode, extra in (("cached", {}), ("uncached", {"PORTAL_PAGE_CACHE": "0"})):
            server, port = _start({**env, **extra}, args.workers)
            servers.append(server)
            for name, path in PAGES:
                results[(mode, name)] = _drive(port, path, args.seconds, args.clients)
            if mode == "cached":
                weight = _page_weight(port, "/policies/travel-assistance/")
                for name, path in BOARD_PAGES:
                    results[("signed in", name)] = _drive(
                        port, path.format(page_id=scale["page_id"]), args.seconds,
                        args.clients, board_headers)
            server.terminate()
            server.wait(timeout=15)

        print(f"{args.submitters} people sending consultation responses ...", flush=True)
        server, port = _start({**env, "PORTAL_PAGE_CACHE": "0"}, args.submit_workers)
        servers.append(server)
        submitted = _submitters(port, prepared, max(args.seconds * 2, 10), args.submitters)
        server.terminate()
        server.wait(timeout=15)
        stored = _consult(env, "count")["stored"]
        print(f"Exporting {args.export_rows:,} responses ...", flush=True)
        exported = _consult(env, "export", str(args.export_rows))
        surveyed = _survey_bench(env, args)

        print()
        print(f"gunicorn {args.workers} sync workers, {args.clients} keep-alive clients, "
              f"{args.seconds:g} s per row; {database}, {cache_kind} cache; {os.cpu_count()} CPUs")
        print(f"{'page':34} {'mode':9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'of floor':>9} {'errors':>7}")
        for mode in ("cached", "uncached"):
            floor = results[(mode, PAGES[0][0])]["rps"]
            for name, _ in PAGES:
                r = results[(mode, name)]
                print(f"{name:34} {mode:9} {r['rps']:8.0f} {r['p50']:8.1f} {r['p95']:8.1f} "
                      f"{r['rps'] / floor:8.0%} {r['errors']:7d}")
        floor = results[("cached", PAGES[0][0])]["rps"]
        for name, _ in BOARD_PAGES:
            r = results[("signed in", name)]
            print(f"{name:34} {'signed in':9} {r['rps']:8.0f} {r['p50']:8.1f} {r['p95']:8.1f} "
                  f"{r['rps'] / floor:8.0%} {r['errors']:7d}")
        print()
        print("Policy page weight (gzip -9)")
        total_raw = total_gz = 0
        for name, raw, gz in weight:
            total_raw, total_gz = total_raw + raw, total_gz + gz
            print(f"  {name:30} {raw / 1024:7.1f} KB -> {gz / 1024:6.1f} KB")
        print(f"  {'total':30} {total_raw / 1024:7.1f} KB -> {total_gz / 1024:6.1f} KB")
        print()
        print(f"Consultation responses: {args.submitters} people, gunicorn "
              f"{args.submit_workers} workers, {database}")
        print(f"  {submitted['rps']:.0f} responses/s sent, p50 {submitted['p50']:.1f} ms, "
              f"p95 {submitted['p95']:.1f} ms, {submitted['failures']} failed")
        verdict = ("none lost, none doubled" if stored == submitted["accepted"]
                   else "MISMATCH: responses lost or doubled")
        print(f"  {submitted['posts']:,} posts, one in ten sent twice as a double click; "
              f"{submitted['accepted']:,} responses accepted, {stored:,} stored: {verdict}")
        print(f"CSV export of {exported['rows']:,} responses: {exported['seconds']} s, "
              f"{exported['csv_mb']} MB of CSV, peak Python memory {exported['peak_mb']} MB")
        print()
        print("In one process, page cache off (tests/bench/uncached.py: CPU per request, "
              "nothing else on the line)")
        done = subprocess.run(  # noqa: S603
            [PYTHON, str(ROOT / "tests" / "bench" / "uncached.py")],
            env={**env, "PORTAL_PAGE_CACHE": "0"}, cwd=ROOT, capture_output=True, text=True)
        print(done.stdout.rstrip() if done.returncode == 0
              else f"  NOT MEASURED: {done.stderr.strip().splitlines()[-1:]}")
        failed = sum(r["errors"] for r in results.values()) + submitted["failures"]
        failed += _survey_report(surveyed, database)
        return 1 if failed or stored != submitted["accepted"] else 0
    finally:
        for server in servers:
            if server.poll() is None:
                server.kill()
        shutil.rmtree(var, ignore_errors=True)
        drop_database()


# --- surveys: one year with many responses (tests/bench/survey.py) ----------------------


def _survey_bench(env: dict, args) -> dict:
    """Top a survey up to ``--survey-responses``, drive its results page uncached through
    gunicorn, then measure queries and the two CSV exports in-process."""
    print(f"Giving one survey {args.survey_responses:,} responses ...", flush=True)
    uncached = {**env, "PORTAL_PAGE_CACHE": "0"}
    prepared = _survey(uncached, "prepare", str(args.survey_responses))
    server, port = _start(uncached, args.workers)
    try:
        try:
            driven = _drive(port, prepared["results_url"], args.seconds, args.clients)
            # One reader at a time: the latency of the queries themselves, not the queue.
            driven["alone"] = _drive(port, prepared["results_url"], args.seconds, 1)
        except RuntimeError as error:  # the page answered something other than 200
            driven = {"failed": str(error)}
    finally:
        server.terminate()
        server.wait(timeout=15)
    print("Measuring the survey's results page and CSV exports ...", flush=True)
    return {"prepared": prepared, "driven": driven, **_survey(uncached, "measure")}


def _survey_report(surveyed: dict, database: str) -> int:
    """Print the survey figures; the number of failures among them."""
    prepared, driven, page = surveyed["prepared"], surveyed["driven"], surveyed["page"]
    print()
    print(f"Survey results, {prepared['responses']:,} responses ({prepared['answers']:,} "
          f"answers, {prepared['comments']:,} written), {database}, page cache off; "
          f"added in {prepared['seconds']} s")
    failures = 0
    if "failed" in driven or page["status"] != 200:
        print(f"  results page {prepared['results_url']}: NOT MEASURED, "
              f"{driven.get('failed') or page['status']}")
        failures += 1
    else:
        alone = driven["alone"]
        print(f"  results page: {driven['rps']:.1f} req/s, p50 {driven['p50']:.0f} ms, "
              f"p95 {driven['p95']:.0f} ms, {driven['errors']} errors; one client alone: "
              f"p50 {alone['p50']:.0f} ms, p95 {alone['p95']:.0f} ms")
        print(f"  results page in-process: {page['queries']} SQL queries, "
              f"{page['seconds'] * 1000:.0f} ms")
        failures += driven["errors"] + alone["errors"]
    for name, key, url in (("public results CSV", "public_csv", prepared["csv_url"]),
                           ("officers' responses CSV (export, then download)", "admin_csv",
                            prepared["admin_csv_url"])):
        measured = surveyed[key]
        if measured["status"] != 200:
            print(f"  {name} {url}: NOT MEASURED, answered {measured['status']}")
            failures += 1
            continue
        print(f"  {name}: {measured['seconds']} s, {measured['mb']} MB, "
              f"peak Python memory {measured['peak_mb']} MB")
    return failures


def _survey(env: dict, *args: str) -> dict:
    done = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "tests" / "bench" / "survey.py"), *args], env=env, cwd=ROOT,
        capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"survey.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _consult(env: dict, *args: str) -> dict:
    done = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "tests" / "bench" / "consult.py"), *args], env=env, cwd=ROOT,
        capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"consult.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
