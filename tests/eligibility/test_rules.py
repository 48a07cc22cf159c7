"""The eligibility rules on the seed policy's cases (Stoke-on-Trent's SEND travel assistance
policy, seeds/004): no database. The reasons are read in English through
``eligibility.wording``, as an English reader sees them."""

from dataclasses import replace

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.rules import (
    MUST,
    POST19_CRITERIA,
    WILL_CONSIDER,
    AgeBand,
    Answers,
    Distance,
    Outcome,
    Rules,
    RulesError,
    Tri,
    differences,
    evaluate,
    post19_criteria,
    rules_from_data,
    what_if,
    what_if_families,
)
from eligibility.wording import describe_rules, difference_text, miles, reason_text


def words(result) -> list[str]:
    """The result's reasons as an English reader reads them (whatever language an earlier
    test left active)."""
    with translation.override("en-gb"):
        return [reason_text(r) for r in result.reasons]

# "Children aged between 5 and 8 years old = Up to 2 miles. Children aged over 8 years old =
# Up to 3 miles." "£1,000.00 ... £500.00 ... up to eight monthly instalments."
STOKE = Rules(
    area_name="Stoke-on-Trent", school_age_from=5, school_age_to=16,
    who_section="Section One", walking_section="Walking", choice_section="Section Two",
    walking_bands=(AgeBand(5, 8, 2.0), AgeBand(9, 16, 3.0)),
    post16_section="Section Seven", contribution_pounds=1000,
    contribution_low_income_pounds=500, contribution_instalments=8,
    post19_section="Young People aged 19+",
)
# The demo's words: "Under 8 years old: up to 2 miles. 8 years old and over: up to 3 miles."
LIVE = Rules(area_name="Stoke-on-Trent", walking_bands=(AgeBand(5, 7, 2.0), AgeBand(8, 16, 3.0)),
             contribution_pounds=1000, contribution_low_income_pounds=500,
             contribution_instalments=8)
PROPOSED = Rules(area_name="Stoke-on-Trent",
                 walking_bands=(AgeBand(5, 7, 1.5), AgeBand(8, 16, 3.0)),
                 contribution_pounds=1000, contribution_low_income_pounds=500,
                 contribution_instalments=8)


def family(**kwargs) -> Answers:
    base = {"age": 7, "lives_in_area": Tri.YES, "distance": Distance(exact=1.0),
                "cannot_walk_safely": Tri.NO, "nearest_school": Tri.YES, "income_benefits": Tri.NO}
    base.update(kwargs)
    return Answers(**base)


# --- statutory school age and where the child lives ---------------------------------------

@pytest.mark.parametrize("age", [5, 10, 16])
def test_school_age_child_over_the_walking_distance_is_likely_to_get_help(age):
    result = evaluate(STOKE, family(age=age, distance=Distance(exact=3.5)))
    assert result.outcome == Outcome.LIKELY
    assert result.reasons[0].duty == MUST


def test_child_living_outside_the_area_is_not_likely_to_get_help_and_is_told_where_to_ask():
    result = evaluate(STOKE, family(lives_in_area=Tri.NO, distance=Distance(exact=5)))
    assert result.outcome == Outcome.NOT_LIKELY
    assert "does not live in Stoke-on-Trent" in words(result)[0]
    assert result.reasons[0].section == "Section One"


def test_not_knowing_where_the_child_counts_as_living_never_gives_likely():
    result = evaluate(STOKE, family(lives_in_area=Tri.UNKNOWN, distance=Distance(exact=5)))
    assert result.outcome == Outcome.MAY


# --- walking distance by age band --------------------------------------------------------

@pytest.mark.parametrize(("age", "distance", "expected"), [
    (5, 1.9, Outcome.NOT_LIKELY), (8, 2.0, Outcome.NOT_LIKELY), (8, 2.1, Outcome.LIKELY),
    (9, 2.5, Outcome.NOT_LIKELY), (9, 3.0, Outcome.NOT_LIKELY), (12, 3.1, Outcome.LIKELY),
])
def test_seed_walking_distances_up_to_2_miles_to_age_8_and_3_miles_over_8(age, distance,
                                                                          expected):
    assert evaluate(STOKE, family(age=age, distance=Distance(exact=distance))).outcome == expected


def test_child_who_cannot_walk_safely_even_with_an_adult_is_considered_whatever_the_distance():
    result = evaluate(STOKE, family(age=10, distance=Distance(exact=0.3),
                                    cannot_walk_safely=Tri.YES))
    # "will be considered": the checker says "may", never "likely".
    assert result.outcome == Outcome.MAY
    assert "whatever the distance" in words(result)[0]
    assert result.reasons[0].section == "Walking"


def test_a_policy_that_must_help_a_child_who_cannot_walk_safely_says_likely():
    rules = rules_from_data({"walking_bands": [{"min_age": 5, "max_age": 16, "miles": 2}],
                             "unsafe_walk_duty": MUST})
    assert evaluate(rules, family(cannot_walk_safely=Tri.YES)).outcome == Outcome.LIKELY


def test_unknown_distance_is_explained_and_the_limit_for_the_age_is_given():
    result = evaluate(STOKE, family(age=6, distance=None))
    assert result.outcome == Outcome.MAY
    assert "up to 2 miles" in words(result)[0]


def test_a_distance_band_that_straddles_the_limit_depends_on_the_exact_distance():
    result = evaluate(STOKE, family(age=6, distance=Distance(more_than=1.5, up_to=3)))
    assert result.outcome == Outcome.MAY
    assert evaluate(STOKE, family(age=6, distance=Distance(more_than=2, up_to=3))).outcome \
        == Outcome.LIKELY


# --- nearest appropriate school or parents' choice ---------------------------------------

def test_parents_choice_of_a_further_school_is_not_likely_to_get_help():
    result = evaluate(STOKE, family(nearest_school=Tri.NO, distance=Distance(exact=6)))
    assert result.outcome == Outcome.NOT_LIKELY
    assert "unless there is a very good reason" in words(result)[-1]


def test_not_knowing_if_the_school_is_the_nearest_appropriate_one_gives_may():
    assert evaluate(STOKE, family(nearest_school=Tri.UNKNOWN,
                                  distance=Distance(exact=6))).outcome == Outcome.MAY


# --- low-income extended rights, where a policy has them ----------------------------------

def test_low_income_families_get_the_shorter_distance_where_the_policy_has_it():
    rules = Rules(walking_bands=STOKE.walking_bands, low_income_bands=(AgeBand(8, 11, 2.0),))
    answers = family(age=10, distance=Distance(exact=2.5))
    assert evaluate(rules, answers).outcome == Outcome.NOT_LIKELY
    with_benefits = evaluate(rules, family(age=10, distance=Distance(exact=2.5),
                                           income_benefits=Tri.YES))
    assert with_benefits.outcome == Outcome.LIKELY


def test_stoke_has_no_low_income_extended_rights_so_benefits_change_nothing_at_school_age():
    a = evaluate(STOKE, family(age=10, distance=Distance(exact=2.5), income_benefits=Tri.YES))
    b = evaluate(STOKE, family(age=10, distance=Distance(exact=2.5), income_benefits=Tri.NO))
    assert a.outcome == b.outcome == Outcome.NOT_LIKELY


# --- under 5 and post-16: discretionary, with a yearly contribution -----------------------

@pytest.mark.parametrize(("benefits", "pounds"), [(Tri.NO, 1000), (Tri.YES, 500),
                                                   (Tri.UNKNOWN, 1000)])
def test_post16_help_is_case_by_case_with_a_yearly_contribution(benefits, pounds):
    result = evaluate(STOKE, family(age=17, income_benefits=benefits))
    assert result.outcome == Outcome.CASE_BY_CASE
    assert result.contribution == pounds
    assert result.instalments == 8
    assert "up to 8 parts" in words(result)[-1]


def test_under_5s_are_decided_case_by_case():
    result = evaluate(STOKE, family(age=4, distance=Distance(exact=5)))
    assert result.outcome == Outcome.CASE_BY_CASE
    assert "if there is a very good reason" in words(result)[0]


# --- post-19 criteria ------------------------------------------------------------------

def post19(**kwargs) -> Answers:
    return family(age=21, distance=Distance(exact=4), course_ok=Tri.YES,
                  someone_can_take=Tri.NO, has_send=Tri.YES, **kwargs)


def test_young_person_19_to_25_meeting_every_criterion_may_get_help_free():
    """"You may make an application ... will be assessed": the council will consider, so
    "may", never "likely"; "If we provide you with travel assistance there shall be no
    charge"."""
    result = evaluate(STOKE, post19())
    assert result.outcome == Outcome.MAY
    assert result.reasons[0].duty == WILL_CONSIDER
    assert "no charge" in words(result)[0]
    assert result.contribution is None


@pytest.mark.parametrize(("change", "criterion"), [
    ({"lives_in_area": Tri.NO}, "area"),  # "an address in Stoke-on-Trent"
    ({"has_send": Tri.NO}, "send"),  # "Have an EHC plan or SEND"
    ({"course_ok": Tri.NO}, "course"),  # new, higher level, full time, term-time daytime
    ({"nearest_school": Tri.NO}, "nearest"),  # "the nearest suitable ... provider"
    ({"distance": Distance(exact=3)}, "far"),  # "more than 3 miles": 3 is not more
    # "No support is available from ...": asked "Is there someone who could take them?",
    # so a yes misses it.
    ({"someone_can_take": Tri.YES}, "no_one"),
])
def test_young_person_missing_one_post19_criterion_is_not_likely(change, criterion):
    """The seed: "you satisfy all the following criteria"; "If you do not qualify ... you
    will need to arrange your own transport"."""
    answers = Answers(**{**post19().__dict__, **change})
    result = evaluate(STOKE, answers)
    assert result.outcome == Outcome.NOT_LIKELY
    assert [(r.code, r.params["criterion"]) for r in result.reasons] == \
        [("post19_missing", criterion)]
    assert result.reasons[0].section == "Young People aged 19+"


def test_a_young_person_missing_two_criteria_is_told_both():
    answers = Answers(**{**post19().__dict__, "has_send": Tri.NO, "course_ok": Tri.NO})
    assert [r.params["criterion"] for r in evaluate(STOKE, answers).reasons] == ["send", "course"]


@pytest.mark.parametrize("unknown", ["lives_in_area", "has_send", "course_ok", "nearest_school",
                                     "someone_can_take"])
def test_a_post19_criterion_not_known_is_checked_and_never_promised(unknown):
    result = evaluate(STOKE, Answers(**{**post19().__dict__, unknown: Tri.UNKNOWN}))
    assert result.outcome == Outcome.MAY
    assert [r.code for r in result.reasons] == ["post19_can_ask", "post19_check"]


def test_post19_distance_unknown_and_able_to_travel_is_checked():
    answers = Answers(**{**post19().__dict__, "distance": None, "cannot_walk_safely": Tri.NO})
    result = evaluate(STOKE, answers)
    assert result.outcome == Outcome.MAY
    assert result.reasons[-1].params["criterion"] == "far"


@pytest.mark.parametrize(("age", "outcome"), [(18, Outcome.CASE_BY_CASE), (19, Outcome.MAY),
                                              (25, Outcome.MAY), (26, Outcome.NOT_LIKELY)])
def test_post19_is_aged_19_to_25_at_the_start_of_the_course(age, outcome):
    assert evaluate(STOKE, Answers(**{**post19().__dict__, "age": age})).outcome == outcome


def test_under_5s_pay_the_same_yearly_charge_as_post16():
    """Section four: "£1,000.00 unless the family receives income related benefits ...
    £500.00 ... up to eight monthly instalments"."""
    result = evaluate(STOKE, family(age=4, income_benefits=Tri.YES))
    assert (result.outcome, result.contribution, result.instalments) == \
        (Outcome.CASE_BY_CASE, 500, 8)


def test_young_person_who_cannot_travel_3_miles_because_of_send_meets_the_distance_criterion():
    answers = Answers(**{**post19().__dict__, "distance": Distance(exact=1),
                         "cannot_walk_safely": Tri.YES})
    assert evaluate(STOKE, answers).outcome == Outcome.MAY


def test_over_25_is_not_covered():
    assert evaluate(STOKE, family(age=26)).outcome == Outcome.NOT_LIKELY


# --- live against proposed ------------------------------------------------------------

def test_seven_year_old_at_1_8_miles_is_no_longer_expected_to_walk_under_the_proposal():
    answers = family(age=7, distance=Distance(exact=1.8))
    assert evaluate(LIVE, answers).outcome == Outcome.NOT_LIKELY
    assert evaluate(PROPOSED, answers).outcome == Outcome.LIKELY
    with translation.override("en-gb"):
        said = [difference_text(d) for d in differences(LIVE, PROPOSED, answers)]
    assert said[0] == ("Under the proposal, your child would not be expected to walk, because "
                       "1.8 miles is over the proposed 1.5 miles for children under 8.")


def test_eleven_year_old_sees_no_difference():
    assert differences(LIVE, PROPOSED, family(age=11, distance=Distance(exact=1.8))) == []


def test_what_if_table_counts_each_family_once():
    """The review found every family counted twice: benefits change nothing at school age
    without a low-income distance. Now each age varies only what the rules read then."""
    families, changes = what_if(LIVE, PROPOSED)
    # Under 5: benefits (the charge differs with them): 2. Ages 5 to 7: distances either
    # side of 1.5 and 2 miles (3), needs yes/no: 6 each, 18. Ages 8 to 16 (Year 11): either
    # side of 3 miles, needs yes/no: 4 each, 36. 16 starting Year 12, 17, 18: benefits: 6.
    # 19 to 25: either side of 3 miles, can or cannot travel that far: 4 each, 28.
    assert families == 2 + 18 + 36 + 6 + 28 == 90
    grid = what_if_families(LIVE, PROPOSED)
    assert len(grid) == len(set(grid)) == 90
    # No two families of one age differ only in benefits at school age.
    school = [a for a in grid if a.age == 7]
    assert {a.income_benefits for a in school} == {Tri.UNKNOWN}
    assert sorted({a.distance.exact for a in school}) == [0.75, 1.75, 3.0]
    # Ages 5, 6, 7 at 1.75 miles, with or without needs: 3 × 2.
    assert len(changes) == 6
    assert {(c.answers.age, c.answers.distance.exact) for c in changes} == \
        {(5, 1.75), (6, 1.75), (7, 1.75)}
    assert all(c.proposed == Outcome.LIKELY for c in changes)
    # A child who can walk safely goes from "not likely" to "likely"; one who cannot, from
    # "may" (we look at their needs) to "likely".
    assert {(c.answers.cannot_walk_safely, c.live) for c in changes} == \
        {(Tri.NO, Outcome.NOT_LIKELY), (Tri.YES, Outcome.MAY)}


def test_what_if_varies_benefits_where_a_low_income_distance_covers_the_age():
    low = replace(LIVE, low_income_bands=(AgeBand(8, 11, 2.0),))
    grid = what_if_families(LIVE, low)
    assert {a.income_benefits for a in grid if a.age == 9} == {Tri.NO, Tri.YES}
    assert {a.income_benefits for a in grid if a.age == 12} == {Tri.UNKNOWN}
    # Age 9: either side of 2 and 3 miles (3), needs (2), benefits (2).
    assert len([a for a in grid if a.age == 9]) == 12


def test_a_changed_charge_counts_as_a_change():
    dearer = replace(LIVE, contribution_pounds=1200)
    families, changes = what_if(LIVE, dearer)
    # Under 5, 16 starting Year 12, 17 and 18, without benefits: 4 families.
    assert [(c.answers.age, c.live_charge, c.proposed_charge) for c in changes] == [
        (4, 1000, 1200), (16, 1000, 1200), (17, 1000, 1200), (18, 1000, 1200)]


def test_describe_shows_a_changed_threshold_as_changed_words():
    with translation.override("en-gb"):
        assert "children under 8: up to 2 miles" in describe_rules(LIVE)
        assert "children under 8: up to 1.5 miles" in describe_rules(PROPOSED)
        assert "From Year 12 (age 16) to age 18: the council decides case by case." in \
            describe_rules(LIVE)


def test_the_rules_are_described_in_the_readers_language():
    """The comparison of versions on a Polish or Arabic page is in that language."""
    with translation.override("pl"):
        polish = describe_rules(PROPOSED)
    with translation.override("ar"):
        arabic = describe_rules(PROPOSED)
    assert "1,5 mili" in polish and "dzieci poniżej 8 lat" in polish
    assert "Walking" not in polish and "Yearly" not in polish
    assert "1,5 ميل" in arabic and "Walking" not in arabic


def test_rules_from_data_reads_the_admin_fields():
    rules = rules_from_data({"area_name": "Stoke-on-Trent", "walking_bands": [
        {"min_age": 8, "max_age": 16, "miles": "3"}, {"min_age": 5, "max_age": 7, "miles": 2}],
        "contribution_pounds": 1000, "contribution_low_income_pounds": 500,
        "contribution_instalments": 8})
    assert rules.walking_bands == (AgeBand(5, 7, 2.0), AgeBand(8, 16, 3.0))
    assert rules.contribution_instalments == 8
    assert rules_from_data({}) == Rules()


def test_miles_in_words():
    with translation.override("en-gb"):
        assert [miles(1.0), miles(1.5), miles(2)] == ["1 mile", "1.5 miles", "2 miles"]


# --- at 16: still in Year 11, or starting Year 12 --------------------------------------

def test_a_16_year_old_still_in_year_11_is_of_school_age():
    """Statutory school age runs to the end of Year 11: the walking distance "must" holds."""
    result = evaluate(STOKE, family(age=16, distance=Distance(exact=4)))
    assert result.outcome == Outcome.LIKELY
    assert result.reasons[0].code == "over_limit" and result.contribution is None


@pytest.mark.parametrize(("benefits", "pounds"), [(Tri.NO, 1000), (Tri.YES, 500),
                                                  (Tri.UNKNOWN, 1000)])
def test_a_16_year_old_starting_year_12_gets_the_post16_answer_and_the_charge(benefits, pounds):
    """Sixth form or college at 16 is post-16 (seed, section seven): help is discretionary
    with a yearly contribution, £1,000 or £500 with income-related benefits, in up to eight
    instalments, however far the walk: never "likely"."""
    result = evaluate(STOKE, family(age=16, after_year_11=True, distance=Distance(exact=9),
                                    income_benefits=benefits))
    assert result.outcome == Outcome.CASE_BY_CASE
    assert [r.code for r in result.reasons] == ["post16", "charge"]
    assert (result.contribution, result.instalments) == (pounds, 8)


def test_starting_year_12_changes_nothing_at_other_ages():
    assert evaluate(STOKE, family(age=11, after_year_11=True)) == evaluate(STOKE, family(age=11))
    assert STOKE.stage(17, False) == STOKE.stage(17, True) == "post16"


# --- properties -------------------------------------------------------------------------

tri = st.sampled_from(list(Tri))
distances = st.one_of(
    st.none(),
    st.builds(Distance, exact=st.floats(0, 30, allow_nan=False)),
    st.builds(Distance, more_than=st.one_of(st.none(), st.floats(0, 10)),
              up_to=st.one_of(st.none(), st.floats(0, 30))),
)
def answers_aged(ages) -> st.SearchStrategy:
    """Answers of every kind for a child of one of ``ages`` (a strategy for the age)."""
    return st.builds(Answers, age=ages, after_year_11=st.booleans(), lives_in_area=tri,
                     distance=distances, cannot_walk_safely=tri, nearest_school=tri,
                     income_benefits=tri, course_ok=tri, someone_can_take=tri, has_send=tri)


answers_st = answers_aged(st.one_of(st.none(), st.integers(0, 40)))
def _bands(rows):
    """Bands one after another from a gap, a length and miles each: never overlapping, as
    the admin and ``Rules`` require."""
    out, start = [], 0
    for gap, length, limit in rows:
        out.append(AgeBand(start + gap, start + gap + length, limit))
        start += gap + length + 1
    return tuple(out)


bands_st = st.lists(st.tuples(st.integers(0, 8), st.integers(0, 10),
                              st.floats(0.1, 10, allow_nan=False)), max_size=3).map(_bands)


@st.composite
def rules_st(draw):
    """Sound rules as the admin accepts them: walking bands that cover every school age (or
    none), low-income distances shorter than the usual ones, a low-income charge no more
    than the full one."""
    walking = ()
    if draw(st.booleans()):
        split = draw(st.integers(6, 16))
        walking = (AgeBand(0, split - 1, draw(st.floats(0.5, 10, allow_nan=False))),
                   AgeBand(split, 30, draw(st.floats(0.5, 10, allow_nan=False))))
    low_income = tuple(
        band for band in draw(bands_st)
        if all(limit is None or band.miles <= limit.miles
               for limit in (next((w for w in walking if w.covers(age)), None)
                             for age in range(band.min_age, band.max_age + 1))))
    full = draw(st.integers(0, 2000))
    return Rules(walking_bands=walking, low_income_bands=low_income,
                 unsafe_walk_duty=draw(st.sampled_from(["must", "will_consider"])),
                 contribution_pounds=full,
                 contribution_low_income_pounds=draw(st.integers(0, full)),
                 contribution_instalments=draw(st.integers(1, 12)))


@settings(max_examples=400, deadline=None)
@given(rules_st(), answers_st)
def test_no_answers_crash_and_every_result_has_a_reason(rules, answers):
    result = evaluate(rules, answers)
    assert result.outcome in Outcome
    assert result.reasons and all(words(result))
    assert isinstance(differences(rules, STOKE, answers), list)


@settings(max_examples=400, deadline=None)
@given(answers_st)
def test_likely_only_when_the_council_must_help_and_everything_it_needs_is_known(answers):
    result = evaluate(STOKE, answers)
    if result.outcome == Outcome.LIKELY:
        assert answers.age is not None and 5 <= answers.age <= 16
        assert not (answers.age == 16 and answers.after_year_11)  # sixth form: no "must"
        assert answers.lives_in_area == Tri.YES and answers.nearest_school == Tri.YES
        band = STOKE.walking_limit(answers.age)
        assert answers.distance.over(band.miles) is True


@settings(max_examples=400, deadline=None)
@given(st.integers(5, 16), st.floats(0, 30, allow_nan=False), tri, tri)
def test_a_must_is_never_contradicted(age, distance, needs, benefits):
    """Beyond the walking distance, at the nearest school, living in the area: the council
    must help, so the checker says "likely", whatever else is answered."""
    answers = family(age=age, distance=Distance(exact=distance), cannot_walk_safely=needs,
                     income_benefits=benefits)
    band = STOKE.walking_limit(age)
    result = evaluate(STOKE, answers)
    if distance > band.miles:
        assert result.outcome == Outcome.LIKELY
    elif needs == Tri.NO:
        assert result.outcome == Outcome.NOT_LIKELY
    else:
        assert result.outcome == Outcome.MAY


@settings(max_examples=200, deadline=None)
@given(answers_st)
def test_discretionary_ages_never_say_likely(answers):
    if answers.age is not None and (answers.age < 5 or answers.age > 16
                                    or (answers.age == 16 and answers.after_year_11)):
        assert evaluate(STOKE, answers).outcome != Outcome.LIKELY


@settings(max_examples=400, deadline=None)
@given(answers_aged(st.integers(19, 25)))
def test_post19_is_never_promised_and_not_likely_exactly_when_a_criterion_is_missed(answers):
    """No combination of answers promises help to a young adult; "not likely" exactly when
    the answers say a criterion is missed, each missed one named; otherwise "may"."""
    result = evaluate(STOKE, answers)
    met = post19_criteria(STOKE, answers)
    missed = [name for name in POST19_CRITERIA if met[name] == Tri.NO]
    assert result.outcome == (Outcome.NOT_LIKELY if missed else Outcome.MAY)
    if missed:
        assert [r.params["criterion"] for r in result.reasons] == missed
    assert result.contribution is None  # "there shall be no charge"


@settings(max_examples=300, deadline=None)
@given(answers_aged(st.sampled_from([0, 1, 2, 3, 4, 16, 17, 18])))
def test_discretionary_ages_are_case_by_case_with_the_seed_charge(answers):
    """Under 5 and after Year 11 (16 and starting Year 12, or 17 to 18): no "must", so case
    by case (not likely only outside the area), and the yearly charge: £500 on
    income-related benefits, else £1,000, in up to eight instalments."""
    if answers.age == 16:
        answers = Answers(**{**answers.__dict__, "after_year_11": True})
    result = evaluate(STOKE, answers)
    if answers.lives_in_area == Tri.NO:
        assert result.outcome == Outcome.NOT_LIKELY and result.contribution is None
    else:
        assert result.outcome == Outcome.CASE_BY_CASE
        assert result.contribution == (500 if answers.income_benefits == Tri.YES else 1000)
        assert result.instalments == 8


@settings(max_examples=400, deadline=None)
@given(answers_aged(st.integers(5, 16)),
       st.floats(0.01, 20, allow_nan=False))
def test_no_other_answer_contradicts_the_walking_distance_must(answers, beyond):
    """Living in the area, at the nearest appropriate school and beyond the walking distance
    for their age: the council must help, so "likely", whatever else is answered (needs,
    benefits, the young-adult questions), up to 16 and still in Year 11."""
    band = STOKE.walking_limit(answers.age)
    answers = Answers(**{**answers.__dict__, "lives_in_area": Tri.YES,
                         "nearest_school": Tri.YES, "after_year_11": False,
                         "distance": Distance(exact=band.miles + beyond)})
    result = evaluate(STOKE, answers)
    assert result.outcome == Outcome.LIKELY
    assert result.reasons[0].code == "over_limit" and result.reasons[0].duty == MUST


# --- rules no checker can read truthfully ----------------------------------------------

@pytest.mark.parametrize(("changes", "field"), [
    ({"post19_min_age": 25, "post19_max_age": 19}, "post19_max_age"),
    ({"school_age_from": 0}, "school_age_from"),
    ({"school_age_to": 5}, "school_age_to"),
    ({"post19_min_age": 16}, "post19_min_age"),
    ({"post19_max_age": 30}, "post19_max_age"),
    ({"walking_bands": (AgeBand(5, 8, 2.0), AgeBand(8, 16, 3.0))}, "walking_bands"),
    # The second review: rules that save but make no sense.
    ({"school_age_to": 18}, "school_age_to"),
    ({"walking_bands": (AgeBand(20, 25, 2.0),)}, "walking_bands"),
    ({"walking_bands": (AgeBand(5, 7, 2.0), AgeBand(9, 16, 3.0))}, "walking_bands"),
    ({"low_income_bands": (AgeBand(8, 11, 5.0),)}, "low_income_bands"),
    ({"post19_min_miles": 1_000_000}, "post19_min_miles"),
    ({"contribution_pounds": 1000, "contribution_low_income_pounds": 5000},
     "contribution_low_income_pounds"),
    ({"contribution_pounds": 10**12}, "contribution_pounds"),
])
def test_impossible_rules_are_refused_naming_the_field(changes, field):
    with pytest.raises(RulesError) as raised:
        replace(LIVE, **changes)
    assert raised.value.field == field


def test_stored_numbers_are_read_as_they_are_never_replaced():
    """The review: school age from 0, which the checker silently read as 5."""
    data = {"school_age_from": 0, "walking_bands": [{"min_age": 5, "max_age": 16, "miles": 2}]}
    with pytest.raises(RulesError) as raised:
        rules_from_data(data)
    assert raised.value.field == "school_age_from"
    with pytest.raises(RulesError):
        rules_from_data({"walking_bands": [{"min_age": 5, "max_age": 16, "miles": None}]})
    with pytest.raises(RulesError):
        rules_from_data({"post19_min_age": 25, "post19_max_age": 19})
    # A field saved before it existed takes its default.
    assert rules_from_data({}).school_age_from == 5


# --- age not known ----------------------------------------------------------------------

def test_without_an_age_the_answer_says_so_and_sets_out_the_rules_by_age():
    result = evaluate(LIVE, family(age=None))
    assert result.outcome == Outcome.NEED_AGE
    said = words(result)
    assert said[0].startswith("We need your child's age")
    assert "Children under 8 walk up to 2 miles." in said
    assert "Children aged 8 and over walk up to 3 miles." in said
    assert any(line.startswith("After Year 11") for line in said)
    assert any(line.startswith("Young people aged 19 to 25") for line in said)
    assert "case by case" not in " ".join(said).lower()


# --- what changes when the distance is not known ---------------------------------------

def test_a_changed_limit_is_said_plainly_when_the_distance_is_not_known():
    """The review: "Nothing" changes, although the limit for a 7-year-old does."""
    said = differences(LIVE, PROPOSED, family(age=7, distance=None))
    assert [d.code for d in said] == ["limit_changes"]
    with translation.override("en-gb"):
        text = difference_text(said[0])
    assert text == ("The proposal changes how far children under 8 are expected to walk: "
                    "from up to 2 miles to up to 1.5 miles. If your child's walk is more than "
                    "1.5 miles and up to 2 miles, they would no longer be expected to walk.")
    # Longer: the other way round.
    said = differences(PROPOSED, LIVE, family(age=7, distance=None))
    with translation.override("en-gb"):
        assert difference_text(said[0]).endswith("they would be expected to walk.")
    # For an 11-year-old, nothing changes.
    assert differences(LIVE, PROPOSED, family(age=11, distance=None)) == []


# --- young adults: unable to travel without help ----------------------------------------

def test_a_young_adult_who_could_get_there_without_help_misses_the_last_criterion():
    """The seed's last criterion is one sentence: "unable to travel ... without help and no
    support is available from people in your household ...". Asked as one question."""
    adult = family(age=20, has_send=Tri.YES, course_ok=Tri.YES, distance=Distance(exact=4),
                   someone_can_take=Tri.YES)
    result = evaluate(STOKE, adult)
    assert result.outcome == Outcome.NOT_LIKELY
    assert words(result) == ["For ages 19 to 25, we help only if they cannot get there on "
                             "their own and no one else can take them."]
