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
  same way, "held back", in the tables and in the draft's words alike (``Cell.primary`` is
  kept for the record, never worded), so a reader cannot tell a count under the minimum
  from one hidden to protect it ("held back" next to "fewer than 10" with a total of 11
  gives 10 and 1). The sums share no figure, and a theme's counts by type do
  not add up to the type's respondents (one person raises several themes), so these checks
  are complete for this table. Those who did not raise a theme are not a figure of the
  table.
- **Then and now.** Two figures of one count shown side by side (the counts the forum agreed
  and the counts now; two published rounds) differ by a count of answers moved: that
  difference must not be under the minimum either (``differs_by_few``, ``then_now``,
  ``published_counts``). The same holds between every table shown outside the council, in
  the order shown: the public's at each agreement and the forum representatives' beside a
  draft, view after view (``counts_to_show``): a representative can set what they are
  shown beside the published table, or beside what they saw before, and subtract.

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
#: The key of a table's base among its figures (``shown_figures``).
BASE = "base"


def differs_by_few(a: int | None, b: int | None, minimum: int) -> bool:
    """Whether two shown figures of one count (then and now) differ by 1 to ``minimum`` - 1:
    the difference is itself a count of answers moved (taken out, added or recoded), and a
    small one could tell what those few people said. False when either is hidden (None)."""
    return a is not None and b is not None and 0 < abs(a - b) < minimum


def then_now(then: int | None, now: int | None, minimum: int) -> int | None:
    """The figure to show as "now" beside ``then`` (a then/now pair: the counts the forum
    agreed, or a draft's, and the counts now): ``now``, or None (held back) when both are
    shown and differ by a few (``differs_by_few``).

    Why held back, and not the figure before: the pair is listed because the count changed,
    and "then 20, now 20" would say it did not; "held back", the one label of every hidden
    count, says only that the number is not given. The reader still learns nothing exact:
    a figure held back is any number but ``then`` (under the minimum, or within it of
    ``then``)."""
    return None if differs_by_few(then, now, minimum) else now


@dataclass(frozen=True)
class Pair:
    """One count of a then/now table as shown: ``then`` and ``now`` (None: held back);
    ``added`` when there was no figure then (a theme new to the frame)."""

    key: Hashable
    then: int | None
    now: int | None
    added: bool = False


def then_now_pairs(then: Mapping[Hashable, int | None], now: Mapping[Hashable, int | None],
                   minimum: int) -> list[Pair]:
    """The counts whose figure as shown differs between ``then`` and ``now`` (key -> shown
    count, None when hidden), in ``now``'s order: a key new in ``now`` is ``added``; hidden
    on both sides is no difference (both read "held back"); a shown "now" within
    ``minimum`` of a shown "then" is held back (``then_now``). So no pair, and no pair beside
    the "then" table the reader already has, gives a number from 1 to ``minimum`` - 1."""
    pairs = []
    for key, count in now.items():
        if key not in then:
            pairs.append(Pair(key, None, count, added=True))
        elif then[key] != count:
            pairs.append(Pair(key, then[key], then_now(then[key], count, minimum)))
    return pairs


def answers_changed(before: Mapping[str, str], after: Mapping[str, str]) -> int:
    """How many answers differ between two sets of coded answers (answer key -> its
    confirmed themes, as ``writeup_selectors.coded_answers`` keeps them): added, taken out,
    or given other themes. Measured by the answers themselves, not by the totals: one
    answer taken out and another added leave the base as it was, and recoding leaves it
    too, yet each is an answer whose themes the public could learn from two rounds."""
    return sum(1 for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def shown_figures(table: Mapping) -> dict[str, int]:
    """A published table's shown figures by key: ``BASE`` and each theme's key as text."""
    figures = {str(t["theme"]): t["count"] for t in table.get("themes", [])
               if t.get("count") is not None}
    if table.get("base") is not None:
        figures[BASE] = table["base"]
    return figures


def published_counts(rounds: Sequence[Sequence[Mapping]] | None, now: Sequence[Mapping], *,
                     changed: Mapping | None = None) -> list[dict]:
    """The counts tables to publish (``now``, as ``writeup_selectors.frame_counts`` makes
    them: ``{"frame", "base", "minimum", "themes": [{"theme", "count", ...}]}``), given every
    round published before for the same write-up (``rounds``, oldest first, each a list of
    such tables; None or [] for the first) and, per frame, how many answers differ between
    the answers the last published figures were counted from and now (``changed``:
    ``answers_changed``; a frame missing from it is measured from its figures alone, see
    below).

    The small-number rule applies between published rounds too: with the public record of
    responses received, "base 200, theme 11" then "base 201, theme 12" tells that the one
    new person raised the theme, and "theme 20" then "theme 12" that 8 answers lost it.

    1. **A few answers changed** (1 to ``minimum`` - 1 added, taken out or recoded since
       the figures last published were counted): the table keeps every figure published
       before (base, counts, shares, the earlier base's); a theme new to the frame shows its
       count now (all its answers are among the few changed, so it is 0 or held back). The
       table gets ``"not_updated": True`` (shown as "Counts not updated: fewer than N
       answers changed…") when a kept figure differs from now's. Such answers build up
       until they reach the minimum: the caller keeps measuring from the figures kept.
       Without ``changed`` for a frame (rounds agreed before the answers were kept), the
       answers changed are at least the base's change and each shown count's: that is
       used.
    2. **Otherwise** (none changed, or at least the minimum) the table now is published,
       except a figure (the base or a theme's count) that differs by a few
       (``differs_by_few``) from the same figure shown in *any* round published before
       (not only the last: "20", then "31", then "21" gives 1): it is held back (None; its
       shares too; a base held back takes every share with it, as a share could give the
       base back). Held back, not the earlier figure, because the table is now's: an old
       count beside new ones would be untrue, and "held back" is the one label of every
       hidden count.

    So no two rounds show one figure differing by 1 to ``minimum`` - 1. Plain values in and
    out."""
    rounds = [list(r) for r in rounds or []]
    changed = changed or {}
    published = []
    for table in now:
        earlier = [t for r in rounds for t in r if t["frame"] == table["frame"]]
        if not earlier:
            published.append(_copy(table))
            continue
        old = earlier[-1]
        kept = keeps_earlier(old, table, changed.get(table["frame"]))
        # Kept figures were checked when first published; a theme new since is checked now.
        published.append(_held_against(earlier, _kept(old, table) if kept else table,
                                       table["minimum"]))
    return published


def counts_to_show(rounds: Sequence[Sequence[Mapping]] | None, before: Mapping,
                   answers: Mapping, now: Sequence[Mapping]) -> tuple[list[dict], dict]:
    """The counts tables to show outside the council (the public's at an agreement, the
    forum's beside a draft) for ``now`` (``published_counts``' tables), given every round
    shown before (``rounds``, oldest first), the answers the last one counted (``before``:
    frame key as text -> {answer key -> its themes}) and the answers now (``answers``, the
    same shape); and the answers to keep as counted: now's where the table is now's, those
    kept before where the figures shown before are kept (so a few answers changed at a time
    build up until they reach the minimum). A frame whose earlier answers were not kept
    (shown before they were) is measured by its figures, and keeps none while its figures
    are kept. Plain values in and out; what the caller keeps for the next call."""
    changed = {t["frame"]: answers_changed(before[str(t["frame"])],
                                           answers.get(str(t["frame"]), {}))
               for t in now if str(t["frame"]) in before}
    last = {t["frame"]: t for r in rounds or [] for t in r}  # each frame's last table shown
    kept = dict(before)
    for table in now:
        key = str(table["frame"])
        if not keeps_earlier(last.get(table["frame"]), table, changed.get(table["frame"])):
            kept[key] = answers.get(key, {})
    return published_counts(rounds, now, changed=changed), kept


def keeps_earlier(old: Mapping | None, table: Mapping, changed: int | None) -> bool:
    """Whether ``published_counts`` keeps the figures of ``old`` (the table last published)
    for ``table`` (now's): ``changed`` answers (None: not known, bounded by the figures)
    are 1 to the minimum - 1 (rule 1). The caller then keeps measuring change from the
    answers ``old`` was counted from."""
    if old is None:
        return False
    if changed is None:
        changed = _changed_at_least(old, table)
    return 0 < changed < table["minimum"]


def _copy(table: Mapping) -> dict:
    return {**table, "themes": [dict(t) for t in table["themes"]]}


def _changed_at_least(old: Mapping, now: Mapping) -> int:
    """The fewest answers that could have changed between two tables: each answer moves the
    base and each count by one at most."""
    before, after = shown_figures(old), shown_figures(now)
    return max([abs(after[k] - before[k]) for k in before.keys() & after.keys()] or [0])


def _kept(old: Mapping, table: Mapping) -> dict:
    """``table`` with the figures of ``old`` (rule 1 of ``published_counts``)."""
    old_themes = {t["theme"]: t for t in old["themes"]}
    themes, held = [], table.get("base") != old.get("base")
    for theme in table["themes"]:
        earlier = old_themes.get(theme["theme"])
        if earlier is None:
            themes.append(dict(theme))
            continue
        kept = {**theme, **{k: earlier.get(k) for k in _FIGURES}}
        held = held or any(kept.get(k) != theme.get(k) for k in _FIGURES)
        themes.append(kept)
    kept_table = {**table, "base": old.get("base"), "themes": themes}
    if held:
        kept_table["not_updated"] = True
    return kept_table


_NO_SHARE = {"percent": None, "low": None, "high": None}


def _held_against(earlier: Sequence[Mapping], table: Mapping, minimum: int) -> dict:
    """``table`` with each figure that differs by a few from the same figure of an earlier
    round held back (rule 2 of ``published_counts``; a copy)."""
    before = [shown_figures(t) for t in earlier]

    def few(key, value) -> bool:
        return any(differs_by_few(figures.get(key), value, minimum) for figures in before)

    base_held = few(BASE, table.get("base"))
    themes = []
    for theme in table["themes"]:
        theme = dict(theme)
        if few(str(theme["theme"]), theme.get("count")):
            theme.update(count=None, under_minimum=False, **_NO_SHARE)
        elif base_held:
            theme.update(_NO_SHARE)
        themes.append(theme)
    return {**table, "base": None if base_held else table.get("base"), "themes": themes}
