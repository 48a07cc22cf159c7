"""Showing what people typed: ``{% load typed_text %}``, then one of these filters.

``plain_html`` for plain-text fields (reasons, positions, answers), ``rich_html`` for
forum comments (the markup their form offers), ``visible_text`` for a comment as plain
text (a preview). See ``core.sanitise``. ``removed_on`` gives the day a co-production
record's text was removed as personal details (``charter.record.removed_on``), so a public
page shows the notice in the reader's language, without the officer's reason;
``removal_shown`` gives the forum's, board's and officers' pages the notice with the reason
(``removal_shown_translated`` in the reader's language, for the forum's translated pages).
"""

from django import template

from charter import record
from core import sanitise

register = template.Library()

register.filter("plain_html", sanitise.plain_html, is_safe=True)
register.filter("rich_html", sanitise.rich_html, is_safe=True)
register.filter("visible_text", sanitise.visible_text)
register.filter("removed_on", record.removed_on)
register.filter("removal_shown", record.removal_shown)


@register.filter
def removal_shown_translated(text, record_):
    """``removal_shown`` for the forum's pages, which are translated: "Removed on DATE:
    reason" in the reader's language, its date too ("Usunięto 20 stycznia 2027: …")."""
    return record.removal_shown(text, record_, translated=True)
