"""The demo surveys: three past years with results, this year's survey open, every answer
one its question offers, and loading the demo again changes nothing."""

import io
import re
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command

from charter.models import EvidenceEntry
from surveys import scales
from surveys.models import (
    SurveyAction,
    SurveyAnswer,
    SurveyComment,
    SurveyPage,
    SurveyResponse,
    SurveyStatus,
)

pytestmark = pytest.mark.django_db
Moderation = SurveyComment.Moderation


def survey(year: int) -> SurveyPage:
    return SurveyPage.objects.get(slug=str(year), alias_of__isnull=True,
                                  locale__language_code="en-gb")


def satisfied(page: SurveyPage, short_name: str) -> float:
    values = list(SurveyAnswer.objects.filter(survey=page, question__short_name=short_name)
                  .values_list("value_int", flat=True))
    return sum(v >= 4 for v in values) / len(values)


def test_three_past_years_have_published_results_with_a_few_hundred_responses(demo, client):
    for year in (2023, 2024, 2025):
        page = survey(year)
        assert page.live and page.status == SurveyStatus.RESULTS
        assert page.results_summary.strip()
        assert 250 <= page.responses.count() <= 500
        assert 2 <= page.actions.count() <= 4
        audiences = {a.audience: a.population for a in page.audiences.all()}
        assert set(audiences) == {"parents", "young_people", "schools", "operators"}
        assert all(audiences.values())
    overall = [satisfied(survey(y), "Overall satisfaction") for y in (2023, 2024, 2025)]
    assert [round(100 * share) for share in overall] == [72, 81, 88]
    told = [satisfied(survey(y), "Told about changes") for y in (2023, 2024, 2025)]
    assert told[0] < 0.5 and told[1] < 0.5 and told[2] > told[1] + 0.15
    partner = [satisfied(survey(y), "Equal partner") for y in (2023, 2024, 2025)]
    assert partner == sorted(partner)
    # One question joined the bank's survey in 2024.
    asked = {y: set(survey(y).placements.values_list("question__short_name", flat=True))
             for y in (2023, 2024, 2025)}
    assert asked[2024] - asked[2023] == {"Know what was co-produced"}
    assert asked[2024] == asked[2025]
    linked = SurveyAction.objects.get(linked_page__isnull=False, page__alias_of__isnull=True)
    assert linked.linked_page.slug == "travel-assistance"
    assert linked.linked_version.page_id == linked.linked_page_id
    assert {a.status for a in SurveyAction.objects.all()} >= {"done", "planned",
                                                              "in_progress", "not_done"}


def test_written_comments_are_moderated_by_the_officer(demo):
    for year in (2023, 2024, 2025):
        comments = SurveyComment.objects.filter(survey=survey(year))
        assert comments.count() == 12
        counts = Counter(comments.values_list("moderation", flat=True))
        assert counts[Moderation.REDACTED] == counts[Moderation.WITHHELD] == 1
        assert counts[Moderation.APPROVED] >= 8
        redacted = comments.get(moderation=Moderation.REDACTED)
        assert redacted.public_text and redacted.public_text != redacted.text
        assert redacted.moderation_reason and redacted.moderated_by.username == "officer"
        assert comments.get(moderation=Moderation.WITHHELD).moderation_reason
    assert SurveyComment.objects.filter(moderation=Moderation.PENDING).count() >= 3
    assert EvidenceEntry.objects.filter(
        kind=EvidenceEntry.Kind.SURVEY_COMMENT_MODERATED).count() == 34


@pytest.mark.calendar
def test_this_years_survey_is_open_in_three_short_pages(demo, client):
    page = survey(2026)
    assert page.status == SurveyStatus.OPEN and page.is_open
    assert not page.requires_code and not page.results_published
    steps = [[p.question.short_name for p in step] for step in page.steps()]
    assert steps == [
        ["Overall satisfaction", "Drivers and assistants"],
        ["Feels safe", "Arrives on time", "Kind of travel help"],
        ["Equal partner", "Clear information in time", "One thing to improve"],
    ]
    assert [p.question.short_name for p in page.placements.all() if p.required] == [
        "Overall satisfaction"]
    assert 3 <= page.responses.count() <= 10
    kinds = set(EvidenceEntry.objects.values_list("kind", flat=True))
    assert {EvidenceEntry.Kind.SURVEY_OPENED, EvidenceEntry.Kind.SURVEY_CLOSED,
            EvidenceEntry.Kind.SURVEY_RESULTS_PUBLISHED} <= kinds


def test_every_demo_answer_is_an_option_of_its_question(demo):
    placed = defaultdict(set)
    for page in SurveyPage.objects.filter(alias_of__isnull=True):
        placed[page.pk] = set(page.placements.values_list("question_id", flat=True))
    seen = Counter()
    answers = SurveyAnswer.objects.select_related("question", "response")
    assert answers.count() > 10_000
    for answer in answers:
        question = answer.question
        assert answer.survey_id == answer.response.survey_id
        assert question.pk in placed[answer.survey_id]
        allowed = {v for v, _label in question.options()}
        if scales.is_scale(question.kind):
            assert answer.value_int in allowed and answer.value_text == ""
        else:
            assert answer.value_text in allowed and answer.value_int is None
        key = (answer.response_id, question.pk,
               answer.value_text if question.kind == scales.MULTIPLE else "")
        seen[key] += 1
    assert max(seen.values()) == 1  # one answer a question; a choice ticked once
    for comment in SurveyComment.objects.select_related("question"):
        assert comment.question.kind == scales.FREE_TEXT
        assert comment.question_id in placed[comment.survey_id]


def test_loading_the_demo_twice_makes_no_more_rows(demo, settings):
    settings.DEMO_MODE = False
    models = (SurveyPage, SurveyResponse, SurveyAnswer, SurveyComment, SurveyAction,
              EvidenceEntry)
    counts = [m.objects.count() for m in models]
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert [m.objects.count() for m in models] == counts
    assert "Survey 2023 already there." in out.getvalue()
    verified = io.StringIO()
    call_command("verify_evidence", stdout=verified)
    assert "intact" in verified.getvalue()


def test_the_written_summaries_name_no_group_the_tables_hold_back(demo):
    # The summary is read beside the response-rate table: a group of fewer than the minimum
    # that the table holds back must not be counted in the words above it.
    group = re.compile(r"\b(\d+) (parents|young people|schools|transport companies)\b")
    for year in (2023, 2024, 2025):
        summary = survey(year).results_summary
        counts = [int(n) for n, _ in group.findall(summary)]
        assert counts, summary  # the groups that are large enough are still named
        assert all(n >= 10 for n in counts), summary
