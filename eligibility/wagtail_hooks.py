"""Where officers and forum representatives find the what-if table of a policy's rules.

The table (``<policy>/checker/what-if/``) counts the typical families whose answer a draft or
a consultation's proposed version would change. It is linked from the forum's draft page
(the ``register_forum_draft_links`` hook of ``charter/hooks.py``) and from the policy's page
in the Wagtail admin (the page header's actions), for the people who may read it
(``charter.permissions.can_use_forum_area``: officers and forum representatives).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from charter.hooks import FORUM_DRAFT_LINKS_HOOK
from charter.permissions import can_use_forum_area


def what_if_url(page) -> str | None:
    """The what-if table's address for ``page`` (any Page), or None when its type has no
    checker, it is not live or its live version carries no rules."""
    if not getattr(page.specific_class, "eligibility_checker", False) or not page.live:
        return None
    policy = page.specific
    if policy.checker_rules() is None or not policy.url:
        return None
    return policy.url + policy.reverse_subpage("eligibility_what_if")


def _what_if_label() -> str:
    return _("What the proposed rules would change for families (what-if table)")


@hooks.register(FORUM_DRAFT_LINKS_HOOK)
def forum_draft_links(page, user) -> list[tuple[str, str]]:
    url = what_if_url(page) if can_use_forum_area(user) else None
    return [(_what_if_label(), url)] if url else []


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    """On a policy's edit page and in the page explorer: a link to its what-if table."""
    if not can_use_forum_area(user):
        return
    url = what_if_url(page)
    if url:
        yield Button(_what_if_label(), url=url, icon_name="table", priority=80,
                     attrs={"data-what-if": ""})
