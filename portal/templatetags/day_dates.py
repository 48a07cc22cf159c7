"""A day with its weekday, written as running text in the reader's language."""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def day_and_date(value) -> str:
    """``value`` (a date or datetime) as "Monday 30 November 2026", in the active language.

    Polish puts the weekday after the date, lower case and in brackets ("30 listopada 2026
    (poniedziałek)"): a weekday is lower case in running text, and the month is already in
    the genitive, so the phrase stays correct after any preposition or colon ("do", "od",
    "Termin decyzji:"), where a weekday in front would need declining ("do poniedziałku").
    Other languages use Django's "l j E Y" (weekday, day, month as the language writes it
    in a date, year). An empty value gives "".
    """
    if not value:
        return ""
    if (get_language() or "").split("-")[0] == "pl":
        return f"{date_format(value, 'j E Y')} ({date_format(value, 'l').lower()})"
    return date_format(value, "l j E Y")
