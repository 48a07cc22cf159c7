"""Chosen personal details removed from a consultation's write-up are taken out of the answers
it quotes too (as an officer's removal from a quote, with the reason), so a draft written again
from the themes quotes those answers without them."""

from __future__ import annotations

import pytest

from analysis import writeup_services
from analysis.models import Redaction
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - a fixture
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = pytest.mark.usefixtures("term_day")

REASON = "It named a child whose mum asked us to take his name out."


def test_an_answer_holding_the_words_is_quoted_without_them_from_then_on(
        frame, consultation, coded, officer, forum_rep):  # noqa: F811
    _agree(frame, officer, forum_rep)
    draft = writeup_services.write_up_generate(consultation=consultation, user=officer)
    quoted = next(q for f in draft.findings.all() for q in f.quotes)
    response = next(r for r in coded if r.pk == quoted["response"])
    words = " ".join(response.answers[frame.question_id].split()[1:4])
    assert any(words in f.text for f in draft.findings.all())
    entry = writeup_services.write_up_phrases_remove(write_up=draft, phrases=[words],
                                                     reason=REASON, user=officer)
    # The redaction names the removal's entry; the typed reason lives only beside it
    # (review bk15h, F5).
    assert Redaction.objects.filter(
        response=response, reason="Words removed from the write-up as personal details "
                                  f"(removal: entry {entry.sequence})").exists()
    assert not Redaction.objects.filter(reason__contains="mum").exists()
    assert not any(words in f.text for f in draft.findings.all())
    again = writeup_services.write_up_generate(consultation=consultation, user=officer)
    assert not any(words.lower() in f.text.lower() for f in again.findings.all())
    assert not any(words.lower() in q["text"].lower()
                   for f in again.findings.all() for q in f.quotes)
