"""Plain rules for the write-up of written answers: taking personal details out of a quote,
keeping spreadsheet cells inert, and the "What people told us" draft in plain words.

Standard library only, plain values in and out (tested without a database).

- **Redaction**: each removed phrase is replaced, wherever it occurs and whatever its case,
  by ``REMOVED``; the answer itself is kept as written elsewhere.
- **CSV cells**: a cell a spreadsheet would read as a formula (it begins with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) is prefixed with an apostrophe (OWASP's advice on
  CSV injection), so typed words are shown, never run.
- **The draft**: one finding per theme with a shown, non-zero count, most raised first,
  with its count, its base and its share in whole per cent, and up to ``quotes`` quotes
  (only those the caller may show: consent given, personal details removed). A hidden
  count is never written as a number: each such theme is named as raised by "fewer
  than" the minimum (or, when hidden only to protect another, as not given). A theme no one
  raised is left out.
- **Withdrawn quotes**: a write-up the forum agreed keeps its words, but a quote in it whose
  answer may no longer be quoted (set to "Do not publish", words removed, consent gone) is
  taken out wherever it is shown (``withdraw_quotes``), without a new round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

REMOVED = "[personal details removed]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def redact(text: str, phrases: Iterable[str]) -> str:
    """``text`` with every phrase of ``phrases`` (ignoring case) replaced by ``REMOVED``.
    Longer phrases first, so a name inside a longer removed phrase goes with it. Blank
    phrases are ignored."""
    for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        text = re.sub(re.escape(phrase), REMOVED, text, flags=re.IGNORECASE)
    return text


def csv_cell(value) -> str:
    """One CSV cell as text that no spreadsheet runs as a formula (see the module doc)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_row(values: Iterable) -> list[str]:
    return [csv_cell(v) for v in values]


@dataclass(frozen=True)
class ThemeSummary:
    """One theme as the draft needs it. ``count`` is None when hidden by the small-number
    rule; ``under_minimum`` is true when it is hidden because it is under the minimum (false
    when hidden only so that another cannot be worked out); ``base`` is the coded
    respondents (None when hidden); ``quotes`` are already cleared to be shown."""

    code: str
    name: str
    count: int | None
    base: int | None
    quotes: Sequence[str] = field(default_factory=tuple)
    under_minimum: bool = False


@dataclass(frozen=True)
class DraftFinding:
    """A paragraph of the draft and the theme it reports."""

    theme: str
    text: str


def _share(count: int, base: int | None) -> str:
    if not base:
        return ""
    return f" ({round(100 * count / base)} %)"


def draft(themes: Sequence[ThemeSummary], *, base: int | None, minimum: int,
          quotes: int = 2) -> tuple[str, list[DraftFinding]]:
    """The "What people told us" draft: (introduction, findings). ``base`` is the coded
    respondents (None when hidden). Findings follow the most raised theme first (ties in the
    given order); a hidden count gives no number (see the module doc)."""
    if base is None:
        intro = (f"We read every written answer. Fewer than {minimum} people wrote one, so we "
                 "do not give numbers.")
    else:
        intro = (f"We read every written answer: {base} people wrote one. Each was read by a "
                 "person and given the themes it raised; one answer can raise several.")
    shown = [t for t in themes if t.count]
    shown.sort(key=lambda t: -t.count)
    findings = []
    for t in shown:
        text = f"{t.name}: {t.count} of {t.base} people{_share(t.count, t.base)}." \
            if t.base else f"{t.name}: {t.count} people."
        for quote in list(t.quotes)[:quotes]:
            text += f"\n“{quote}”"
        findings.append(DraftFinding(t.code, text))
    hidden = [t for t in themes if t.count is None]
    for t in hidden:
        if t.under_minimum:
            text = f"{t.name}: raised by fewer than {minimum} people."
        else:
            text = (f"{t.name}: we do not give this number, so that a smaller one cannot be "
                    "worked out from it.")
        for quote in list(t.quotes)[:quotes]:
            text += f"\n“{quote}”"
        findings.append(DraftFinding(t.code, text))
    return intro, findings


# A quotation in the write-up's words, opened and closed on one line.
_QUOTATION = re.compile(r"“([^”\n]*)”|(?<!\w)\"([^\"\n]*)\"(?!\w)")
_GAPS = re.compile(r"\s*(?:…|\.\.\.|" + re.escape(REMOVED) + r")\s*")


def _fragments(text: str) -> list[str]:
    """The words of a quote as compared: lower case, spaces made single, split where an
    officer cut something out ("…", "...", ``REMOVED``)."""
    return [" ".join(part.lower().split()) for part in _GAPS.split(text)
            if part.strip(" .,;:!?")]


def _within(fragments: list[str], text: str) -> bool:
    whole = " ".join(text.lower().split())
    return bool(fragments) and all(f in whole for f in fragments)


def withdraw_quotes(text: str, *, typed: Iterable[str], public: Iterable[str]
                    ) -> tuple[str, int]:
    """``text`` without the quotations in it that quote an answer no longer cleared to be
    quoted, and how many were taken out. A quotation is withdrawn when its words are in an
    answer as typed (``typed``: every written answer the write-up reports on) but in none
    of the words now cleared for the public (``public``: consent given and personal details
    removed, or approved by an officer). A line left empty goes too. Words in quotation
    marks that are no one's answer stay."""
    typed, public = list(typed), list(public)
    withdrawn = 0

    def replace(match: re.Match) -> str:
        nonlocal withdrawn
        fragments = _fragments(match.group(1) if match.group(1) is not None
                               else match.group(2))
        if not fragments or any(_within(fragments, p) for p in public):
            return match.group(0)
        if not any(_within(fragments, t) for t in typed):
            return match.group(0)
        withdrawn += 1
        return ""

    lines = [_QUOTATION.sub(replace, line) for line in text.split("\n")]
    if not withdrawn:
        return text, 0
    return "\n".join(line.rstrip() for line in lines if line.strip()), withdrawn
# Number words an officer may write a count in (the draft itself writes figures).
_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                 r"fifty|sixty|seventy|eighty|ninety|hundred|half|quarter|third|most|"
                 r"majority|minority|few|many")
_NUMBER = re.compile(rf"\d|%|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_QUOTE_OPENS = ("“", '"', "‘", "'", "„", "«")


def sentences_with_numbers(text: str) -> list[str]:
    """The sentences of ``text`` that give a number (in figures, a per cent sign or a word such
    as "twenty" or "most"): those whose numbers may be wrong once the counts behind them
    change. Lines that open with a quotation mark are respondents' words and left out."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(_QUOTE_OPENS):
            continue
        found += [s.strip() for s in _SENTENCE_END.split(line) if _NUMBER.search(s)]
    return found
