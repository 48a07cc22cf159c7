"""Showing what people typed: ``{% load typed_text %}``, then one of these filters.

``plain_html`` for plain-text fields (reasons, positions, answers), ``rich_html`` for
forum comments (the markup their form offers), ``visible_text`` for a comment as plain
text (a preview). See ``core.sanitise``.
"""

from django import template

from core import sanitise

register = template.Library()

register.filter("plain_html", sanitise.plain_html, is_safe=True)
register.filter("rich_html", sanitise.rich_html, is_safe=True)
register.filter("visible_text", sanitise.visible_text)
