"""A finding's lines, each in its own language: the council's words (the first line, and any
line that is not a quotation) are English; each quoted answer (a line in “…”, as
``writeup.draft`` writes them) is in the language it was written in, read from its words as
the coding screen reads an answer whose language was not kept (``suggest.guess_language``).
So a page in any language marks each line with its ``lang`` and text direction: a screen
reader uses the right voice, and a quote's punctuation lands on the right side.

Plain Python: no database (Django's table of languages only, for their direction).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf.locale import LANG_INFO

from analysis.suggest import guess_language


@dataclass(frozen=True)
class Line:
    """One line of a finding: its ``text``, its ``language`` ("en", "pl" or "ar") and its
    direction ``dir`` ("ltr" or "rtl")."""

    text: str
    language: str
    dir: str


def _quoted(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 1 and stripped[0] == "\u201c" and stripped[-1] == "\u201d"


def finding_lines(text: str) -> list[Line]:
    """``text`` (a finding's words, lines split by newlines) as ``Line``s: a quoted line in
    the language its words are in, every other line English. Empty text gives []."""
    out = []
    for line in (text or "").splitlines():
        language = guess_language(line) if _quoted(line) else "en"
        # Django's own table of languages says which are written right to left.
        rtl = LANG_INFO.get(language, {}).get("bidi", False)
        out.append(Line(line, language, "rtl" if rtl else "ltr"))
    return out
