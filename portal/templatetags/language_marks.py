"""English text on a Polish or Arabic page, marked for screen readers:
``{% load language_marks %}``, then ``<h1{% english_attrs page %}>`` or
``<span{% english_attrs question.wording %}>``.

Gives `` lang="en" dir="ltr"`` when the page or object is the English one shown untranslated
in the reader's language (a wagtail-localize alias), or when the text is a string left in
English (``portal.text_direction``); nothing otherwise.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.text_direction import is_english

register = template.Library()

ENGLISH = ' lang="en" dir="ltr"'


def _untranslated(obj) -> bool:
    alias_of = getattr(obj, "alias_of", None) if getattr(obj, "alias_of_id", None) else None
    return alias_of is not None and alias_of.locale_id != getattr(obj, "locale_id", None)


@register.simple_tag(takes_context=True)
def english_attrs(context, value=None):
    """`` lang="en" dir="ltr"`` for English content on a page in another language.

    ``value`` is a page or snippet (English when it is an untranslated alias) or a string
    (English when the page holding it is untranslated, or by its letters); with no value,
    the page in the context is judged.
    """
    language = get_language() or ""
    if value is None:
        value = context.get("page")
    if value is not None and not hasattr(value, "pk"):
        value = str(value)  # lazy translations, numbers, safe strings
    if isinstance(value, str):
        untranslated = _untranslated(context.get("page"))
        english = is_english(value, language=language, untranslated=untranslated)
    else:
        english = is_english("", language=language, untranslated=_untranslated(value))
    return mark_safe(ENGLISH) if english else ""  # noqa: S308 - a fixed string
