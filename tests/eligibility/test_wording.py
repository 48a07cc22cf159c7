"""The checker's reasons and "what changes" sentences in English, Polish and Arabic, with the
reader's number format: no database."""

import dataclasses
import itertools
import re

import pytest
from django.utils import translation

from eligibility import rules
from eligibility.rules import POST19_CRITERIA, REASON_CODES, Answers, Difference, Distance, Tri
from eligibility.wording import (
    describe_rules,
    difference_text,
    miles,
    pounds,
    reason_html,
    reason_text,
)
from tests.eligibility.test_rules import LIVE, PROPOSED, STOKE, family

#: The seed's policy naming no area: the checker says "our area" in the reader's language.
OURS = dataclasses.replace(STOKE, area_name="")


def every_reason() -> list[rules.Reason]:
    """One reason of each kind the rules give, from answers across every branch, for a
    policy naming its area and one that says "our area"."""
    found = {}
    for policy, age, distance in itertools.product(
            [STOKE, OURS], [3, 6, 10, 16, 17, 21, 30, None],
            [None, Distance(exact=1), Distance(exact=5), Distance(up_to=1.5),
             Distance(more_than=3), Distance(more_than=1, up_to=4)]):
        for answers in itertools.product(list(Tri), repeat=7):
            result = rules.evaluate(policy, Answers(age, answers[0], distance, *answers[1:],
                                                    after_year_11=age == 16))
            for reason in result.reasons:
                key = (reason.code, reason.params.get("criterion"),
                       reason.params.get("benefits"), bool(reason.params.get("area")))
                found.setdefault(key, reason)
    return list(found.values())


REASONS = every_reason()
DIFFERENCES = [
    *rules.differences(LIVE, PROPOSED, family(age=7, distance=Distance(exact=1.8))),
    *rules.differences(PROPOSED, LIVE, family(age=7, distance=Distance(exact=1.8))),
    Difference("charge", {"live": 1000, "proposed": 500}),
]
ENGLISH_WORDS = re.compile(r"\b(the|your|child|walk|help|we|miles|under|proposal|check|our|"
                           r"area|year|council|charge)\b", re.IGNORECASE)


def test_every_reason_code_and_post19_criterion_is_reached_and_written():
    codes = {r.code for r in REASONS}
    assert codes == set(REASON_CODES) - {"no_walking_rule"}  # STOKE has a band for every age
    assert {r.params["criterion"] for r in REASONS if r.code == "post19_missing"} == \
        set(POST19_CRITERIA)
    with translation.override("en-gb"):
        assert reason_text(rules.Reason("no_walking_rule")) == \
            "We look at each child's needs and the route to school."
    assert [d.code for d in DIFFERENCES] == ["walk_no_longer", "outcome", "walk_now", "outcome",
                                             "charge"]


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_every_reason_and_change_is_translated_with_no_english_left(code):
    with translation.override("en-gb"):
        english = [reason_text(r) for r in REASONS] + [difference_text(d) for d in DIFFERENCES]
    with translation.override(code):
        translated = [reason_text(r) for r in REASONS] + [difference_text(d)
                                                          for d in DIFFERENCES]
    for before, after in zip(english, translated, strict=True):
        assert after != before
        # Names the policy gives (the area) and acronyms stay as they are; no English word.
        assert not ENGLISH_WORDS.search(after.replace("Stoke-on-Trent", "")), after


@pytest.mark.parametrize(("code", "expected"), [
    ("en-gb", ("1.8 miles", "2 miles", "1 mile", "£1,000")),
    ("pl", ("1,8 mili", "2 mile", "1 mila", "1\xa0000 £")),
    ("ar", ("1,8 ميل", "ميلين", "ميل واحد", "1\u066c000 جنيه إسترليني")),
])
def test_numbers_are_written_as_the_reader_writes_them(code, expected):
    with translation.override(code):
        assert (miles(1.8), miles(2), miles(1), pounds(1000)) == expected


@pytest.mark.parametrize(("code", "sentence"), [
    ("en-gb", "Under the proposal, your child would not be expected to walk, because 1.8 miles "
              "is over the proposed 1.5 miles for children under 8."),
    ("pl", "Według propozycji dziecko nie musiałoby chodzić pieszo, bo 1,8 mili to więcej niż "
           "proponowany limit: 1,5 mili dla grupy: dzieci poniżej 8 lat."),
    ("ar", "حسب الاقتراح، لن يُتوقع من طفلك أن يمشي، لأن 1,8 ميل أكثر من الحد المقترح وهو "
           "1,5 ميل بالنسبة إلى الأطفال دون سن 8."),
])
def test_the_demo_change_for_a_seven_year_old_reads_in_each_language(code, sentence):
    with translation.override(code):
        assert difference_text(DIFFERENCES[0]) == sentence


def test_the_yearly_charge_names_eight_instalments_in_polish_and_arabic():
    reason = next(r for r in REASONS if r.code == "charge" and r.params["benefits"] == Tri.YES)
    with translation.override("pl"):
        assert reason_text(reason) == ("Jeśli pomożemy, możesz płacić 500 £ rocznie, bo dostajesz "
                                       "świadczenia zależne od dochodu. Możesz zapłacić w "
                                       "maksymalnie 8 ratach.")
    with translation.override("ar"):
        assert "500 جنيه إسترليني" in reason_text(reason)
        assert "8 دفعات" in reason_text(reason)


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_the_rules_comparison_is_written_in_polish_and_arabic(code):
    """The rules as the comparison of versions shows them ("what would change" on the
    consultation's proposed page): every line in the reader's language."""
    must = dataclasses.replace(OURS, unsafe_walk_duty="must", post16_discretionary=False,
                               under_age_discretionary=False,
                               low_income_bands=(rules.AgeBand(8, 11, 2.0),))
    for policy in (STOKE, OURS, must):
        with translation.override("en-gb"):
            english = describe_rules(policy).splitlines()
        with translation.override(code):
            translated = describe_rules(policy).splitlines()
        assert len(translated) == len(english)
        for before, after in zip(english, translated, strict=True):
            assert after != before
            assert not ENGLISH_WORDS.search(after.replace("Stoke-on-Trent", "")), after


def test_our_area_is_said_in_the_readers_language_and_a_named_area_as_named():
    outside = rules.evaluate(OURS, family(lives_in_area=Tri.NO)).reasons[0]
    with translation.override("pl"):
        assert reason_text(outside).startswith("Twoje dziecko nie mieszka na naszym terenie.")
    with translation.override("ar"):
        assert reason_text(outside).startswith("طفلك لا يعيش في منطقتنا.")
    assert rules.rules_from_data({"area_name": " Our area "}).area_name == ""
    assert rules.rules_from_data({"area_name": "Stoke-on-Trent"}).area_name == "Stoke-on-Trent"


def test_an_english_area_name_is_marked_english_inside_a_polish_reason():
    outside = rules.evaluate(STOKE, family(lives_in_area=Tri.NO)).reasons[0]
    with translation.override("pl"):
        html = reason_html(outside, english_area=True)
        assert html.startswith('Twoje dziecko nie mieszka w: <span lang="en" dir="ltr">'
                               'Stoke-on-Trent</span>.')
        assert "<span" not in reason_html(outside)
    tricky = dataclasses.replace(outside, params={**outside.params, "area": "<b>A&B</b>"})
    with translation.override("pl"):
        assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in reason_html(tricky, english_area=True)
