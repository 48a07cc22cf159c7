"""A survey's "What people told us" in a real browser: an officer sends the comments' themes
to the forum and a representative agrees them; the officer writes the draft from the themes
and sends it; the representative, on a phone, agrees it; then a parent on a phone reads it
on the published results, in English and in Polish. Every page visited passes axe."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import manage_shell, sign_in

YEAR = 2025
# The demo's 2025 survey: its written comments' frame (made here if the demo has none),
# with a theme, and its comments coded by the demo officer (unless some already are).
SURVEY_FRAME = f"""
from django.contrib.auth import get_user_model
from django.utils import timezone
from analysis import services
from analysis.models import Coding, Theme
from surveys.models import SurveyComment, SurveyPage
survey = SurveyPage.objects.get(locale__language_code="en-gb", year={YEAR})
officer = get_user_model().objects.get(username="officer")
comments = SurveyComment.objects.filter(survey=survey).exclude(text="")
question = comments.values_list("question_id", flat=True).first()
frame = services.survey_frame_start(survey=survey, question_id=str(question), user=officer)
if not frame.themes.exists():
    Theme.objects.create(frame=frame, code="late", name="Late or missed transport")
theme = frame.themes.first()
if not Coding.objects.filter(theme__frame=frame, removed_at__isnull=True).exists():
    Coding.objects.bulk_create([
        Coding(comment=c, question_id=frame.question_id, theme=theme, coded_by=officer,
               coded_at=timezone.now()) for c in comments.filter(question_id=question)])
print(frame.pk, survey.pk, frame.status)
"""
AGREED_IN_DEMO = (
    "from analysis.models import WriteUp; "
    "print(WriteUp.objects.filter(survey_id={}, status='agreed').exists())")
WRITE_UP_STATUS = (
    "from analysis.models import WriteUp; "
    "print(WriteUp.objects.get(survey_id={}).status)")
FINDING_WORDS = (
    "from analysis.models import Finding; "
    "print(Finding.objects.filter(write_up__survey_id={}).first().text.splitlines()[0])")


def _fits(page) -> bool:
    width, view = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]")
    return width <= view


def test_an_officer_sends_the_survey_write_up_and_a_rep_on_a_phone_agrees_it(
        browser, portal_url, axe_violations):
    frame_id, survey_id, status = manage_shell(SURVEY_FRAME).split()
    officer_context, officer = sign_in(browser, portal_url, "officer")
    rep_context, rep = sign_in(browser, portal_url, "forumrep", width=390)
    analysis = f"/forum/analysis/surveys/{survey_id}/"

    if status == "draft":
        officer.goto(f"{portal_url}/forum/analysis/frames/{frame_id}/")
        officer.get_by_role("button", name="Send the themes to the forum").click()
        expect(officer.get_by_text("The frame is with the forum now.")).to_be_visible()
        status = "with_forum"
    if status == "with_forum":
        rep.goto(f"{portal_url}/forum/analysis/frames/{frame_id}/")
        rep.get_by_role("button", name="Agree the themes").click()
        expect(rep.get_by_text("You agreed the frame.")).to_be_visible()

    # The demo publishes this year's results with "What people told us" agreed with the
    # forum (results with a frame wait for it): an agreed write-up is never taken back, so
    # the officer sends it back to the forum for a new round to write it again.
    agreed_before = manage_shell(AGREED_IN_DEMO.format(survey_id)) == "True"
    if agreed_before:
        officer.goto(portal_url + analysis)
        officer.get_by_role("button", name=re.compile("Send it back to the forum")).click()
        expect(officer.get_by_text("A new round has started")).to_be_visible()

    # Before the forum agrees, the published results say nothing of the new draft: they keep
    # the version the forum agreed, if there is one.
    parent_context = browser.new_context(viewport={"width": 320, "height": 640})
    parent = parent_context.new_page()
    parent.goto(f"{portal_url}/surveys/{YEAR}/results/")
    expect(parent.get_by_role("heading", name="Headline figures")).to_be_visible()
    expect(parent.locator("#told-us")).to_have_count(1 if agreed_before else 0)

    # The officer writes the draft from the confirmed themes and sends it with the analysis.
    officer.goto(portal_url + analysis)
    expect(officer.get_by_role("heading", name="What people told us")).to_be_visible()
    assert axe_violations(officer) == []
    replace = officer.get_by_label("Replace my words with a new draft from the themes")
    if replace.count():
        replace.check()
    officer.get_by_role("button", name=re.compile("Write (a|the) draft")).click()
    expect(officer.get_by_text(re.compile("The draft is written (again )?from the confirmed "
                                          "themes"))).to_be_visible()
    assert axe_violations(officer) == []
    officer.get_by_role("button", name="Send the analysis to the forum").click()
    expect(officer.get_by_text("The analysis and the draft are with the forum now.")
           ).to_be_visible()
    assert manage_shell(WRITE_UP_STATUS.format(survey_id)) == "with_forum"
    parent.reload()
    expect(parent.locator("#told-us")).to_have_count(1 if agreed_before else 0)

    # The representative, on a phone, finds it in the forum area and agrees it.
    rep.goto(portal_url + "/forum/analysis/")
    assert axe_violations(rep) == []
    rep.get_by_role("link", name=re.compile(f"survey {YEAR}")).last.click()
    expect(rep).to_have_url(re.compile(re.escape(analysis) + "$"))
    expect(rep.get_by_role("heading", name="What people told us")).to_be_visible()
    assert axe_violations(rep) == []
    assert _fits(rep)
    rep.get_by_role("button", name="Agree the analysis").click()
    expect(rep.get_by_text("You agreed the analysis. The council may publish the results.")
           ).to_be_visible()
    assert axe_violations(rep) == []
    assert manage_shell(WRITE_UP_STATUS.format(survey_id)) == "agreed"

    # A parent on a phone reads it on the published results, each finding linked to its count.
    finding = manage_shell(FINDING_WORDS.format(survey_id))
    parent.reload()
    section = parent.locator("#told-us")
    expect(section.get_by_role("heading", name="What people told us")).to_be_visible()
    expect(section.get_by_text(finding).first).to_be_visible()
    section.locator("a[href^='#told-us-theme-']").first.click()
    expect(parent).to_have_url(re.compile(r"#told-us-theme-\d+$"))
    assert axe_violations(parent) == []
    assert _fits(parent)
    parent.goto(f"{portal_url}/pl/surveys/{YEAR}/results/")
    section = parent.locator("#told-us")
    expect(section.get_by_role("heading", name=re.compile("Co ludzie nam powiedzieli"))
           ).to_be_visible()
    expect(section.get_by_text("(po angielsku)")).to_be_visible()
    assert axe_violations(parent) == []
    for context in (officer_context, rep_context, parent_context):
        context.close()
