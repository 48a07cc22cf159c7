"""Checks the forum sees before it decides on a draft: plain functions, no Django."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+")
# Words this short ("and", "for", "the") say nothing about which section a note means.
_SIGNIFICANT = 4


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


def sections_missing_from_note(note: str, changed_headings: Iterable[str]) -> list[str]:
    """The headings of changed sections that the council's "what changed" note does not name.

    A note names a section when the heading's words appear in it in order (ignoring case and
    punctuation), or when every word of four or more letters in the heading appears in it
    somewhere (for "Appeals and reviews": "appeals" and "reviews"). An empty note names
    none. Returns headings in the order given, each once.
    """
    note_words = _words(note)
    joined = " " + " ".join(note_words) + " "
    seen_words = set(note_words)
    missing: list[str] = []
    for heading in changed_headings:
        words = _words(heading)
        if not words or heading in missing:
            continue
        if " " + " ".join(words) + " " in joined:
            continue
        significant = [w for w in words if len(w) >= _SIGNIFICANT]
        if significant and all(w in seen_words for w in significant):
            continue
        missing.append(heading)
    return missing
