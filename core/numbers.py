"""Counts written for people, in the active language's way (Django's locale formats, with
the portal's own under ``portal/formats``): "20,000" in English, "20 000" (a no-break space)
in Polish, "20٬000" in Arabic."""

from django.utils.formats import number_format


def count(number: int) -> str:
    """``number`` grouped in thousands as the active language writes it; the same as the
    ``intcomma`` template filter, for text built in Python."""
    return number_format(number, force_grouping=True)
