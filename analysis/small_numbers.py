"""The small-number rule in words an officer types: a write-up must not say "4 families
said…", because a count under the minimum (10, ``surveys.statistics``) could identify
someone, which is why the counts themselves hide it.

Standard library only, plain values in and out (tested without a database).

- A **count** is a whole number from 1 to ``minimum - 1``, in digits ("4") or in English
  words ("four"), that is not part of a longer number ("2025", "4.5", "14"), not a share
  ("4%", "4 %", "4 per cent", "4 percent"), not an ordinal or a time ("2nd", "9am"), and not
  followed by a measure that counts no one ("3 miles", "2 weeks", "5 March"), and not a
  name after a label ("routes 4 and 7", "year 6", "question 3").
- "one" is so common in plain English ("one answer can raise several") that it is a count
  only before a word for people ("one family said", "one of the parents").
- Words in quotation marks are a respondent's, not the council's count, and are skipped
  (shown as “…” in the sentence listed).

``small_numbers(text, minimum=10)`` lists each sentence with such a count, once, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20}

#: Words for people: "one" before one of these is a count.
PEOPLE = {"family", "families", "parent", "parents", "carer", "carers", "person", "people",
          "respondent", "respondents", "child", "children", "pupil", "pupils", "school",
          "schools", "household", "households", "mother", "mothers", "father", "fathers",
          "respondent's", "family's", "parent's"}

#: Measures after a number that make it something other than a count of people.
MEASURES = {"percent", "per", "mile", "miles", "km", "minute", "minutes", "min", "mins",
            "hour", "hours", "hrs", "day", "days", "week", "weeks", "month", "months", "year",
            "years", "am", "pm", "o'clock", "oclock", "january", "february", "march", "april",
            "may", "june", "july", "august", "september", "october", "november", "december",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "times", "time", "stops", "stop", "pounds", "pence", "p", "£"}

_LINKS = {"of", "the", "these", "those", "our", "their", "young", "other", "more"}
#: Words after which a number names something (a route, a year group) rather than counts.
LABELS = {"route", "routes", "bus", "buses", "number", "numbers", "no", "nos", "no.", "year",
          "years", "room", "page", "question", "questions", "stop", "step", "class", "zone",
          "band", "level", "phase", "version", "section", "table", "key", "stage", "ks",
          "grade", "ward", "area", "line"}
_LAST_WORD = re.compile(r"([\w.]+)[\s#]*$")
_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|to|-|–)\s*")
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘[^’]*(?:’|$)")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"(?<![\w.,£$€/-])(\d+|[A-Za-z]+)(?![\w]|[.,]\d)(\s*%)?")
_NEXT_WORD = re.compile(r"\s*([£\w']+)")


@dataclass(frozen=True)
class SmallNumber:
    """A sentence of the write-up with a count under the minimum, and the count as typed."""

    sentence: str
    typed: str
    value: int


def _value(token: str) -> int | None:
    if token.isdigit():
        return int(token) if len(token) <= 3 else None
    return WORDS.get(token.lower())


def _counts(bare: str, minimum: int):
    labelled_until = -1
    for match in _NUMBER.finditer(bare):
        token, percent = match.group(1), match.group(2)
        value = _value(token)
        if value is None:
            continue
        before = _LAST_WORD.search(bare, 0, match.start())
        if (before and before.group(1).lower() in LABELS) or (
                labelled_until >= 0 and _LIST_GAP.fullmatch(bare, labelled_until,
                                                            match.start())):
            labelled_until = match.end()  # "routes 4 and 7": names, not counts
            continue
        labelled_until = -1
        if not 0 < value < minimum or percent:
            continue
        following = _NEXT_WORD.match(bare, match.end())
        after = following.group(1).lower() if following else ""
        if after in MEASURES:
            continue
        if token.lower() == "one" and not _before_people(bare, match.end()):
            continue
        yield token, value


def _before_people(text: str, at: int) -> bool:
    """Whether a word for people follows ``at`` (after "of the", "of these" and the like)."""
    for word in _NEXT_WORD.findall(text[at:at + 40])[:4]:
        word = word.lower()
        if word in PEOPLE:
            return True
        if word not in _LINKS:
            return False
    return False


def small_numbers(text: str, *, minimum: int = 10) -> list[SmallNumber]:
    """Each sentence of ``text`` that gives a count under ``minimum`` (see the module doc),
    with the first such count in it; [] when there is none."""
    found = []
    # A respondent's words, however many sentences, are taken out before splitting.
    for sentence in _SENTENCES.split(_QUOTED.sub("“…”", text or "")):
        sentence = sentence.strip()
        for token, value in _counts(sentence, minimum):
            found.append(SmallNumber(sentence, token, value))
            break
    return found
