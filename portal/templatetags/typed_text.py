"""Showing what people typed: ``{% load typed_text %}``, then one of these filters.

``plain_html`` for plain-text fields (reasons, positions, answers), ``rich_html`` for
forum comments (the markup their form offers), ``visible_text`` for a comment as plain
text (a preview). See ``core.sanitise``. ``removed_on`` gives the day a co-production
record's text was removed as personal details (``charter.record.removed_on``), so a public
page shows the notice in the reader's language, without the officer's reason.
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
