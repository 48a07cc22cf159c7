# ruff: noqa: F811 - the fixtures imported from test_write_up
"""Words an officer removed from an answer's quote (a name) went from every example quote
of the consultation's frames when removed; typed or pasted back into an example later, they
go again, in any spelling or case form, as the write-up's removed words do. The council's
own name and description of a theme keep theirs (a theme may name a school or a road)."""

from __future__ import annotations

import pytest

from analysis import writeup_services
from analysis.writeup import REMOVED
from tests.analysis.test_write_up import coded  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def removed(frame, coded, officer):
    response = coded[0]
    question = frame.question_id
    response.answers[question] += " Agnieszka Wiśniewska drives past every day."
    response.save(update_fields=["answers"])
    writeup_services.redaction_add(response=response, question_id=question,
                                   words="Agnieszka Wiśniewska", reason="A neighbour's name",
                                   user=officer)
    return response


@pytest.mark.parametrize("typed", [
    "Agnieszka Wiśniewska said the bus was late",
    "agnieszka wisniewska said the bus was late",
    "I told Agnieszce Wiśniewskiej the bus was late",
])
def test_a_name_removed_from_a_quote_goes_again_from_an_example_typed_later(
        frame, removed, officer, typed):
    theme = writeup_services.theme_save(
        frame=frame, user=officer, name="Late buses", description="Buses that come late.",
        examples=[typed, "The bus was late"])
    examples = [e.text for e in theme.examples.all()]
    assert REMOVED in examples[0]
    assert not any(w in examples[0].casefold() for w in ("agniesz", "wiśniew", "wisniew"))
    assert examples[0].endswith("the bus was late")
    assert examples[1] == "The bus was late"
    assert theme.taken_out_again


def test_a_themes_own_name_and_description_keep_a_removed_word(frame, removed, officer):
    theme = writeup_services.theme_save(
        frame=frame, user=officer, name="Wiśniewska Road crossing",
        description="The crossing on Wiśniewska Road.", examples=[])
    assert theme.name == "Wiśniewska Road crossing"
    assert theme.description == "The crossing on Wiśniewska Road."


def test_with_nothing_removed_an_example_is_kept_as_typed(frame, coded, officer):
    theme = writeup_services.theme_save(
        frame=frame, user=officer, name="Late buses", description="",
        examples=["Agnieszka Wiśniewska said the bus was late"])
    assert [e.text for e in theme.examples.all()] == [
        "Agnieszka Wiśniewska said the bus was late"]


@pytest.mark.usefixtures("term_day")
def test_a_draft_form_opened_before_a_quotes_removal_is_told_it_was_a_removal(
        frame, coded, consultation, officer, forum_rep):
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    quoted = next(q for f in write_up.findings.all() for q in f.quotes)
    response = next(r for r in coded if r.pk == quoted["response"])
    words = " ".join(quoted["text"].split()[:2])
    writeup_services.redaction_add(response=response, question_id=frame.question_id,
                                   words=words, reason="Names a school", user=officer)
    write_up.refresh_from_db()
    assert write_up.revised_because == "details_removed"
    assert "Personal details were removed" in str(
        writeup_services.REVISED[write_up.revised_because])
