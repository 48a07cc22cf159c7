"""The question bank: wording is locked once a question has answers, so trends never mix two
wordings. Changes are made in the admin's "Survey questions"."""

import pytest
from django.urls import reverse

from surveys import services
from surveys.models import SurveyAnswer, SurveyQuestion
from tests.surveys.conftest import bank, question_ids

pytestmark = pytest.mark.django_db
CHARTER_STATEMENTS = [
    "I am an equal partner and I am listened to.",
    "I can take part at every stage, not only at the end.",
    "I can see my views in what was written.",
    "I get clear information in good time, in a form I can use.",
    "I know which policies were written with families.",
]


def _edit_url(question):
    return reverse("wagtailsnippets_surveys_surveyquestion:edit", args=[question.pk])


def _form(question, **changes):
    data = {"kind": question.kind, "wording": question.wording,
            "short_name": question.short_name, "help_text": question.help_text,
            "choices": question.choices}
    if question.charter_statement:
        data["charter_statement"] = "on"
    if question.retired:
        data["retired"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


def _answer(survey, **answers):
    ids = question_ids(survey)
    return services.survey_submit(
        survey=survey, audience="parents",
        answers={ids["Overall satisfaction"]: 4, **{ids[k]: v for k, v in answers.items()}})


def test_the_seeded_bank_holds_the_charter_statements_as_agree_questions(db):
    statements = SurveyQuestion.objects.filter(charter_statement=True)
    assert sorted(statements.values_list("wording", flat=True)) == sorted(CHARTER_STATEMENTS)
    assert set(statements.values_list("kind", flat=True)) == {"agree"}
    assert bank("Overall satisfaction").kind == "satisfaction"
    assert not SurveyQuestion.objects.filter(retired=True).exists()


def test_rewording_an_answered_question_makes_a_new_one_and_retires_the_old(
    client, login_as, survey
):
    login_as("officer")
    old = bank("Equal partner")
    for _ in range(3):
        _answer(survey, **{"Equal partner": 5})
    new_words = "I am treated as an equal partner and I am listened to."
    response = client.post(_edit_url(old), _form(old, wording=new_words), follow=True)
    new = SurveyQuestion.objects.get(wording=new_words)
    assert new.pk != old.pk and new.replaces_id == old.pk
    assert new.short_name == old.short_name and new.charter_statement and not new.retired
    # The officer lands on the new question and is told why.
    assert response.redirect_chain[-1][0] == _edit_url(new)
    html = response.content.decode()
    assert ("This question has answers, so your change was saved as a new question; the old "
            "wording keeps its 3 answers") in html
    old.refresh_from_db()
    assert old.retired and old.wording == CHARTER_STATEMENTS[0]
    # The old answers stay with the words they answered.
    assert SurveyAnswer.objects.filter(question=old).count() == 3
    assert not SurveyAnswer.objects.filter(question=new).exists()
    # The survey already open keeps asking the words people have been answering.
    assert survey.placements.filter(question=old).exists()


def test_changing_choices_or_kind_of_an_answered_question_also_makes_a_new_one(
    client, login_as, survey
):
    login_as("officer")
    old = bank("Kind of travel help")
    _answer(survey, **{"Kind of travel help": ["Bus pass", "Passenger assistant"]})
    client.post(_edit_url(old), _form(old, choices=old.choices + "\nMileage allowance"))
    old.refresh_from_db()
    assert old.retired
    new = SurveyQuestion.objects.get(replaces=old)
    assert new.choice_list[-1] == "Mileage allowance"
    # Two ticked choices are one response: the message counts responses.
    assert SurveyAnswer.objects.filter(question=old).count() == 2


def test_an_unanswered_question_is_changed_in_place(client, login_as, survey):
    login_as("officer")
    question = bank("Know what was co-produced")
    count = SurveyQuestion.objects.count()
    response = client.post(_edit_url(question),
                           _form(question, wording="I know which policies families helped write."))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.wording == "I know which policies families helped write."
    assert not question.retired
    assert SurveyQuestion.objects.count() == count


def test_a_new_short_name_or_help_text_on_an_answered_question_keeps_it(client, login_as,
                                                                        survey):
    login_as("officer")
    question = bank("Overall satisfaction")
    _answer(survey)
    count = SurveyQuestion.objects.count()
    client.post(_edit_url(question), _form(question, short_name="Overall",
                                           help_text="Think about this school year.",
                                           choices="  "))
    question.refresh_from_db()
    assert (question.short_name, question.help_text) == ("Overall",
                                                         "Think about this school year.")
    assert not question.retired
    assert SurveyQuestion.objects.count() == count


def test_the_edit_page_says_when_a_question_is_locked(client, login_as, survey):
    login_as("officer")
    answered, unanswered = bank("Feels safe"), bank("Part of every stage")
    _answer(survey, **{"Feels safe": 1})
    html = client.get(_edit_url(answered)).content.decode()
    assert "This question is locked: 1 response answered it." in html
    html = client.get(_edit_url(unanswered)).content.decode()
    assert "Nobody has answered this question yet" in html
    assert "is locked" not in html


def test_a_reworded_question_links_to_the_one_it_replaced(client, login_as, survey):
    login_as("officer")
    old = bank("Feels safe")
    _answer(survey, **{"Feels safe": 1})
    client.post(_edit_url(old), _form(old, wording="Does your child feel safe on the way?"))
    new = SurveyQuestion.objects.get(replaces=old)
    assert _edit_url(old) in client.get(_edit_url(new)).content.decode()
    assert _edit_url(new) in client.get(_edit_url(old)).content.decode()


def test_a_bad_change_is_refused_with_the_reason_and_the_typed_words_kept(client, login_as,
                                                                        survey):
    login_as("officer")
    question = bank("Journey time")
    response = client.post(_edit_url(question), _form(question, choices="Only one choice",
                                                      wording="How long is the trip?"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give at least two choices, one a line." in html
    assert "How long is the trip?" in html
    question.refresh_from_db()
    assert question.wording == "How long is the usual journey to school, one way?"


def test_a_retired_question_can_be_filtered_in_the_list(client, login_as, survey):
    login_as("officer")
    old = bank("Feels safe")
    _answer(survey, **{"Feels safe": 1})
    client.post(_edit_url(old), _form(old, wording="Does your child feel safe on the way?"))
    url = reverse("wagtailsnippets_surveys_surveyquestion:list")
    new = SurveyQuestion.objects.get(replaces=old)
    client.get(url)  # shows (and so clears) the success message, which links to the new one
    html = client.get(url, {"retired": "true"}).content.decode()
    assert _edit_url(old) in html
    assert _edit_url(new) not in html and "Equal partner" not in html
