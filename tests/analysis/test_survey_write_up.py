"""A survey's comments get their "What people told us" as a consultation's answers do: written
from the confirmed themes by the same rules and the same generator, edited by officers, sent
to the forum, commented on and agreed on the same screens, logged the same way; the survey's
public results show it only once the forum agreed it, on every route that publishes them,
in every language."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Revision, Workflow

from analysis import services, writeup, writeup_selectors, writeup_services
from analysis.models import Coding, SuggestedCode, Theme, WriteUp
from analysis.writeup_selectors import last_sent
from charter import services as charter_services
from charter.coproduction import PublishRefused, coproduction_workflow
from charter.governance import Period
from charter.models import EvidenceEntry, ForumReviewTaskState
from charter.selectors import board_pack
from surveys.models import SurveyComment, SurveyPage, SurveyResponse
from tests.portal.test_no_unmarked_english import marked_english_wrongly, unmarked_english
from tests.surveys.conftest import make_survey, question_ids, survey_index  # noqa: F401
from tests.surveys.test_results import MAX_QUERIES

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
QUESTION = "One thing to improve"
LATE = "The driver is always late in the morning, number {n}."
KIND = "Lovely escort, very kind to my daughter ({n})."
WAITING = "Please tell us sooner when the route changes ({n})."
INTRO = "What families told us about travel this year, in our words."
FINDING = "Twenty of the families who wrote said the transport came late."
REFUSED = "the forum has not agreed"


def _comments(page) -> list[SurveyComment]:
    """30 people's comments: 20 on late transport (12 parents, 8 schools), 4 on kind staff,
    6 asking to be told sooner (coded by nobody: only suggested). Even ones are approved for
    the public; odd ones wait for moderation, so they are never quoted."""
    question = question_ids(page)[QUESTION]
    made = []
    for n in range(30):
        response = SurveyResponse.objects.create(
            survey=page, audience="schools" if 12 <= n < 20 else "parents",
            submitted_on=page.opens.date())
        text = (LATE if n < 20 else KIND if n < 24 else WAITING).format(n=n)
        made.append(SurveyComment.objects.create(
            response=response, survey=page, question_id=question, text=text, language="en",
            moderation=SurveyComment.Moderation.APPROVED if n % 2 == 0
            else SurveyComment.Moderation.PENDING))
    return made


def _coded_frame(page, officer, comments):
    """The frame of the survey's written question, three themes, the first 24 comments coded
    by a person, the last 6 only suggested."""
    frame = services.survey_frame_start(survey=page, question_id=str(
        question_ids(page)[QUESTION]), user=officer)
    late, kind, sooner = Theme.objects.bulk_create([
        Theme(frame=frame, code="late", name="Late transport", sort_order=0),
        Theme(frame=frame, code="kind", name="Kind staff", sort_order=1),
        Theme(frame=frame, code="sooner", name="Tell us sooner", sort_order=2)])
    now = timezone.now()
    Coding.objects.bulk_create(
        [Coding(comment=c, question_id=frame.question_id, theme=late, coded_by=officer,
                coded_at=now) for c in comments[:20]]
        + [Coding(comment=c, question_id=frame.question_id, theme=kind, coded_by=officer,
                  coded_at=now) for c in comments[20:24]])
    SuggestedCode.objects.bulk_create([
        SuggestedCode(comment=c, question_id=frame.question_id, theme=sooner, confidence=0.97,
                      method="tfidf") for c in comments[24:]])
    return frame


def _closed(index, *, results_published: bool) -> SurveyPage:
    return make_survey(index, year=2025, slug="2025", opens_in_days=-90, closes_in_days=-30,
                       results_published=results_published)


@pytest.fixture
def published(survey_index):  # noqa: F811 - the survey index fixture
    """Last year's survey, its results published before anyone coded its comments."""
    return _closed(survey_index, results_published=True)


@pytest.fixture
def comments(published):
    return _comments(published)


@pytest.fixture
def frame(published, officer, comments):
    return _coded_frame(published, officer, comments)


@pytest.fixture
def agreed_frame(frame, officer, forum_rep):
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    return frame


def _generate(page, officer) -> WriteUp:
    return writeup_services.write_up_generate(survey=page, user=officer)


def _send_and_agree(write_up, officer, forum_rep) -> WriteUp:
    writeup_services.write_up_send(write_up=write_up, user=officer)
    return writeup_services.write_up_agree(write_up=write_up, user=forum_rep)


def _page_url(page) -> str:
    return reverse("analysis_survey_page", args=[page.pk])


def _url(page, step: str) -> str:
    return reverse(f"analysis_survey_write_up_{step}", args=[page.pk])


# --- written by the consultation's rules -----------------------------------------------------


def test_the_draft_is_written_from_the_confirmed_themes_by_the_consultations_rules(
        published, agreed_frame, comments, officer):
    write_up = _generate(published, officer)
    result = writeup_selectors.frame_analysis(agreed_frame, quotes=2)
    # The one generator: the same draft the consultation's write-up is made with.
    intro, drafted = writeup.draft([
        writeup.ThemeSummary(code=str(v.theme.pk), name=v.theme.name, count=v.total.count,
                             base=result.table.base.count, under_minimum=v.total.primary,
                             quotes=[q.text for q in v.quotes]) for v in result.themes],
        base=result.table.base.count, minimum=result.table.minimum, answered=30)
    assert write_up.text == f"{result.question}\n{intro}"
    findings = list(write_up.findings.select_related("theme"))
    assert [(f.theme_id, f.text) for f in findings] == [(int(d.theme), d.text)
                                                        for d in drafted]
    by_theme = {f.theme.code: f.text for f in findings}
    # 24 people's comments were coded: 20 raised late transport; 4 (under 10) kind staff.
    # 30 wrote one: the draft says so (h15z F2).
    assert "30 people wrote an answer. 24 of them have been coded so far" in write_up.text
    assert by_theme["late"].startswith("Late transport: 20 of 24 people (83 %).")
    assert by_theme["kind"].startswith("Kind staff: held back. We give no number under 10")
    assert "4" not in by_theme["kind"].splitlines()[0]
    # Suggested codes count for nothing: nobody confirmed "Tell us sooner".
    assert "sooner" not in by_theme
    # Quotes only in the words approved for the public: a comment waiting is never quoted.
    quoted = " ".join(by_theme.values())
    assert "“" in quoted
    for comment in comments[1::2]:
        assert comment.text not in quoted
    # The counts it was written from are kept with it, small numbers already hidden.
    assert write_up.counts == [writeup_selectors.frame_counts(result)]
    [table] = write_up.counts
    counted = {t["name"]: t for t in table["themes"]}
    assert table["base"] == 24
    assert (counted["Late transport"]["count"], counted["Late transport"]["percent"]) == (20, 83)
    assert counted["Kind staff"] | {"count": None, "under_minimum": True} == counted["Kind staff"]
    assert counted["Tell us sooner"]["count"] == 0


def test_a_draft_waits_for_the_forum_to_agree_the_themes(published, frame, officer):
    with pytest.raises(ValidationError, match="agreed with the forum"):
        _generate(published, officer)


def test_a_survey_without_a_frame_has_nothing_to_write(published, officer):
    with pytest.raises(ValidationError, match="no coding frame for this survey"):
        _generate(published, officer)


def test_a_write_up_is_of_a_consultation_or_a_survey_never_both(published, consultation,
                                                                officer):
    WriteUp.objects.create(survey=published)
    with pytest.raises(IntegrityError), transaction.atomic():
        WriteUp.objects.create(survey=published, consultation=consultation)
    with pytest.raises(IntegrityError), transaction.atomic():
        WriteUp.objects.create()
    with pytest.raises(TypeError):
        writeup_services.write_up_generate(user=officer, survey=published,
                                           consultation=consultation)


def test_only_officers_write_and_only_the_forum_agrees(published, agreed_frame, officer,
                                                       forum_rep):
    with pytest.raises(PermissionDenied):
        _generate(published, forum_rep)
    write_up = _generate(published, officer)
    with pytest.raises(PermissionDenied):
        writeup_services.write_up_send(write_up=write_up, user=forum_rep)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    with pytest.raises(PermissionDenied):
        writeup_services.write_up_agree(write_up=write_up, user=officer)
    with pytest.raises(ValidationError, match="Take the write-up back"):
        _generate(published, officer)


# --- the same screens, by role ---------------------------------------------------------------


@pytest.mark.parametrize("role,draft_status,sent_status", [
    ("anonymous", 302, 302), ("parent", 403, 403), ("board_member", 403, 403),
    ("forum_rep", 404, 200), ("officer", 200, 200)])
def test_who_sees_the_survey_analysis(client, login_as, published, agreed_frame, officer,
                                      role, draft_status, sent_status):
    write_up = _generate(published, officer)
    login_as(role)
    assert client.get(_page_url(published)).status_code == draft_status
    writeup_services.write_up_send(write_up=write_up, user=officer)
    assert client.get(_page_url(published)).status_code == sent_status


def test_the_officer_edits_and_sends_and_the_forum_agrees_on_the_same_screens(
        client, published, agreed_frame, officer, forum_rep, comments):
    client.force_login(officer)
    page = client.get(_page_url(published)).content.decode()
    assert "Write a draft from the themes" in page
    assert "Consent to be quoted" not in page  # a survey quotes approved words only
    assert client.post(_url(published, "generate")).status_code == 302
    write_up = WriteUp.objects.get(survey=published)
    late, kind = list(write_up.findings.select_related("theme"))
    sent = client.post(_url(published, "edit"), {
        "writeup-text": INTRO, f"writeup-finding_{late.pk}": FINDING,
        f"writeup-finding_{kind.pk}": ""})
    assert sent.status_code == 302 and sent["Location"] == _page_url(published)
    assert [f.text for f in write_up.findings.all()] == [FINDING]
    client.post(_url(published, "send"))
    write_up.refresh_from_db()
    assert write_up.status == WriteUp.Status.WITH_FORUM

    client.force_login(forum_rep)
    home = client.get(reverse("analysis_home")).content.decode()
    assert f'href="{_page_url(published)}"' in home
    page = client.get(_page_url(published)).content.decode()
    assert FINDING in page and INTRO in page and "Agree the analysis" in page
    assert client.post(_url(published, "edit"), {"writeup-text": "Mine"}).status_code == 403
    assert client.post(_url(published, "take_back")).status_code == 403
    mistake = client.post(_url(published, "comment"), {"comment-text": ""})
    assert mistake.status_code == 400
    client.post(_url(published, "comment"), {"comment-text": "Say which routes were late."})
    agreed = client.post(_url(published, "agree"), {"sent": last_sent(write_up)},
                         follow=True).content.decode()
    assert "You agreed the analysis. The council may publish the results." in agreed
    write_up.refresh_from_db()
    assert write_up.status == WriteUp.Status.AGREED
    assert write_up.comments.get().text == "Say which routes were late."


def test_the_forum_asks_for_changes_and_the_officer_sends_it_again(
        client, published, agreed_frame, officer, forum_rep):
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    writeup_services.write_up_comment(write_up=write_up, user=forum_rep,
                                      text="Please say which routes.")
    client.force_login(officer)
    client.post(_url(published, "take_back"))
    write_up.refresh_from_db()
    assert write_up.status == WriteUp.Status.DRAFT
    client.post(_url(published, "edit"), {"writeup-text": "Routes 4 and 7 were late."})
    client.post(_url(published, "send"))
    writeup_services.write_up_agree(write_up=write_up, user=forum_rep)
    write_up.refresh_from_db()
    assert write_up.text == "Routes 4 and 7 were late."
    assert [s.action for s in write_up.review_steps.all()] == [
        "sent", "taken_back", "sent", "agreed"]


def test_a_form_sent_after_signing_out_comes_back(client, published, agreed_frame, officer):
    _generate(published, officer)
    sent = client.post(_url(published, "edit"), {"writeup-text": "Words I typed"})
    assert sent.status_code == 302 and "sign-in" in sent["Location"]
    client.force_login(officer)
    page = client.get(_page_url(published)).content.decode()
    assert "Words I typed" in page and "You were signed out" in page


# --- the evidence log ------------------------------------------------------------------------


def test_sending_and_agreeing_are_logged_as_a_consultations_are(
        published, agreed_frame, officer, forum_rep, comments):
    write_up = _generate(published, officer)
    _send_and_agree(write_up, officer, forum_rep)
    entries = list(EvidenceEntry.objects.filter(kind__in=["analysis_sent", "analysis_agreed"])
                   .order_by("sequence"))
    assert [e.kind for e in entries] == ["analysis_sent", "analysis_agreed"]
    for entry in entries:
        assert entry.subject == f"page:{published.pk}" and entry.page_id == published.pk
        payload = json.loads(entry.payload_json)
        assert payload["survey"] == published.pk and "consultation" not in payload
        # The words are kept beside the log (their hash in it), see test_write_up_public_log.
        assert set(payload["text"]) == {"text_sha256"}
        assert [f["theme"] for f in payload["findings"]] == [
            Theme.objects.get(frame=agreed_frame, code=c).pk for c in ("late", "kind")]
        # The table the public is given is beside the entry too, never in the payload.
        assert "counts" not in payload or set(payload["counts"]) == {"text_sha256"}
        if entry.kind == "analysis_agreed":
            assert json.loads(entry.texts.get(field="counts").text) == write_up.counts
        for comment in comments[1::2]:  # a comment not approved for the public is not logged
            assert comment.text not in entry.payload_json
    today = timezone.localdate()
    pack = board_pack(Period(None, today), today)
    events = {e["entry"].kind: e for e in pack["consultation_events"]}
    assert events["analysis_agreed"]["title"] == published.title
    assert events["analysis_agreed"]["what"] == "Analysis and write-up agreed by the forum"


# --- the public results ----------------------------------------------------------------------


def _results(client, page) -> str:
    response = client.get(page.url + "results/")
    assert response.status_code == 200
    return response.content.decode()


def _told_us(html: str) -> str:
    """The "What people told us" section of a results page ('' when it has none)."""
    found = re.search(r'<section class="portal-section" id="told-us".*?</section>', html,
                      re.DOTALL)
    return found.group(0) if found else ""


@pytest.mark.parametrize("role", ROLES)
def test_the_results_show_the_write_up_only_once_the_forum_agreed_it(
        client, settings, login_as, published, agreed_frame, officer, forum_rep, role):
    settings.PORTAL_PAGE_CACHE = False  # the cache's own test is below
    write_up = _generate(published, officer)
    writeup_services.write_up_edit(write_up=write_up, user=officer, text=INTRO, findings={})
    login_as(role)
    assert INTRO not in _results(client, published)  # a draft
    writeup_services.write_up_send(write_up=write_up, user=officer)
    html = _results(client, published)
    assert INTRO not in html and not _told_us(html)  # with the forum
    writeup_services.write_up_agree(write_up=write_up, user=forum_rep)
    section = _told_us(_results(client, published))
    assert INTRO in section
    late = write_up.findings.select_related("theme").get(theme__code="late")
    # Each finding links to its theme's row of the counts it was written from.
    anchor = f"told-us-theme-{late.theme_id}"
    assert f'href="#{anchor}"' in section and f'id="{anchor}"' in section
    assert late.text.splitlines()[0] in section
    assert "<bdi>20</bdi>" in section and "83&nbsp;%" in section
    assert "held back" in section  # "Kind staff", under 10, as any hidden count is
    assert '<a class="govuk-link" href="#told-us">What people told us</a>' in _results(
        client, published)
    # Once agreed it is never taken back off the public page (a new round instead).
    with pytest.raises(ValidationError, match="cannot be taken back"):
        writeup_services.write_up_take_back(write_up=write_up, user=officer)
    assert INTRO in _results(client, published)


def test_a_cached_results_page_follows_the_forums_agreement(
        client, published, agreed_frame, officer, forum_rep, django_capture_on_commit_callbacks):
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    url = published.url + "results/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        writeup_services.write_up_agree(write_up=write_up, user=forum_rep)
    shown = client.get(url)
    assert shown["X-Page-Cache"] == "miss" and _told_us(shown.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        writeup_services.write_up_reopen(write_up=write_up, user=officer)
    assert _told_us(client.get(url).content.decode())  # the agreed version, kept


def test_the_results_page_reads_the_write_up_in_one_query(
        client, settings, published, agreed_frame, officer, forum_rep,
        django_assert_num_queries):
    """The section adds two queries (the write-up's agreed version: its words, findings with
    their themes and counts; and the comments, so that a quote withheld since is not shown),
    however many themes and findings it has; the page stays within the results page's own
    pin (``tests/surveys/test_results.MAX_QUERIES``)."""
    settings.PORTAL_PAGE_CACHE = False
    url = published.url + "results/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Counted now: the next request empties the connection's log the context reads.
    without = len(captured.captured_queries)
    assert without <= MAX_QUERIES
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    client.get(url)  # the agreement purged what is kept between publishes (core.memo)
    with django_assert_num_queries(without + 1):
        assert _told_us(client.get(url).content.decode())
    for n in range(4):
        theme = Theme.objects.create(frame=agreed_frame, code=f"more-{n}", name=f"More {n}")
        write_up.agreed["findings"].append({"theme": theme.pk, "code": theme.code,
                                            "name": theme.name, "text": f"More finding {n}."})
    write_up.save(update_fields=["agreed"])
    assert len(write_up.agreed["findings"]) == 6
    with django_assert_num_queries(without + 1):
        html = client.get(url).content.decode()
    assert "More finding 3." in html


# --- the results wait for the forum, on every route ------------------------------------------


@pytest.fixture
def waiting(survey_index, officer, forum_rep):  # noqa: F811
    """Last year's survey, closed, its results not yet published; its comments coded, the
    frame agreed, the write-up with the forum (not agreed)."""
    page = _closed(survey_index, results_published=False)
    frame = _coded_frame(page, officer, _comments(page))
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    write_up = _generate(page, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    return page


def _results_draft(page, officer) -> Revision:
    draft = page.get_latest_revision_as_object()
    draft.results_published = True
    draft.results_summary = "Most families were satisfied."
    draft.change_note = "The results, agreed with the forum."
    return draft.save_revision(user=officer)


def _results_live(page) -> bool:
    return SurveyPage.objects.get(pk=page.pk).results_published


def _agree_write_up(page, forum_rep):
    writeup_services.write_up_agree(write_up=WriteUp.objects.get(survey=page), user=forum_rep)


def test_publishing_the_results_from_code_is_refused_until_the_forum_agrees(
        client, waiting, officer, forum_rep):
    revision = _results_draft(waiting, officer)
    with pytest.raises(PublishRefused, match="The results are not published yet"):
        revision.publish()
    assert not _results_live(waiting)
    assert client.get(waiting.url + "results/").status_code == 404
    _agree_write_up(waiting, forum_rep)
    revision.publish()
    assert _results_live(waiting)
    assert _told_us(_results(client, SurveyPage.objects.get(pk=waiting.pk)))


def test_the_forums_agreement_of_the_page_is_refused_until_it_agreed_the_write_up(
        waiting, officer, forum_rep):
    _results_draft(waiting, officer)
    coproduction_workflow().start(waiting.get_latest_revision_as_object(), officer)
    review = SurveyPage.objects.get(pk=waiting.pk).current_workflow_task_state.specific
    with pytest.raises(ValidationError, match=REFUSED) as refused:
        charter_services.review_decide(review=review, user=forum_rep,
                                       decision=ForumReviewTaskState.Decision.AGREED)
    assert _page_url(waiting) in refused.value.messages[0]
    review.refresh_from_db()
    assert review.status == ForumReviewTaskState.STATUS_IN_PROGRESS
    assert not _results_live(waiting)
    _agree_write_up(waiting, forum_rep)
    charter_services.review_decide(review=review, user=forum_rep,
                                   decision=ForumReviewTaskState.Decision.AGREED)
    assert _results_live(waiting)


def test_scheduled_results_stay_scheduled_until_the_forum_agrees(waiting, officer, forum_rep,
                                                                  caplog):
    revision = _results_draft(waiting, officer)
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - dt.timedelta(minutes=5))
    call_command("publish_scheduled", verbosity=0)
    assert not _results_live(waiting)
    assert "held back" in caplog.text
    _agree_write_up(waiting, forum_rep)
    call_command("publish_scheduled", verbosity=0)
    assert _results_live(waiting)


class _Fields(HTMLParser):
    """The fields a browser would send from the page's first form with ``action``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None
        self.depth = 0

    def _add(self, name, value):
        if name and "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self.depth += 1
        if self.depth:
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._add(a.get("name"), a.get("value") or ("on" if a.get("type") == "checkbox"
                                                         else ""))
        elif tag == "textarea":
            self.textarea = a.get("name")
            self._add(self.textarea, "")
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self._add(self.select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "template":
            self.depth -= 1
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and not self.depth:
            self.data[self.textarea][-1] += data


def _edit_form(client, page) -> dict[str, list[str]]:
    reader = _Fields()
    reader.feed(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    return reader.data


def _translated(index, page, language: str) -> SurveyPage:
    """``page``'s translation into ``language``, published as the English page is now."""
    locale = Locale.objects.get_or_create(language_code=language)[0]
    if not index.has_translation(locale):
        index.copy_for_translation(locale, copy_parents=True).save_revision().publish()
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_the_editors_publish_of_a_translation_is_refused_with_the_reason(
        client, login_as, survey_index, waiting, forum_rep, role):  # noqa: F811
    # Where the editor publishes a translation itself (as in the bulk test below: no forum
    # workflow in the way), its results still wait for the forum's agreement.
    Workflow.objects.update(active=False)
    polish = _translated(survey_index, waiting, "pl")
    login_as(role)
    url = f"/admin/pages/{polish.pk}/edit/"
    data = _edit_form(client, polish)
    assert "title" in data and "placements-TOTAL_FORMS" in data
    data.update({"results_published": ["on"], "change_note": ["Wyniki."],
                 "results_summary": ["Większość rodzin była zadowolona."],
                 "action-publish": ["action-publish"]})
    response = client.post(url, data, follow=True)
    assert any("The results are not published yet" in str(m)
               for m in response.context["messages"])
    assert not _results_live(polish)
    assert SurveyPage.objects.get(pk=polish.pk).get_latest_revision_as_object(
        ).results_summary == "Większość rodzin była zadowolona."  # kept as a draft
    _agree_write_up(waiting, forum_rep)
    client.post(url, data, follow=True)
    assert _results_live(polish)


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_a_bulk_publish_of_a_translations_results_is_refused(
        client, login_as, survey_index, waiting, forum_rep, role):  # noqa: F811
    Workflow.objects.update(active=False)
    polish = _translated(survey_index, waiting, "pl")
    login_as(role)
    draft = polish.get_latest_revision_as_object()
    draft.results_published = True
    draft.save_revision()
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={polish.pk}&next=/admin/pages/",
        {"include_descendants": ""}, follow=True)
    assert response.status_code < 500
    assert REFUSED in response.content.decode()
    assert not _results_live(polish)
    assert writeup_selectors.outcome_publish_refusal(draft)
    _agree_write_up(waiting, forum_rep)
    assert writeup_selectors.outcome_publish_refusal(draft) is None


def test_a_survey_page_that_publishes_no_results_is_not_held(waiting, officer):
    draft = waiting.get_latest_revision_as_object()
    draft.intro = "A clearer introduction."
    draft.save_revision(user=officer).publish()
    assert SurveyPage.objects.get(pk=waiting.pk).intro == "A clearer introduction."


def test_results_with_no_coded_comments_publish_as_before(survey_index, officer):  # noqa: F811
    page = _closed(survey_index, results_published=False)
    _results_draft(page, officer).publish()
    assert _results_live(page)


# --- in Polish and Arabic --------------------------------------------------------------------


@pytest.fixture
def copies(survey_index, published):  # noqa: F811
    """The results page's Polish and Arabic copies, published before any comment was coded
    (publishing them now would wait for the forum, as the English page's results do)."""
    return {language: _translated(survey_index, published, language)
            for language in ("pl", "ar")}


def test_a_translation_waits_for_the_same_write_up(
        survey_index, published, agreed_frame, officer, forum_rep):  # noqa: F811
    write_up = _generate(published, officer)
    with pytest.raises(PublishRefused, match="The results are not published yet"):
        _translated(survey_index, published, "pl")
    polish = published.get_translation(Locale.objects.get(language_code="pl"))
    assert not polish.live
    _send_and_agree(write_up, officer, forum_rep)
    polish.get_latest_revision().publish()
    assert SurveyPage.objects.get(pk=polish.pk).live


@pytest.mark.parametrize(("language", "in_english", "heading"), [
    ("pl", "(po angielsku)", "Co ludzie nam powiedzieli"),
    ("ar", "(بالإنجليزية)", "ما قاله الناس لنا")])
def test_the_translated_results_show_the_english_write_up_marked_english(
        client, settings, copies, agreed_frame, published, officer, forum_rep, language,
        in_english, heading):
    settings.PORTAL_PAGE_CACHE = False
    write_up = _generate(published, officer)
    writeup_services.write_up_edit(write_up=write_up, user=officer, text=INTRO, findings={})
    translated = copies[language]
    assert not _told_us(_results(client, translated))  # not agreed: not in any language
    _send_and_agree(write_up, officer, forum_rep)
    section = _told_us(_results(client, translated))
    assert heading in section and in_english in section
    assert f'<p class="govuk-body" lang="en" dir="ltr">{INTRO}</p>' in section
    late = write_up.findings.select_related("theme").get(theme__code="late")
    assert f'href="#told-us-theme-{late.theme_id}" lang="en" dir="ltr">Late transport' in section
    assert unmarked_english(section, language) == []
    assert marked_english_wrongly(section, language) == []
    english = _told_us(_results(client, published))
    assert 'lang="en"' not in english and "(in English)" not in english
