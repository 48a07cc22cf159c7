"""Where the checker finds a proposed version of a policy's rules.

Consultations (a page app beside ``portal``) propose new versions of a policy. The checker
does not import them: an app that proposes versions registers a function through the
Wagtail hook ``register_rule_proposals``, as ``charter/calendars.py`` finds school
calendars. The function takes the policy page and ``public`` (True: only consultations the
public can respond to now; False: also those being drafted or with the forum) and returns
``Proposal`` records.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks

RULE_PROPOSALS_HOOK = "register_rule_proposals"


@dataclass(frozen=True)
class Proposal:
    """A proposed version of a policy's rules, and where to read and answer it."""

    title: str
    url: str
    respond_url: str
    rules: dict | None
    is_open: bool
    # The language code of the consultation's words ("en-gb", also for an untranslated Polish
    # or Arabic copy): its title is marked as English on a page in another language.
    language: str = ""


def proposals_for(policy, *, public: bool = True) -> list[Proposal]:
    """Every proposal registered for ``policy`` (see the module's docstring)."""
    found = []
    for register in hooks.get_hooks(RULE_PROPOSALS_HOOK):
        found.extend(register()(policy, public=public))
    return found
