"""Template helpers shared by the consultation and survey response forms."""

from __future__ import annotations

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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
