"""The checker's questions: one a page, each allowing "I don't know".

Every answer given so far travels with the page (hidden fields of a GET form, so in the
page's address: see ``eligibility/views.py`` for why and what keeps them out of logs),
never in a cookie or the database. ``CheckerForm`` reads them all; ``problem`` checks the
one question on the page just sent; ``drop_changed`` forgets the answers a changed age makes
into different questions, so they are asked again and never read as answers to the new
ones.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from eligibility.rules import Answers, Distance, Rules, Tri
from eligibility.wording import miles

UNKNOWN = "unknown"
UNDER = "under"
OVER = "over"
AGES = range(5, 26)
#: Added to the last school age's value ("16-year12") for a child of that age starting
#: Year 12, sixth form or college rather than still in Year 11 (``Rules.stage``).
AFTER_YEAR_11 = "-year12"


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    hint: str
    dont_know: str  # what "I don't know" means here
    error: str


QUESTIONS = {q.name: q for q in [
    Question("age", _("How old is your child?"),
             _("Their age now. If they are 16 or over, tell us their age when the course starts. "
               "At 16, tell us if they are still in Year 11 or starting Year 12 or college."),
             _("We can still tell you the rules, but not what they mean for your child."),
             _("Choose your child's age, or \"I don't know\".")),
    Question("area", _("Does your child live in our area?"),
             _("Where your child lives most school nights."),
             _("Only children who live in our area can get help from us. We will check."),
             _("Choose yes, no or \"I don't know\".")),
    Question("send", _("Does your child have an EHC plan or SEND?"),
             _("SEND means special educational needs or a disability. An EHC plan is an "
               "education, health and care plan."),
             _("We check this when you apply."),
             _("Choose yes, no or \"I don't know\".")),
    Question("distance", _("How far is the walk to school?"),
             _("The shortest safe walking route from home to school or college."),
             _("We measure the route for you when you apply."),
             _("Choose how far it is, type the distance in miles, or choose \"I don't know\".")),
    Question("needs",
             _("Do your child's needs mean they could not walk it safely, even with an adult?"),
             _("Because of their special educational needs or disability (SEND)."),
             _("We look at your child's needs when you apply."),
             _("Choose yes, no or \"I don't know\".")),
    Question("school", _("Is it the nearest school that can meet your child's needs?"),
             _("The nearest school with a place that suits their age, ability and needs. "
               "Say no if you chose a school further away."),
             _("We check which school is nearest when you apply."),
             _("Choose yes, no or \"I don't know\".")),
    Question("benefits", _("Do you get income-related benefits?"),
             _("For example Universal Credit, or Income Support."),
             _("We show you both amounts."),
             _("Choose yes, no or \"I don't know\".")),
    Question("course", _("Is the course new, full time and in the day in term time?"),
             _("Full time means 3 days or more a week. New means a higher level than they "
               "have studied before."),
             _("We check the course when you apply."),
             _("Choose yes, no or \"I don't know\".")),
    Question("someone", _("Could they get there without our help?"),
             _("For example, they can travel there on their own, or someone at home, in the "
               "family or a personal assistant could take them."),
             _("We ask about this when you apply."),
             _("Choose yes, no or \"I don't know\".")),
]}
ORDER = list(QUESTIONS)

#: For young adults (the seed's post-19 criteria), the same answers asked in their words:
#: the distance to the college, travelling that far, the nearest place with the course.
ADULT_QUESTIONS = {q.name: q for q in [
    Question("distance", _("How far is it from home to the college or training place?"),
             _("By the shortest route."),
             _("We measure the route for you when you apply."),
             _("Choose how far it is, type the distance in miles, or choose \"I don't know\".")),
    Question("needs", _("Does their SEND mean they cannot travel that far?"),
             _("You will need to show us why, for example with a letter from a doctor."),
             _("We look at their needs when you apply."),
             _("Choose yes, no or \"I don't know\".")),
    Question("school", _("Is it the nearest place that offers the course?"),
             _("The nearest school, college or training place with this course."),
             _("We check which place is nearest when you apply."),
             _("Choose yes, no or \"I don't know\".")),
]}


def is_adult(age: int | None, rule_sets: list[Rules]) -> bool:
    """Is ``age`` in the first rule set's post-19 band?"""
    return rule_sets[0].stage(age) == "post19"


def question_for(name: str, age: int | None, rule_sets: list[Rules]) -> Question:
    """Question ``name`` as asked of a child of ``age``: a young adult's words where they
    differ."""
    if is_adult(age, rule_sets) and name in ADULT_QUESTIONS:
        return ADULT_QUESTIONS[name]
    return QUESTIONS[name]


def meaning(name: str, age_value: str, rule_sets: list[Rules]) -> str | None:
    """What question ``name`` asks of a child whose age answer is ``age_value`` ("" or
    "unknown": not known): None when it is not asked, "adult" when a young adult is asked it
    in other words (``ADULT_QUESTIONS``: the distance to the college is not the walk to
    school), else "child". An answer is kept through a change of age only if this stays the
    same."""
    age, after = age_of(age_value), after_year_11_of(age_value)
    if not relevant(name, age, rule_sets, after):
        return None
    return "adult" if is_adult(age, rule_sets) and name in ADULT_QUESTIONS else "child"


def age_choices(rule_sets: list[Rules]) -> list[tuple[str, str]]:
    """(value, label) of each answer to "How old is your child?": at the first rule set's
    last school age, "16 and still in Year 11" and "16 and starting Year 12 or college"."""
    last = rule_sets[0].school_age_to
    out: list[tuple[str, str]] = [(UNDER, _("Under 5"))]
    for age in AGES:
        if age == last:
            out.append((str(age), _("%(age)s and still in Year 11") % {"age": age}))
            out.append((f"{age}{AFTER_YEAR_11}",
                        _("%(age)s and starting Year 12 or college") % {"age": age}))
        else:
            out.append((str(age), str(age)))
    return [*out, (OVER, _("Over 25")), (UNKNOWN, _("I don't know"))]

YES_NO = [(Tri.YES.value, _("Yes")), (Tri.NO.value, _("No")), (UNKNOWN, _("I don't know"))]


def distance_bands(rule_sets: list[Rules]) -> list[tuple[str, str, Distance]]:
    """(value, label, Distance) for each stretch between the thresholds of every rule set
    shown, so each band falls wholly on one side of every limit."""
    points = sorted({t for rules in rule_sets for t in rules.thresholds()})
    out = [(f"0-{p:g}", str(_("Up to %(miles)s") % {"miles": miles(p)}), Distance(up_to=p))
           for p in points[:1]]
    for a, b in itertools.pairwise(points):
        out.append((f"{a:g}-{b:g}", str(_("More than %(low)s, up to %(high)s")
                                    % {"low": miles(a), "high": miles(b)}),
                    Distance(more_than=a, up_to=b)))
    if points:
        last = points[-1]
        out.append((f"{last:g}-", str(_("More than %(miles)s") % {"miles": miles(last)}),
                    Distance(more_than=last)))
    return out


def age_of(value: str) -> int | None:
    """The age in whole years an answer to the age question gives (None: not known)."""
    if value == UNDER:
        return 4
    if value == OVER:
        return 26
    value = (value or "").removesuffix(AFTER_YEAR_11)
    # ASCII digits only: "²".isdigit() is true, but int("²") fails.
    if value.isascii() and value.isdigit():
        return int(value)
    return None


def after_year_11_of(value: str) -> bool:
    """Does the answer to the age question say "starting Year 12 or college"?"""
    return bool(value) and value.endswith(AFTER_YEAR_11) and age_of(value) is not None


def relevant(name: str, age: int | None, rule_sets: list[Rules],
             after_year_11: bool = False) -> bool:
    """Is question ``name`` asked for a child of ``age`` (None: not known), starting Year 12
    or college if ``after_year_11``? The first rule set (the live one) says which part of
    the policy covers the child (``Rules.stage``)."""
    if name in ("age", "area"):
        return True
    stage = rule_sets[0].stage(age, after_year_11)
    if name in ("distance", "needs", "school"):
        return stage in ("school", "post19")
    if name == "benefits":
        low_income = stage == "school" and any(r.low_income_limit(age) for r in rule_sets)
        return stage in ("under", "post16") or low_income
    if name in ("send", "course", "someone"):
        return stage == "post19"
    return False


def most_questions(rule_sets: list[Rules]) -> int:
    """The most questions any family is asked (the start page promises no more): the
    largest count of ``relevant`` questions over every answer to the age question. The
    issue's limit is eight."""
    values = [value for value, _label in age_choices(rule_sets)]
    return max(sum(relevant(name, age_of(v), rule_sets, after_year_11_of(v)) for name in ORDER)
               for v in values)


class CheckerForm(forms.Form):
    """Every answer the checker may have: all optional here; ``problem`` checks one."""

    age = forms.ChoiceField(required=False, label=QUESTIONS["age"].label)
    area = forms.ChoiceField(required=False, choices=YES_NO, label=QUESTIONS["area"].label)
    distance = forms.ChoiceField(required=False, label=QUESTIONS["distance"].label)
    distance_miles = forms.DecimalField(
        required=False, min_value=0, max_value=100, decimal_places=2,
        label=_("Or type the distance in miles, if you know it"),
        error_messages={"invalid": _("Type the distance as a number, like 1.8"),
                        "min_value": _("The distance must be 0 miles or more"),
                        "max_value": _("The distance must be 100 miles or less"),
                        "max_decimal_places": _("Type the distance with up to 2 decimal "
                                                "places, like 1.75"),
                        "max_digits": _("Type the distance as a number, like 1.8")})
    needs = forms.ChoiceField(required=False, choices=YES_NO, label=QUESTIONS["needs"].label)
    school = forms.ChoiceField(required=False, choices=YES_NO, label=QUESTIONS["school"].label)
    benefits = forms.ChoiceField(required=False, choices=YES_NO,
                                 label=QUESTIONS["benefits"].label)
    send = forms.ChoiceField(required=False, choices=YES_NO, label=QUESTIONS["send"].label)
    course = forms.ChoiceField(required=False, choices=YES_NO, label=QUESTIONS["course"].label)
    someone = forms.ChoiceField(required=False, choices=YES_NO,
                                label=QUESTIONS["someone"].label)

    def __init__(self, *args, rule_sets: list[Rules], **kwargs):
        super().__init__(*args, **kwargs)
        self.rule_sets = rule_sets
        self.bands = distance_bands(rule_sets)
        self.fields["age"].choices = age_choices(rule_sets)
        self.fields["distance"].choices = [(v, label) for v, label, _d in self.bands] + [
            (UNKNOWN, _("I don't know"))]

    def problem(self, name: str) -> str | None:
        """What is wrong with the answer to question ``name``, in plain words, or None."""
        if name == "distance" and self.errors.get("distance_miles"):
            return self.errors["distance_miles"][0]
        if self.errors.get(name):
            return str(QUESTIONS[name].error)
        value = self.cleaned_data.get(name)
        if name == "distance" and self.cleaned_data.get("distance_miles") is not None:
            return None
        if not value:
            return str(QUESTIONS[name].error)
        return None

    def given(self) -> dict[str, str]:
        """The answers given so far that are valid (an invalid hidden value is dropped)."""
        data = getattr(self, "cleaned_data", {})
        out = {k: v for k, v in data.items() if k != "distance_miles" and v and k in QUESTIONS}
        if data.get("distance_miles") is not None:
            out["distance_miles"] = str(data["distance_miles"])
            out["distance"] = out.get("distance") or "typed"
        return out

    def child_age(self) -> int | None:
        return age_of(self.given().get("age", ""))

    def after_year_11(self) -> bool:
        """Is the child 16 and starting Year 12 or college (the age answer says so)?"""
        return after_year_11_of(self.given().get("age", ""))

    def is_asked(self, name: str) -> bool:
        """Is question ``name`` asked of this child (``relevant``)?"""
        return relevant(name, self.child_age(), self.rule_sets, self.after_year_11())

    def asked(self) -> list[str]:
        """The questions asked of this child so far known, in order."""
        return [name for name in ORDER if self.is_asked(name)]

    def next_question(self) -> str | None:
        given = self.given()
        return next((n for n in self.asked() if n not in given), None)

    def answers(self) -> Answers:
        """The answers as ``eligibility.rules.Answers``; questions not asked are unknown."""
        given, age = self.given(), self.child_age()

        def tri(name):
            if not self.is_asked(name):
                return Tri.UNKNOWN
            return Tri(given.get(name)) if given.get(name) in (Tri.YES, Tri.NO) else Tri.UNKNOWN

        distance = None
        if given.get("distance_miles"):
            distance = Distance(exact=float(given["distance_miles"]))
        else:
            distance = next((d for v, _label, d in self.bands if v == given.get("distance")), None)
        return Answers(age=age, after_year_11=self.after_year_11(), lives_in_area=tri("area"),
                       distance=distance, cannot_walk_safely=tri("needs"),
                       nearest_school=tri("school"), income_benefits=tri("benefits"),
                       course_ok=tri("course"), someone_can_take=tri("someone"),
                       has_send=tri("send"))

    def is_age_answer(self, value: str) -> bool:
        """Is ``value`` one of the age question's answers (not a crafted one)?"""
        return bool(value) and value in dict(self.fields["age"].choices)

    def drop_changed(self, was_age: str) -> list[str]:
        """After the age question is answered again: forget every other answer whose
        question is no longer asked, or is asked in other words (``meaning``), for the new
        age than for ``was_age`` (the age answer they were given under). Returns the names
        forgotten, in order; the checker then asks again the ones still asked."""
        if not self.is_age_answer(was_age) or was_age == self.given().get("age"):
            return []
        new_age = self.given().get("age", "")
        dropped = []
        for name in ORDER:
            if name == "age" or name not in self.given():
                continue
            if meaning(name, was_age, self.rule_sets) != meaning(name, new_age, self.rule_sets):
                self.cleaned_data.pop(name, None)
                if name == "distance":
                    self.cleaned_data.pop("distance_miles", None)
                dropped.append(name)
        return dropped

    def summary(self) -> list[tuple[str, str, str]]:
        """(question name, question, answer in words) for each question asked."""
        given, age = self.given(), self.child_age()
        out = []
        for name in self.asked():
            if name not in given:
                continue
            if name == "distance" and given.get("distance_miles"):
                words = miles(float(given["distance_miles"]))
            else:
                words = dict(self.fields[name].choices).get(given[name], given[name])
            out.append((name, str(question_for(name, age, self.rule_sets).label), str(words)))
        return out
