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
  sum of its counts by type, and all coded respondents the sum of the types; where exactly one
  figure in such a sum is hidden, it could be worked out by subtraction, so the smallest other
  non-zero figure in the sum is hidden too (the total last), until no sum has exactly one
  hidden figure. The sums share no figure, so this check is complete for this table. Those
  who did not raise a theme are not a figure of the table.

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
    complements until no figure could be found by subtraction)."""
    hidden = {k: 0 < v < minimum for k, v in values.items()}
    while sum(hidden.values()) == 1:
        parts = sorted((v, k) for k, v in values.items()
                       if k != total_key and not hidden[k] and v > 0)
        if parts:
            hidden[parts[0][1]] = True
        elif not hidden[total_key]:
            hidden[total_key] = True
        else:  # pragma: no cover - one hidden figure and every other a zero: nothing to add
            break
    return hidden


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
