"""A travel policy's eligibility rules as data, and what they mean for one family.

Plain functions over frozen dataclasses (no Django, no Wagtail), like
``consultations/scheduling.py``. A policy version carries its rules (officers fill them in
the admin as fields); ``evaluate(rules, answers)`` reads them against a family's answers and
says what is likely, why, and which section of the policy each reason comes from.

The model follows what a council SEND travel assistance policy decides (Stoke-on-Trent's,
``seeds/004``):

- statutory school age, 5 to 16, and living in the council's area ("Is your child of
  statutory school age (5 to 16); ordinarily resident in Stoke-on-Trent");
- walking distance by age, along the shortest safe walking route ("Children aged between 5
  and 8 years old = Up to 2 miles. Children aged over 8 years old = Up to 3 miles"), and "if
  the nature of your child's SEND means that they could not walk to school safely, even
  accompanied, then a form of travel assistance will be considered notwithstanding the
  distances";
- nearest appropriate school versus parental choice ("the local authority does not have a
  statutory duty to provide travel assistance to your choice of school ... unless the local
  authority is satisfied that exceptional circumstances apply");
- extended rights for low-income families, where a policy has them (Stoke's has none; the
  national guidance's are typical: a shorter distance for ages 8 to 11);
- under 5, and from Year 12 (a 16-year-old starting sixth form or college, or 17 to 18):
  discretionary help with a yearly contribution ("£1,000.00 annually
  unless the family receives income related benefits ... £500.00 ... up to eight monthly
  instalments");
- 19 to 25: the criteria of "Young people aged 19+" (an EHC plan or SEND, a new higher-level
  course, full time, nearest suitable provider, more than 3 miles or unable to travel that
  far, term-time daytime, unable to travel without help with no one able to take them: the
  checker asks "could they get there without our help, on their own or with someone?", and
  a "yes" misses the criterion), and no charge. Meeting them all lets a
  young person apply and be assessed ("may"); missing any one means "not likely".

Each rule says whether the council **must** act (a statutory duty: the result may say
"likely to get help") or **will consider** it (judgement: the result says "may get help").
The result is never a promise: ``Outcome.LIKELY`` is the strongest thing it says.

The module says nothing in words: each reason is a ``Reason`` with a ``code`` and its
numbers (``params``); ``eligibility/wording.py`` turns them into sentences in the reader's
language and number format, and writes the rules out for the comparison of versions
(``wording.describe_rules``).

Distances are in miles (floats); ages in whole years on the day the question is asked.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MUST, WILL_CONSIDER, MAY = "must", "will_consider", "may"


class Outcome(enum.StrEnum):
    """What the checker says, strongest first. None of them is a decision; the words for
    each are in ``eligibility.wording.OUTCOME_WORDS``."""

    LIKELY = "likely"
    MAY = "may"
    CASE_BY_CASE = "case_by_case"
    NOT_LIKELY = "not_likely"
    # No age given: the checker cannot say which part of the policy applies, so it says so
    # and sets out the rules by age (never "case by case", which would be a different claim).
    NEED_AGE = "need_age"


class Tri(enum.StrEnum):
    """An answer that may be "I don't know"."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class RulesError(ValueError):
    """Rules no checker can read truthfully: ``field`` names the admin's field (as
    ``EligibilityRulesBlock`` names it), the message says what is wrong in plain words."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


#: The ages the checker's first question offers: "Under 5" (read as 4), 5 to 25, "Over 25"
#: (read as 26). Rules must fit them (``Rules.problems``).
FIRST_AGE, LAST_AGE = 5, 25
#: Statutory school age ends at 16 (Education Act 1996, s.8): the age question's "16 and
#: still in Year 11" is written for it.
SCHOOL_AGE_ENDS = 16
#: The checker reads typed distances up to this many miles (``CheckerForm``).
MOST_MILES = 100
#: A yearly post-16 charge above this is a typing mistake (the seeds: £1,000).
MOST_POUNDS = 10_000


@dataclass(frozen=True)
class AgeBand:
    """Ages ``min_age`` to ``max_age`` (whole years, both included) and a walking limit.

    A child in the band is expected to walk up to ``miles`` along the shortest safe route."""

    min_age: int
    max_age: int
    miles: float

    def __post_init__(self):
        if self.max_age < self.min_age:
            raise RulesError("walking_bands", "An age band ends before it starts: from "
                             f"{self.min_age} to {self.max_age}.")
        if self.miles <= 0:
            raise RulesError("walking_bands", "A walking distance must be more than 0 miles.")

    def covers(self, age: int) -> bool:
        return self.min_age <= age <= self.max_age

    def shape(self, *, school_from: int = 5, school_to: int = 16) -> tuple[str, int, int]:
        """How to name the band: ("under", 8, 8) for "children under 8", ("from", 8, 8) for
        "8 and over", ("only", 8, 8) for "aged 8", ("range", 8, 11) for "aged 8 to 11"."""
        if self.min_age <= school_from and self.max_age < school_to:
            return "under", self.max_age + 1, self.max_age + 1
        if self.max_age >= school_to and self.min_age > school_from:
            return "from", self.min_age, self.min_age
        if self.min_age == self.max_age:
            return "only", self.min_age, self.min_age
        return "range", self.min_age, self.max_age


@dataclass(frozen=True)
class Rules:
    """One policy version's eligibility rules. ``*_section`` fields hold the heading of the
    policy section a rule comes from (the checker links to it); empty means "this policy"."""

    # Where a child must live, as the policy names it ("Stoke-on-Trent"); "" is the
    # council's own area, which the checker calls "our area" in the reader's language.
    area_name: str = ""
    school_age_from: int = 5
    school_age_to: int = 16
    who_section: str = ""
    walking_bands: tuple[AgeBand, ...] = ()
    walking_section: str = ""
    # "will consider" (Stoke) or "must": the duty when SEND means a child cannot walk safely.
    unsafe_walk_duty: str = WILL_CONSIDER
    choice_section: str = ""
    low_income_bands: tuple[AgeBand, ...] = ()
    low_income_section: str = ""
    under_age_discretionary: bool = True
    post16_discretionary: bool = True
    post16_section: str = ""
    contribution_pounds: int = 0
    contribution_low_income_pounds: int = 0
    contribution_instalments: int = 1
    post19_min_age: int = 19
    post19_max_age: int = 25
    post19_min_miles: float = 3.0
    post19_section: str = ""

    def __post_init__(self):
        problem = next(iter(self.problems()), None)
        if problem:
            raise RulesError(*problem)

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for each thing in these rules that no checker can read
        truthfully; [] when they are sound. The admin shows them on the fields
        (``EligibilityRulesBlock.clean``); building ``Rules`` raises ``RulesError`` for the
        first, so the checker never reads other numbers in their place."""
        out = []
        if not FIRST_AGE <= self.school_age_from <= 8:
            out.append(("school_age_from", f"Statutory school age starts at {FIRST_AGE} (the "
                        f"checker's first answer is \"Under {FIRST_AGE}\"); use a number from "
                        f"{FIRST_AGE} to 8."))
        if self.school_age_to != SCHOOL_AGE_ENDS:
            out.append(("school_age_to", f"Statutory school age ends at {SCHOOL_AGE_ENDS} "
                        "(Education Act 1996, section 8): the checker's Year 11 question is "
                        f"written for it; use {SCHOOL_AGE_ENDS}."))
        if self.post19_min_age <= self.school_age_to:
            out.append(("post19_min_age", "Young adults must start after school age ends "
                        f"(after {self.school_age_to})."))
        if self.post19_max_age < self.post19_min_age:
            out.append(("post19_max_age", "The young adults' ages end before they start: "
                        f"from {self.post19_min_age} to {self.post19_max_age}."))
        elif self.post19_max_age > LAST_AGE:
            out.append(("post19_max_age", f"The checker asks ages up to {LAST_AGE}; use "
                        f"{LAST_AGE} or less."))
        if self.post19_min_miles < 0:
            out.append(("post19_min_miles", "A distance cannot be less than 0 miles."))
        elif self.post19_min_miles > MOST_MILES:
            out.append(("post19_min_miles", f"The checker reads distances up to {MOST_MILES} "
                        f"miles; use {MOST_MILES} or less."))
        if self.walking_bands:
            left_out = [age for age in range(self.school_age_from, self.school_age_to + 1)
                        if self.walking_limit(age) is None]
            if left_out:
                out.append(("walking_bands", "Every school age needs a walking distance; "
                            f"these ages have none: {', '.join(map(str, left_out))}."))
        for band in self.low_income_bands:
            usual = [self.walking_limit(age) for age in range(band.min_age, band.max_age + 1)]
            if any(limit is not None and band.miles > limit.miles for limit in usual):
                out.append(("low_income_bands", "A low-income family's distance cannot be "
                            "longer than the usual walking distance for the same ages "
                            f"({band.miles:g} miles for ages {band.min_age} to "
                            f"{band.max_age} is)."))
                break
        if self.contribution_low_income_pounds > self.contribution_pounds:
            out.append(("contribution_low_income_pounds", "The charge for families on "
                        "income-related benefits cannot be more than the full charge."))
        if self.contribution_pounds > MOST_POUNDS:
            out.append(("contribution_pounds", f"A yearly charge over £{MOST_POUNDS:,} is "
                        "surely a typing mistake."))
        for name in ("walking_bands", "low_income_bands"):
            bands = getattr(self, name)
            for a, b in itertools.pairwise(sorted(bands, key=lambda band: band.min_age)):
                if b.min_age <= a.max_age:
                    out.append((name, "Two age bands cover the same age."))
                    break
        if self.contribution_instalments < 1:
            out.append(("contribution_instalments", "The charge is paid in 1 part or more."))
        return out

    def stage(self, age: int | None, after_year_11: bool = False) -> str:
        """Which part of the policy covers a child of ``age`` (whole years; None: not
        known): "unknown", "under" (under school age), "school" (statutory school age),
        "post16" (discretionary help, after Year 11: from ``school_age_to`` when
        ``after_year_11``, or older, up to the young-adult ages), "post19" (the young-adult
        criteria) or "over" (older than they cover).

        ``after_year_11`` matters only at ``school_age_to`` (16): a 16-year-old still in
        Year 11 is of school age; one starting Year 12, sixth form or college is post-16
        (the seed: "Post 16 ... you will need to pay a contribution")."""
        if age is None:
            return "unknown"
        if age < self.school_age_from:
            return "under"
        if age < self.school_age_to or (age == self.school_age_to and not after_year_11):
            return "school"
        if self.post19_min_age <= age <= self.post19_max_age:
            return "post19"
        if age < self.post19_min_age:
            return "post16"
        return "over"

    def walking_limit(self, age: int) -> AgeBand | None:
        return next((b for b in self.walking_bands if b.covers(age)), None)

    def low_income_limit(self, age: int) -> AgeBand | None:
        return next((b for b in self.low_income_bands if b.covers(age)), None)

    def band_shape(self, band: AgeBand) -> tuple[str, int, int]:
        return band.shape(school_from=self.school_age_from, school_to=self.school_age_to)

    def thresholds(self) -> list[float]:
        """Every distance the rules turn on, smallest first (for the distance bands)."""
        found = {b.miles for b in (*self.walking_bands, *self.low_income_bands)}
        found.add(self.post19_min_miles)
        return sorted(found)


@dataclass(frozen=True)
class Distance:
    """How far the shortest safe walking route is: exactly ``exact`` miles, or more than
    ``more_than`` and up to ``up_to`` (either end open when None)."""

    exact: float | None = None
    more_than: float | None = None
    up_to: float | None = None

    def over(self, limit: float) -> bool | None:
        """True if surely over ``limit``, False if surely within it, None if it depends."""
        if self.exact is not None:
            return self.exact > limit
        if self.more_than is not None and self.more_than >= limit:
            return True
        if self.up_to is not None and self.up_to <= limit:
            return False
        return None


@dataclass(frozen=True)
class Answers:
    """A family's answers. Every field may be unknown (None or ``Tri.UNKNOWN``).

    ``age``: whole years now; from 16, at the start of the academic year of the course
    (the seed's "aged 19 to 25 when the academic year for the course starts").
    ``after_year_11``: at the last school age (16), the child is starting Year 12, sixth
    form or college rather than still in Year 11 (``Rules.stage``).
    ``has_send``: an EHC plan or special educational needs or a disability (asked only of
    young adults: the seed's post-19 criterion). ``course_ok``: for 19 to 25, the course is
    new and at a higher level, full time (3 days or more a week) and in the normal day in
    term time, asked as one question because missing any of them has the same effect.
    ``someone_can_take``: the young person could get there without the council's help: on
    their own, or taken by someone in the household, the family or a personal assistant.
    The seed's last criterion, "are unable to travel to school or college without help and
    no support is available from people in your household ...", is one sentence with two
    halves that both must hold, so the checker asks it as one question ("Could they get
    there without our help?") and a NO meets it."""

    age: int | None = None
    lives_in_area: Tri = Tri.UNKNOWN
    distance: Distance | None = None
    cannot_walk_safely: Tri = Tri.UNKNOWN
    nearest_school: Tri = Tri.UNKNOWN
    income_benefits: Tri = Tri.UNKNOWN
    course_ok: Tri = Tri.UNKNOWN
    someone_can_take: Tri = Tri.UNKNOWN
    has_send: Tri = Tri.UNKNOWN
    after_year_11: bool = False


@dataclass(frozen=True)
class Reason:
    """One reason: what it says (``code``, with the numbers and names it needs in
    ``params``), the policy section it comes from, and the kind of duty behind it (``MUST``:
    a duty or a firm rule of the policy; ``WILL_CONSIDER``: the policy's judgement; ``MAY``:
    discretion; "": a note, no rule). ``eligibility.wording.reason_text`` writes it out.

    ``params`` hold ints, floats, ``Distance``, ``Tri``, ``Outcome`` and the shape of an age
    band (``AgeBand.shape``); never words."""

    code: str
    params: Mapping = field(default_factory=dict, hash=False)
    section: str = ""
    duty: str = ""


#: The codes a reason may have, for the wording module and its tests.
REASON_CODES = (
    "age_unknown", "outside_area", "area_unknown", "charge", "under_school_age", "post16",
    "too_old", "post19_missing", "post19_can_ask", "post19_check", "not_nearest",
    "nearest_unknown", "over_limit", "cannot_walk", "within_limit", "within_limit_check",
    "distance_unknown", "no_walking_rule", "walking_band",
)
#: The post-19 criteria (``Reason.params["criterion"]`` of "post19_missing" and
#: "post19_check"), in the seed's order.
POST19_CRITERIA = ("area", "send", "course", "nearest", "far", "no_one")


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    # The yearly charge that may apply, in pounds, and in how many parts it may be paid.
    contribution: int | None = None
    instalments: int | None = None
    # What the walking rule turned on, for the comparison's plain words.
    walking: tuple[AgeBand, bool | None] | None = field(default=None, compare=False)


ORDER = [Outcome.NEED_AGE, Outcome.NOT_LIKELY, Outcome.CASE_BY_CASE, Outcome.MAY, Outcome.LIKELY]


def _cap(outcome: Outcome, cap: Outcome) -> Outcome:
    return min(outcome, cap, key=ORDER.index)


def evaluate(rules: Rules, answers: Answers) -> Result:
    """What ``rules`` likely mean for ``answers``: never raises for any answers.

    Outcome.LIKELY only where the rules say the council **must** help and every answer that
    duty needs is known; "will consider" rules give at most Outcome.MAY; discretionary ages
    give Outcome.CASE_BY_CASE; a young adult meeting every post-19 criterion gets
    Outcome.MAY (the seed: "you may make an application ... will be assessed"), one missing
    any of them Outcome.NOT_LIKELY."""
    stage = rules.stage(answers.age, answers.after_year_11)
    if stage == "unknown":
        return _age_unknown(rules)
    if stage == "under":
        return _under_school_age(rules, answers)
    if stage == "post19":
        return _post19(rules, answers)
    if stage == "post16":
        return _post16(rules, answers)
    if stage == "over":
        return Result(Outcome.NOT_LIKELY, (Reason(
            "too_old", {"max_age": rules.post19_max_age}, rules.post19_section, MUST),))
    return _school_age(rules, answers)


def _age_unknown(rules: Rules) -> Result:
    """No age: which part of the policy applies is not known, so the result says it needs
    the age (``Outcome.NEED_AGE``, never a guess) and sets out the rules by age: each
    walking distance, after Year 11, and the young adults' criteria."""
    reasons = [Reason("age_unknown", {}, rules.who_section)]
    reasons += [Reason("walking_band", {"band": rules.band_shape(b), "miles": b.miles},
                       rules.walking_section, MUST) for b in rules.walking_bands]
    if rules.post16_discretionary:
        reasons.append(Reason("post16", {}, rules.post16_section, MAY))
    reasons.append(Reason("post19_can_ask", {"min_age": rules.post19_min_age,
                                             "max_age": rules.post19_max_age,
                                             "miles": rules.post19_min_miles,
                                             "area": rules.area_name},
                          rules.post19_section, WILL_CONSIDER))
    return Result(Outcome.NEED_AGE, tuple(reasons))


def _area(rules: Rules, answers: Answers) -> tuple[Reason | None, Outcome | None]:
    if answers.lives_in_area == Tri.NO:
        return Reason("outside_area", {"area": rules.area_name}, rules.who_section, MUST), \
            Outcome.NOT_LIKELY
    if answers.lives_in_area == Tri.UNKNOWN:
        return Reason("area_unknown", {"area": rules.area_name}, rules.who_section), \
            Outcome.MAY
    return None, None


def _contribution(rules: Rules, answers: Answers) -> tuple[int | None, Reason | None]:
    """The yearly charge for discretionary help (seed, sections four and seven: "£1,000.00
    annually unless the family receives income related benefits ... £500.00 ... up to
    eight monthly instalments"). With benefits unknown, the full charge and both amounts."""
    if not rules.contribution_pounds:
        return None, None
    low = rules.contribution_low_income_pounds or rules.contribution_pounds
    amount = low if answers.income_benefits == Tri.YES else rules.contribution_pounds
    return amount, Reason("charge", {"amount": rules.contribution_pounds, "low": low,
                                     "benefits": answers.income_benefits,
                                     "instalments": rules.contribution_instalments},
                          rules.post16_section, MAY)


def _under_school_age(rules: Rules, answers: Answers) -> Result:
    return _left_to_judgement(
        rules, answers, rules.under_age_discretionary,
        Reason("under_school_age", {"age": rules.school_age_from}, rules.who_section, MAY))


def _post16(rules: Rules, answers: Answers) -> Result:
    return _left_to_judgement(rules, answers, rules.post16_discretionary,
                              Reason("post16", {}, rules.post16_section, MAY))


def _left_to_judgement(rules: Rules, answers: Answers, discretionary: bool,
                       reason: Reason) -> Result:
    """Where the policy has no "must" (under school age, after Year 11): case by case when
    the policy offers discretionary help, else not likely; the area rule and the yearly
    contribution apply as they do to everyone."""
    reasons = [reason]
    outcome = Outcome.CASE_BY_CASE if discretionary else Outcome.NOT_LIKELY
    area, capped = _area(rules, answers)
    if area:
        reasons.insert(0, area)
        outcome = _cap(outcome, capped)
    amount, charge = _contribution(rules, answers)
    if charge and outcome != Outcome.NOT_LIKELY:
        reasons.append(charge)
    return Result(outcome, tuple(reasons), amount if outcome != Outcome.NOT_LIKELY else None,
                  rules.contribution_instalments if amount else None)


def post19_criteria(rules: Rules, answers: Answers) -> dict[str, Tri]:
    """Each post-19 criterion of the seed ("Young people aged 19+": "you satisfy all the
    following criteria") as met (YES), missed (NO) or not known (UNKNOWN), keyed as
    ``POST19_CRITERIA``. The age is met by the caller. "Live more than 3 miles away ... or
    are unable to travel this distance because of your SEND": the distance is met when it
    is over the limit or the young person cannot travel it."""
    far = answers.distance.over(rules.post19_min_miles) if answers.distance else None
    if far is True or answers.cannot_walk_safely == Tri.YES:
        distance = Tri.YES
    elif far is False and answers.cannot_walk_safely == Tri.NO:
        distance = Tri.NO
    else:
        distance = Tri.UNKNOWN
    return {"area": answers.lives_in_area, "send": answers.has_send,
            "course": answers.course_ok, "nearest": answers.nearest_school, "far": distance,
            "no_one": _flip(answers.someone_can_take)}


def _flip(answer: Tri) -> Tri:
    """"Could they get there without our help?" as the seed's criterion "unable to travel
    without help and no support is available": a yes misses it, a no meets it, not knowing
    stays not known."""
    return {Tri.YES: Tri.NO, Tri.NO: Tri.YES}.get(answer, Tri.UNKNOWN)


def _post19(rules: Rules, answers: Answers) -> Result:
    """Ages 19 to 25: every criterion must be met for an application to be considered, so a
    missed one gives "not likely" (one reason for each); otherwise "may" ("will be
    assessed"), never "likely": the policy promises no help, only no charge if it helps."""
    section = rules.post19_section
    ages = {"min_age": rules.post19_min_age, "max_age": rules.post19_max_age,
            "miles": rules.post19_min_miles, "area": rules.area_name}
    met = post19_criteria(rules, answers)
    missed = [name for name in POST19_CRITERIA if met[name] == Tri.NO]
    if missed:
        return Result(Outcome.NOT_LIKELY, tuple(
            Reason("post19_missing", {**ages, "criterion": name}, section, MUST)
            for name in missed))
    reasons = [Reason("post19_can_ask", ages, section, WILL_CONSIDER)]
    reasons += [Reason("post19_check", {**ages, "criterion": name}, section)
                for name in POST19_CRITERIA if met[name] == Tri.UNKNOWN]
    return Result(Outcome.MAY, tuple(reasons))


def _school_age(rules: Rules, answers: Answers) -> Result:
    reasons: list[Reason] = []
    cap = Outcome.LIKELY
    area, capped = _area(rules, answers)
    if area:
        reasons.append(area)
        cap = _cap(cap, capped)
    if cap == Outcome.NOT_LIKELY:
        return Result(Outcome.NOT_LIKELY, tuple(reasons))
    if answers.nearest_school == Tri.NO:
        reasons.append(Reason("not_nearest", {}, rules.choice_section, MUST))
        return Result(Outcome.NOT_LIKELY, tuple(reasons))
    if answers.nearest_school == Tri.UNKNOWN:
        reasons.append(Reason("nearest_unknown", {}, rules.choice_section))
        cap = _cap(cap, Outcome.MAY)

    age = answers.age
    band = rules.walking_limit(age)
    low = rules.low_income_limit(age) if answers.income_benefits == Tri.YES else None
    if low is not None and (band is None or low.miles < band.miles):
        band, band_section = low, rules.low_income_section or rules.walking_section
    else:
        band_section = rules.walking_section
    over = answers.distance.over(band.miles) if (band and answers.distance) else None
    walking = (band, over) if band else None
    limit = {"band": rules.band_shape(band), "miles": band.miles,
             "distance": answers.distance} if band else {}

    if band is not None and over is True:
        reasons.insert(0, Reason("over_limit", limit, band_section, MUST))
        outcome = Outcome.LIKELY
    elif answers.cannot_walk_safely == Tri.YES:
        duty = rules.unsafe_walk_duty
        reasons.insert(0, Reason("cannot_walk", {"must": duty == MUST}, rules.walking_section,
                                 duty))
        outcome = Outcome.LIKELY if duty == MUST else Outcome.MAY
    elif band is not None and over is False:
        if answers.cannot_walk_safely == Tri.NO:
            reasons.insert(0, Reason("within_limit", limit, band_section, MUST))
            outcome = Outcome.NOT_LIKELY
        else:
            reasons.insert(0, Reason("within_limit_check", limit, band_section, WILL_CONSIDER))
            outcome = Outcome.MAY
    elif band is not None:
        reasons.insert(0, Reason("distance_unknown", limit, band_section))
        outcome = Outcome.MAY
    else:
        reasons.insert(0, Reason("no_walking_rule", {}, rules.walking_section, WILL_CONSIDER))
        outcome = Outcome.MAY
    return Result(_cap(outcome, cap), tuple(reasons), walking=walking)


# --- live against proposed ------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    """One thing the proposal changes for a family: ``code`` ("walk_no_longer",
    "walk_now", "limit_changes" (the walking limit for the child's age changes and the
    distance is not known: ``low``/``high`` are the two limits, ``shorter`` says the
    proposal's is the shorter), "outcome", "charge") and its numbers; ``eligibility.wording``
    writes it."""

    code: str
    params: Mapping = field(default_factory=dict, hash=False)


def differences(live_rules: Rules, proposed_rules: Rules,
                answers: Answers) -> list[Difference]:
    """What the proposal changes for this family; [] if nothing."""
    live, proposed = evaluate(live_rules, answers), evaluate(proposed_rules, answers)
    out = []
    if live.walking and proposed.walking:
        (old_band, old_over), (new_band, new_over) = live.walking, proposed.walking
        params = {"distance": answers.distance, "miles": new_band.miles,
                  "band": proposed_rules.band_shape(new_band)}
        if old_band.miles != new_band.miles and old_over is False and new_over is True:
            out.append(Difference("walk_no_longer", params))
        elif old_band.miles != new_band.miles and old_over is True and new_over is False:
            out.append(Difference("walk_now", params))
        elif old_band.miles != new_band.miles and (old_over is None or new_over is None):
            # The distance is not known (or not known closely enough): the limit still
            # changes, and for a walk between the two limits the answer would.
            out.append(Difference("limit_changes", {
                **params, "old_miles": old_band.miles,
                "low": min(old_band.miles, new_band.miles),
                "high": max(old_band.miles, new_band.miles),
                "shorter": new_band.miles < old_band.miles}))
    if live.outcome != proposed.outcome:
        out.append(Difference("outcome", {"live": live.outcome, "proposed": proposed.outcome}))
    if live.contribution != proposed.contribution and proposed.contribution is not None:
        out.append(Difference("charge", {"live": live.contribution or 0,
                                         "proposed": proposed.contribution}))
    return out


# --- what-if table ----------------------------------------------------------------------

def grid_distances(*rule_sets: Rules) -> list[Distance]:
    """One exact distance in each stretch between the rules' thresholds (and beyond)."""
    return _distances_between(sorted({t for rules in rule_sets for t in rules.thresholds()}))


def _distances_between(points: list[float]) -> list[Distance]:
    edges = [0.0, *points]
    out = [Distance(exact=round((a + b) / 2, 2)) for a, b in itertools.pairwise(edges)]
    out.append(Distance(exact=round((points[-1] if points else 1.0) + 1.0, 2)))
    return out


@dataclass(frozen=True)
class Change:
    """One typical family whose answer differs between the live and proposed rules: the
    outcome, or the yearly charge (pounds; None: no charge)."""

    answers: Answers
    live: Outcome
    proposed: Outcome
    live_charge: int | None = None
    proposed_charge: int | None = None


def grid_ages(rules: Rules, ages: Iterable[int]) -> list[tuple[int, bool]]:
    """(age, after_year_11) for each of ``ages``: at ``rules.school_age_to`` both a child
    still in Year 11 and one starting Year 12 or college."""
    out = []
    for age in ages:
        out.append((age, False))
        if age == rules.school_age_to:
            out.append((age, True))
    return out


def what_rules_read(rules: Rules, age: int, after_year_11: bool) -> tuple[set[float], bool, bool]:
    """What ``rules`` read for a family of ``age``: (the distances the answer turns on, in
    miles; whether it reads "cannot walk safely" (or, for young adults, "cannot travel that
    far"); whether it reads income-related benefits). Under 5 and after Year 11 read
    benefits only when a discretionary charge differs with them; school age only where a
    low-income distance covers the age; young adults never."""
    stage = rules.stage(age, after_year_11)
    if stage == "school":
        limits = {b.miles for b in (rules.walking_limit(age), rules.low_income_limit(age)) if b}
        return limits, True, rules.low_income_limit(age) is not None
    if stage == "post19":
        return {rules.post19_min_miles}, True, False
    discretionary = {"under": rules.under_age_discretionary,
                     "post16": rules.post16_discretionary}.get(stage, False)
    charges_differ = bool(rules.contribution_pounds) and bool(
        rules.contribution_low_income_pounds) and (
        rules.contribution_low_income_pounds != rules.contribution_pounds)
    return set(), False, discretionary and charges_differ


def what_if_families(live_rules: Rules, proposed_rules: Rules, *,
                     ages: Iterable[int] = range(4, 26)) -> list[Answers]:
    """The typical families the what-if table compares, each living in the area and going
    to the nearest school (young adults: with SEND, on a suitable course, no way to get
    there without help; at the last school age both still in Year 11 and starting Year
    12). For each age, only what either rule set reads at that age varies
    (``what_rules_read``): a distance in each stretch between the limits for that age, with
    and without needs that stop them walking (or travelling that far), with and without
    income-related benefits. So no two families are ones the rules cannot tell apart
    because of a factor they do not read."""
    out = []
    for age, after_year_11 in grid_ages(live_rules, ages):
        read = [what_rules_read(r, age, after_year_11) for r in (live_rules, proposed_rules)]
        limits = sorted(set().union(*(limits for limits, _n, _i in read)))
        distances = _distances_between(limits) if limits else [None]
        needs = (Tri.NO, Tri.YES) if any(n for _l, n, _i in read) else (Tri.UNKNOWN,)
        income = (Tri.NO, Tri.YES) if any(i for _l, _n, i in read) else (Tri.UNKNOWN,)
        for distance, need, benefit in itertools.product(distances, needs, income):
            out.append(Answers(age=age, after_year_11=after_year_11, lives_in_area=Tri.YES,
                               distance=distance, cannot_walk_safely=need,
                               nearest_school=Tri.YES, income_benefits=benefit,
                               course_ok=Tri.YES, someone_can_take=Tri.NO, has_send=Tri.YES))
    return out


def what_if(live_rules: Rules, proposed_rules: Rules, *,
            ages: Iterable[int] = range(4, 26)) -> tuple[int, list[Change]]:
    """How many typical families there are (``what_if_families``), and those whose answer
    changes between the live and proposed rules: the outcome or the yearly charge."""
    families = what_if_families(live_rules, proposed_rules, ages=ages)
    changes = []
    for answers in families:
        old, new = evaluate(live_rules, answers), evaluate(proposed_rules, answers)
        if (old.outcome, old.contribution) != (new.outcome, new.contribution):
            changes.append(Change(answers, old.outcome, new.outcome, old.contribution,
                                  new.contribution))
    return len(families), changes


# --- from and to the page's stored data ------------------------------------------------

def _value(data: Mapping, key: str, default, kind=int):
    """``data[key]`` as ``kind``; ``default`` only when the field is missing or left empty
    (rules saved before the field existed). A value that is there is read as it is (0 stays
    0) or refused: ``RulesError`` names the field, never another number in its place."""
    value = data.get(key)
    if value is None or value == "":
        return default
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise RulesError(key, f"{value!r} is not a number.") from None


#: What an officer types to mean the council's own area: the checker then says "our area"
#: in the reader's language instead of showing the English words.
OUR_AREA = {"", "our area", "the council's area", "the council’s area"}


def area_name(typed: str | None) -> str:
    """The area's name as ``Rules.area_name`` holds it: "" for the council's own area
    (``OUR_AREA``), else the name as typed, trimmed."""
    text = (typed or "").strip()
    return "" if text.lower() in OUR_AREA else text


def rules_from_data(data: Mapping) -> Rules:
    """``Rules`` from the plain dict the policy page stores (the admin's fields); a missing
    or empty field takes its default (rules saved before it existed), a present one is read
    as it is. Raises ``RulesError`` (naming the field) for rules no checker can read
    truthfully (``Rules.problems``): the checker then says it cannot answer, never reads
    other numbers in their place."""
    def bands(name) -> tuple[AgeBand, ...]:
        out = []
        for row in data.get(name) or []:
            if any(row.get(k) in (None, "") for k in ("min_age", "max_age", "miles")):
                raise RulesError(name, "Each age band needs a first age, a last age and miles.")
            try:
                out.append(AgeBand(_value(row, "min_age", None, int),
                                   _value(row, "max_age", None, int),
                                   _value(row, "miles", None, float)))
            except RulesError as error:
                raise RulesError(name, str(error)) from None
        return tuple(sorted(out, key=lambda b: b.min_age))

    return Rules(
        area_name=area_name(data.get("area_name")),
        school_age_from=_value(data, "school_age_from", 5),
        school_age_to=_value(data, "school_age_to", 16),
        who_section=data.get("who_section") or "",
        walking_bands=bands("walking_bands"),
        walking_section=data.get("walking_section") or "",
        unsafe_walk_duty=data.get("unsafe_walk_duty") or WILL_CONSIDER,
        choice_section=data.get("choice_section") or "",
        low_income_bands=bands("low_income_bands"),
        low_income_section=data.get("low_income_section") or "",
        under_age_discretionary=bool(data.get("under_age_discretionary", True)),
        post16_discretionary=bool(data.get("post16_discretionary", True)),
        post16_section=data.get("post16_section") or "",
        contribution_pounds=_value(data, "contribution_pounds", 0),
        contribution_low_income_pounds=_value(data, "contribution_low_income_pounds", 0),
        contribution_instalments=_value(data, "contribution_instalments", 1),
        post19_min_age=_value(data, "post19_min_age", 19),
        post19_max_age=_value(data, "post19_max_age", 25),
        post19_min_miles=_value(data, "post19_min_miles", 3.0, float),
        post19_section=data.get("post19_section") or "",
    )
