"""English text on a Polish or Arabic page, marked for screen readers:
``{% load language_marks %}``, then ``<h1{% english_attrs page %}>`` or
``<span{% english_attrs question.wording %}>``.

Gives `` lang="en" dir="ltr"`` when the page or object holds English words shown in the
reader's language: an English page listed on a Polish page (a search promotion, a link with
no translation), or the English page shown untranslated in the reader's language (a
wagtail-localize alias); or when the text is a string left in English
(``portal.text_direction``); nothing otherwise.
"""

import functools
import re

from django import template
from django.conf.locale import LANG_INFO
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override, trans_real
from django.utils.translation import gettext_lazy as _

from portal.left_in_english import LeftInEnglish
from portal.search_text import without_bidi_controls
from portal.selectors import content_language, english_page_word, polish_word
from portal.text_direction import (
    direction_of,
    has_own_letters,
    is_english,
    marks_for,
    typed_in_english,
    typed_runs,
)

register = template.Library()

ENGLISH = ' lang="en" dir="ltr"'


def _in_english(obj) -> bool:
    return content_language(obj).split("-")[0] == "en" if obj is not None else False


def english_object(obj, language: str) -> bool:
    """True when ``obj`` (a page or translatable snippet) shown on a page in ``language``
    holds English words: it is in the English locale, or is an untranslated alias of an
    English page."""
    return is_english("", language=language, untranslated=_in_english(obj))


def translated_left_in_english(value: Promise) -> bool:
    """True when a lazy translation (an interface string such as a form's label or a
    choice's name) shows its English source in the active language: the words shown are
    the English ones, because no translation was given. Judged by the source, not by the
    letters, so "Młodzi ludzie" or "بأي صفة تجيب؟" is never marked English."""
    shown = str(value)
    with override("en"):
        return shown == str(value)


_NUMBERS = re.compile(r"%\([a-z_]+\)[sd]|\d+")


@functools.lru_cache(maxsize=16)
def _translations(language: str) -> frozenset[str]:
    """Every translation the site's catalogue gives in ``language``, numbers and
    placeholders written "#" ("Strona # ankiety"). The catalogue is read as Django's own
    JavaScript catalogue view reads it; it does not change while the site runs."""
    catalog = trans_real.translation(language)._catalog  # noqa: SLF001
    return frozenset(_NUMBERS.sub("#", value) for _key, value in catalog.items()
                     if isinstance(value, str) and value)


@functools.lru_cache(maxsize=16)
def _own_words(language: str) -> frozenset[str]:
    """The catalogue's translations in ``language`` that differ from their English source
    ("Podsumowanie" for "Summary", "Rok" for "Year"), written as ``_translations`` writes
    them: words known to be in ``language``, whatever letters they have."""
    catalog = trans_real.translation(language)._catalog  # noqa: SLF001
    out = set()
    for key, value in catalog.items():
        source = key[0] if isinstance(key, tuple) else key
        source = source.split("\x04", 1)[-1]  # a message with a context: "context\x04source"
        if isinstance(value, str) and value.strip() and value != source:
            out.add(_NUMBERS.sub("#", value.strip()))
    return frozenset(out)


def _bare(text: str) -> str:
    """A label as the catalogue holds it: without the brackets or colon a page adds around
    it ("[Podsumowanie]", "Rok:"), numbers written "#"."""
    return _NUMBERS.sub("#", text.strip().strip("[]()").strip().rstrip(":").strip())


def in_readers_words(text: str, language: str) -> bool:
    """True when ``text`` (a label, a heading, a line) is one of the site's own translations
    in ``language`` (``_own_words``: "Podsumowanie", "Rok", "Kiedy", "Strona 1 ankiety"):
    it is in the reader's language, so it is never marked English, whatever its letters."""
    if not text or not text.strip() or not language or language.split("-")[0] == "en":
        return False
    bare = _bare(text)
    return bool(bare) and bare in _own_words(language.split("-")[0])


def label_left_in_english(text: str, language: str) -> bool:
    """True when ``text``, an interface label worked out in ``language`` (a field's label
    heading a comparison: "Kiedy", "Strona 1 ankiety", "In force from"), shows the English
    source: judged by the catalogue, not by its letters. It is not one of the catalogue's
    translations in ``language``, so it is the English source a translator has not reached;
    only the reader's own letters or script in it ("ą", Arabic) say otherwise (a label
    holding both versions' words). So "Kiedy", "Rok" and "Podsumowanie" are the reader's
    language, and "In force from", untranslated, is English."""
    if not text.strip() or _NUMBERS.sub("#", text.strip()) in _translations(language):
        return False
    if in_readers_words(text, language):
        return False
    return not has_own_letters(text, language=language)


def _judge(context, value, by: str) -> bool:
    language = get_language() or ""
    if not language or language.split("-")[0] == "en":
        return False  # nothing is marked on an English page: no need to look anything up
    if value is None:
        value = context.get("page")
    if isinstance(value, Promise):
        return translated_left_in_english(value)
    if isinstance(value, LeftInEnglish):
        return True  # a heading or point a translator left as the English source has it
    if value is not None and not hasattr(value, "pk"):
        value = str(value)  # lazy translations, numbers, safe strings
    if not isinstance(value, str):
        return english_object(value, language)
    if by in ("typed", "label", "letters") and in_readers_words(value, language):
        return False  # the site's own translation: the reader's language, whatever its letters
    if by == "typed":
        return typed_in_english(value, language=language)
    if by == "label":
        return label_left_in_english(value, language)
    if by == "english":
        untranslated = True
    elif by == "letters":
        untranslated = False
    else:
        untranslated = _in_english(context.get("page"))
    return is_english(value, language=language, untranslated=untranslated)


@register.simple_tag(takes_context=True)
def english_attrs(context, value=None, by="page"):
    """`` lang="en" dir="ltr"`` for English content on a page in another language.

    ``value`` is a page or snippet (English when its words are: see ``english_object``) or
    a string; with no value, the page in the context is judged. A lazy translation (a
    form's label, a choice's name) is English only when it shows its English source
    (``translated_left_in_english``). Any other string is judged ``by``:

    - "page" (the default): English when the page holding it is (an untranslated alias),
      or by its letters on an Arabic page;
    - "letters": by its letters alone, for an interface string (translated in the reader's
      language, unless a translator left it in English) or something a person typed in a
      language nobody knows (a survey comment);
    - "english": English wherever it is shown, for words from a record kept in English
      only (a survey question from the bank, "you said, we did");
    - "label": an interface label worked out in the reader's language (a comparison's
      field label): English only when it is not a translation (``label_left_in_english``);
    - "typed": by its letters, for what a person typed in whatever language they chose (a
      forum comment or position, the council's answer): English unless it holds letters
      of the reader's language (``portal.text_direction.typed_in_english``).
    """
    english = _judge(context, value, by)
    return mark_safe(ENGLISH) if english else ""  # noqa: S308 - a fixed string


@register.simple_tag(takes_context=True)
def english_text(context, text, of=None, by="page"):
    """``text`` escaped, inside ``<span lang="en" dir="ltr">`` when it is English on the
    reader's page (judged as ``english_attrs`` judges ``of``, or ``text`` itself): for an
    English title inside a translated sentence, ``{% english_text page.title of=page as
    title %}{% blocktranslate with title=title %}Results: {{ title }}{% endblocktranslate %}``.
    """
    english = _judge(context, of if of is not None else text, by)
    if english:
        return format_html("<span{}>{}</span>", mark_safe(ENGLISH), text)  # noqa: S308
    return conditional_escape(text)


@register.simple_tag(takes_context=True)
def record_attrs(context):
    """`` lang="en" dir="ltr"`` for words from the co-production record (a change note, a
    comment, an answer, a disagreement, a compared section) shown on a page in another
    language: the record is kept in English, so its words are English where the page is a
    translation (``record_in_english`` in the context, set by ``CoProducedPageMixin``) or an
    untranslated alias of the English page. The one rule every record template uses."""
    if context.get("record_in_english") and _judge(context, "", "english"):
        return mark_safe(ENGLISH)  # noqa: S308 - a fixed string
    return english_attrs(context)


@register.simple_tag
def written_attrs(text):
    """`` lang="…" dir="…"`` for ``text`` written in another language than the page's, judged
    by its letters (``portal.text_direction.marks_for``), on every page, the English one
    included: a best answer an officer wrote in Polish is ``lang="pl" dir="ltr"`` on the
    Arabic page, an Arabic one ``lang="ar" dir="rtl"`` on the English and Polish pages, an
    English one ``lang="en" dir="ltr"`` on the Polish and Arabic pages. Nothing when it is
    in the page's language or has no word to tell by ("EHCP")."""
    marks = marks_for(str(text or ""), page_language=get_language() or "en")
    if marks is None:
        return ""
    return format_html(' lang="{}" dir="{}"', *marks)


@register.simple_tag(takes_context=True)
def typed_language_attrs(context, language, text=""):
    """`` lang="…" dir="…"`` for words a person typed on a page in ``language`` (a language
    code kept with them, such as "en" or "pl"), shown on a page in another language: a
    parent's written survey answer typed on the English page, read on the Polish one, is
    marked English. ``language`` "" (not known) judges ``text`` by its letters, as
    ``english_attrs`` does with ``by="letters"``; nothing when it is the reader's language.
    """
    reader = (get_language() or "").split("-")[0]
    typed = (language or "").split("-")[0].lower()
    if not typed:
        return english_attrs(context, text, by="letters")
    if not reader or typed == reader:
        return ""
    if typed == "en":
        return mark_safe(ENGLISH)  # noqa: S308 - a fixed string
    # Django's own table of languages says which are written right to left.
    direction = "rtl" if LANG_INFO.get(typed, {}).get("bidi") else "ltr"
    return format_html(' lang="{}" dir="{}"', typed, direction)


def echoed_words(text) -> str:
    """What a person typed (a search), shown back inside a sentence of the page: escaped,
    without bidi control characters (``portal.search_text.without_bidi_controls``), inside
    ``<bdi>`` so its punctuation stays with it and it cannot reorder the sentence around it
    ("?bus didn't come" on an Arabic page), with its own ``lang`` and ``dir`` when it is
    written in another language than the page's (``portal.text_direction.marks_for``).
    HTML, safe. Words of several languages are each marked in their own: "taxi الباص" is
    ``<bdi><bdi lang="en" dir="ltr">taxi</bdi> <bdi lang="ar" dir="rtl">الباص</bdi></bdi>``,
    and Polish typed without its letters ("taksowka spozniona", words the Polish pages hold:
    ``portal.selectors.polish_word``) is Polish, on every page; words both English and Polish
    ("transport nie", or an acronym the English pages hold too: "EHCP") are of the page's
    language on the Polish and English pages (``portal.text_direction.typed_runs``)."""
    text = without_bidi_controls(str(text or ""))
    page = (get_language() or "en").split("-")[0]
    runs = typed_runs(text, polish=polish_word, page=page, english_pages=english_page_word)
    worded = [(run, language) for run, language in runs if any(c.isalnum() for c in run)]
    if len(worded) <= 1:
        language = worded[0][1] if worded else None
        if language is None:
            marks = marks_for(text, page_language=page)
        else:
            marks = (language, direction_of(language)) if language != page else None
        attrs = format_html(' lang="{}" dir="{}"', *marks) if marks else ""
        return format_html("<bdi{}>{}</bdi>", attrs, text)
    inner = []
    for run, language in runs:
        if not any(c.isalnum() for c in run):
            inner.append(conditional_escape(run))
            continue
        if language is None:
            # Nothing in its words tells: judged as a single search would be ("late" beside
            # Arabic is English on the Arabic page).
            marks = marks_for(run, page_language=page)
            language = marks[0] if marks else page
        inner.append(format_html('<bdi lang="{}" dir="{}">{}</bdi>', language,
                                 direction_of(language), run))
    return format_html("<bdi>{}</bdi>", mark_safe("".join(inner)))  # noqa: S308 - escaped


@register.filter
def echoed(text):
    """``{{ search_query|echoed }}``: see ``echoed_words``."""
    return echoed_words(text)


@register.filter
def isolated(text):
    """Typed words for plain text (a page's ``<title>``, where ``<bdi>`` cannot go): without
    bidi control characters, between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, the
    plain-text form of ``<bdi>``."""
    return f"\u2068{without_bidi_controls(str(text or ''))}\u2069"


# The labels a comparison writes into a page's text in the reader's language, in brackets
# ("[Summary]" before a section's summary box, "[Question]" before an FAQ question: see
# ``portal.blocks.comparable_section_texts`` and ``FAQIndexPage.comparable_body``).
COMPARISON_LABELS = (_("Summary"), _("Question"))
_BRACKETED = re.compile(r"\[([^\[\]\n]+)\]")


@register.simple_tag
def compared_text(text, english=""):
    """A piece of a comparison (``text``, from ``charter.versions`` diff pieces), escaped;
    when ``english`` (the attributes ``english_attrs`` gave for the words compared) its
    words are inside ``<span lang="en" dir="ltr">``, but not the labels the comparison
    wrote in the reader's language (``COMPARISON_LABELS``: "[ملخص]" on an Arabic page, or
    any bracketed translation from the catalogue, such as an action's status "[W toku]"),
    nor a line that is one of the site's own translations ("Opcjonalne" under a survey's
    question, "Rok": ``in_readers_words``, by the catalogue, not by its letters), so a
    screen reader reads each in its own voice. Put on a piece inside its
    ``<ins data-marker>``/``<del data-marker>``, the translated marker stays outside the
    English words too (WCAG 3.1.2)."""
    if not english:
        return conditional_escape(text)
    labels = {str(label) for label in COMPARISON_LABELS}
    reader = (get_language() or "").split("-")[0]
    out, at = [], 0

    def words(run):
        parts = []
        for line in re.split(r"(\n)", run):
            if line.strip() and not in_readers_words(line, reader):
                parts.append(format_html("<span{}>{}</span>", mark_safe(ENGLISH), line))  # noqa: S308
            else:
                parts.append(conditional_escape(line))
        return "".join(str(part) for part in parts)

    translations = _translations(reader)
    for match in _BRACKETED.finditer(text):
        inside = match.group(1).strip()
        if inside not in labels and _NUMBERS.sub("#", inside) not in translations:
            continue
        out += [words(text[at:match.start()]), conditional_escape(match.group(0))]
        at = match.end()
    out.append(words(text[at:]))
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 - escaped above
