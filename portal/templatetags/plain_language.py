"""The plain-language check where Wagtail's panels cannot reach it: ``{% load plain_language
%}``, then ``{% reading_age_not_shown page as language %}`` in the translation editor."""

from django import template

from portal.panels import reading_age_not_shown as _not_shown

register = template.Library()


@register.simple_tag
def reading_age_not_shown(page) -> str:
    """The name of ``page``'s language when the plain-language panel would show no reading
    age for it (a Polish or Arabic copy: ``portal.panels.reading_age_not_shown``), else ""."""
    return _not_shown(page.specific if hasattr(page, "specific") else page)
