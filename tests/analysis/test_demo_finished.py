"""The demo's finished consultation: what a newcomer opening ``make run`` finds of the whole
analysis done (an earlier consultation whose answers are all coded in a frame the forum
agreed, whose "What people told us" the forum agreed, and whose outcome is published), the
findings page open to everyone in each language, each finding under its theme, and the
compare view of the policy version it changed showing each finding linked to its theme."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from analysis import demo, selectors
from analysis.demo_content import DEMO_SLUG, finished_answers, load_finished
from analysis.models import CodingFrame, WriteUp
from analysis.quote_lines import finding_lines
from charter.models import EvidenceEntry, PageVersion
from consultations import scheduling
from consultations.demo import EARLIER_SLUG, EARLIER_TERM_DATES
from consultations.models import ConsultationPage, ConsultationResponse
from portal.demo.loader import DemoLoader

pytestmark = pytest.mark.usefixtures("demo")


def _earlier(language="en-gb"):
    return ConsultationPage.objects.get(slug=EARLIER_SLUG, locale__language_code=language)


def test_every_answer_of_the_earlier_consultation_is_coded_to_its_hand_codes():
    consultation = _earlier()
    frame = CodingFrame.objects.get(consultation=consultation)
    assert frame.status == CodingFrame.Status.AGREED
    assert [s.action for s in frame.review_steps.all()] == ["sent", "agreed"]
    confirmed = selectors.confirmed_by_answer(frame)
    responses = ConsultationResponse.objects.filter(consultation=consultation).order_by("pk")
    answers = finished_answers()
    assert len(answers) >= 100 and responses.count() == len(answers)
    for response, answer in zip(responses, answers, strict=True):
        assert confirmed[response.pk] == set(answer.themes)
    # It ran in term time, and answers came in while it was open.
    periods = consultation.calendar.as_periods() + [
        scheduling.Period(first, last, name, kind) for name, kind, first, last in
        EARLIER_TERM_DATES]
    first, last = (timezone.localtime(t).date() for t in (consultation.opens,
                                                          consultation.closes))
    assert not scheduling.periods_touching(first, last, periods)
    assert {r.submitted_at < consultation.closes for r in responses} == {True}
    # The open consultation is left for an officer to try coding.
    open_frame = CodingFrame.objects.get(consultation__slug=DEMO_SLUG)
    assert open_frame.status != CodingFrame.Status.AGREED
    assert len(selectors.confirmed_by_answer(open_frame)) < len(demo.answers())


def test_its_write_up_was_agreed_and_its_outcome_published_each_step_logged():
    consultation = _earlier()
    assert consultation.status == "outcome" and consultation.closes < consultation.last_published_at
    write_up = WriteUp.objects.get(consultation=consultation)
    assert write_up.status == WriteUp.Status.AGREED
    assert [s.action for s in write_up.review_steps.all()] == ["sent", "agreed"]
    assert consultation.outcome_version == PageVersion.objects.get(page=consultation.policy,
                                                                    number=2)
    subject = f"page:{consultation.pk}"
    kinds = set(EvidenceEntry.objects.filter(subject=subject).values_list("kind", flat=True))
    assert {"response_received", "analysis_coded", "analysis_agreed",
            "outcome_published"} <= kinds, kinds


@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
def test_anyone_reads_the_findings_each_under_its_theme(client, prefix):
    consultation = _earlier()
    write_up = WriteUp.objects.get(consultation=consultation)
    page = client.get(f"{prefix}{reverse('analysis_findings', args=[consultation.pk])}")
    assert page.status_code == 200
    html = page.content.decode()
    findings = list(write_up.findings.select_related("theme"))
    assert len(findings) >= 5
    for finding in findings:
        assert f'id="theme-{finding.theme_id}"' in html and escape(finding.theme.name) in html
        assert escape(finding.text.splitlines()[0]) in html


@pytest.mark.parametrize("language", ["en-gb", "pl", "ar"])
def test_the_consultation_page_links_its_findings(client, language):
    consultation = _earlier(language)
    html = client.get(consultation.url).content.decode()
    assert reverse("analysis_findings", args=[consultation.pk]) in html
    assert "We did: our travel policy now says we look at each child" in html


def test_the_compare_view_of_the_version_it_changed_shows_each_finding_linked_to_its_theme(
        client):
    consultation = _earlier()
    policy = consultation.policy
    html = client.get(policy.url + "compare/1/2/").content.decode()
    findings_url = reverse("analysis_findings", args=[consultation.pk])
    for finding in WriteUp.objects.get(consultation=consultation).findings.all():
        assert f'href="{findings_url}#theme-{finding.theme_id}"' in html
    assert consultation.title in html


def test_loading_the_demo_again_makes_nothing_twice():
    counts = (ConsultationPage.objects.count(), ConsultationResponse.objects.count(),
              EvidenceEntry.objects.count(), WriteUp.objects.count())
    DemoLoader(log=lambda *_: None).run(with_users=False)
    assert load_finished(officer=User.objects.get(username="officer"),
                         forum_rep=User.objects.get(username="forumrep")) is None
    assert (ConsultationPage.objects.count(), ConsultationResponse.objects.count(),
            EvidenceEntry.objects.count(), WriteUp.objects.count()) == counts
    assert Locale.objects.filter(language_code__in=["pl", "ar"]).count() == 2


def _lines_shown(findings, html, language):
    """Each finding's lines as the page must mark them; how many were quotes not in English."""
    others = 0
    for text in findings:
        for line in finding_lines(text):
            # On a Polish or Arabic page every English line is marked, and every quote in
            # another language than the page's.
            if line.language != language:
                assert f'<p class="govuk-body" lang="{line.language}" dir="{line.dir}">' \
                       f'{escape(line.text)}</p>' in html, line
            others += line.language != "en"
    return others


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_each_quote_on_the_findings_page_carries_its_own_language(client, prefix):
    consultation = _earlier()
    html = client.get(f"{prefix}{reverse('analysis_findings', args=[consultation.pk])}"
                      ).content.decode()
    texts = [f.text for f in WriteUp.objects.get(consultation=consultation).findings.all()]
    _lines_shown(texts, html, prefix[1:])
    # The consultation link goes to the reader's language's copy.
    copy = _earlier(prefix[1:])
    assert f'href="{copy.url}"' in html and copy.url.startswith(prefix + "/")


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_each_quote_on_the_survey_results_carries_its_own_language(client, prefix):
    write_up = (WriteUp.objects.filter(status=WriteUp.Status.AGREED, survey__isnull=False)
                .select_related("survey").order_by("-survey__year").first())
    html = client.get(f"{prefix}/surveys/{write_up.survey.year}/results/").content.decode()
    _lines_shown([f["text"] for f in write_up.agreed["findings"]], html, prefix[1:])
