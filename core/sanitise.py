"""The one place typed text is made safe: stored as typed, escaped when shown.

What a person types is kept as they typed it (line breaks made ``\\n``, invisible
control characters removed: :func:`clean_text`). It is never cleaned into HTML for
storage, so an edit box shows exactly what was typed and exports hold the typed
characters.

It becomes HTML only on display:

- :func:`plain_html` for plain-text fields: everything escaped, blank lines make
  paragraphs and single line breaks ``<br>`` (Django's ``linebreaks``).
- :func:`rich_html` for forum comments, whose form offers a little markup
  (paragraphs, bold, italics, lists and links). Tags written exactly as that markup
  are kept; anything else that looks like a tag (``<transport@example.gov.uk>``,
  ``<script>``, ``<div class=x>``) is shown as the text it is. Web and email addresses
  become links. nh3 (ammonia) then checks the result against the same allow-list,
  balancing any tag left open.

:class:`TypedTextField` is the form field for free text: it removes the control
characters (null included) before Django's validators, so nobody is told "Null
characters are not allowed" about a character they cannot see.
"""

from __future__ import annotations

import html
import re
import unicodedata

import nh3
from django import forms
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# --- control characters ------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# C0 controls except tab and newline, DEL, C1 controls; embeddings, overrides and
# isolates (they reorder what follows them, so text can show other than it reads);
# the word joiner, invisible operators and byte-order mark.
_ALWAYS_REMOVED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069"
    "\u2060-\u2064\ufeff]"
)
# A zero-width space standing between two word characters is kept (one, however many were
# typed): it may be the only break between two words (text pasted from a page or a phone
# that sets words without spaces), and removed it would glue "Jan\u200bZieliński" into one
# word (bk15j F2); or it may stand inside one word ("re\u200bspite"), which a space would
# split. Kept, the removal of personal details reads it both ways
# (``analysis.writeup._foldings``).
_ZERO_WIDTH_SPACES = re.compile("\u200b+")
_WORD_PAIR = re.compile(r"\w\w")


def _zero_width_space(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    between_words = start > 0 and end < len(text) and _WORD_PAIR.fullmatch(
        text[start - 1] + text[end])
    return "\u200b" if between_words else ""
# Direction marks only matter next to right-to-left letters; kept where there are some.
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c]")
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def _has_right_to_left_letters(text: str) -> bool:
    # The right-to-left mark is itself class R: it does not count as a letter.
    return any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT and ch != "\u200f"
               for ch in text)


def clean_text(text: str | None) -> str:
    """Text as typed, safe to store: ``\\r\\n``, ``\\r`` and Unicode line separators
    become ``\\n``; control characters (null, C0 other than tab and newline, C1), bidi
    embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width spaces
    and byte-order marks are removed, except that one zero-width space between two word
    characters is kept (it may be their only break). The zero-width joiner and
    non-joiner stay (Arabic and emoji need them), and left-to-right and right-to-left marks
    stay in text that has right-to-left letters. Nothing else changes: no tags removed, no
    entities, no trim.
    """
    # Controls first, so that one between "\r" and "\n" does not make two line breaks.
    text = _ALWAYS_REMOVED.sub("", text or "")
    text = _ZERO_WIDTH_SPACES.sub(_zero_width_space, text)
    text = _NEWLINES.sub("\n", text)
    if not _has_right_to_left_letters(text):
        text = _DIRECTION_MARKS.sub("", text)
    return text


class TypedTextField(forms.CharField):
    """A ``CharField`` that stores what was typed (see :func:`clean_text`) and strips the
    surrounding white space. Control characters go before validation, so a stray null
    never becomes an error message."""

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


class TypedEmailField(forms.EmailField):
    """An ``EmailField`` that removes control characters before checking the address."""

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


# --- showing plain text --------------------------------------------------------------


def plain_html(text: str | None) -> SafeString:
    """Typed plain text as HTML: escaped, blank lines make paragraphs, line breaks ``<br>``."""
    text = clean_text(text).strip()
    return mark_safe(linebreaks(text, autoescape=True) if text else "")  # noqa: S308 - escaped


# --- showing forum comments -------------------------------------------------------

# Exactly the markup the comment form offers. Attributes other than these (and any
# other tag) make the whole thing text.
_ATTRIBUTE = r"""\s+(?:href|title|rel)\s*=\s*(?:"[^"<>]*"|'[^'<>]*')"""
_OFFERED_TAG = re.compile(
    rf"<(?P<close>/)?(?P<name>p|br|strong|b|em|i|ul|ol|li)\s*/?>"
    rf"|<(?P<a>a)(?P<attrs>(?:{_ATTRIBUTE})*)\s*>|<(?P<a_close>/a)\s*>",
    re.IGNORECASE,
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TITLE = re.compile(r"""\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BLOCKS = frozenset({"p", "ul", "ol", "li"})
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def _attribute(pattern: re.Pattern, attrs: str) -> str | None:
    match = pattern.search(attrs)
    if match is None:
        return None
    return html.unescape(match.group(1) if match.group(1) is not None else match.group(2))


def _opening_link(attrs: str) -> str:
    href, title = _attribute(_HREF, attrs), _attribute(_TITLE, attrs)
    parts = ["<a"]
    if href is not None:
        parts.append(f' href="{escape(href.strip())}"')
    if title is not None:
        parts.append(f' title="{escape(title)}"')
    return "".join(parts) + ">"


def _text(text: str, *, in_link: bool) -> str:
    """Typed text as HTML: escaped; addresses linked unless already inside a link."""
    shown = escape(text) if in_link else urlize(text, nofollow=True, autoescape=True)
    return shown.replace("\n", "<br>\n")


def _markup(text: str) -> str:
    """Typed comment to HTML before nh3's check: offered tags kept, the rest escaped, and
    the paragraphs that blank lines mark outside any typed paragraph or list."""
    out: list[str] = []
    open_blocks: list[str] = []
    in_paragraph = in_link = False

    def start_paragraph():
        nonlocal in_paragraph
        if not open_blocks and not in_paragraph:
            out.append("<p>")
            in_paragraph = True

    def end_paragraph():
        nonlocal in_paragraph
        if in_paragraph:
            out.append("</p>")
            in_paragraph = False

    def add_text(piece: str, *, after_block: bool, before_block: bool):
        # Line breaks that only lay out typed block tags are not shown as breaks.
        if after_block:
            piece = piece.lstrip("\n")
        if before_block:
            piece = piece.rstrip("\n")
        if not piece:
            return
        if open_blocks:
            if open_blocks[-1] in ("ul", "ol") and not piece.strip():
                out.append(piece)  # the layout between typed list items
            else:
                out.append(_text(piece, in_link=in_link))
            return
        for number, chunk in enumerate(_PARAGRAPH_BREAK.split(piece)):
            if number:
                end_paragraph()
            if not in_paragraph:
                chunk = chunk.lstrip()
                if not chunk.strip():
                    continue
            start_paragraph()
            out.append(_text(chunk, in_link=in_link))

    def is_block(match) -> bool:
        return match is not None and (match.group("name") or "").lower() in _BLOCKS

    matches = list(_OFFERED_TAG.finditer(text))
    position, previous = 0, None
    for match in matches:
        add_text(text[position:match.start()], after_block=previous is None or is_block(previous),
                 before_block=is_block(match))
        position, previous = match.end(), match
        if match.group("a"):
            start_paragraph()
            out.append(_opening_link(match.group("attrs") or ""))
            in_link = True
        elif match.group("a_close"):
            out.append("</a>")
            in_link = False
        else:
            name, closing = match.group("name").lower(), bool(match.group("close"))
            if name in _BLOCKS:
                if closing and name not in open_blocks:
                    # Closes nothing the person opened: it is text they typed.
                    start_paragraph()
                    out.append(_text(match.group(0), in_link=in_link))
                    continue
                if not open_blocks:
                    end_paragraph()
                if closing:
                    del open_blocks[len(open_blocks) - 1 - open_blocks[::-1].index(name):]
                else:
                    open_blocks.append(name)
                out.append(f"</{name}>" if closing else f"<{name}>")
            else:
                start_paragraph()
                out.append("<br>" if name == "br" else f"</{name}>" if closing else f"<{name}>")
    add_text(text[position:], after_block=previous is None or is_block(previous),
             before_block=True)
    end_paragraph()
    return "".join(out)


def rich_html(text: str | None) -> SafeString:
    """A typed forum comment as HTML safe to show on any page (see the module's notes)."""
    cleaned = nh3.clean(
        _markup(clean_text(text).strip()),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_PROTOCOLS),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 allows only ALLOWED_TAGS above


_PARAGRAPHS_ONLY = re.compile(r"\A<p>(?:(?!</?p[\s>/]).)*</p>(?:\s*<p>(?:(?!</?p[\s>/]).)*</p>)*\Z",
                              re.DOTALL)


def for_editing(text: str | None) -> str:
    """A stored comment as its edit box shows it, so nobody meets markup they never typed:
    a comment that is only paragraphs written as ``<p>…</p>`` (as older and demo comments
    were stored) becomes its paragraphs with a blank line between them, which ``rich_html``
    shows as the same paragraphs. Anything else (plain typed text, or markup its writer
    typed inside a paragraph, such as bold or a link) is given back as stored."""
    text = clean_text(text).strip()
    if not _PARAGRAPHS_ONLY.match(text):
        return text
    paragraphs = re.findall(r"<p>(.*?)</p>", text, re.DOTALL)
    return "\n\n".join(p.strip() for p in paragraphs)


def visible_text(text: str | None) -> str:
    """What a reader sees of a typed comment, as plain text: the markup offered removed."""
    # Paragraphs, list items and line breaks stay apart as line breaks.
    shown = re.sub(r"<br>|</p>|</li>", "\n", rich_html(text))
    return html.unescape(nh3.clean(shown, tags=set())).strip()


def visible_length(text: str | None) -> int:
    """How many characters a reader sees, for length limits that ignore markup and runs
    of white space."""
    return len(" ".join(visible_text(text).split()))


# --- exports -------------------------------------------------------------------------


#: A cell a spreadsheet, or an importer that trims cells first, reads as a formula: = + - @
#: (or their full-width forms) as its first character that is not white space (spaces,
#: no-break spaces, tabs, line breaks), or a tab or carriage return at the start.
_FORMULA = re.compile(r"^(?:[\t\r]|[\s\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20])")


def spreadsheet_cell(value) -> str:
    """Text for a CSV cell that a spreadsheet will not run (``_FORMULA``): prefixed with an
    apostrophe, every character kept."""
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA.match(text) else text
