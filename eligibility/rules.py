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
  far, term-time daytime, no one able to take them: the checker asks "is there someone who
  could take them?", and a "yes" misses the criterion), and no charge. Meeting them all lets a
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


class Tri(enum.StrEnum):
    """An answer that may be "I don't know"."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AgeBand:
    """Ages ``min_age`` to ``max_age`` (whole years, both included) and a walking limit.

    A child in the band is expected to walk up to ``miles`` along the shortest safe route."""

    min_age: int
    max_age: int
    miles: float

    def __post_init__(self):
        if self.max_age < self.min_age:
            raise ValueError("An age band ends before it starts.")
        if self.miles <= 0:
            raise ValueError("A walking distance must be more than 0 miles.")

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
    ``someone_can_take``: someone in the household, the family or a personal assistant
    could take them (the seed's criterion "no support is available" is met by NO)."""

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
    "distance_unknown", "no_walking_rule",
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


ORDER = [Outcome.NOT_LIKELY, Outcome.CASE_BY_CASE, Outcome.MAY, Outcome.LIKELY]


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
        return Result(Outcome.CASE_BY_CASE, (Reason("age_unknown", {}, rules.who_section),))
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
    """"Is there someone who could take them?" as the seed's criterion "no one can": a yes
    misses it, a no meets it, not knowing stays not known."""
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
    "walk_now", "outcome", "charge") and its numbers; ``eligibility.wording`` writes it."""

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
    if live.outcome != proposed.outcome:
        out.append(Difference("outcome", {"live": live.outcome, "proposed": proposed.outcome}))
    if live.contribution != proposed.contribution and proposed.contribution is not None:
        out.append(Difference("charge", {"live": live.contribution or 0,
                                         "proposed": proposed.contribution}))
    return out


# --- what-if table ----------------------------------------------------------------------

def grid_distances(*rule_sets: Rules) -> list[Distance]:
    """One exact distance in each stretch between the rules' thresholds (and beyond)."""
    points = sorted({t for rules in rule_sets for t in rules.thresholds()})
    edges = [0.0, *points]
    out = [Distance(exact=round((a + b) / 2, 2)) for a, b in itertools.pairwise(edges)]
    out.append(Distance(exact=round((points[-1] if points else 1.0) + 1.0, 2)))
    return out


@dataclass(frozen=True)
class Change:
    """One typical family whose outcome differs between the live and proposed rules."""

    answers: Answers
    live: Outcome
    proposed: Outcome


def grid_ages(rules: Rules, ages: Iterable[int]) -> list[tuple[int, bool]]:
    """(age, after_year_11) for each of ``ages``: at ``rules.school_age_to`` both a child
    still in Year 11 and one starting Year 12 or college."""
    out = []
    for age in ages:
        out.append((age, False))
        if age == rules.school_age_to:
            out.append((age, True))
    return out


def what_if(live_rules: Rules, proposed_rules: Rules, *,
            ages: Iterable[int] = range(4, 26)) -> tuple[int, list[Change]]:
    """Typical families (ages × distances × needs × income), each at the nearest school and
    living in the area (young adults: with SEND, on a suitable course, no one to take them;
    at 16, both still in Year 11 and starting Year 12): how many there are, and those whose
    outcome changes."""
    families = 0
    changes = []
    for (age, after_year_11), distance, needs, income in itertools.product(
            grid_ages(live_rules, ages), grid_distances(live_rules, proposed_rules),
            (Tri.NO, Tri.YES), (Tri.NO, Tri.YES)):
        answers = Answers(age=age, after_year_11=after_year_11, lives_in_area=Tri.YES,
                          distance=distance,
                          cannot_walk_safely=needs, nearest_school=Tri.YES,
                          income_benefits=income, course_ok=Tri.YES,
                          someone_can_take=Tri.NO,
                          has_send=Tri.YES)
        families += 1
        old, new = evaluate(live_rules, answers).outcome, evaluate(proposed_rules, answers).outcome
        if old != new:
            changes.append(Change(answers, old, new))
    return families, changes


# --- from and to the page's stored data ------------------------------------------------

def _num(value, default: float) -> float:
    try:
        return float(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


#: What an officer types to mean the council's own area: the checker then says "our area"
#: in the reader's language instead of showing the English words.
OUR_AREA = {"", "our area", "the council's area", "the council’s area"}


def area_name(typed: str | None) -> str:
    """The area's name as ``Rules.area_name`` holds it: "" for the council's own area
    (``OUR_AREA``), else the name as typed, trimmed."""
    text = (typed or "").strip()
    return "" if text.lower() in OUR_AREA else text


def rules_from_data(data: Mapping) -> Rules:
    """``Rules`` from the plain dict the policy page stores (the admin's fields); missing
    keys take the defaults. Raises ValueError for an age band that ends before it starts."""
    def bands(rows) -> tuple[AgeBand, ...]:
        return tuple(sorted((AgeBand(int(r["min_age"]), int(r["max_age"]),
                                     _num(r["miles"], 1.0)) for r in rows or []),
                            key=lambda b: b.min_age))

    return Rules(
        area_name=area_name(data.get("area_name")),
        school_age_from=int(data.get("school_age_from") or 5),
        school_age_to=int(data.get("school_age_to") or 16),
        who_section=data.get("who_section") or "",
        walking_bands=bands(data.get("walking_bands")),
        walking_section=data.get("walking_section") or "",
        unsafe_walk_duty=data.get("unsafe_walk_duty") or WILL_CONSIDER,
        choice_section=data.get("choice_section") or "",
        low_income_bands=bands(data.get("low_income_bands")),
        low_income_section=data.get("low_income_section") or "",
        under_age_discretionary=bool(data.get("under_age_discretionary", True)),
        post16_discretionary=bool(data.get("post16_discretionary", True)),
        post16_section=data.get("post16_section") or "",
        contribution_pounds=int(_num(data.get("contribution_pounds"), 0)),
        contribution_low_income_pounds=int(_num(data.get("contribution_low_income_pounds"), 0)),
        contribution_instalments=int(_num(data.get("contribution_instalments"), 1)),
        post19_min_age=int(data.get("post19_min_age") or 19),
        post19_max_age=int(data.get("post19_max_age") or 25),
        post19_min_miles=_num(data.get("post19_min_miles"), 3.0),
        post19_section=data.get("post19_section") or "",
    )
