"""More ways of pinning one or two people, or a few by subtraction, in the officer's words
(review bk15g, F5), in English, Polish and Arabic, without a database: "one of the parents"
in each language, pairs with words between them and their word of saying, each with a verb
of their own, roles, named families, bases written as words, a base in the sentence before,
and a plain subtraction. Ordinary sentences still pass."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.small_numbers import small_numbers
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES as MINIMUM
from tests.analysis.test_small_numbers import ORDINARY


@pytest.mark.parametrize(("text", "value"), [
    # one of the parents, in three languages
    ("One of the parents said the bus was late.", 1),
    ("Jeden z rodziców napisał, że autobus się spóźnia.", 1),
    ("Jedna z matek napisała, że kierowca jest miły.", 1),
    ("Jedna z mam napisała, że autobus się spóźnia.", 1),
    ("قال أحد الآباء إن الحافلة متأخرة.", 1),
    ("قالت إحدى الأمهات إن الحافلة متأخرة.", 1),
    ("قال واحد من الآباء إن الحافلة متأخرة.", 1),
    ("قال أحد أولياء الأمور إن الحافلة متأخرة.", 1),
    # pairs with words between them and their word of saying
    ("Mama i tata z ulicy Dębowej napisali, że autobus się spóźnia.", 2),
    ("Napisali do nas mama i tata.", 2),
    ("كتبت إلينا أم وجدة.", 2),
    # each with a verb of their own
    ("كتبت أم، وكتب أب أيضا.", 2),
    ("Mama napisała, a tata dodał, że autobus się spóźnia.", 2),
    ("A father wrote, and so did a mother.", 2),
    ("A mum said the bus was late, and a dad said the same.", 2),
    # English pairs
    ("A dad and his partner told us the bus was late.", 2),
    ("Grandad and grandma said.", 2),
    ("His mum and her dad wrote.", 2),
    # roles
    ("A taxi driver and an escort wrote.", 2),
    ("A headteacher and a SENCO wrote.", 2),
    ("A teacher and a social worker wrote to us.", 2),
    ("A passenger assistant and a driver wrote.", 2),
    # named families and people
    ("The Smith family and the Jones family said the bus was late.", 2),
    ("Mrs Patel and Mr Khan told us.", 2),
    ("The Okafor family told us the bus was late.", 1),
    # bases written as words, and in the sentence before
    ("Połowa z dwunastu rodzin napisała to samo.", 6),
    ("ربع الاثني عشر الذين كتبوا قالوا ذلك.", 3),
    ("A quarter of the twelve who wrote said so.", 3),
    ("12 wrote. A quarter of them said so.", 3),
    # plain subtraction
    ("Of the 14 schools, 12 agreed.", 2),
    ("Of 24 people, 20 agreed.", 4),
    ("Of the 24 who wrote, 20 agreed.", 4),
    ("12 of the 14 schools agreed.", 2),
    ("20 out of 24 said yes.", 4),
    ("Z 14 szkół, 12 się zgodziło.", 2),
    ("من أصل 14 مدرسة، وافقت 12.", 2),
])
def test_one_or_two_people_or_a_few_left_over_are_counts(text, value):
    found = small_numbers(text, minimum=MINIMUM)
    assert found, text
    assert found[0].value == value


WIDER_ORDINARY = [
    *ORDINARY,
    "Of the 200 people who wrote, 150 asked for a text.",
    "Of the 14 routes, 12 were late in March.",
    "Of the 240 answers, 120 were in Polish.",
    "Late transport: 20 of 24 people (83 %).",  # the draft's own words
    "The driver and the escort were kind.",
    "Mum and dad groups met in March.",
    "A parent told us a driver was rude.",
    "The whole family said thanks.",
    "One of the routes was late.",
    "Jedna z tras się spóźnia.",
    "أحد الأيام تأخرت الحافلة.",
    "لم يقل أحد شيئا.",
    "Parents and carers told us the bus was late.",
    "Rodzice i opiekunowie napisali, że autobus się spóźnia.",
    "قال الآباء والأمهات إن الحافلة متأخرة.",
    "The Parent Carers' Council said the draft was clear.",
    "Taxi drivers and escorts wrote to us too.",
    "From 7:40, 12 buses ran.",
]


@pytest.mark.parametrize("text", WIDER_ORDINARY)
def test_ordinary_sentences_still_pass(text):
    assert small_numbers(text, minimum=MINIMUM) == []


FILLER = st.lists(st.sampled_from(["z", "ulicy", "Dębowej", "do", "nas", "wczoraj", "też"]),
                  max_size=3)
POLISH_PAIRS = st.sampled_from(["mama i tata", "babcia i dziadek", "ciocia oraz wujek",
                                "matka i ojciec"])
ARABIC_PAIRS = st.sampled_from(["أم وأب", "أم وجدة", "جد وجدة", "الأم والأب"])


@given(POLISH_PAIRS, FILLER, st.sampled_from(["napisali", "powiedzieli", "zadzwonili"]),
       st.booleans())
def test_a_polish_pair_with_words_before_its_verb_is_two(pair, filler, verb, verb_first):
    # Up to three words between the pair and a verb after it, two before ("Napisali do nas
    # mama i tata").
    words = ([verb, *filler[:2], pair] if verb_first else [pair, *filler, verb])
    text = " ".join(words).capitalize() + "."
    [found] = small_numbers(text, minimum=MINIMUM)
    assert found.value == 2


@given(ARABIC_PAIRS, st.lists(st.sampled_from(["إلينا", "لنا", "أمس"]), max_size=2),
       st.sampled_from(["كتبت", "قالت", "اشتكت"]))
def test_an_arabic_pair_after_its_verb_and_a_word_or_two_is_two(pair, filler, verb):
    text = " ".join([verb, *filler, pair]) + "."
    [found] = small_numbers(text, minimum=MINIMUM)
    assert found.value == 2


@given(st.integers(MINIMUM, 300), st.integers(MINIMUM, 300),
       st.sampled_from(["schools", "families", "people", "parents", "who wrote"]),
       st.sampled_from(["Of the {base} {who}, {count} agreed.",
                        "{count} of the {base} {who} agreed.",
                        "Of {base} {who}, {count} said yes."]))
def test_a_base_then_a_count_is_flagged_exactly_when_the_others_are_few(base, count, who,
                                                                         form):
    text = form.format(base=base, count=count, who=who)
    found = small_numbers(text, minimum=MINIMUM)
    assert bool(found) is (0 < base - count < MINIMUM), text
    if found:
        assert found[0].value == base - count


@given(st.sampled_from(["a taxi driver", "an escort", "a headteacher", "a SENCO",
                        "a social worker", "a passenger assistant", "a teacher", "a mum",
                        "a grandparent"]),
       st.sampled_from(["a taxi driver", "an escort", "a headteacher", "a SENCO",
                        "a social worker", "a passenger assistant", "a teacher", "a dad"]),
       st.sampled_from(["wrote", "told us", "said so", "called"]))
def test_two_roles_named_one_by_one_are_two(first, second, verb):
    [found] = small_numbers(f"{first.capitalize()} and {second} {verb}.", minimum=MINIMUM)
    assert found.value == 2
