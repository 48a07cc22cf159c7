"""The figures of several app servers behind a front-end cache, measured on a running
``make cluster`` (start it in another terminal first).

    make cluster-bench      # or: .venv/bin/python tests/bench/cluster_bench.py --seconds 10

Prints, in one run:
1. the cached policy page through Varnish, as a share of the same HTML served as a static
   file by the same Varnish (ApacheBench, keep-alive, 8 clients);
2. the policy page through an app server with the page cache off, as a share of the
   do-nothing Django view (a third gunicorn on the cluster's database, bench settings);
3. seconds from a publish to the new version being served through Varnish and by app
   server B;
4. 50 people sending consultation responses through Varnish while app server A and the
   Celery worker are killed (both come back: scripts/keep-running.sh): every accepted
   response stored once, no parent shown a server error without their answers kept; and
   subscribers' notices sent by the killed worker, each once.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.run import PYTHON, _consult, _drive, _start  # noqa: E402

FRONT = 8000
APP_B = 8002
POLICY = "/policies/travel-assistance/"


def _cluster_env() -> dict:
    """The environment ``scripts/cluster.sh`` gives the cluster's processes."""
    env = dict(os.environ)
    cluster_env = ROOT / "var" / "cluster.env"
    if not cluster_env.is_file():
        sys.exit("Start the cluster first: make cluster (in another terminal).")
    for line in cluster_env.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    env["DATABASE_URL"] = os.environ.get(
        "PORTAL_CLUSTER_DB", "postgres://postgres@127.0.0.1:5432/portal_cluster")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
    env.setdefault("CELERY_BROKER_URL", env["REDIS_URL"])
    env["PORTAL_FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{FRONT}"
    return env


def _get(port: int, path: str, headers=None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def _ab(url: str, seconds: float, clients: int) -> float:
    """Requests per second from ApacheBench (installed from Debian's packages if missing)."""
    if not shutil.which("ab"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "apache2-utils"], check=True,  # noqa: S607
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                       capture_output=True)
    done = subprocess.run(["ab", "-k", "-q", "-c", str(clients), "-t", str(seconds),  # noqa: S603,S607
                           "-n", "10000000", url], capture_output=True, text=True, check=True)
    return float(re.search(r"Requests per second:\s+([\d.]+)", done.stdout).group(1))


def front_end_share(seconds: float, clients: int) -> dict:
    """1: the cached page through Varnish against the same bytes as a static file."""
    _get(FRONT, POLICY)  # fill the front-end cache
    status, headers, html = _get(FRONT, POLICY)
    if headers.get("X-Front-Cache") != "hit":
        raise RuntimeError(f"{POLICY} is not served from Varnish: {headers}")
    folder = Path(tempfile.mkdtemp())
    (folder / "_bench" / "static").mkdir(parents=True)
    (folder / "_bench" / "static" / "policy.html").write_bytes(html)
    static = subprocess.Popen([PYTHON, "-m", "http.server", "8009", "--bind", "127.0.0.1",  # noqa: S603
                               "--directory", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        _get(FRONT, "/_bench/static/policy.html")
        page = _ab(f"http://127.0.0.1:{FRONT}{POLICY}", seconds, clients)
        file = _ab(f"http://127.0.0.1:{FRONT}/_bench/static/policy.html", seconds, clients)
    finally:
        static.terminate()
        shutil.rmtree(folder)
    return {"page": page, "static": file, "bytes": len(html)}


def uncached_share(env: dict, seconds: float, clients: int, rounds: int = 5) -> dict:
    """2: the policy page with the page cache off, against the do-nothing view.

    The two are driven in alternating rounds of ``seconds / rounds`` each, and the share is
    the median of the rounds' shares: a busy machine slows both sides of a round alike, where
    two rates measured one after the other swung from 4.8 % to 12.1 % under other load.
    Returns ``{"floor": {...}, "page": {...}, "shares": [float, ...]}`` with the rates
    summed over all rounds.
    """
    server, port = _start({**env, "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
                           "PORTAL_PAGE_CACHE": "0", "PORTAL_FRONTEND_CACHE_URL": ""}, 2)
    floors, pages, shares = [], [], []
    try:
        for _ in range(rounds):
            floor = _drive(port, "/bench/floor/", seconds / rounds, clients)
            page = _drive(port, POLICY, seconds / rounds, clients)
            floors.append(floor)
            pages.append(page)
            shares.append(page["rps"] / floor["rps"] if floor["rps"] else 0.0)
    finally:
        server.terminate()
        server.wait(timeout=15)
    return {"floor": {"rps": sum(f["rps"] for f in floors) / rounds},
            "page": {"rps": sum(p["rps"] for p in pages) / rounds,
                     "p50": sorted(p["p50"] for p in pages)[rounds // 2]},
            "shares": sorted(shares)}


PUBLISH = """
import time
from portal.models import HomePage
home = HomePage.objects.filter(locale__language_code="en-gb").first()
home = home.get_latest_revision_as_object()
home.intro = "Cluster bench {marker}."
home.save_revision().publish()
print(time.time())
"""


def publish_to_served(env: dict) -> dict:
    """3: publish the home page in another process; for Varnish and app server B, seconds
    from the publish returning to the start of the first request answered with the new
    version (the window in which a reader could still be given the old one), and to that
    answer's arrival (which adds one render on a busy machine).

    Returns ``{name: (started, arrived)}``, seconds; 0.0 when already served before the
    publishing process returned."""
    marker = f"m{int(time.time() * 1000)}"
    for port in (FRONT, APP_B):
        _get(port, "/")  # both have the old page (Varnish: kept)
    # Watch both while the other process publishes: its own exit takes longer than a purge.
    seen_at: dict[str, tuple[float, float]] = {}

    def watch(name: str, port: int):
        deadline = time.time() + 60
        while time.time() < deadline:
            started = time.time()
            if marker.encode() in _get(port, "/")[2]:
                seen_at[name] = (started, time.time())
                return
            time.sleep(0.005)

    watchers = [threading.Thread(target=watch, args=pair)
                for pair in (("front end", FRONT), ("app server B", APP_B))]
    for watcher in watchers:
        watcher.start()
    done = subprocess.run([PYTHON, str(ROOT / "manage.py"), "shell", "-c",  # noqa: S603
                           PUBLISH.format(marker=marker)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    published = float(done.stdout.strip().splitlines()[-1])
    for watcher in watchers:
        watcher.join()
    return {name: (max(started - published, 0.0), max(arrived - published, 0.0))
            for name, (started, arrived) in seen_at.items()}


def _processes(pattern: str) -> list[int]:
    """The ids of this checkout's processes (run from its folder: another checkout's cluster
    or worker on the same machine is never touched) whose command line contains ``pattern``,
    oldest first, leaving out scripts/keep-running.sh, which starts them again (killing it
    would stop the whole cluster: honcho ends every process when one ends)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            started = (entry / "stat").read_text().split()[21]
            folder = os.readlink(entry / "cwd")
        except OSError:
            continue
        if folder != str(ROOT):
            continue
        if pattern in command and "keep-running" not in command:
            found.append((int(started), int(entry.name)))
    return [pid for _started, pid in sorted(found)]


def responses_under_failure(env: dict, people: int, seconds: float) -> dict:
    """4: ``people`` send responses through Varnish; app server A and the worker are killed
    a third of the way in. A person whose send fails sends the same form again (the form
    keeps their words and its idempotency key), as the page they are shown asks."""
    prepared = _consult(env, "prepare")
    before = _consult(env, "count")["stored"]
    accepted: set[str] = set()
    shown_errors = 0
    lost_words = 0
    statuses: dict[str, int] = {}  # what each failed send met, for the report
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def person(number: int):
        nonlocal shown_errors, lost_words
        conn = http.client.HTTPConnection("127.0.0.1", FRONT, timeout=30)
        conn.request("GET", prepared["url"])
        response = conn.getresponse()
        html = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        headers = {"Cookie": f"csrftoken={cookie.group(1)}",
                   "Content-Type": "application/x-www-form-urlencoded",
                   "Referer": f"http://127.0.0.1:{FRONT}{prepared['url']}"}
        sent = 0
        while time.monotonic() < stop:
            key = f"cluster-{os.getpid()}-{number}-{sent}"
            words = f"Two miles is too far for my son ({key})."
            sent += 1
            body = urllib.parse.urlencode({
                "csrfmiddlewaretoken": token.group(1), "respondent_type": "parent",
                prepared["agree"]: "Agree", prepared["free"]: words, "submission_key": key})
            for _attempt in range(5):
                try:
                    conn.request("POST", prepared["post"], body=body, headers=headers)
                    response = conn.getresponse()
                    page = response.read().decode(errors="replace")
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", FRONT, timeout=30)
                    with lock:
                        shown_errors += 1
                        statuses["no answer"] = statuses.get("no answer", 0) + 1
                    time.sleep(0.5)
                    continue
                if response.status == 302 or (response.status == 200 and "already" in page):
                    with lock:
                        accepted.add(key)
                    break
                with lock:
                    shown_errors += 1
                    statuses[str(response.status)] = statuses.get(str(response.status), 0) + 1
                    if words not in page:
                        lost_words += 1
                        (ROOT / "var" / "bench-lost-words.html").write_text(page)
                time.sleep(0.5)

    threads = [threading.Thread(target=person, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 3)
    killed = []
    for name, pattern in (("app server A", "gunicorn portal.wsgi --bind 127.0.0.1:8001"),
                          ("worker", "celery -A portal worker")):
        pids = _processes(pattern)
        if pids:
            os.kill(pids[0], signal.SIGKILL)  # the master: its children stop with it
            killed.append(name)
    for thread in threads:
        thread.join()
    stored = _consult(env, "count")["stored"] - before
    return {"people": people, "accepted": len(accepted), "stored": stored,
            "shown_errors": shown_errors, "lost_words": lost_words, "killed": killed,
            "statuses": statuses}


SUBSCRIBE = """
from django.utils import timezone
from notices.models import Subscriber, Subscription
Subscriber.objects.filter(email__startswith="cluster-bench-").delete()
# Confirmed now: they are told of what happens from here on, not of earlier events.
now = timezone.now()
made = Subscriber.objects.bulk_create([
    Subscriber(email=f"cluster-bench-{{i}}@example.org", language="en-gb",
               frequency="immediately", confirmed_at=now) for i in range({count})])
Subscription.objects.bulk_create([Subscription(subscriber=s, topic="everything") for s in made])
"""

CHANGE = """
import time
from portal.models import PolicyPage
policy = PolicyPage.objects.filter(locale__language_code="en-gb", slug="travel-assistance").first()
policy = policy.get_latest_revision_as_object()
policy.change_note = "Cluster bench {marker}."
# Subscribers are told only of a change they can read: the summary ends with the marker.
policy.in_short = policy.in_short.split(" (Cluster bench")[0] + " (Cluster bench {marker}.)"
policy.save_revision().publish()
print(time.time())
"""

COUNT_SENT = """
from charter.models import EvidenceEntry
from outbox.models import SentEmail
entry = EvidenceEntry.objects.filter(kind="version_published").order_by("-sequence").first()
print(SentEmail.objects.filter(kind="notice", object_id=entry.pk, sent_at__isnull=False).count())
"""

RESEND_AND_COUNT = """
import json, time
from django.utils import timezone
from charter.models import EvidenceEntry
from outbox import services as outbox
from outbox.models import SentEmail
from notices import tasks
entry = EvidenceEntry.objects.filter(kind="version_published").order_by("-sequence").first()
# Beat's next run comes ten minutes on, past the lease on what the killed worker had
# reserved: release those as that run would, rather than wait for it.
outbox.claims_release(kind="notice", about=entry, now=timezone.now() + outbox.CLAIM_LEASE)
tasks.send_notices.delay()  # what beat does every ten minutes
deadline = time.time() + 180
while time.time() < deadline:
    mine = SentEmail.objects.filter(kind="notice", object_id=entry.pk,
                                    recipient_key__startswith="subscriber:")
    sent = mine.filter(sent_at__isnull=False).count()
    # One message the killed worker handed over may stay unconfirmed: never sent again.
    if sent + mine.filter(sent_at__isnull=True, attempted_at__isnull=False).count() >= {count}:
        break
    time.sleep(0.5)
unconfirmed = mine.filter(sent_at__isnull=True, attempted_at__isnull=False).count()
print(json.dumps({{"recorded": sent, "unconfirmed": unconfirmed}}))
"""


def _manage_shell(env: dict, code: str) -> str:
    done = subprocess.run([PYTHON, str(ROOT / "manage.py"), "shell", "-c", code],  # noqa: S603
                          env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _notices_written(mail_dir: Path, before: dict, marker: str) -> dict[str, int]:
    """How many messages about the change named by ``marker`` the file mail backend wrote to
    each bench subscriber since ``before`` (path -> size). Messages about anything else (an
    earlier step's consultation) are not counted: they are other notices, not repeats."""
    received: dict[str, int] = {}
    for path in mail_dir.glob("*"):
        text = path.read_bytes()[before.get(path, 0):].decode(errors="replace")
        for message in text.split("-" * 79):
            if marker not in message:
                continue
            for address in re.findall(r"^To: (cluster-bench-\d+@example\.org)$", message, re.M):
                received[address] = received.get(address, 0) + 1
    return received


def notices_under_failure(env: dict, count: int) -> dict:
    """4b: ``count`` subscribers hear of a new version; the worker sending it is killed a
    moment in. The next run (beat's, every ten minutes; queued here at once) sends the rest.
    Every message the mail backend wrote is counted by its address: none twice."""
    mail_dir = ROOT / "var" / "sent-mail"
    before = {p: p.stat().st_size for p in mail_dir.glob("*")} if mail_dir.is_dir() else {}
    _manage_shell(env, SUBSCRIBE.format(count=count))
    marker = f"m{int(time.time())}"
    _manage_shell(env, CHANGE.format(marker=marker))
    # Kill the worker once the first notices have gone, so it dies mid-send, not before it.
    # A loaded machine can take a minute to start: wait up to three before killing anyway.
    started = time.time()
    while time.time() < started + 180 and not _notices_written(mail_dir, before, marker):
        time.sleep(0.1)
    waited = time.time() - started
    pids = _processes("celery -A portal worker")
    for pid in pids:  # the worker and its pool, mid-task
        os.kill(pid, signal.SIGKILL)
    killed = bool(pids)
    sent_before = int(_manage_shell(env, COUNT_SENT) or 0)
    time.sleep(3)  # scripts/keep-running.sh starts it again
    resent = json.loads(_manage_shell(env, RESEND_AND_COUNT.format(count=count)))
    recorded, unconfirmed = resent["recorded"], resent["unconfirmed"]
    received = _notices_written(mail_dir, before, marker)
    _manage_shell(env, 'from notices.models import Subscriber; '
                       'Subscriber.objects.filter(email__startswith="cluster-bench-").delete()')
    return {"subscribers": count, "killed": killed, "recorded": recorded,
            "before": sent_before, "waited": waited, "unconfirmed": unconfirmed,
            "received": len(received), "twice": sum(n - 1 for n in received.values())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--subscribers", type=int, default=1500)
    args = parser.parse_args()
    env = _cluster_env()
    try:
        _get(FRONT, "/")
    except OSError:
        sys.exit("Nothing answers on 127.0.0.1:8000: start the cluster first (make cluster).")

    print("1. Front-end cache ...", flush=True)
    front = front_end_share(args.seconds, args.clients)
    print("2. App server, page cache off ...", flush=True)
    uncached = uncached_share(env, args.seconds, args.clients)
    print("3. Publish to served ...", flush=True)
    served = publish_to_served(env)
    print(f"4. {args.people} people sending responses, app server A and the worker killed ...",
          flush=True)
    failure = responses_under_failure(env, args.people, max(args.seconds * 2, 20))
    print(f"4b. {args.subscribers:,} subscribers told of a change, the worker killed mid-send ...",
          flush=True)
    notices = notices_under_failure(env, args.subscribers)

    print()
    print(f"{os.cpu_count()} CPUs; Varnish, 2 gunicorn app servers x 2 sync workers, "
          f"PostgreSQL, Redis; {args.clients} keep-alive clients, {args.seconds:g} s a row")
    print(f"1. policy page from Varnish: {front['page']:,.0f} req/s; the same "
          f"{front['bytes']:,} bytes as a static file through Varnish: {front['static']:,.0f} "
          f"req/s; share {front['page'] / front['static']:.0%} (goal at least 50 %)")
    floor, page = uncached["floor"], uncached["page"]
    print(f"2. policy page, page cache off: {page['rps']:,.0f} req/s (p50 {page['p50']:.0f} ms); "
          f"do-nothing view {floor['rps']:,.0f} req/s; share, median of "
          f"{len(uncached['shares'])} alternating rounds: "
          f"{uncached['shares'][len(uncached['shares']) // 2]:.1%} (rounds "
          f"{uncached['shares'][0]:.1%} to {uncached['shares'][-1]:.1%}; goal at least 5 %)")
    print("3. publish to served (first request given the new version: began, answered): "
          + ", ".join(f"{name} {began:.2f} s, {answered:.2f} s"
                      for name, (began, answered) in sorted(served.items()))
          + (" (0.00: already served when the publishing process returned)"
             if served and not any(began for began, _ in served.values()) else "")
          + (" (goal under 1 s)" if len(served) == 2 else " NOT SEEN within 30 s"))
    print(f"4. {failure['people']} people, killed: {', '.join(failure['killed']) or 'nothing'}; "
          f"{failure['accepted']} responses accepted, {failure['stored']} stored "
          f"({'each once' if failure['accepted'] == failure['stored'] else 'MISMATCH'}); "
          f"{failure['shown_errors']} failed sends retried "
          f"({', '.join(f'{n} {k}' for k, n in sorted(failure['statuses'].items())) or 'none'}), "
          f"{failure['lost_words']} error pages without the typed words")
    print(f"4b. {notices['subscribers']:,} subscribers, worker "
          f"{'killed' if notices['killed'] else 'NOT killed'} after {notices['before']:,} "
          f"had gone ({notices['waited']:.0f} s after the change; "
          f"{'mid-send' if notices['before'] else 'NOT mid-send: none had gone'}): "
          f"{notices['received']:,} received a notice, {notices['twice']} twice; "
          f"{notices['recorded']:,} recorded as sent; {notices['unconfirmed']} in the mail "
          f"server's hands when the worker died, not sent again (at most once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
