"""The plain-language rule: how hard is this text to read?

Plain functions over plain strings (no Django, no Wagtail), so the editor
panel, the publish record and the trend reports all score text the same way.

Reading age is approximate: the Flesch-Kincaid US grade plus five, the usual
conversion to a UK reading age. GOV.UK content design aims for a reading age
of nine. textstat is pinned to 0.7.8, the last release that bundles its
syllable dictionary instead of downloading one at run time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import textstat

from portal.jargon import Term, terms_used

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)
# A sentence ends at . ! or ? followed by space and a capital, digit or quote,
# or at a line break (list items and headings are sentences of their own).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(A-Z0-9])|\n+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?)(?![\w-])")
# "Education, Health and Care Plan (EHCP)": the acronym is explained where it is introduced.
_INTRODUCED = re.compile(r"\(\s*([A-Z][A-Z0-9]*[A-Z])s?\s*\)")
# Capitals that are ordinary words or that no family needs explained.
_NOT_ACRONYMS = frozenset({"I", "A", "OK", "UK", "AM", "PM", "TV", "ID"})


@dataclass(frozen=True)
class ReadabilityReport:
    words: int
    sentences: int
    flesch_reading_ease: float
    reading_age: float
    long_sentences: tuple[str, ...] = ()
    glossary_terms: tuple[str, ...] = ()
    words_to_avoid: tuple[str, ...] = ()
    unexplained_acronyms: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.words == 0

    @property
    def unexplained_count(self) -> int:
        return len(self.words_to_avoid) + len(self.unexplained_acronyms)

    def meets(self, reading_age_target: float) -> bool:
        return self.is_empty or (
            self.reading_age <= reading_age_target
            and not self.long_sentences
            and not self.unexplained_count
        )


@dataclass(frozen=True)
class SectionReport:
    key: str
    heading: str
    report: ReadabilityReport


@dataclass(frozen=True)
class PageReport:
    whole: ReadabilityReport
    sections: tuple[SectionReport, ...] = field(default_factory=tuple)


def html_to_text(value: str) -> str:
    """Rich text to plain text, keeping paragraph and list-item breaks as new lines."""
    value = _BLOCK_END.sub("\n", value or "")
    value = _TAG.sub(" ", value)
    value = html.unescape(value)
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s and s.strip()]


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def reading_age_from_grade(grade: float) -> float:
    """UK reading age from a US school grade: grade plus five, never below five."""
    return round(max(5.0, grade + 5.0), 1)


def _words_to_avoid_found(text: str, words_to_avoid: Iterable[str]) -> tuple[str, ...]:
    found = []
    for phrase in words_to_avoid:
        phrase = phrase.strip()
        if phrase and re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text, re.I):
            found.append(phrase)
    return tuple(found)


def _unexplained_acronyms(text: str, glossary: Sequence[Term]) -> tuple[str, ...]:
    known = {s for t in glossary for s in t.spellings}
    introduced = set(_INTRODUCED.findall(text))
    found: dict[str, None] = {}
    for match in _ACRONYM.finditer(text):
        word = match.group(1)
        bare = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        if bare in _NOT_ACRONYMS or word in known or bare in known or bare in introduced:
            continue
        found.setdefault(bare)
    return tuple(found)


def score_text(
    text: str,
    *,
    glossary: Sequence[Term] = (),
    words_to_avoid: Iterable[str] = (),
    long_sentence_words: int = 25,
) -> ReadabilityReport:
    """Score plain text. Returns an empty report (zero words) for blank text."""
    text = (text or "").strip()
    words = count_words(text)
    if not words:
        return ReadabilityReport(words=0, sentences=0, flesch_reading_ease=0.0, reading_age=0.0)
    sentences = split_sentences(text)
    # textstat reads one run of prose; lines (list items, headings) become sentences.
    prose = " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)
    return ReadabilityReport(
        words=words,
        sentences=len(sentences),
        flesch_reading_ease=round(textstat.flesch_reading_ease(prose), 1),
        reading_age=reading_age_from_grade(textstat.flesch_kincaid_grade(prose)),
        long_sentences=tuple(s for s in sentences if count_words(s) > long_sentence_words),
        glossary_terms=tuple(t.term for t in terms_used(text, glossary)),
        words_to_avoid=_words_to_avoid_found(text, words_to_avoid),
        unexplained_acronyms=_unexplained_acronyms(text, glossary),
    )


def score_sections(
    sections: Sequence[tuple[str, str, str]],
    *,
    intro: str = "",
    glossary: Sequence[Term] = (),
    words_to_avoid: Iterable[str] = (),
    long_sentence_words: int = 25,
) -> PageReport:
    """Score each (key, heading, text) section and the page as a whole (intro plus sections)."""
    options = {
        "glossary": glossary,
        "words_to_avoid": tuple(words_to_avoid),
        "long_sentence_words": long_sentence_words,
    }
    whole = "\n".join(part for part in (intro, *(text for _, _, text in sections)) if part)
    return PageReport(
        whole=score_text(whole, **options),
        sections=tuple(
            SectionReport(key=key, heading=heading, report=score_text(text, **options))
            for key, heading, text in sections
        ),
    )
