"""Checks the forum sees before it decides on a draft: plain functions, no Django."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

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


def _normal(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def resolutions_undone(resolutions: Iterable[tuple[object, str, list[str]]],
                       draft: Mapping[str, str]) -> list[object]:
    """The resolutions a draft takes back: their words are no longer in the draft.

    ``resolutions`` are (key, block id, added words) for each forum comment a change
    resolved: the words that change added to that section (``versions.diff_words``
    insertions). ``draft`` maps each block id of the draft to its plain text. A resolution
    is undone when its section is gone, or when any of its added words (ignoring case and
    spacing) is no longer in that section. Returns the keys, in the order given.
    """
    undone = []
    for key, block_id, added in resolutions:
        pieces = [_normal(piece) for piece in added if _normal(piece)]
        if not pieces:
            continue
        text = _normal(draft.get(block_id, "")) if block_id in draft else None
        if text is None or any(piece not in text for piece in pieces):
            undone.append(key)
    return undone


def sections_put_back(live: Mapping[str, str], draft: Mapping[str, str],
                      earlier: Iterable[Mapping[str, str]]) -> list[str]:
    """Block ids of sections whose draft words are an earlier published version's words, not
    the live version's: the draft is based on an older revision than the live one (restored
    from the history, or written from an old copy), and would undo what was published since.

    Each argument maps block ids to plain text; ``earlier`` are the versions before the live
    one. Returns block ids in the draft's order.
    """
    earlier = list(earlier)
    return [
        block_id for block_id, text in draft.items()
        if block_id in live and _normal(text) != _normal(live[block_id])
        and any(block_id in old and _normal(old[block_id]) == _normal(text) for old in earlier)
    ]
