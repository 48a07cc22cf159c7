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
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.models import Locale

from charter.permissions import can_use_forum_area
from eligibility import rules as rule_module
from eligibility.blocks import rules_data
from eligibility.forms import QUESTIONS, CheckerForm, most_questions, question_for
from eligibility.proposals import proposals_for
from eligibility.wording import difference_text, miles, outcome_label, reason_html
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
    asked = form.asked()
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
    return _render(request, page, "checker_result.html", {
        "shown": shown, "changes": changes, "summary": form.summary(),
        "carried": _carried(form, set()), "appeal_page": data.get("appeal_page"),
        "apply_link": links.get(live.who_section, page.url),
    })


def age_label(answers: rule_module.Answers) -> str:
    """A what-if family's age as the table shows it: "7", or "16, starting Year 12 or
    college" (``Answers.after_year_11``)."""
    if answers.after_year_11:
        return _("%(age)s, starting Year 12 or college") % {"age": answers.age}
    return str(answers.age)


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
    live = rule_module.rules_from_data(data)
    tables = []
    reader = (get_language() or "").split("-")[0]
    for name, link, rules, language in _rule_versions(page):
        families, changes = rule_module.what_if(live, rules)
        rows = [{"age": age_label(c.answers), "distance": miles(c.answers.distance.exact),
                 "needs": c.answers.cannot_walk_safely, "benefits": c.answers.income_benefits,
                 "live_label": outcome_label(c.live), "proposed_label": outcome_label(c.proposed)}
                for c in changes]
        tables.append({"name": name, "link": link, "families": families, "changes": changes,
                       "rows": rows,
                       # A consultation's English title on a Polish or Arabic page.
                       "english": reader != "en" and language.split("-")[0] == "en"})
    return _render(request, page, "what_if.html", {"tables": tables})
