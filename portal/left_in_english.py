"""Paragraphs a translator left in English inside a translated page's rich text.

wagtail-localize shows the English source segment wherever a translation is missing, so a
Polish or Arabic section can hold an English paragraph among translated ones. The section
as a whole is in the reader's language; each such paragraph, list item or heading is
marked ``lang="en" dir="ltr"`` so a screen reader reads it in an English voice and its full
stop sits on its right (WCAG 3.1.2). Plain functions on HTML strings, no Wagtail.
"""

from __future__ import annotations

from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag
from bs4.formatter import HTMLFormatter

# The block elements of rich text that each hold one segment (wagtail-localize splits rich
# text into segments at these); a list is judged item by item.
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li"}
_LISTS = {"ul", "ol"}


class _AsWritten(HTMLFormatter):
    """Attributes in the order written (Beautiful Soup sorts them by default), so
    ``lang="en" dir="ltr"`` reads as every other mark on the site."""

    def attributes(self, tag):
        return list(tag.attrs.items())


_FORMATTER = _AsWritten()


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def _blocks(soup: BeautifulSoup) -> Iterable[Tag]:
    for element in soup.find_all(recursive=False):
        if element.name in _LISTS:
            yield from element.find_all("li", recursive=False)
        elif element.name in _BLOCKS:
            yield element


class LeftInEnglish(str):
    """A line of a translated page (a section heading, a summary point, an FAQ topic or
    question) still in the English source's words: the template tag ``english_attrs``
    marks it ``lang="en" dir="ltr"`` whatever page holds it. Made by ``left_in_english``."""


def left_in_english(text: str, english: set[str]) -> str:
    """``text`` as a ``LeftInEnglish`` when it is one of ``english`` (the English source's
    lines, whitespace collapsed) and holds a letter; else ``text`` unchanged."""
    plain = " ".join((text or "").split())
    if plain in english and any(c.isalpha() for c in plain):
        return LeftInEnglish(text)
    return text


def line_texts(lines) -> set[str]:
    """Each of ``lines`` (plain strings: headings, points, questions) whitespace collapsed."""
    return {" ".join(str(line).split()) for line in lines if line}


def block_texts(html: str) -> set[str]:
    """The text of each top-level paragraph, heading and list item of rich text ``html``,
    whitespace collapsed: ``{"Your child does not need an EHCP to ask for help."}``. Only
    texts with a letter in them (a bare phone number says nothing of its language)."""
    soup = BeautifulSoup(html or "", "html.parser")
    return {text for element in _blocks(soup)
            if (text := _text(element)) and any(c.isalpha() for c in text)}


def mark_left_in_english(html: str, english: set[str]) -> str:
    """``html`` (a translated page's rich text) with ` lang="en" dir="ltr"` on each
    top-level paragraph, heading and list item whose text is one of ``english`` (the
    English source page's ``block_texts``): the words wagtail-localize fell back to. An
    element already carrying ``lang`` is left as it is (never marked twice); ``html`` is
    returned unchanged when nothing is English."""
    if not english or not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for element in _blocks(soup):
        if element.has_attr("lang") or _text(element) not in english:
            continue
        element["lang"], element["dir"] = "en", "ltr"
        changed = True
    return soup.decode(formatter=_FORMATTER) if changed else html
