"""The "What would this mean for my child?" checker at ``<policy page>/checker/``.

Nothing is stored: the answers travel in the form (POST, never the address), the views
write nothing to the database, set no cookie, log nothing, and error reports hide every
posted value (``sensitive_post_parameters``). The first page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.models import Locale

from charter.permissions import can_use_forum_area
from eligibility import rules as rule_module
from eligibility.blocks import rules_data
from eligibility.forms import (
    ORDER,
    QUESTIONS,
    CheckerForm,
    most_questions,
    question_for,
    relevant,
)
from eligibility.proposals import proposals_for
from eligibility.wording import difference_text, miles, outcome_label, reason_text
from portal.selectors import section_anchors


@dataclass(frozen=True)
class Shown:
    """One version's result as the answer page shows it."""

    heading: str
    result: rule_module.Result
    label: str
    reasons: list[tuple[str, str]]  # (text in the reader's language, link to the section or "")
    proposal: object | None = None


def _section_links(page) -> dict[str, str]:
    """Each section's link on the reader's copy of the policy, keyed by its heading as that
    copy words it and as the default-language copy does (rules name sections by heading).
    wagtail-localize keeps a section's block id in every language, and the anchors are the
    page's own (``section_anchors``: an Arabic heading has no Latin letters to slug, so it is
    numbered)."""
    anchors = section_anchors(page)
    source = page.get_translations().filter(locale=Locale.get_default()).first()
    links: dict[str, str] = {}
    for copy in (page, source.specific if source else None):
        for block in getattr(copy, "sections", None) or []:
            if block.id in anchors:
                links.setdefault(block.value["heading"], f"{page.url}#{anchors[block.id]}")
    return links


def _shown(heading, result, links, proposal=None) -> Shown:
    reasons = [(reason_text(r), links.get(r.section, "") if r.section else "")
               for r in result.reasons]
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
    return typed.strip().translate(_DIGITS)


@never_cache
@sensitive_post_parameters()
@sensitive_variables()
def checker(request, page):
    """Start page (GET); each question and the answer page (POST)."""
    data = rules_data(page.eligibility_rules)
    if data is None:
        raise Http404("This policy has no rules for the checker.")
    live = rule_module.rules_from_data(data)
    proposals = [p for p in proposals_for(page, public=True) if p.rules]
    proposed = [(p, rule_module.rules_from_data(p.rules)) for p in proposals]
    rule_sets = [live, *(r for _p, r in proposed)]
    if request.method != "POST":
        return _render(request, page, "checker_start.html",
                       {"proposals": proposals, "question_count": most_questions(rule_sets),
                        "what_if": can_use_forum_area(request.user)})

    data = request.POST.copy()
    # "1,8", "1.8" and "١٫٨" (an Arabic phone keyboard) are the same distance.
    data["distance_miles"] = plain_number(data.get("distance_miles", ""))
    form = CheckerForm(data, rule_sets=rule_sets)
    form.is_valid()  # every field is optional: this only cleans what was sent
    current = request.POST.get("question", "")
    change = request.POST.get("change", "")
    error = None
    if change in QUESTIONS:
        current = change
    elif current in QUESTIONS:
        error = form.problem(current)
        if error is None:
            current = form.next_question()
    else:
        current = form.next_question()

    if current:
        return _question(request, page, form, current, error)
    return _result(request, page, form, live, proposed)


def _carried(form, leave_out: set[str]) -> list[tuple[str, str]]:
    """(name, value) of the answers to carry in hidden fields."""
    out = []
    for name, value in form.given().items():
        if name in leave_out or (name == "distance" and value == "typed"):
            continue
        out.append((name, value))
    return out


def _question(request, page, form, name, error):
    age = form.child_age()
    asked = [n for n in ORDER if relevant(n, age, form.rule_sets)]
    number = asked.index(name) + 1 if name in asked else 1
    leave_out = {name, "distance_miles"} if name == "distance" else {name}
    field = form[name]
    value = request.POST.get(name) if error else form.given().get(name, "")
    miles_value = (request.POST.get("distance_miles", "") if error
                   else form.given().get("distance_miles", ""))
    return _render(request, page, "checker_question.html", {
        "question": question_for(name, age, form.rule_sets), "name": name, "field": field,
        "value": value or "",
        "miles_value": miles_value or "", "error": error, "number": number,
        "carried": _carried(form, leave_out),
        "choices": [(str(v), str(label)) for v, label in field.field.choices],
    })


def _result(request, page, form, live, proposed):
    answers = form.answers()
    links = _section_links(page)
    shown = [_shown("live", rule_module.evaluate(live, answers), links)]
    changes = []
    for proposal, rules in proposed:
        shown.append(_shown("proposed", rule_module.evaluate(rules, answers), links, proposal))
        changes.append((proposal, [difference_text(d) for d in
                                   rule_module.differences(live, rules, answers)]))
    data = rules_data(page.eligibility_rules) or {}
    return _render(request, page, "checker_result.html", {
        "shown": shown, "changes": changes, "summary": form.summary(),
        "carried": _carried(form, set()), "appeal_page": data.get("appeal_page"),
        "apply_link": links.get(live.who_section, page.url),
    })


def _rule_versions(page) -> list[tuple[str, str, rule_module.Rules]]:
    """(name, link, rules) of each version the what-if table compares against the live one:
    the latest draft of the policy, when its rules differ, and every consultation's
    proposal (being drafted, with the forum, or open)."""
    out = []
    latest = page.get_latest_revision()
    if latest is not None and latest.pk != page.live_revision_id:
        data = rules_data(getattr(latest.as_object(), "eligibility_rules", None))
        if data is not None:
            out.append((_("The latest draft of this policy"), "",
                        rule_module.rules_from_data(data)))
    for proposal in proposals_for(page, public=False):
        if proposal.rules:
            out.append((proposal.title, proposal.url, rule_module.rules_from_data(proposal.rules)))
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
    live = rule_module.rules_from_data(data)
    tables = []
    for name, link, rules in _rule_versions(page):
        families, changes = rule_module.what_if(live, rules)
        rows = [{"age": c.answers.age, "distance": miles(c.answers.distance.exact),
                 "needs": c.answers.cannot_walk_safely, "benefits": c.answers.income_benefits,
                 "live_label": outcome_label(c.live), "proposed_label": outcome_label(c.proposed)}
                for c in changes]
        tables.append({"name": name, "link": link, "families": families, "changes": changes,
                       "rows": rows,
                       "describe_live": rule_module.describe(live),
                       "describe_new": rule_module.describe(rules)})
    return _render(request, page, "what_if.html", {"tables": tables})
