"""The uncached policy page and the board's pages against the do-nothing view, in one process.

A quick, repeatable figure for work on the per-request cost (issue 14, "Faster without the
cache"): no gunicorn, no network, no other clients, so what it measures is the Django stack
and the page itself. Run it inside a built demo site (``make bench`` builds a throwaway one;
or point ``PORTAL_VAR_DIR``/``DATABASE_URL`` at one where ``load_demo_content`` has run),
with the bench settings:

    DJANGO_SETTINGS_MODULE=tests.bench.settings PORTAL_PAGE_CACHE=0 \\
        .venv/bin/python tests/bench/uncached.py [--requests 300] [--profile policy]

Prints, per page: CPU milliseconds per request (the fastest of five runs), SQL queries per request,
and requests per second as a share of the do-nothing view (``/bench/floor/``, every
middleware, no database, no template). ``--profile NAME`` prints the 40 costliest functions
of that page (cProfile, cumulative time). ``--json`` prints one JSON line instead (run.py).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = [
    ("floor", "/bench/floor/"),
    ("policy", "/policies/travel-assistance/"),
    ("policy (pl)", "/pl/policies/travel-assistance/"),
    ("home", "/"),
]
BOARD = [
    ("board: the record", "/board/"),
    ("board: a policy", "/board/pages/{page_id}/"),
]


def _time(client, path: str, requests: int, runs: int = 5) -> tuple[float, int]:
    """Milliseconds of this process's CPU per request (the fastest of ``runs`` runs of
    ``requests`` each: other work on the machine slows runs down, never speeds them up);
    queries per request (counted on one more request). On SQLite the database's work is in
    this process too; on PostgreSQL it is not counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm: imports, templates, first-use caches
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    per_run = []
    for _ in range(runs):
        started = time.process_time()
        for _ in range(requests):
            client.get(path)
        per_run.append((time.process_time() - started) * 1000 / requests)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return min(per_run), len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="per run; five runs a page")
    parser.add_argument("--profile", default="", help="a page's name to profile, e.g. policy")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    os.environ["PORTAL_PAGE_CACHE"] = "0"
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    from portal.models import PolicyPage as Policy

    anonymous = Client()
    board = Client()
    board_member = User.objects.get(username="board")
    board.force_login(board_member)
    # The demo's board member has two-factor: a session that has given its code.
    device = next(devices_for_user(board_member), None)
    if device is not None:
        session = board.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    page_id = Policy.objects.live().filter(slug="travel-assistance").values_list(
        "pk", flat=True).first()
    pages = [(name, path, anonymous) for name, path in PUBLIC]
    pages += [(name, path.format(page_id=page_id), board) for name, path in BOARD]

    results = {}
    for name, path, client in pages:
        results[name] = _time(client, path, max(args.requests // (5 if "board" in name else 1), 10))
    if args.json:
        print(json.dumps({name: {"ms": ms, "queries": q} for name, (ms, q) in results.items()}))
    else:
        floor = results["floor"][0]
        print(f"{'page':28} {'ms/request':>10} {'queries':>8} {'of floor':>9}")
        for name, (ms, queries) in results.items():
            print(f"{name:28} {ms:10.2f} {queries:8d} {floor / ms:9.1%}")
    if args.profile:
        name, path, client = next(p for p in pages if p[0] == args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(50):
            client.get(path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
