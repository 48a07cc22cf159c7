"""The checker's own words read at a reading age of 9 or under (the portal's target), as the
policy editor's plain-language check measures them (portal/readability.py)."""

import itertools

import pytest
from django.utils import translation

from eligibility import rules
from eligibility.forms import ADULT_QUESTIONS, QUESTIONS
from eligibility.rules import Answers, Distance, Tri
from eligibility.wording import OUTCOME_WORDS, difference_text, reason_text
from portal.readability import score_text
from tests.eligibility.test_rules import LIVE, PROPOSED, STOKE, family


def every_reason() -> set[str]:
    texts = set()
    for age, distance in itertools.product([3, 6, 10, 17, 21, 30, None],
                                           [None, Distance(exact=1), Distance(exact=5)]):
        for answers in itertools.product(list(Tri), repeat=7):
            found = rules.evaluate(STOKE, Answers(age, *answers[:1], distance, *answers[1:]))
            texts.update(reason_text(reason) for reason in found.reasons)
    for age, distance in [(7, 1.8), (7, 2.5), (17, 1)]:
        texts.update(difference_text(d) for d in rules.differences(
            LIVE, PROPOSED, family(age=age, distance=Distance(exact=distance))))
    return texts


@pytest.fixture(autouse=True)
def english():
    """The English words, whatever language an earlier test left active."""
    with translation.override("en-gb"):
        yield


def test_the_reasons_read_at_age_9_or_under():
    report = score_text("\n".join(sorted(every_reason())), reading_age_target=9)
    assert report.reading_age <= 9, report.hardest_sentences
    # The one sentence over 25 words is the plain-words change the issue asked for, word for
    # word: "Under the proposal, your child would not be expected to walk, because ...".
    assert len(report.long_sentences) <= 1


def test_the_questions_and_answers_read_at_age_9_or_under():
    words = [f"{q.label}\n{q.hint}\n{q.dont_know}"
             for q in (*QUESTIONS.values(), *ADULT_QUESTIONS.values())]
    words += [f"{w}." for w in OUTCOME_WORDS.values()]
    report = score_text("\n".join(str(w) for w in words), reading_age_target=9)
    assert report.reading_age <= 9, report.hardest_sentences
