"""Browser tests: real Chromium (Debian's) against the portal served by a real server.

The server runs in its own process on a throwaway SQLite database loaded with the
demo content, exactly as `make run` builds it, so the tests see what a parent sees. Its
clock starts on the next day the demo consultation is open (`demo_moment`), so the tests
behave the same on a Sunday, in the Christmas holidays or on any other day.
"""

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from consultations.demo import first_open_day
from tests import sqlite_template

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
# The running portal's data folder, for tests that must set up data the demo lacks.
SERVER: dict[str, str] = {}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# How long a click, a page load or an expectation may wait, in milliseconds. Playwright's own
# defaults (30 s, 30 s, 5 s) were met on a slow or busy machine by pages a person would have
# seen open (CI once took a page 30 s to load behind a single-threaded server doing other
# work): a test fails for what a user would see, never for the machine's speed. A real
# failure only waits longer before it is reported.
ACTION_MS, NAVIGATION_MS, EXPECT_MS = 90_000, 120_000, 30_000
expect.set_options(timeout=EXPECT_MS)


def _patient(context):
    context.set_default_timeout(ACTION_MS)
    context.set_default_navigation_timeout(NAVIGATION_MS)
    return context


def _patient_browser(browser_class) -> None:
    """Every browser context the tests open (pytest-playwright's ``page`` and ``context``,
    and the tests' own ``browser.new_context()`` and ``browser.new_page()``) waits
    ``ACTION_MS`` and ``NAVIGATION_MS``."""
    new_context, new_page = browser_class.new_context, browser_class.new_page

    def patient_context(self, *args, **kwargs):
        return _patient(new_context(self, *args, **kwargs))

    def patient_page(self, *args, **kwargs):
        page = new_page(self, *args, **kwargs)
        _patient(page.context)
        return page

    browser_class.new_context, browser_class.new_page = patient_context, patient_page


_patient_browser(Browser)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demo_moment() -> dt.datetime:
    """10:00 London time on the next day on which the demo consultation is open.

    Always after today, so cookies the server sets are not already expired for the browser.
    """
    day = first_open_day(timezone.localdate())
    return dt.datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(scope="session")
def portal_url():
    var = tempfile.mkdtemp(prefix="portal-e2e-")
    SERVER["var"] = var
    env = {**os.environ, "PORTAL_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
           "PORTAL_DEMO": "1"}
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "tests" / "e2e" / "clocked.py"),
              demo_moment().isoformat()]
    # A copy of the migrated file the other tests use (tests/sqlite_template.py); migrate then
    # only checks that nothing is left to apply.
    shutil.copyfile(sqlite_template.template(), Path(var) / "portal.sqlite3")
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run([*manage, "load_demo_content"], env=env, check=True, cwd=ROOT,  # noqa: S603
                   stdout=subprocess.DEVNULL)
    port = _free_port()
    # Passkeys work on http://localhost (browsers refuse an address as their relying party;
    # see accounts.rules.relying_party): tests/e2e/test_two_factor.py opens the site there.
    env["PORTAL_PASSKEY_ORIGINS"] = f"http://localhost:{port}"
    log = Path(var) / "server.log"
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310
            break
        except OSError as error:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the portal did not start: " + log.read_text()) from error
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


def manage_shell(code: str) -> str:
    """Run ``code`` with ``manage.py shell`` against the running portal's database (its
    data folder, ``SERVER["var"]``) and return what it printed, stripped."""
    env = {**os.environ, "PORTAL_VAR_DIR": SERVER["var"],
           "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", code],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def sign_in_to_admin(page, portal_url: str, username: str = "officer",
                     password: str = "demo-officer-2026") -> None:  # noqa: S107 (the README's demo account)
    """Sign ``page`` in through Wagtail's login form as a demo account (README's table), and
    wait for the admin's dashboard; Playwright's TimeoutError if the login is refused."""
    page.goto(portal_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(portal_url + "/admin/")


def sign_in(browser, portal_url: str, username: str, width: int = 1280):
    """A new browser context at ``width`` CSS px, signed in through the public sign-in page
    as the demo account ``username`` (password ``demo-<username>-2026``, README's table).
    Returns ``(context, page)``; the caller closes the context."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in_on(page, portal_url, username)
    return context, page


def sign_in_on(page, portal_url: str, username: str) -> None:
    """Sign ``page`` in through the public sign-in page as the demo account ``username``
    (password ``demo-<username>-2026``, README's table), and wait for the page the form
    leads to: a test that moves on at once can abandon the answer that carries the session
    cookie on a slow machine."""
    page.goto(portal_url + "/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"demo-{username}-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def tab_to(page, check: str, limit: int) -> None:
    """Press Tab (at most ``limit`` times) until the focused element passes ``check``, a
    JavaScript predicate on ``el``; AssertionError if it never does."""
    script = f"() => {{ const el = document.activeElement; return !!el && ({check}); }}"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script):
            return
    raise AssertionError(f"Tab never reached an element where {check}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture
def axe_violations():
    """Run axe-core on the page and return its WCAG 2.2 A/AA violations (or those of the
    axe ``tags`` given, such as ``["best-practice"]``), each "<rule id> (<impact>): …"."""

    def run(page, tags=AXE_TAGS):
        # Through the DevTools protocol, not a <script> tag: the pages' Content-Security-Policy
        # refuses inline scripts, and the browser does not apply it to DevTools.
        cdp = page.context.new_cdp_session(page)
        cdp.send("Runtime.evaluate", {"expression": AXE.read_text()})
        cdp.detach()
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
        )
        assert len(result["passes"]) > 10, "axe-core did not check the page"
        return [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                        for n in v["nodes"][:5])
            for v in result["violations"]
        ]

    return run
