"""``{% load finding_lines %}``, then ``{% for line in finding.text|finding_lines %}``: a
finding's lines, each with its ``language`` and ``dir`` (``analysis.quote_lines``)."""

from django import template

from analysis.quote_lines import Line
from analysis.quote_lines import finding_lines as _lines

register = template.Library()


@register.filter
def finding_lines(text: str) -> list[Line]:
    """The finding's lines, each marked with the language it is written in."""
    return _lines(text)
