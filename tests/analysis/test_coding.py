"""Coding written answers in the database: a frame per question, themes confirmed by a
person (who, when, removals kept), suggestions that count for nothing until confirmed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from analysis import demo, selectors, services
from analysis.models import Coding, CodingFrame, SuggestedCode, Theme
from analysis.suggest import SuggestedCode as Suggestion
from analysis.tasks import suggest_codes_for_frame
from consultations.models import ConsultationResponse
from tests.analysis.conftest import free_text_id

pytestmark = pytest.mark.usefixtures("term_day")


@pytest.fixture
def responses(consultation):
    """The first 60 demo answers as responses (paper, phone and e-mail ones too)."""
    question = free_text_id(consultation)
    return ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=consultation, respondent_type=a.respondent_type,
                             channel=a.channel, reference=f"R{n:07d}",
                             answers={question: a.text})
        for n, a in enumerate(demo.answers()[:60])])


def _themes(frame, *codes):
    return list(frame.themes.filter(code__in=codes))


def test_confirming_records_who_and_when_and_removing_keeps_the_record(frame, responses,
                                                                        officer):
    response = responses[0]
    services.confirm_codes(frame=frame, response=response, user=officer,
                           themes=_themes(frame, "unsafe-route", "weather-dark"))
    current = services.confirm_codes(frame=frame, response=response, user=officer,
                                     themes=_themes(frame, "unsafe-route"))
    assert [c.theme.code for c in current] == ["unsafe-route"]
    removed = Coding.objects.get(theme__code="weather-dark")
    assert removed.removed_by == officer and removed.removed_at is not None
    assert removed.coded_by == officer and removed.coded_at <= removed.removed_at
    # Confirming the same themes again changes nothing.
    services.confirm_codes(frame=frame, response=response, user=officer,
                           themes=_themes(frame, "unsafe-route"))
    assert Coding.objects.count() == 2


def test_suggestions_count_for_nothing_until_a_person_confirms_them(frame, responses, officer):
    themes = dict(frame.themes.values_list("code", "pk"))
    SuggestedCode.objects.bulk_create([
        SuggestedCode(response=r, question_id=frame.question_id, theme_id=themes["cost-fairness"],
                      confidence=0.9, method="tfidf") for r in responses])
    table = selectors.frame_table(frame, minimum=1)
    assert table.base.count == 0 and all(row.total.count == 0 for row in table.rows)
    services.confirm_codes(frame=frame, response=responses[0], user=officer,
                           themes=_themes(frame, "cost-fairness"))
    counted = {row.theme: row.total.count for row in selectors.frame_table(frame, minimum=1).rows}
    assert counted["cost-fairness"] == 1
    coding = Coding.objects.get()
    assert coding.from_suggestion
    assert not SuggestedCode.objects.filter(response=responses[0]).exists()
    assert SuggestedCode.objects.count() == len(responses) - 1


def test_a_theme_from_another_frame_or_an_answer_elsewhere_is_refused(frame, responses,
                                                                       officer, consultation):
    other = CodingFrame.objects.create(consultation=consultation, question_id="elsewhere")
    stranger = Theme.objects.create(frame=other, code="x", name="X")
    with pytest.raises(ValidationError, match="not one of this frame"):
        services.confirm_codes(frame=frame, response=responses[0], themes=[stranger],
                               user=officer)
    with pytest.raises(ValidationError, match="no written answer"):
        services.confirm_codes(frame=other, response=responses[0], themes=[stranger],
                               user=officer)
    assert not Coding.objects.exists()


def test_one_current_coding_per_theme_and_one_frame_per_question(frame, responses, officer,
                                                                 consultation):
    theme = frame.themes.first()
    Coding.objects.create(response=responses[0], question_id=frame.question_id, theme=theme,
                          coded_by=officer, coded_at="2027-01-20T10:00Z")
    with pytest.raises(IntegrityError), transaction.atomic():
        Coding.objects.create(response=responses[0], question_id=frame.question_id,
                              theme=theme, coded_by=officer, coded_at="2027-01-20T10:01Z")
    with pytest.raises(IntegrityError), transaction.atomic():
        CodingFrame.objects.create(consultation=consultation, question_id=frame.question_id)


def test_the_task_suggests_codes_only_for_uncoded_answers(frame, responses, officer):
    truth = {a.text: a.themes for a in demo.answers()}
    for response in responses[:30]:
        services.confirm_codes(frame=frame, response=response, user=officer,
                               themes=_themes(frame, *truth[response.answers[frame.question_id]]))
    stored = suggest_codes_for_frame.delay(frame.pk).get()
    suggested = set(SuggestedCode.objects.values_list("response_id", flat=True))
    assert stored >= 30 and suggested == {r.pk for r in responses[30:]}
    assert {s.method for s in SuggestedCode.objects.all()} == {"tfidf"}
    # Counted: the 30 confirmed answers' respondents only.
    assert selectors.frame_table(frame).base.count == 30


def test_stored_suggestions_replace_the_earlier_ones_and_skip_coded_answers(frame, responses,
                                                                            officer):
    services.confirm_codes(frame=frame, response=responses[0], user=officer,
                           themes=_themes(frame, "child-needs"))
    made = [Suggestion(r.pk, "child-needs", 0.7) for r in responses[:3]]
    assert services.store_suggestions(frame=frame, suggestions=made, method="tfidf") == 2
    made = [Suggestion(responses[5].pk, "weather-dark", 0.6),
            Suggestion(responses[5].pk, "no-such-theme", 0.9)]
    assert services.store_suggestions(frame=frame, suggestions=made, method="tfidf") == 1
    assert list(SuggestedCode.objects.values_list("response_id", "theme__code")) == [
        (responses[5].pk, "weather-dark")]


def test_reads_take_a_fixed_number_of_queries(frame, responses, officer,
                                              django_assert_max_num_queries):
    for response in responses[:20]:
        services.confirm_codes(frame=frame, response=response, user=officer,
                               themes=_themes(frame, "welcome-change", "unsafe-route"))
    with django_assert_max_num_queries(1):
        answers = selectors.written_answers(frame)
    assert len(answers) == 60
    assert {a.language for a in answers} >= {"en"}
    with django_assert_max_num_queries(1):
        assert len(selectors.confirmed_by_answer(frame)) == 20
    with django_assert_max_num_queries(2):
        table = selectors.frame_table(frame)
    assert table.base.count == 20
