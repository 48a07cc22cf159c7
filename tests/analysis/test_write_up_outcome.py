"""The published outcome links each finding to its theme: the compare view of the policy
version the consultation changed shows each finding with its theme, linked to the outcome's
findings page; nothing is shown before the forum agreed the analysis and the outcome is
published."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Locale

from analysis import demo, writeup_services
from analysis.models import Coding, CodingFrame, QuoteConsent, Theme, WriteUp
from charter import record
from charter import services as charter_services
from charter.coproduction import coproduction_workflow
from charter.models import ForumReviewTaskState, PageVersion
from consultations.models import ConsultationPage, ConsultationResponse
from core.cache import purge_page_cache
from tests.charter.conftest import send_to_forum
from tests.consultations.conftest import make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(consultation_index, calendar, tree):
    return make_consultation(consultation_index, calendar, policy=tree.policy,
                             opens_in_days=-40, closes_in_days=-2, slug="closed")


@pytest.fixture
def agreed_write_up(closed, officer, forum_rep):
    question = next(b.id for b in closed.questions if b.block_type == "free_text")
    frame = CodingFrame.objects.create(consultation=closed, question_id=question)
    Theme.objects.bulk_create([Theme(frame=frame, code=t.code, name=t.name, sort_order=i)
                               for i, t in enumerate(demo.frame())])
    answers = demo.answers()[:60]
    responses = ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=closed, respondent_type=a.respondent_type,
                             reference=f"Q{n:07d}", answers={question: a.text})
        for n, a in enumerate(answers)])
    themes = dict(frame.themes.values_list("code", "pk"))
    now = timezone.now()
    Coding.objects.bulk_create([Coding(response=r, question_id=question, theme_id=themes[c],
                                       coded_by=officer, coded_at=now)
                                for r, a in zip(responses, answers, strict=True)
                                for c in a.themes])
    QuoteConsent.objects.bulk_create([QuoteConsent(response=r, how="form", recorded_by=officer,
                                                   recorded_at=now) for r in responses])
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    write_up = writeup_services.write_up_generate(consultation=closed, user=officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    return write_up


def _publish_outcome(closed, officer, forum_rep, tree):
    review = send_to_forum(tree.policy, officer, in_short="Under-8s walk 1.5 miles.",
                           change_note="After the consultation.")
    charter_services.review_decide(review=review, user=forum_rep,
                                   decision=ForumReviewTaskState.Decision.AGREED)
    draft = closed.get_latest_revision_as_object()
    draft.analysis = "Most families agreed."
    draft.outcome = "We have lowered the distance for under-8s to 1.5 miles."
    draft.outcome_version = PageVersion.objects.get(page=tree.policy, number=2)
    draft.change_note = "Added the outcome."
    draft.save_revision(user=officer)
    coproduction_workflow().start(draft, officer)
    charter_services.review_decide(review=draft.current_workflow_task_state.specific,
                                   user=forum_rep, decision=ForumReviewTaskState.Decision.AGREED)
    return ConsultationPage.objects.get(pk=closed.pk)


def test_the_compare_view_shows_each_finding_with_its_theme_link(
        client, closed, agreed_write_up, officer, forum_rep, tree,
        django_assert_max_num_queries):
    findings_url = reverse("analysis_findings", args=[closed.pk])
    assert client.get(findings_url).status_code == 404  # nothing published yet
    writeup_services.write_up_agree(write_up=agreed_write_up, user=forum_rep)
    page = _publish_outcome(closed, officer, forum_rep, tree)
    compare = client.get(tree.policy.url + "compare/1/2/").content.decode()
    finding = agreed_write_up.findings.select_related("theme").first()
    assert f'href="{findings_url}#theme-{finding.theme_id}"' in compare
    assert finding.theme.name in compare
    public = client.get(findings_url)
    assert public.status_code == 200
    html = public.content.decode()
    assert f'id="theme-{finding.theme_id}"' in html
    assert finding.text.splitlines()[0] in html
    assert page.status == "outcome"


def test_a_write_up_the_forum_has_not_agreed_is_not_shown(client, closed, agreed_write_up,
                                                          officer, forum_rep, tree):
    # The outcome itself waits for the forum's agreement (test_outcome_waits_for_forum).
    with pytest.raises(ValidationError, match="the forum has not agreed"):
        _publish_outcome(closed, officer, forum_rep, tree)
    assert WriteUp.objects.get().status == WriteUp.Status.WITH_FORUM
    compare = client.get(tree.policy.url + "compare/1/2/").content.decode()
    assert reverse("analysis_findings", args=[closed.pk]) not in compare
    assert client.get(reverse("analysis_findings", args=[closed.pk])).status_code == 404


def test_the_published_consultation_links_to_its_findings_in_every_language(
        client, closed, agreed_write_up, officer, forum_rep, tree, consultation_index,
        django_assert_max_num_queries):
    writeup_services.write_up_agree(write_up=agreed_write_up, user=forum_rep)
    page = _publish_outcome(closed, officer, forum_rep, tree)
    theme = agreed_write_up.findings.select_related("theme").first().theme
    with django_assert_max_num_queries(40):
        html = client.get(page.url).content.decode()
    assert f'href="{reverse("analysis_findings", args=[page.pk])}" hreflang="en"' in html
    assert theme.name in html
    locale = Locale.objects.get_or_create(language_code="pl")[0]
    consultation_index.copy_for_translation(locale, copy_parents=True).save_revision().publish()
    polish = page.copy_for_translation(locale)
    polish.save_revision().publish()
    polish.refresh_from_db()
    html = client.get(polish.url).content.decode()
    findings = f"/pl/consultations/findings/{polish.pk}/"
    assert f'href="{findings}" hreflang="en"' in html
    assert f'<span lang="en" dir="ltr">{theme.name}</span>' in html
    assert client.get(findings).status_code == 200


def test_a_consultation_without_agreed_findings_has_no_findings_link(
        client, closed, officer, forum_rep, tree):
    # Nothing was coded: the outcome publishes as before, with no findings page to link to.
    page = _publish_outcome(closed, officer, forum_rep, tree)
    assert page.status == "outcome"
    assert "/consultations/findings/" not in client.get(page.url).content.decode()


def test_removed_personal_details_leave_the_findings_page_and_the_compare_view(
        client, closed, agreed_write_up, officer, forum_rep, tree):
    writeup_services.write_up_agree(write_up=agreed_write_up, user=forum_rep)
    _publish_outcome(closed, officer, forum_rep, tree)
    finding = agreed_write_up.findings.select_related("theme").first()
    words = finding.text.splitlines()[0]
    findings_url = reverse("analysis_findings", args=[closed.pk])
    assert words in client.get(findings_url).content.decode()
    record.text_remove(record=agreed_write_up, officer=officer,
                       reason="A quote named a child at her school.")
    purge_page_cache()  # as on commit
    notice = f"Removed on {date_format(timezone.localdate(), 'j E Y')}: personal details"
    for url in (findings_url, tree.policy.url + "compare/1/2/"):
        html = client.get(url).content.decode()
        assert words not in html and notice in html, url
        assert finding.theme.name in html  # the themes stay
