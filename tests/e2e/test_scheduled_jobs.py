"""An officer on a 320 px phone reads Reports > Scheduled jobs: every job in plain words, one
that beat ran and how it went; the page never scrolls sideways and axe finds nothing."""

import datetime as dt
import os
import subprocess
import sys

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, SERVER, demo_moment, sign_in_to_admin

PHONE = {"width": 320, "height": 640}
WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"

#: What celery beat does on start (the schedule copied into its tables), then one due job
#: run as beat runs it with no broker: in-process, its result kept.
START_BEAT_AND_RUN_ONE = """
from portal.celery import app
from portal.schedulers import RecordedRunsScheduler
app.loader.import_default_modules()
scheduler = RecordedRunsScheduler(app=app)
scheduler.apply_async(scheduler.schedule["Check consultation windows against the school calendars"])
scheduler.sync()
"""


def _beat_started_an_hour_ago() -> None:
    """Run ``START_BEAT_AND_RUN_ONE`` against the running portal's database, an hour before
    the moment its clock shows."""
    env = {**os.environ, "PORTAL_VAR_DIR": SERVER["var"],
           "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env.pop("DATABASE_URL", None)
    moment = (demo_moment() - dt.timedelta(hours=1)).isoformat()
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tests" / "e2e" / "clocked.py"), moment, "shell",
         "--no-imports", "-c", START_BEAT_AND_RUN_ONE],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True)


def test_an_officer_reads_the_scheduled_jobs_on_a_phone(browser, portal_url, axe_violations):
    _beat_started_an_hour_ago()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in_to_admin(page, portal_url)

    page.goto(portal_url + "/admin/scheduled-jobs/")
    expect(page.get_by_role("heading", name="Scheduled jobs", level=1)).to_be_visible()
    check = page.locator("section").filter(has=page.get_by_role(
        "heading", name="Consultation dates checked against school calendars"))
    expect(check).to_contain_text("Every day at 02:00")
    expect(check).to_contain_text(": succeeded")
    expect(page.locator("section").filter(has=page.get_by_role(
        "heading", name="E-mails to subscribers"))).to_contain_text("Every 10 minutes")
    expect(page.get_by_text("The scheduler has not started yet")).to_have_count(0)
    width, inner = page.evaluate(WIDTHS)
    assert width <= inner, f"the page scrolls sideways: {width} px wide at {inner} px"
    assert axe_violations(page) == []
    context.close()


#: A notice the mail server never answered (handed over two hours before the portal's
#: clock), with the long Message-ID such messages carry.
UNCONFIRMED_NOTICE = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from outbox.models import SentEmail
about = get_user_model().objects.order_by("pk").first()
row, _ = SentEmail.objects.get_or_create(
    kind="greeting", content_type=ContentType.objects.get_for_model(about),
    object_id=about.pk, recipient_key="person:e2e",
    defaults={"message_id": "<176450912345.4242.1234567890123456789@travel.example.gov.uk>"})
SentEmail.objects.filter(pk=row.pk).update(attempted_at=timezone.now() - dt.timedelta(hours=2))
"""


def test_an_officer_reads_the_e_mails_never_confirmed_on_a_phone(browser, portal_url,
                                                                 axe_violations):
    env = {**os.environ, "PORTAL_VAR_DIR": SERVER["var"],
           "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env.pop("DATABASE_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tests" / "e2e" / "clocked.py"), demo_moment().isoformat(),
         "shell", "--no-imports", "-c", UNCONFIRMED_NOTICE],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in_to_admin(page, portal_url)
    page.goto(portal_url + "/admin/scheduled-jobs/")
    page.locator("#unconfirmed-link a").click()
    expect(page.get_by_role("heading", name="E-mails never confirmed", level=1)).to_be_visible()
    mine = page.locator("section").filter(has_text="person:e2e")
    expect(mine).to_be_visible()
    # Sent without the tick: the words typed stay, with the message beside the box.
    mine.get_by_label("Why it can be sent again").fill("Not in the relay's log.")
    mine.get_by_role("button", name="Send it again").click()
    mine = page.locator("section").filter(has_text="person:e2e")
    expect(mine.get_by_text("Confirm that you checked the mail server's log")).to_be_visible()
    expect(mine.get_by_label("Why it can be sent again")).to_have_value(
        "Not in the relay's log.")
    width, inner = page.evaluate(WIDTHS)
    assert width <= inner, f"the page scrolls sideways: {width} px wide at {inner} px"
    assert axe_violations(page) == []
    context.close()
