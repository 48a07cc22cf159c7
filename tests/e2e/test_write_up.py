"""The analysis page in a real browser on a phone (320 px): an officer reads the counts with
their intervals, the small numbers hidden, and the quotes; a forum representative reads the
analysis sent to the forum and agrees it. No axe violations, nothing wider than the screen
but the table, which scrolls in its own box."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import manage_shell

SETUP = """
from django.utils import timezone
from analysis import demo, writeup_services
from analysis.models import Coding, CodingFrame, QuoteConsent, Theme
from consultations.models import ConsultationPage, ConsultationResponse
from django.contrib.auth import get_user_model
User = get_user_model()
officer, rep = User.objects.get(username="officer"), User.objects.get(username="forumrep")
from wagtail.models import Locale
page = ConsultationPage.objects.get(slug="walking-distances-under-8", locale=Locale.get_default())
question = next(b.id for b in page.questions if b.block_type == "free_text")
frame, made = CodingFrame.objects.get_or_create(consultation=page, question_id=question)
if made:
    Theme.objects.bulk_create([Theme(frame=frame, code=t.code, name=t.name,
                                     description=t.description, sort_order=i)
                               for i, t in enumerate(demo.frame())])
    themes = dict(frame.themes.values_list("code", "pk"))
    now = timezone.now()
    answers = demo.answers()[:120]
    responses = ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=page, respondent_type=a.respondent_type,
                             channel=a.channel, reference=f"E2E{n:05d}",
                             answers={question: a.text}) for n, a in enumerate(answers)])
    Coding.objects.bulk_create([Coding(response=r, question_id=question, theme_id=themes[c],
                                       coded_by=officer, coded_at=now)
                                for r, a in zip(responses, answers) for c in a.themes])
    QuoteConsent.objects.bulk_create([QuoteConsent(response=r, how="demo", recorded_by=officer,
                                                   recorded_at=now)
                                      for r, a in zip(responses, answers) if a.quote_consent])
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=rep)
print(page.pk)
"""


def _sign_in(context, portal_url, username):
    """Officers sign in at the admin's sign-in page, the forum at /sign-in/; wait until the
    sign-in has landed before going on."""
    page = context.new_page()
    start = "/admin/login/" if username == "officer" else "/sign-in/"
    page.goto(portal_url + start)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"demo-{username}-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: start not in url)
    return page


def _fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


@pytest.mark.e2e
def test_the_analysis_page_on_a_phone(browser, portal_url, axe_violations):
    consultation = manage_shell(SETUP).splitlines()[-1]
    phone = browser.new_context(viewport={"width": 320, "height": 640})
    # A busy machine serves the demo slowly (one process, no threads): wait longer.
    phone.set_default_navigation_timeout(120_000)
    phone.set_default_timeout(60_000)
    officer = _sign_in(phone, portal_url, "officer")
    officer.goto(f"{portal_url}/forum/analysis/consultations/{consultation}/")
    expect(officer.get_by_role("heading", level=1)).to_have_text(
        "Walking distances for children under 8")
    table = officer.get_by_role("region", name="How many people raised each theme")
    expect(table).to_be_visible()
    expect(table).to_contain_text("fewer than 10")
    expect(table).to_contain_text("% (")
    assert axe_violations(officer) == []
    _fits(officer)
    officer.get_by_role("button", name="Write a draft from the themes").click()
    expect(officer.get_by_label("Introduction")).to_be_visible()
    officer.get_by_role("button", name="Send the analysis to the forum").click()
    expect(officer.get_by_text("with the forum now")).to_be_visible()
    officer.close()

    rep = _sign_in(phone, portal_url, "forumrep")
    rep.goto(f"{portal_url}/forum/analysis/consultations/{consultation}/")
    expect(rep.get_by_role("heading", name="What people told us")).to_be_visible()
    assert axe_violations(rep) == []
    _fits(rep)
    rep.get_by_role("button", name="Agree the analysis").click()
    expect(rep.get_by_text("You agreed the analysis")).to_be_visible()
    phone.close()
