from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, pgettext
from django.utils.translation import gettext as _

from core import memo
from portal.readability import INTRO, Finding
from portal.search_text import english_words
from portal.selectors import translation_urls
from portal.text_direction import is_english, typed_in_english

register = template.Library()


@register.inclusion_tag("portal/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language; pages without a translation link to the English
    one; an address kept in one language only (the board's) offers no other."""
    request = context["request"]
    page = context.get("page")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    translations = translation_urls(page) if page is not None and page.pk else {}
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None and page.pk:
            url = translations.get(code)
        else:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and code != current:
                # An address with no copy in that language (the board's pages, which are
                # in English only): no link that would promise one and give this page.
                url = None
        if url:
            # Each language's name is written in that language, so it carries its own
            # language and direction (WCAG 3.1.2): "English" on an Arabic page is
            # lang="en" dir="ltr", "العربية" on an English page lang="ar" dir="rtl".
            links.append(
                {"code": code, "name": name, "url": url, "current": code == current,
                 "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}
            )
    return {"links": links}


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    """The English original of a page shown in another language without a translation."""
    page = context.get("page")
    if page is None or not getattr(page, "alias_of_id", None):
        return None
    original = page.alias_of
    if original is None or original.locale_id == page.locale_id:
        return None
    return original


@register.filter
def breadcrumb_pages(page):
    """The pages above ``page`` in the breadcrumbs (its ancestors below the tree's root, home
    first), kept until the next purge (``core.memo``): moving or publishing any page purges.
    Every page shows them; read-only, shared between requests."""
    if page is None or not page.pk:
        return []
    return memo.remember(("breadcrumbs", page.pk), lambda: list(page.get_ancestors()[1:]))


@register.simple_tag
def suggestion_link(suggestion: str, english: bool = False):
    """The link of "Did you mean …?" for ``suggestion`` (a search's corrected words), to go
    inside the one translated sentence: ``{% suggestion_link suggestion as link %}``, then
    ``{% blocktranslate with suggestion=link %}Did you mean {{ suggestion }}?…``.
    On a Polish or Arabic page an English suggestion is marked ``lang="en" dir="ltr"``
    (WCAG 3.1.2): always when ``english`` (the words came from the English pages, the last
    resort); else on an Arabic page by its letters, on a Polish page when it has no Polish
    letters and each of its words is an English dictionary word ("appeal", not "pomoc").
    The link is inside ``<bdi>``."""
    language = (get_language() or "").split("-")[0]
    if language in ("", "en"):
        english = False
    elif english:
        pass
    elif language == "ar":
        english = is_english(suggestion, language=language)
    else:
        english = typed_in_english(suggestion, language=language) and all(
            word.lower() in english_words() for word in suggestion.split())
    marks = mark_safe(' lang="en" dir="ltr"') if english else ""  # noqa: S308 - fixed
    # Inside <bdi>: the words offered are the reader's typed words mended, so they keep their
    # own direction and punctuation inside the sentence around them.
    return format_html('<bdi><a class="govuk-link" href="?{}"{}>{}</a></bdi>',
                       urlencode({"q": suggestion}), marks, suggestion)


@register.simple_tag
def finding_parts(finding: Finding) -> str:
    """The parts a whole-page reason of the plain-language panel comes from
    (``Finding.within``: the introduction, sections), as one list in the reader's language:
    "the introduction, “Taxis”, “Phoning”". Plain text, escaped where it is shown."""
    labels = [
        pgettext("a part of the page, in a list", "the introduction") if key == INTRO
        else _("“%(section)s”") % {"section": heading or _("(no heading)")}
        for key, heading in finding.within
    ]
    return pgettext("between the items of a list", ", ").join(labels)
