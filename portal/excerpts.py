"""Search-result excerpts: the part of a page that holds the searched words, with the words
around the first match and every match marked.

Plain functions over strings (no Django, no Wagtail); the template marks each
``(text, matched)`` part. A word of the text matches a searched word the way the search
itself found the page (``portal.search_text``): by its start, ignoring case, Polish
diacritics and Arabic hamza forms ("odleglosci" marks "odległości", "الاستيناف" marks
"الاستئناف"), or by its normalised form ("walk" marks "walking", "odległość" marks
"odległości", "استئناف" marks "والاستئناف"); whole words only ("pass" never marks
"Passenger").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from portal.phone_numbers import email_address_spans, phone_number_spans
from portal.search_text import (
    fold_polish,
    normalise_arabic_letters,
    normalise_word,
    search_words,
    stop_word,
    without_question_words,
)

_WORD = re.compile(r"\w+", re.UNICODE)
# A heading that already ends a sentence is followed by a space only, else by ". ".
_CLOSED = ("?", "؟", ".", "!", ":")


def _folded(word: str) -> str:
    return fold_polish(normalise_arabic_letters(word.casefold()))


def query_words(query: str) -> list[str]:
    """The typed words of ``query`` of two letters or more, lower case (Arabic tashkeel
    dropped first, so a vowel mark does not cut a word in two)."""
    return [w for w in _WORD.findall(normalise_arabic_letters(query).casefold()) if len(w) > 1]


@dataclass(frozen=True)
class _Matcher:
    """What marks a word: a whole typed word (folded), or a normalised form: "pass" marks
    "passes" (one stem), never "Passenger"."""

    prefixes: tuple[str, ...]
    stems: frozenset[str]
    language: str
    whole: frozenset[str] = frozenset()

    def key(self, word: str) -> str | None:
        """The searched word ``word`` matches (folded, the whole word, or its stem), or None."""
        folded = _folded(word)
        if folded in self.whole:
            return folded
        if folded in self.prefixes:
            return folded
        stem = normalise_word(word, self.language)
        return stem if stem in self.stems else None


def _matcher(query: str, language: str, also: Iterable[str]) -> _Matcher | None:
    """What marks the words searched for: the words of ``query`` (without its question
    words) and ``also``, but not their small words (``portal.search_text.stop_word``: "not",
    "up", "nie", "في"), which nobody looked for, unless the search is nothing else. A word
    marks itself and the words of its stem ("walk": "walking"), never a longer word it only
    starts ("pass": not "Passenger"; "no": not "not" or "November")."""
    wanted = without_question_words(query, language)
    typed = query_words(wanted) + [w for phrase in also for w in query_words(phrase)]
    if not typed:
        return None
    searched = [w for w in typed if not stop_word(w, language)] or typed
    stems = set(search_words(" ".join(searched), language))
    stems -= {normalise_word(w, language) for w in typed if w not in searched}
    folded = list(dict.fromkeys(_folded(w) for w in searched))
    return _Matcher(tuple(w for w in folded if len(w) >= 3),
                    frozenset(s for s in stems if s), language,
                    frozenset(w for w in folded if len(w) < 3))


def _matches(text: str, matcher: _Matcher | None) -> list[re.Match]:
    if matcher is None:
        return []
    return [m for m in _WORD.finditer(text) if matcher.key(m.group(0))]


def _marked(text: str, matches: Sequence[re.Match], start: int, end: int
            ) -> list[tuple[str, bool]]:
    # A searched word inside a phone number or an e-mail address is not marked: the number
    # or address stays one unmarked part, so the page makes it one whole tel: or mailto:
    # link ("01234" does not cut "01234 567 890", "send" does not cut an address).
    whole = phone_number_spans(text) + email_address_spans(text)
    parts: list[tuple[str, bool]] = []
    pos = start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        if any(a < m.end() and m.start() < b for a, b in whole):
            continue
        if m.start() > pos:
            parts.append((text[pos:m.start()], False))
        parts.append((m.group(0), True))
        pos = m.end()
    if pos < end:
        parts.append((text[pos:end], False))
    return parts


def _window(text: str, matches: Sequence[re.Match], width: int) -> list[tuple[str, bool]]:
    """About ``width`` characters of ``text`` around its first match (from its start when
    there is none), cut on spaces, with "…" where text is left out. A phone number is never
    cut in half: the excerpt starts before it, or ends after it."""
    first = matches[0] if matches else None
    if first is None:
        start = 0
    else:
        start = max(0, first.start() - width // 3)
        space = text.rfind(" ", 0, start)
        start = space + 1 if start and space != -1 else start
    numbers = phone_number_spans(text)
    start = next((a for a, b in numbers if a < start < b), start)
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
        end = next((b for a, b in numbers if a < end < b), end)
    parts = [("… ", False)] if start > 0 else []
    parts += _marked(text, matches, start, end)
    if end < len(text):
        parts.append((" …", False))
    return parts


def excerpt(text: str, query: str, *, width: int = 200, language: str = "en",
            also: Iterable[str] = ()) -> list[tuple[str, bool]]:
    """About ``width`` characters of ``text`` around the first searched word, split into parts.

    ``language`` is the text's language code (its words are normalised by its rules);
    ``also`` holds other words to mark (the English words for a searched word, on an English
    page shown in another language). With no match the excerpt is the start of the text.
    """
    text = " ".join(text.split())
    if not text:
        return []
    matcher = _matcher(query, language, tuple(also))
    return _window(text, _matches(text, matcher), width)


def section_excerpt(sections: Sequence[tuple[str, ...]], query: str, *, width: int = 200,
                    language: str = "en", also: Iterable[str] = ()
                    ) -> list[tuple[str, bool]]:
    """The excerpt of a page made of ``sections`` ((heading, text) pairs in reading order:
    the introduction with heading "", then each section, or each FAQ question with its
    answer; an FAQ question may come as (question, answer, topic), its topic's title
    counted with it): the section holding the most of the searched words (the first of
    those), its heading first (after its topic's title when that holds a searched word:
    "Costs: Do I have to pay?"), then about ``width`` characters of its text around the
    first match.

    So a search for "odleglosci" shows the section about distances with "odległości"
    marked, not the page's introduction, and "how much does it cost" the first question
    under "Costs". Of sections holding as many searched words, the first holding the most
    in its topic. With no match anywhere, the start of the first section that has text.
    ``language`` and ``also`` as for ``excerpt``.
    """
    cleaned = [tuple(" ".join((part or "").split()) for part in (*section, "")[:3])
               for section in sections]
    cleaned = [(h, t, topic) for h, t, topic in cleaned if h or t]
    if not cleaned:
        return []
    matcher = _matcher(query, language, tuple(also))
    best, best_found, best_matches = None, (0, 0), ([], [], [])
    for heading, text, topic in cleaned:
        in_heading, in_text = _matches(heading, matcher), _matches(text, matcher)
        in_topic = _matches(topic, matcher)
        # The most searched words; of those, the most in the topic: "kosztuje" shows the
        # first question under "Koszty", not one whose answer mentions "kosztów".
        found = (len({matcher.key(m.group(0)) for m in (*in_heading, *in_text, *in_topic)}),
                 len({matcher.key(m.group(0)) for m in in_topic})
                 ) if matcher else (0, 0)
        if found > best_found:
            best, best_found = (heading, text, topic), found
            best_matches = (in_heading, in_text, in_topic)
    if best is None:
        heading, text, _ = next(section for section in cleaned if section[0] or section[1])
        return _window(text or heading, [], width)
    (heading, text, topic), (in_heading, in_text, in_topic) = best, best_matches
    parts: list[tuple[str, bool]] = []
    if in_topic:
        parts += _marked(topic, in_topic, 0, len(topic))
        parts.append((": " if heading else "", False))
    if heading:
        parts += _marked(heading, in_heading, 0, len(heading))
        if text:
            parts.append((" " if heading.endswith(_CLOSED) else ". ", False))
    if text:
        parts += _window(text, in_text, width)
    return parts
