"""The council's own words are never a respondent's: the question line of a write-up, a theme's
name or description and the draft's own sentences stay, however many respondents who may not
be quoted repeated them (``writeup.withdraw_quotes``' ``council``), while those respondents'
own words still go. The rule without a database first, with hypothesis where inputs vary;
then the survey's published results, whose first line is the question as asked."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis import writeup_selectors, writeup_services
from analysis.writeup import REMOVED, draft_words, withdraw_quotes
from surveys.models import SurveyComment, SurveyResponse
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

QUESTION_ASKED = "How could we make school transport better?"
REPEATED = ("How could we make school transport better? My son Adam waits an hour at Elm "
            "Road every morning.")
OWN = "My son Adam waits an hour at Elm Road every morning."


def _withdraw(text, *, council=(QUESTION_ASKED,), typed=(REPEATED,), public=()):
    return withdraw_quotes(text, typed=list(typed), public=list(public),
                           council=list(council))


# --- the rule, without a database ------------------------------------------------------------


def test_the_question_line_stays_when_a_respondent_who_may_not_be_quoted_repeated_it():
    text = f"{QUESTION_ASKED}\nWe read every written answer: 40 people wrote one."
    assert _withdraw(text) == (text, 0)
    # Without knowing the council's words the line read as that respondent's, and went.
    assert _withdraw(text, council=())[1] == 1


def test_the_respondents_own_words_still_go_beside_the_question():
    text = f"{QUESTION_ASKED}\n{OWN}\n“{OWN}”\nOur words."
    shown, lost = _withdraw(text)
    assert shown == f"{QUESTION_ASKED}\nOur words." and lost == 2
    # A quotation of their whole answer, the question's words in it too, goes.
    shown, lost = _withdraw(f"{QUESTION_ASKED}\n“{REPEATED}”")
    assert (shown, lost) == (QUESTION_ASKED, 1)


def test_a_quotation_of_the_question_stays():
    text = f"We asked “{QUESTION_ASKED}” and families answered."
    assert _withdraw(text) == (text, 0)
    assert _withdraw("We asked “make school transport better”.") == (
        "We asked “make school transport better”.", 0)


def test_a_themes_name_and_description_stay_when_an_answer_repeats_them():
    name, description = "Late buses in the morning", "The bus came after the school bell."
    answer = "Late buses in the morning. The bus came after the school bell. Ask Mrs Grey."
    text = f"{name}\n{description}\n{name}: 20 of 24 people (83 %)."
    assert _withdraw(text, council=[name, description], typed=[answer]) == (text, 0)
    assert _withdraw(text, council=[], typed=[answer])[1] == 2


def test_the_drafts_own_sentences_stay_when_an_answer_repeats_them():
    why = draft_words(10)[-1]
    answer = f"{why} That is what they always say."
    text = f"Kind staff: held back. {why}\nThe rest."
    assert withdraw_quotes(text, typed=[answer], public=[], council=draft_words(10)) == (
        text, 0)


def test_words_an_officer_removed_go_even_inside_the_councils_words():
    # A theme named after a person by mistake: the removed name still goes.
    shown, lost = withdraw_quotes("Adam Nowak's driver: 12 people.", typed=["x"], public=[],
                                  removed=["Adam Nowak"], council=["Adam Nowak's driver"])
    assert lost == 1 and "Nowak" not in shown and REMOVED in shown


# Two vocabularies that share no word: the council's, and a respondent's own.
COUNCIL = ["how", "could", "we", "make", "school", "transport", "better", "travel", "help",
           "route", "change", "tell", "families", "about"]
OWN_WORDS = ["adam", "elm", "road", "waits", "hour", "son", "cries", "nowak", "grey", "mum",
             "oakfield", "driver", "shouted", "seizures"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(COUNCIL), min_size=3, max_size=9),
       st.lists(st.sampled_from(OWN_WORDS), min_size=0, max_size=6),
       st.lists(st.sampled_from(OWN_WORDS), min_size=3, max_size=9),
       st.sampled_from(["", "“", '"', "„", "«"]))
def test_a_line_of_the_councils_words_stays_and_a_line_of_the_respondents_goes(
        question, before, own, mark):
    """However a respondent who may not be quoted repeated the council's words (wholly, with
    their own words around them), a line or quotation of the council's words stays; a line
    of that respondent's own words (three or more, not the council's) goes."""
    closes = {"": "", "“": "”", '"': '"', "„": "”", "«": "»"}[mark]
    asked = " ".join(question).capitalize() + "?"
    answer = " ".join([*before, *question, *own]) + "."
    line = " ".join(own).capitalize() + "."
    assume(not set(own) & set(question))
    text = f"{mark}{asked}{closes}\nOur summary."
    assert _withdraw(text, council=[asked], typed=[answer]) == (text, 0)
    shown, lost = _withdraw(f"{asked}\n{line}\nOur summary.", council=[asked], typed=[answer])
    assert lost == 1 and shown == f"{asked}\nOur summary."


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(COUNCIL), min_size=3, max_size=8),
       st.lists(st.sampled_from(OWN_WORDS), min_size=1, max_size=5))
def test_a_cleared_quote_and_the_council_words_stay_whoever_repeated_them(question, own):
    """Two respondents repeated the question: one may be quoted, one may not. The quote of
    the one who may be, and the question line, both stay."""
    asked = " ".join(question).capitalize() + "?"
    cleared = " ".join([*question, "we", "need"]) + "."
    withheld = " ".join([*question, *own]) + "."
    text = f"{asked}\n“{cleared}”"
    assert withdraw_quotes(text, typed=[cleared, withheld], public=[cleared],
                           council=[asked]) == (text, 0)


# --- the survey's published results ----------------------------------------------------------


@pytest.mark.django_db
def test_the_results_keep_the_question_line_when_a_withheld_comment_repeats_it(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    asked = writeup_selectors.question_text(agreed_frame)
    # A comment waiting for moderation (so never quoted) that repeats the question.
    response = SurveyResponse.objects.create(survey=published, audience="parents",
                                             submitted_on=published.opens.date())
    SurveyComment.objects.create(
        response=response, survey=published, question_id=agreed_frame.question_id,
        language="en", text=f"{asked} Jayden at Elm Road needs a seat.",
        moderation=SurveyComment.Moderation.PENDING)
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    assert write_up.agreed["text"].startswith(f"{asked}\n")
    shown = writeup_selectors.agreed_for_public(write_up)
    assert shown["text"].startswith(f"{asked}\n") and shown["withdrawn"] == 0
    html = client.get(published.url + "results/").content.decode()
    assert "What one thing would make travel to school better?" in html
    assert "Jayden" not in html


@pytest.mark.django_db
def test_a_deleted_comment_that_repeated_the_question_leaves_the_question_line(
        published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    asked = writeup_selectors.question_text(agreed_frame)
    # The comment, deleted outright, was the question written back.
    assert writeup_services.quotes_withdraw_deleted(texts=[asked],
                                                    survey_id=published.pk) == 0
    write_up.refresh_from_db()
    assert write_up.agreed["text"].startswith(f"{asked}\n")
    assert write_up.text.startswith(f"{asked}\n")


def test_the_council_texts_name_the_question_themes_and_the_drafts_sentences(
        db, published, agreed_frame, officer):  # noqa: F811
    write_up = _generate(published, officer)
    texts = writeup_selectors.council_texts([write_up])[write_up.pk]
    assert writeup_selectors.question_text(agreed_frame) in texts
    assert "Late transport" in texts and "Kind staff" in texts
    assert all(words in texts for words in draft_words(10))
