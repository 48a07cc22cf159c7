"""Template helpers shared by the consultation and survey response forms."""

from __future__ import annotations

from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.templatetags.language_marks import english_attrs

register = template.Library()


@register.filter
def first_input_id(field) -> str:
    """The id of the control an error summary link should reach: the first radio or
    checkbox of a group (a fieldset cannot take focus), or the field itself."""
    input_type = getattr(field.field.widget, "input_type", "")
    if input_type in ("radio", "checkbox") and getattr(field.field, "choices", None):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.filter
def when(moment) -> str:
    """A closing or opening time as the service writes it: "11:59pm on Tuesday 1 December
    2026" in English (GOV.UK style, no dots, so a sentence ending in it has one full stop),
    the 24-hour clock in other languages."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    day = formats.date_format(local, "l j E Y")
    if (get_language() or "en").startswith("en"):
        hour = local.hour % 12 or 12
        time = f"{hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
    else:
        time = f"{local:%H:%M}"
    return _("%(time)s on %(day)s") % {"time": time, "day": day}


@register.simple_tag(takes_context=True)
def error_text(context, error, field, by="page"):
    """``error`` escaped, with the question it quotes marked ``<bdi lang="en" dir="ltr">``
    when those words are English on the reader's page (WCAG 3.1.2), judged ``by`` as the
    field's label is (``english_attrs``): “Answer question 1, «Under-8s should walk…?»”
    on an Arabic page keeps the question's "?" on its own side and is read in an English
    voice. ``field`` is the bound field; the words quoted are its ``quoted`` attribute
    (set by the consultation and survey response forms on each question); a field without
    one gives its messages escaped, unmarked.
    """
    html = str(conditional_escape(str(error)))
    inner = getattr(field, "field", field)
    words = str(getattr(inner, "quoted", "") or "")
    if not words:
        return mark_safe(html)  # noqa: S308 - escaped above
    attrs = english_attrs(context, words, by=by)
    escaped_words = str(conditional_escape(words))
    if attrs and escaped_words in html:
        html = html.replace(escaped_words, f"<bdi{attrs}>{escaped_words}</bdi>")
    return mark_safe(html)  # noqa: S308 - escaped above, fixed attributes
