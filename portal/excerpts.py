"""Search-result excerpts: the words around the first match, with the matches marked.

Plain functions over strings; the template marks each ``(text, matched)`` part.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    return [w for w in _WORD.findall(query.casefold()) if len(w) > 1]


def excerpt(text: str, query: str, *, width: int = 200) -> list[tuple[str, bool]]:
    """About ``width`` characters of ``text`` around the first query word, split into parts.

    Matching is by word start and ignores case, so "walk" marks "walking". With no
    match the excerpt is the start of the text.
    """
    text = " ".join(text.split())
    words = query_words(query)
    if not text:
        return []
    pattern = (
        re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
        if words else None
    )
    first = pattern.search(text) if pattern else None
    if first is None:
        start = 0
    else:
        start = max(0, first.start() - width // 3)
        space = text.rfind(" ", 0, start)
        start = space + 1 if start and space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    parts: list[tuple[str, bool]] = []
    if start > 0:
        parts.append(("… ", False))
    pos = 0
    for m in pattern.finditer(window) if pattern else ():
        if m.start() > pos:
            parts.append((window[pos:m.start()], False))
        parts.append((m.group(0), True))
        pos = m.end()
    if pos < len(window):
        parts.append((window[pos:], False))
    if end < len(text):
        parts.append((" …", False))
    return parts
