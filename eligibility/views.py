"""The "What would this mean for my child?" checker at ``<policy page>/checker/``.

Nothing is stored: the views write nothing to the database, set no cookie and log nothing.

**How the answers travel: in the address (GET), kept out of every log.** Each page is a
GET form: the answers so far are hidden fields, so after "Continue" they are in the new
page's address. That is what makes the browser's Back button, refresh and a bookmark work
(a POST page comes back as "Confirm form resubmission"), and what lets every question page
have a "Back" link to the question before, with its answer ready to change. GOV.UK's own
"smart answers" carry answers in the address the same way. The cost is the address itself,
so:

- the application's logs drop the query string of every ``/checker/`` address
  (``portal/log_redaction.py``, on ``django.server`` and ``django.request``), and the app
  servers' access log is written without query strings or referrers
  (``deploy/gunicorn.conf.py``); a front web server must be set the same way (README);
- every checker page sends ``Referrer-Policy: no-referrer``, so following a link from it
  (to the policy, the response form, the appeal page) does not hand its address on;
- ``Cache-Control: no-store`` (``never_cache``), so no cache keeps a page; Back asks the
  server again, which is harmless for a GET;
- the first page says plainly that the answers are in the page's address, so the browser's
  history keeps them like any page, and how to avoid that on a shared device (a private
  window).

An answer is never carried into a question it was not given to: when the age changes, the
answers whose question is no longer asked or is asked in other words are dropped and asked
again (``CheckerForm.drop_changed``), and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from wagtail.models import Locale

from charter.permissions import can_use_forum_area
from eligibility import rules as rule_module
from eligibility.blocks import rules_data
from eligibility.forms import QUESTIONS, CheckerForm, most_questions, question_for
from eligibility.proposals import proposals_for
from eligibility.wording import difference_text, miles, outcome_label, pounds, reason_html
from portal.selectors import content_language, section_anchors
from portal.text_direction import is_english


@dataclass(frozen=True)
class Shown:
    """One version's result as the answer page shows it."""

    heading: str
    result: rule_module.Result
    label: str
    # (text in the reader's language, escaped for the page; link to the section or "")
    reasons: list[tuple[str, str]]
    proposal: object | None = None


def _default_copy(page):
    """The policy's copy in the default language (None when ``page`` is it): the rules name
    sections by its headings, and its area's name says whether this copy translated it."""
    found = page.get_translations().filter(locale=Locale.get_default()).first()
    return found.specific if found else None


def _section_links(page, source) -> dict[str, str]:
    """Each section's link on the reader's copy of the policy, keyed by its heading as that
    copy words it and as the default-language copy does (rules name sections by heading).
    wagtail-localize keeps a section's block id in every language, and the anchors are the
    page's own (``section_anchors``: an Arabic heading has no Latin letters to slug, so it is
    numbered)."""
    anchors = section_anchors(page)
    links: dict[str, str] = {}
    for copy in (page, source):
        for block in getattr(copy, "sections", None) or []:
            if block.id in anchors:
                links.setdefault(block.value["heading"], f"{page.url}#{anchors[block.id]}")
    return links


def _area_in_english(page, source, area: str) -> bool:
    """Is the area's name, as this copy of the policy holds it, English words on the
    reader's page? It is when the page is English or an alias of the English one, when this
    copy left it as the default-language copy words it (not translated), or, on an Arabic
    page, by its letters. An empty name is the checker's own "our area", translated."""
    language = get_language() or ""
    if not area or not language or language.split("-")[0] == "en":
        return False
    if content_language(page).split("-")[0] == "en":
        return True
    data = rules_data(getattr(source, "eligibility_rules", None)) if source else None
    untranslated = rule_module.area_name((data or {}).get("area_name")) == area
    return is_english(area, language=language, untranslated=untranslated)


def _shown(heading, result, links, proposal=None, english_area=False) -> Shown:
    reasons = [(reason_html(r, english_area=english_area),
                links.get(r.section, "") if r.section else "") for r in result.reasons]
    return Shown(heading, result, outcome_label(result.outcome), reasons, proposal)


def _render(request, page, template, context):
    response = TemplateResponse(request, f"eligibility/{template}",
                                {"page": page, "self": page, **context})
    return response


#: Arabic-Indic and Eastern Arabic-Indic digits, and the Arabic decimal separator, as the
#: ASCII a number field reads.
_DIGITS = str.maketrans({**{chr(0x0660 + d): str(d) for d in range(10)},
                         **{chr(0x06F0 + d): str(d) for d in range(10)},
                         "\u066b": ".", ",": "."})


def plain_number(typed: str) -> str:
    """A typed number in ASCII: ``"١٫٨"`` and ``"1,8"`` become ``"1.8"``."""
    # Python's Decimal reads "1_8" as 18: an underscore is no digit a person meant.
    return typed.strip().translate(_DIGITS).replace("_", " ")


#: The query parameters a checker page reads besides the answers.
STEP_PARAMETERS = ("question", "change", "start", "was_age")


def _no_referrer(response):
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@sensitive_variables()
def checker(request, page):
    """Start page (GET without answers); each question and the answer page (GET with the
    answers so far: ``start`` to begin, ``question`` naming the question just answered,
    ``change`` naming one to show again, ``was_age`` the age the other answers were given
    under)."""
    data = rules_data(page.eligibility_rules)
    if data is None:
        raise Http404("This policy has no rules for the checker.")
    try:
        live = rule_module.rules_from_data(data)
        proposals = [p for p in proposals_for(page, public=True) if p.rules]
        proposed = [(p, rule_module.rules_from_data(p.rules)) for p in proposals]
    except rule_module.RulesError:
        # Rules the admin would refuse today (saved before it checked them): say so, never
        # read other numbers in their place.
        return _no_referrer(_render(request, page, "checker_unavailable.html", {}))
    rule_sets = [live, *(r for _p, r in proposed)]
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if not any(key in request.GET for key in (*STEP_PARAMETERS, *CheckerForm.base_fields)):
        return _no_referrer(_render(request, page, "checker_start.html", {
            "proposals": proposals, "question_count": most_questions(rule_sets),
            "what_if": can_use_forum_area(request.user)}))

    data = request.GET.copy()
    # "1,8", "1.8" and "١٫٨" (an Arabic phone keyboard) are the same distance.
    data["distance_miles"] = plain_number(data.get("distance_miles", ""))
    form = CheckerForm(data, rule_sets=rule_sets)
    form.is_valid()  # every field is optional: this only cleans what was sent
    current = data.get("question", "")
    change = data.get("change", "")
    error = None
    asked_again: list[str] = []
    if change in QUESTIONS and (change == "age" or form.is_asked(change)):
        current = change
    elif current in QUESTIONS:
        error = form.problem(current)
        if error is None:
            if current == "age":
                asked_again = form.drop_changed(data.get("was_age", ""))
            current = form.next_question()
    else:
        current = form.next_question()

    if current:
        response = _question(request, page, form, current, error,
                             asked_again=[n for n in asked_again if form.is_asked(n)])
    else:
        response = _result(request, page, form, live, proposed)
    return _no_referrer(response)


def _carried(form, leave_out: set[str]) -> list[tuple[str, str]]:
    """(name, value) of the answers to carry in hidden fields."""
    out = []
    for name, value in form.given().items():
        if name in leave_out or (name == "distance" and value == "typed"):
            continue
        out.append((name, value))
    return out


def checker_address(page, params: list[tuple[str, str]]) -> str:
    """The checker's address with ``params`` as its query string ("" for the start page)."""
    base = page.reverse_subpage("eligibility_checker")
    url = page.url + base
    return f"{url}?{urlencode(params)}" if params else url


def _back_link(form, page, name) -> str:
    """Where "Back" goes from question ``name``: the question asked before it, with every
    answer so far (so its own answer is ready to change), or the start page from the
    first."""
    asked = form.asked()
    before = asked[: asked.index(name)] if name in asked else []
    if not before:
        return checker_address(page, [])
    params = [*_carried(form, set()), ("change", before[-1])]
    if before[-1] == "age" and form.given().get("age"):
        params.append(("was_age", form.given()["age"]))
    return checker_address(page, params)


def _question(request, page, form, name, error, asked_again=()):
    age = form.child_age()
    asked = form.asked()
    number = asked.index(name) + 1 if name in asked else 1
    leave_out = {name, "distance_miles"} if name == "distance" else {name}
    field = form[name]
    value = request.GET.get(name) if error else form.given().get(name, "")
    # As typed after an error; else the distance given, written as the reader writes
    # numbers ("1,8" on a Polish or Arabic page; ``plain_number`` reads it back).
    miles_value = (request.GET.get("distance_miles", "") if error
                   else form.given().get("distance_miles", ""))
    if miles_value and not error:
        miles_value = number_format(Decimal(miles_value).normalize())
    carried = _carried(form, leave_out)
    if name == "age":
        # The age the other answers were given under, to tell which to ask again: the one
        # given, or, on the age question's error page, the one it came with.
        was_age = form.given().get("age") or request.GET.get("was_age", "")
        if form.is_age_answer(was_age):
            carried.append(("was_age", was_age))
    # The error summary's link goes to the first radio, or to the typed miles when they are
    # what is wrong.
    first = "distance_miles" if (error and name == "distance"
                                 and form.errors.get("distance_miles")) else f"{name}-1"
    return _render(request, page, "checker_question.html", {
        "question": question_for(name, age, form.rule_sets), "name": name, "field": field,
        "value": value or "",
        "miles_value": miles_value or "", "error": error, "number": number,
        "error_target": first, "carried": carried,
        "back_link": _back_link(form, page, name),
        "asked_again": [str(question_for(n, age, form.rule_sets).label) for n in asked_again],
        "choices": [(str(v), str(label)) for v, label in field.field.choices],
    })


def _result(request, page, form, live, proposed):
    answers = form.answers()
    source = _default_copy(page)
    links = _section_links(page, source)
    english = _area_in_english(page, source, live.area_name)
    shown = [_shown("live", rule_module.evaluate(live, answers), links, english_area=english)]
    changes = []
    for proposal, rules in proposed:
        shown.append(_shown("proposed", rule_module.evaluate(rules, answers), links, proposal,
                            english_area=english and rules.area_name == live.area_name))
        changes.append((proposal, [difference_text(d) for d in
                                   rule_module.differences(live, rules, answers)]))
    data = rules_data(page.eligibility_rules) or {}
    carried = _carried(form, set())
    summary = [(name, question, answer, checker_address(
        page, [*carried, ("change", name), *([("was_age", form.given()["age"])]
                                            if name == "age" else [])]))
        for name, question, answer in form.summary()]
    last = form.asked()[-1]
    return _render(request, page, "checker_result.html", {
        "shown": shown, "changes": changes, "summary": summary,
        "carried": carried, "appeal_page": data.get("appeal_page"),
        "apply_link": links.get(live.who_section, page.url),
        "back_link": checker_address(page, [*carried, ("change", last)]),
        "age_link": next((link for name, _q, _a, link in summary if name == "age"), ""),
        "need_age": answers.age is None,
    })


def age_label(answers: rule_module.Answers) -> str:
    """A what-if family's age as the table shows it: "7", or "16, starting Year 12 or
    college" (``Answers.after_year_11``)."""
    if answers.after_year_11:
        return _("%(age)s, starting Year 12 or college") % {"age": answers.age}
    return str(answers.age)


def _answer_label(outcome, charge: int | None) -> str:
    """A what-if cell: the outcome, and the yearly charge when there is one."""
    if charge is None:
        return outcome_label(outcome)
    return _("%(outcome)s (%(amount)s a year)") % {"outcome": outcome_label(outcome),
                                                   "amount": pounds(charge)}


def _rule_versions(page) -> list[tuple[str, str, rule_module.Rules, str]]:
    """(name, link, rules, language of the name) of each version the what-if table compares
    against the live one: the latest draft of the policy, when its rules differ (named in
    the reader's language), and every consultation's proposal (being drafted, with the
    forum, or open; named by its title, in its page's language)."""
    out = []
    latest = page.get_latest_revision()
    if latest is not None and latest.pk != page.live_revision_id:
        data = rules_data(getattr(latest.as_object(), "eligibility_rules", None))
        if data is not None:
            out.append((_("The latest draft of this policy"), "",
                        rule_module.rules_from_data(data), get_language() or ""))
    for proposal in proposals_for(page, public=False):
        if proposal.rules:
            out.append((proposal.title, proposal.url, rule_module.rules_from_data(proposal.rules),
                        proposal.language))
    return out


@never_cache
def what_if(request, page):
    """The what-if table for officers and forum representatives (others: sign in, or 403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "/sign-in/")
    if not can_use_forum_area(request.user):
        raise PermissionDenied
    data = rules_data(page.eligibility_rules)
    if data is None:
        raise Http404("This policy has no rules for the checker.")
    try:
        live = rule_module.rules_from_data(data)
        versions = _rule_versions(page)
    except rule_module.RulesError as error:
        return _render(request, page, "what_if.html", {"tables": [], "rules_error": error})
    tables = []
    reader = (get_language() or "").split("-")[0]
    for name, link, rules, language in versions:
        families, changes = rule_module.what_if(live, rules)
        rows = [{"age": age_label(c.answers),
                 "distance": miles(c.answers.distance.exact) if c.answers.distance else "",
                 "needs": c.answers.cannot_walk_safely, "benefits": c.answers.income_benefits,
                 "live_label": _answer_label(c.live, c.live_charge),
                 "proposed_label": _answer_label(c.proposed, c.proposed_charge)}
                for c in changes]
        tables.append({"name": name, "link": link, "families": families, "changes": changes,
                       "rows": rows,
                       # A consultation's English title on a Polish or Arabic page.
                       "english": reader != "en" and language.split("-")[0] == "en"})
    return _render(request, page, "what_if.html", {"tables": tables})
