"""The checker's reasons and "what changes" in the reader's language.

``eligibility/rules.py`` stays plain (no Django): it says what applies as codes and numbers
(``Reason``, ``Difference``). This module writes them as sentences with gettext and ngettext,
and writes numbers in the reader's format (Django's ``number_format``: "1.5 miles" in
English, "1,5 mili" in Polish, "£1,000" or "1 000 £"). Call it while the reader's language
is active (a request's view); each function returns a plain ``str``.

Every sentence is whole in the catalogue (no sentence is built from English pieces), so a
translator can order the words as their language needs. The English reads at age 9 or under
(tests/eligibility/test_reading_age.py).
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from eligibility.rules import MUST, Difference, Distance, Outcome, Reason, Rules, Tri

OUTCOME_WORDS = {
    Outcome.LIKELY: gettext_lazy("Likely to get help"),
    Outcome.MAY: gettext_lazy("May get help: we look at your child's needs"),
    Outcome.CASE_BY_CASE: gettext_lazy("The council decides case by case"),
    Outcome.NOT_LIKELY: gettext_lazy("Not likely to get help"),
    Outcome.NEED_AGE: gettext_lazy("We need your child's age to tell you"),
}


def outcome_label(outcome: Outcome) -> str:
    """"Likely to get help" and the others, in the reader's language."""
    return str(OUTCOME_WORDS[Outcome(outcome)])


def number(value: float | int) -> str:
    """A number as the reader writes it: 1.5 -> "1.5" ("1,5" in Polish), 1000 -> "1,000"."""
    if float(value) == int(value):
        return number_format(int(value), force_grouping=True)
    return number_format(round(float(value), 2), force_grouping=True)


def miles(value: float) -> str:
    """A distance: "1 mile", "2 miles", "1.5 miles" (Polish "1 mila", "2 mile", "5 mil",
    "1,5 mili"; a decimal takes its own form in Polish and Arabic)."""
    if float(value) == int(value):
        return ngettext("%(n)s mile", "%(n)s miles", int(value)) % {"n": number(value)}
    return pgettext("a distance with a decimal part", "%(n)s miles") % {"n": number(value)}


def pounds(amount: int) -> str:
    """An amount of money in pounds: 1000 -> "£1,000"."""
    return _("£%(amount)s") % {"amount": number(amount)}


def distance_words(distance: Distance | None) -> str:
    """How far the walk is: "1.8 miles", "up to 2 miles", "more than 3 miles", "between 2
    miles and 3 miles"."""
    if distance is None:
        return ""
    if distance.exact is not None:
        return miles(distance.exact)
    if distance.more_than is None and distance.up_to is not None:
        return _("up to %(miles)s") % {"miles": miles(distance.up_to)}
    if distance.up_to is None and distance.more_than is not None:
        return _("more than %(miles)s") % {"miles": miles(distance.more_than)}
    if distance.up_to is None:
        return ""
    return _("between %(low)s and %(high)s") % {"low": miles(distance.more_than),
                                                "high": miles(distance.up_to)}


def band_walks(shape: tuple[str, int, int], limit: float) -> str:
    """"Children under 8 walk up to 2 miles." for an age band's shape (``AgeBand.shape``)."""
    kind, low, high = shape
    values = {"age": number(low), "to": number(high), "miles": miles(limit)}
    if kind == "under":
        return _("Children under %(age)s walk up to %(miles)s.") % values
    if kind == "from":
        return _("Children aged %(age)s and over walk up to %(miles)s.") % values
    if kind == "only":
        return _("Children aged %(age)s walk up to %(miles)s.") % values
    return _("Children aged %(age)s to %(to)s walk up to %(miles)s.") % values


def band_name(shape: tuple[str, int, int]) -> str:
    """"children under 8" and the like, inside a longer sentence."""
    kind, low, high = shape
    values = {"age": number(low), "to": number(high)}
    if kind == "under":
        return pgettext("an age band", "children under %(age)s") % values
    if kind == "from":
        return pgettext("an age band", "children aged %(age)s and over") % values
    if kind == "only":
        return pgettext("an age band", "children aged %(age)s") % values
    return pgettext("an age band", "children aged %(age)s to %(to)s") % values


def _post19_missing(criterion: str, values: dict) -> str:
    if criterion == "area" and not values["area"]:
        return _("For ages %(from)s to %(to)s, we help only if they live in our area.") % values
    if criterion == "area":
        return _("For ages %(from)s to %(to)s, we help only if they live in %(area)s.") % values
    if criterion == "send":
        return _("For ages %(from)s to %(to)s, we help only if they have an EHC plan or "
                 "SEND.") % values
    if criterion == "course":
        return _("For ages %(from)s to %(to)s, we help only with a new, higher-level, "
                 "full-time course in the day in term time.") % values
    if criterion == "nearest":
        return _("For ages %(from)s to %(to)s, we help only if it is the nearest place with "
                 "the course.") % values
    if criterion == "far":
        return _("For ages %(from)s to %(to)s, we help only if they live more than %(miles)s "
                 "away, or cannot go that far because of their SEND.") % values
    return _("For ages %(from)s to %(to)s, we help only if they cannot get there on their "
             "own and no one else can take them.") % values





def _post19_check(criterion: str, values: dict) -> str:
    if criterion == "area" and not values["area"]:
        return _("We will check that they live in our area.")
    if criterion == "area":
        return _("We will check that they live in %(area)s.") % values
    if criterion == "send":
        return _("We will check that they have an EHC plan or SEND.") % values
    if criterion == "course":
        return _("We will check that the course is new, at a higher level, full time, and in "
                 "the day in term time.") % values
    if criterion == "nearest":
        return _("We will check that it is the nearest place with the course.") % values
    if criterion == "far":
        return _("We will check that they live more than %(miles)s away, or cannot go that "
                 "far.") % values
    return _("We will check that they cannot get there on their own and that no one else "
             "can take them.") % values


def _charge(params) -> str:
    values = {"amount": pounds(params["amount"]), "low": pounds(params["low"])}
    if params["benefits"] == Tri.YES:
        text = _("If we help, you may pay %(low)s a year, because you get income-related "
                 "benefits.") % values
    elif params["benefits"] == Tri.NO:
        text = _("If we help, you may pay %(amount)s a year.") % values
    else:
        text = _("If we help, you may pay %(amount)s a year, or %(low)s if you get "
                 "income-related benefits.") % values
    parts = params["instalments"]
    if parts > 1:
        text += " " + ngettext("You can pay in up to %(n)s part.",
                               "You can pay in up to %(n)s parts.", parts) % {"n": number(parts)}
    return text


def reason_text(reason: Reason) -> str:
    """One reason (``eligibility.rules.Reason``) as plain sentences. Raises KeyError for a
    code this module does not know (``rules.REASON_CODES`` lists them)."""
    p = reason.params
    code = reason.code
    if code == "age_unknown":
        return _("We need your child's age to say more. Every child is looked at on their own.")
    if code == "outside_area" and not p["area"]:
        return _("Your child does not live in our area. Ask the council where your child lives "
                 "most of the time.")
    if code == "outside_area":
        return _("Your child does not live in %(area)s. Ask the council where your child lives "
                 "most of the time.") % {"area": p["area"]}
    if code == "area_unknown" and not p["area"]:
        return _("Only children who live in our area can get help from us.")
    if code == "area_unknown":
        return _("Only children who live in %(area)s can get help from us.") % {"area": p["area"]}
    if code == "charge":
        return _charge(p)
    if code == "under_school_age":
        return _("Children under %(age)s do not get help just by asking. We may help if there "
                 "is a very good reason. It is mostly to the nearest school or nursery that "
                 "suits them.") % {"age": number(p["age"])}
    if code == "post16":
        return _("After Year 11, we do not have to help. We decide each young person on their "
                 "own. Apply by the end of May for the next school year.")
    if code == "too_old":
        return _("This is for young people up to %(age)s. Ask adult social care for "
                 "help.") % {"age": number(p["max_age"])}
    if code in ("post19_missing", "post19_check", "post19_can_ask"):
        values = {"from": number(p["min_age"]), "to": number(p["max_age"]),
                  "miles": miles(p["miles"]), "area": p["area"]}
        if code == "post19_missing":
            return _post19_missing(p["criterion"], values)
        if code == "post19_check":
            return _post19_check(p["criterion"], values)
        return _("Young people aged %(from)s to %(to)s with an EHC plan or SEND can ask. We "
                 "look at their needs. If we help, there is no charge.") % values
    if code == "not_nearest":
        return _("You chose a school that is not the nearest one for your child's needs. We do "
                 "not have to help with travel to it, unless there is a very good reason.")
    if code == "nearest_unknown":
        return _("We help with travel to the nearest school that can meet your child's needs. "
                 "If you chose another school, we do not have to help.")
    if code == "cannot_walk":
        first = _("Your child's needs mean they cannot walk to school safely, even with an "
                  "adult.")
        then = (_("We must help, whatever the distance.") if p["must"]
                else _("We will look at help, whatever the distance."))
        return f"{first} {then}"
    if code == "walking_band":
        return band_walks(p["band"], p["miles"])
    if code == "no_walking_rule":
        return _("We look at each child's needs and the route to school.")
    walks = band_walks(p["band"], p["miles"])
    walk = _("The walk is %(distance)s.") % {"distance": distance_words(p["distance"])}
    if code == "over_limit":
        first = _("Your child is not expected to walk.")
        return f"{first} {walk} {walks}"
    if code == "within_limit":
        first = _("Your child is expected to walk, with an adult if needed.")
        return f"{first} {walk} {walks}"
    if code == "within_limit_check":
        then = _("We will look at whether your child can walk it safely with an adult.")
        return f"{walk} {walks} {then}"
    if code == "distance_unknown":
        then = _("We measure the shortest safe route for you.")
        return f"{walks} {then}"
    raise KeyError(code)


def difference_text(difference: Difference) -> str:
    """One change the proposal makes for a family, as a plain sentence."""
    p = difference.params
    if difference.code in ("walk_no_longer", "walk_now"):
        values = {"distance": distance_words(p["distance"]), "miles": miles(p["miles"]),
                  "band": band_name(p["band"])}
        if difference.code == "walk_no_longer":
            return _("Under the proposal, your child would not be expected to walk, because "
                     "%(distance)s is over the proposed %(miles)s for %(band)s.") % values
        return _("Under the proposal, your child would be expected to walk, because "
                 "%(distance)s is within the proposed %(miles)s for %(band)s.") % values
    if difference.code == "limit_changes":
        values = {"old": miles(p["old_miles"]), "miles": miles(p["miles"]),
                  "band": band_name(p["band"]), "low": miles(p["low"]),
                  "high": miles(p["high"])}
        if p["shorter"]:
            return _("The proposal changes how far %(band)s are expected to walk: from up to "
                     "%(old)s to up to %(miles)s. If your child's walk is more than %(low)s "
                     "and up to %(high)s, they would no longer be expected to walk.") % values
        return _("The proposal changes how far %(band)s are expected to walk: from up to "
                 "%(old)s to up to %(miles)s. If your child's walk is more than %(low)s and up "
                 "to %(high)s, they would be expected to walk.") % values
    if difference.code == "outcome":
        return _("The answer changes from “%(live)s” now to “%(proposed)s” under the "
                 "proposal.") % {"live": outcome_label(p["live"]),
                                 "proposed": outcome_label(p["proposed"])}
    if difference.code == "charge":
        return _("The yearly charge would be %(proposed)s instead of %(live)s.") % {
            "proposed": pounds(p["proposed"]), "live": pounds(p["live"])}
    raise KeyError(difference.code)


#: Stands for the area's name while a reason is written, so the name can be marked as
#: English afterwards (a private-use character no sentence holds).
_AREA_MARK = "\ue000"


def reason_html(reason: Reason, *, english_area: bool = False) -> SafeString:
    """``reason_text`` escaped for a page; with ``english_area``, the area's name (an
    officer's English words on a page in another language) inside ``<span lang="en"
    dir="ltr">`` so a screen reader reads it in English."""
    area = reason.params.get("area") if reason.params else None
    if not (english_area and area):
        return escape(reason_text(reason))
    text = escape(reason_text(replace(reason, params={**reason.params, "area": _AREA_MARK})))
    marked = format_html('<span lang="en" dir="ltr">{}</span>', area)
    return mark_safe(text.replace(_AREA_MARK, marked))  # noqa: S308 - escaped above


def describe_rules(rules: Rules) -> str:
    """The rules as lines of plain text in the reader's language, for the comparison of
    versions (the officers', the forum's and the consultation's "what would change"): a
    changed threshold shows as a changed word, like any text change."""
    values = {"from": number(rules.school_age_from), "to": number(rules.school_age_to),
              "area": rules.area_name}
    if rules.area_name:
        lines = [_("Who: ages %(from)s to %(to)s, living in %(area)s.") % values]
    else:
        lines = [_("Who: ages %(from)s to %(to)s, living in our area.") % values]
    lines += [_("Walking distance, %(band)s: up to %(miles)s.") % {
        "band": band_name(rules.band_shape(b)), "miles": miles(b.miles)}
        for b in rules.walking_bands]
    if rules.unsafe_walk_duty == MUST:
        lines.append(_("A child whose needs mean they cannot walk safely, even with an adult: "
                       "the council must help, whatever the distance."))
    else:
        lines.append(_("A child whose needs mean they cannot walk safely, even with an adult: "
                       "the council will consider help, whatever the distance."))
    lines.append(_("A school the parents chose that is not the nearest appropriate one: the "
                   "council does not have to help, unless there are exceptional reasons."))
    lines += [_("Families on income-related benefits, %(band)s: up to %(miles)s.") % {
        "band": band_name(rules.band_shape(b)), "miles": miles(b.miles)}
        for b in rules.low_income_bands]
    under = {"age": number(rules.school_age_from)}
    lines.append(_("Under %(age)s: the council decides case by case.") % under
                 if rules.under_age_discretionary else _("Under %(age)s: no help.") % under)
    post16 = {"age": number(rules.school_age_to), "to": number(rules.post19_min_age - 1)}
    lines.append(
        _("From Year 12 (age %(age)s) to age %(to)s: the council decides case by case.")
        % post16 if rules.post16_discretionary
        else _("From Year 12 (age %(age)s) to age %(to)s: no help.") % post16)
    if rules.contribution_pounds:
        parts = rules.contribution_instalments
        lines.append(ngettext(
            "Yearly charge: %(amount)s, or %(low)s with income-related benefits, in up to "
            "%(n)s part.",
            "Yearly charge: %(amount)s, or %(low)s with income-related benefits, in up to "
            "%(n)s parts.", parts) % {
            "amount": pounds(rules.contribution_pounds),
            "low": pounds(rules.contribution_low_income_pounds or rules.contribution_pounds),
            "n": number(parts)})
    lines.append(_("Ages %(from)s to %(to)s: more than %(miles)s from the nearest suitable "
                   "place, or cannot travel that far; a new, higher-level, full-time course "
                   "in the day in term time; cannot travel on their own and no one able to "
                   "take them. No charge.") % {
        "from": number(rules.post19_min_age), "to": number(rules.post19_max_age),
        "miles": miles(rules.post19_min_miles)})
    return "\n".join(lines)
