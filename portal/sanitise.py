"""The one place user-submitted HTML is cleaned (bleach).

Forum comments and free-text answers may carry a little formatting:
paragraphs, bold, italics, lists and links with safe schemes. Everything else
is removed; the text inside ``<script>`` and ``<style>`` is dropped with the
tags, because bleach alone would keep it as inert text.
"""

from __future__ import annotations

import html as html_entities
import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|iframe|object|template|noscript)\b[^>]*>.*?(</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)


def _safe_link(attrs, new=False):
    # Links in comments open where they are and tell search engines nothing.
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    # Turns bare addresses into links and marks every link, old and new.
    filters=[partial(LinkifyFilter, callbacks=[_safe_link])],
)


def clean_html(html: str) -> str:
    """Limited rich text, safe to show on any page."""
    without_code = _DROP_WITH_CONTENT.sub("", html or "")
    return _cleaner.clean(without_code).strip()


def clean_text(text: str) -> str:
    """Plain text: every tag removed, scripts and styles with their contents.

    The result is text, not HTML: bleach's entities are turned back into the characters
    typed ("Fish & chips", not "Fish &amp; chips"), and templates escape it when shown.
    """
    without_code = _DROP_WITH_CONTENT.sub("", text or "")
    cleaned = bleach.clean(without_code, tags=set(), strip=True, strip_comments=True)
    return html_entities.unescape(cleaned).strip()


def spreadsheet_cell(value) -> str:
    """Text for a CSV cell that a spreadsheet will not run: = + - @ at the start make a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def visible_length(html: str) -> int:
    """How many characters a reader sees, for length limits that ignore markup."""
    return len(" ".join(clean_text(html).split()))
