"""Honest counts of themes: how many respondents raised each one, and what may be shown.

Plain Python over plain values (no Django, no database), so the rules are tested alone.

- **Only confirmed codes count.** A suggested code (``analysis.suggest``) is a guess until a
  person confirms it; ``theme_table`` drops every code whose ``confirmed`` is false.
- **Respondents, not answers.** A respondent who raised a theme in two answers is counted once
  for it. The base is the respondents whose written answers a person has read and coded
  (``respondents``): a share is of them, never of everyone who replied to the consultation.
- **Shares** carry the 95 % Wilson score interval of ``surveys.statistics`` (the survey's
  results use the same rule), overall and within each respondent type.
- **The small-number rule.** No count under ``minimum`` (10, the survey's minimum) is shown:
  neither a theme's count within a respondent type nor the number of respondents of a type.
  A zero is shown: it identifies nobody. **Complementary suppression**: a theme's total is the
  sum of its counts by type, and all coded respondents the sum of the types. Where the total
  is shown, the total minus the shown parts is the sum of the hidden parts: that must not be
  a small number itself ("22 - 14 = 8 operators or others"), and must not pin a hidden part
  down (one hidden part is found exactly; two hidden parts summing to 2 are 1 and 1, since a
  hidden part is never zero). So the smallest other non-zero part is hidden too, then the
  next, until the hidden parts sum to at least the minimum and to more than their number,
  or, when no part is left to hide, the total is hidden. Every hidden figure is shown the
  same way (``Cell.primary`` is for the draft's words only), so a reader cannot tell a count
  under the minimum from one hidden to protect it ("held back" next to "fewer than 10" with
  a total of 11 gives 10 and 1). The sums share no figure, and a theme's counts by type do
  not add up to the type's respondents (one person raises several themes), so these checks
  are complete for this table. Those who did not raise a theme are not a figure of the
  table.

Source of the rule: the working agreement's promise of honest feedback (seeds/000), and the
disclosure control the survey's results already apply (``surveys.statistics.suppressed``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from surveys.statistics import DEFAULT_MINIMUM_RESPONSES, Proportion, wilson_interval


@dataclass(frozen=True)
class Code:
    """One theme given to one respondent's written answer.

    ``respondent`` is any hashable id (a response's primary key); ``confirmed`` is true once
    a person has confirmed it (a suggestion the officer has not yet accepted is false).
    """

    respondent: Hashable
    respondent_type: str
    theme: str
    confirmed: bool = True


@dataclass(frozen=True)
class Cell:
    """A count that may be hidden. ``count`` is None when hidden; ``share`` is None when the
    count or its base is hidden. ``primary`` is true when the count itself is under the
    minimum, false when it is hidden only so another cannot be worked out."""

    count: int | None
    share: Proportion | None
    hidden: bool = False
    primary: bool = False


@dataclass(frozen=True)
class ThemeRow:
    """One theme: respondents who raised it (``total``) and the same by respondent type."""

    theme: str
    total: Cell
    by_type: Mapping[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class ThemeTable:
    """The analysis page's table. ``base`` is the coded respondents (hidden when under the
    minimum); ``bases`` the same per respondent type; ``rows`` follow the given theme order."""

    base: Cell
    bases: Mapping[str, Cell]
    rows: Sequence[ThemeRow]
    minimum: int


def confirmed_only(codes: Iterable[Code]) -> list[Code]:
    """The codes a person has confirmed; suggestions are left out."""
    return [c for c in codes if c.confirmed]


def _suppress(values: Mapping[str, int], total_key: str, minimum: int) -> dict[str, bool]:
    """Which of one sum's figures to hide: ``values`` holds the parts and, under
    ``total_key``, their sum. Returns key -> hidden (primary figures under the minimum, then
    complements, smallest first and the total last, until ``subtraction_safe``)."""
    hidden = {k: 0 < v < minimum for k, v in values.items()}
    while not subtraction_safe(values, hidden, total_key, minimum):
        parts = sorted((v, k) for k, v in values.items()
                       if k != total_key and not hidden[k] and v > 0)
        if parts:
            hidden[parts[0][1]] = True
        else:
            hidden[total_key] = True
    return hidden


def subtraction_safe(values: Mapping[str, int], hidden: Mapping[str, bool], total_key: str,
                     minimum: int) -> bool:
    """Whether one sum, with ``hidden`` figures hidden, gives nothing away by subtraction: the
    total is hidden, or no part is, or the hidden parts (each at least 1: a zero is shown)
    number two or more and sum to at least ``minimum`` and to more than their number (so
    none of them is pinned to one value)."""
    if hidden[total_key]:
        return True
    parts = [values[k] for k in values if k != total_key and hidden[k]]
    if not parts:
        return True
    rest = sum(parts)
    return len(parts) >= 2 and rest >= minimum and rest > len(parts)


def theme_table(codes: Iterable[Code], themes: Sequence[str], *,
                respondents: Mapping[Hashable, str] | None = None,
                types: Sequence[str] | None = None,
                minimum: int = DEFAULT_MINIMUM_RESPONSES) -> ThemeTable:
    """Counts, shares and the small-number rule for each of ``themes``.

    ``codes``: every code, confirmed or not (unconfirmed ones are dropped). ``respondents``:
    respondent id -> respondent type for everyone whose written answers a person has coded
    (including those given no theme); by default, the respondents of the confirmed codes.
    ``types``: the respondent types to show, in order (by default, those present, sorted).
    A code for a theme not in ``themes`` is ignored. Raises ``ValueError`` when a confirmed
    code's respondent is missing from ``respondents`` or listed there with another type.
    """
    kept = confirmed_only(codes)
    if respondents is None:
        respondents = {c.respondent: c.respondent_type for c in kept}
    for c in kept:
        if respondents.get(c.respondent) != c.respondent_type:
            raise ValueError(f"respondent {c.respondent!r} is not among the coded respondents "
                             "with that type")
    if types is None:
        types = sorted(set(respondents.values()))
    per_type = defaultdict(int)
    for kind in respondents.values():
        per_type[kind] += 1
    raisers: dict[str, set] = defaultdict(set)
    for c in kept:
        raisers[c.theme].add(c.respondent)

    base_values = {"": len(respondents), **{t: per_type[t] for t in types}}
    base_hidden = _suppress(base_values, "", minimum)
    base = _cell(len(respondents), len(respondents), base_hidden[""], False, minimum)
    bases = {t: _cell(per_type[t], per_type[t], base_hidden[t], False, minimum) for t in types}

    rows = []
    for theme in themes:
        who = raisers.get(theme, set())
        values = {"": len(who)}
        for t in types:
            values[t] = sum(1 for r in who if respondents[r] == t)
        hidden = _suppress(values, "", minimum)
        total = _cell(values[""], len(respondents), hidden[""], base_hidden[""], minimum)
        by_type = {t: _cell(values[t], per_type[t], hidden[t], base_hidden[t], minimum)
                   for t in types}
        rows.append(ThemeRow(theme, total, by_type))
    return ThemeTable(base, bases, rows, minimum)


def _cell(count: int, base: int, hidden: bool, base_hidden: bool, minimum: int) -> Cell:
    if hidden:
        return Cell(None, None, True, 0 < count < minimum)
    share = None if base_hidden or not base else wilson_interval(count, base)
    return Cell(count, share)


#: The figures of one theme of a published counts table (``WriteUp.counts``' shape).
_FIGURES = ("count", "under_minimum", "percent", "low", "high")


def published_counts(previous: Sequence[Mapping] | None,
                     now: Sequence[Mapping]) -> list[dict]:
    """The counts tables to publish (``now``, as ``writeup_selectors.frame_counts`` makes
    them: ``{"frame", "base", "minimum", "themes": [{"theme", "count", ...}]}``), given the
    ones published before for the same write-up (``previous``; None for the first).

    The small-number rule applies to the difference between two published rounds too: with
    the public record of responses received between them, "base 200, theme 11" then "base
    201, theme 12" tells that the one new person raised the theme (and "199, 10" that the
    one whose answer was taken out had). So where a frame's base differs from the one
    published before, by fewer than its minimum, a theme whose count
    differs by fewer than the minimum (or was hidden and is shown, or the other way) keeps
    the figures published before, and so does every theme whose count did not change (the
    shares stay of the earlier base, which is kept too); the table gets ``"not_updated":
    True``, which the pages show as "counts not updated: fewer than N new answers". Which
    themes kept their figures is not told. A theme new to the frame, or one whose count
    moved by the minimum or more (recoding), shows its count now. The same base on both
    sides (answers recoded, nobody new) publishes the counts now: a recoded answer is one of
    at least the minimum who raised its theme. A base hidden on either side (under the
    minimum) leaves the table as it is now. Plain values in and out."""
    before = {table["frame"]: table for table in previous or []}
    published = []
    for table in now:
        old = before.get(table["frame"])
        minimum = table["minimum"]
        base, old_base = table.get("base"), (old or {}).get("base")
        if (old is None or base is None or old_base is None or base == old_base
                or abs(base - old_base) >= minimum):
            published.append({**table, "themes": [dict(t) for t in table["themes"]]})
            continue
        old_themes = {t["theme"]: t for t in old["themes"]}
        themes, held = [], False
        for theme in table["themes"]:
            earlier = old_themes.get(theme["theme"])
            if earlier is None or _moved_by_the_minimum(earlier, theme, minimum):
                themes.append(dict(theme))
                continue
            kept = {**theme, **{k: earlier.get(k) for k in _FIGURES}}
            held = held or any(kept.get(k) != theme.get(k) for k in _FIGURES)
            themes.append(kept)
        if held or base != old_base:
            published.append({**table, "base": old_base, "themes": themes,
                              "not_updated": True})
        else:
            published.append({**table, "themes": themes})
    return published


def _moved_by_the_minimum(earlier: Mapping, now: Mapping, minimum: int) -> bool:
    if earlier.get("count") is None or now.get("count") is None:
        return False
    return abs(now["count"] - earlier["count"]) >= minimum
