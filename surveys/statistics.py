"""Survey statistics: plain functions over counts, no database.

Satisfaction is the share answering one of the top two points of a five-point
scale. Intervals are 95 % Wilson score intervals, which stay inside 0-100 %
and behave at small counts where the normal approximation does not. A change
between years is flagged only when the two intervals do not overlap, as
shown (in whole percentages): intervals that touch or overlap once rounded
are not a real change. A cautious test that a board can read without a
statistician, and that never contradicts the figures printed beside it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Z_95 = 1.959963984540054
DEFAULT_MINIMUM_RESPONSES = 10


@dataclass(frozen=True)
class Proportion:
    successes: int
    total: int
    low: float
    high: float

    @property
    def share(self) -> float:
        return self.successes / self.total if self.total else 0.0

    def overlaps(self, other: Proportion) -> bool:
        return self.low <= other.high and other.low <= self.high


def wilson_interval(successes: int, total: int, z: float = Z_95) -> Proportion:
    """The Wilson score interval for ``successes`` out of ``total``."""
    if total < 0 or successes < 0 or successes > total:
        raise ValueError("successes must be between 0 and total")
    if total == 0:
        return Proportion(0, 0, 0.0, 1.0)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    # Rounded so floating-point noise does not turn an exact 0 or 1 into 1e-17 off.
    low, high = round(centre - margin, 12), round(centre + margin, 12)
    return Proportion(successes, total, max(0.0, low), min(1.0, high))


def top_two_share(counts: Mapping[int, int], *, scale_max: int = 5) -> Proportion:
    """Satisfaction: answers at the top two points of a 1..scale_max scale."""
    for point in counts:
        if not 1 <= point <= scale_max:
            raise ValueError(f"{point} is not on a 1 to {scale_max} scale")
    total = sum(counts.values())
    top = counts.get(scale_max, 0) + counts.get(scale_max - 1, 0)
    return wilson_interval(top, total)


@dataclass(frozen=True)
class Share:
    option: str
    count: int
    percent: float


def distribution(counts: Mapping[str, int], options: Sequence[str], *,
                 base: int | None = None) -> list[Share]:
    """Every option in the given order, with its count and percentage (one decimal place).

    Percentages are of ``base`` when given: for a multiple choice question, the people who
    answered it (each may tick several, so the shares can add up to more than 100). Without
    it they are of all the answers counted.
    """
    total = base if base is not None else sum(counts.get(o, 0) for o in options)
    return [
        Share(o, counts.get(o, 0), round(100 * counts.get(o, 0) / total, 1) if total else 0.0)
        for o in options
    ]


@dataclass(frozen=True)
class ResponseRate:
    audience: str
    responses: int
    invited: int | None

    @property
    def percent(self) -> float | None:
        if not self.invited:
            return None
        return round(100 * self.responses / self.invited, 1)


def response_rates(responses: Mapping[str, int], populations: Mapping[str, int | None]
                   ) -> list[ResponseRate]:
    return [ResponseRate(a, responses.get(a, 0), populations.get(a)) for a in populations]


@dataclass(frozen=True)
class YearChange:
    question: str
    before: Proportion
    after: Proportion

    @property
    def points(self) -> float:
        """The change in percentage points."""
        return round(100 * (self.after.share - self.before.share), 1)

    @property
    def significant(self) -> bool:
        """True when the two intervals are apart, both exactly and as shown in whole
        percentages: "50% to 60%" then "60% to 70%" touch, so they are no real change."""
        if self.before.overlaps(self.after):
            return False
        low, high = sorted((self.before, self.after), key=lambda p: p.share)
        return whole_percent(low.high) < whole_percent(high.low)

    @property
    def shown_points(self) -> int:
        """The change as readers work it out: the later whole percentage minus the earlier."""
        return whole_percent(self.after.share) - whole_percent(self.before.share)


def year_on_year(before: Mapping[str, Proportion], after: Mapping[str, Proportion]
                 ) -> list[YearChange]:
    """Changes for every question asked in both years, in the later year's order."""
    return [YearChange(q, before[q], after[q]) for q in after if q in before]


def suppressed(count: int, minimum: int = DEFAULT_MINIMUM_RESPONSES) -> bool:
    """True when a figure rests on too few answers to show without identifying a family."""
    return count < minimum


def share_of(counts: Mapping[int, int], points: Collection[int]) -> Proportion:
    """The share of answers at any of ``points``, with its interval.

    The headline of any scale: the top two points of five, or "yes" (1) of yes (1) and no (0).
    """
    total = sum(counts.values())
    return wilson_interval(sum(n for value, n in counts.items() if value in points), total)


def whole_percent(fraction: float) -> int:
    """A share as a whole percentage, halves rounded up (0.125 -> 13, not Python's 12)."""
    return int(Decimal(repr(100 * fraction)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def held_back(counts: Mapping[str, int], minimum: int = DEFAULT_MINIMUM_RESPONSES) -> set[str]:
    """The groups whose counts are not shown when the total is.

    A count from 1 to ``minimum - 1`` is held back (nobody in an empty group can be picked
    out, so 0 is shown). If that holds back exactly one group, the next smallest is held
    back too: otherwise the total minus the others would give the hidden count away.
    """
    hidden = {key for key, n in counts.items() if 0 < n < minimum}
    if len(hidden) == 1:
        shown = sorted((n, str(key), key) for key, n in counts.items()
                       if key not in hidden and n > 0)
        if shown:
            hidden.add(shown[0][2])
    return hidden


def year_changes(series: Sequence[tuple[int, Proportion | None]]
                 ) -> list[tuple[int, Proportion | None, YearChange | None]]:
    """A question's shares by year, oldest first, each with its change from the year before.

    ``None`` stands for a year whose figure is held back; a change is worked out only
    between two neighbouring years that both have a figure.
    """
    ordered = sorted(series, key=lambda item: item[0])
    out = []
    for index, (year, share) in enumerate(ordered):
        before = ordered[index - 1][1] if index else None
        change = (YearChange(str(year), before, share)
                  if before is not None and share is not None else None)
        out.append((year, share, change))
    return out


# --- the public figures against those shown before (erasures after publication) ----------

#: A round's figures (``surveys.results.figures_now``' shape, plain JSON):
#: ``{"total": n, "audiences": {audience: n}, "counts": {question id: [[value, n], ...]},
#: "people": {question id: n}, "written": {question id: n}, "held": [key, ...]}``.
#: ``held`` names what was held back in that round: ``"audiences"`` or ``"question:<id>"``.


def _flat(figures: Mapping) -> dict[str, int]:
    """Every figure of a round by a key: ``total``, ``audiences:<a>`` and
    ``question:<id>:...`` (so a question's figures share its key's start)."""
    flat = {"total": figures.get("total", 0)}
    for audience, n in figures.get("audiences", {}).items():
        flat[f"audiences:{audience}"] = n
    for question, pairs in figures.get("counts", {}).items():
        for value, n in pairs:
            flat[f"question:{question}:answer:{value!r}"] = n
    for part in ("people", "written"):
        for question, n in figures.get(part, {}).items():
            flat[f"question:{question}:{part}"] = n
    return flat


def _group(key: str) -> str:
    """The part of the page a figure belongs to: ``total``, ``audiences`` or
    ``question:<id>`` (held back together: one figure of it gives the others)."""
    parts = key.split(":")
    return parts[0] if parts[0] != "question" else ":".join(parts[:2])


def _shown(figures: Mapping) -> dict[str, int]:
    held = set(figures.get("held", ()))
    return {k: n for k, n in _flat(figures).items() if _group(k) not in held}


def responses_changed_at_least(old: Mapping, now: Mapping) -> int:
    """The fewest responses that could have been added or taken out between two rounds'
    figures: each response moves each figure by one at most (a figure missing is 0)."""
    a, b = _flat(old), _flat(now)
    return max([abs(a.get(k, 0) - b.get(k, 0)) for k in a.keys() | b.keys()] or [0])


def figures_to_show(rounds: Sequence[Mapping], now: Mapping, *,
                    minimum: int = DEFAULT_MINIMUM_RESPONSES) -> tuple[dict, bool]:
    """The survey's figures to give the public (the shape above), given every round shown to
    the public before (``rounds``, oldest first) and the figures counted now; and whether
    they are the last round's, kept ("Counts not updated").

    The rule the write-ups follow (``analysis.counting.published_counts``), for responses
    deleted (or added) after the results were published:

    1. 1 to ``minimum`` - 1 responses changed since the last round (``minimum`` - 1 at
       most moved any figure): the last round's figures are kept, whole. So are they when
       the total would differ by a few from any round before.
    2. Otherwise the figures now, except any part of the page (the table of who answered,
       or one question's figures) one of whose figures differs by 1 to ``minimum`` - 1 from
       the same figure shown in any round before: it is held back (named in ``held``).

    So no two rounds shown give one figure differing by 1 to ``minimum`` - 1. Plain values
    in and out."""
    now = {**now, "held": []}
    if not rounds:
        return now, False
    last = rounds[-1]
    changed = responses_changed_at_least(last, now)
    if changed == 0:
        return dict(last), False
    few = [_shown(r) for r in rounds]
    total = now.get("total", 0)
    if changed < minimum or any(0 < abs(r["total"] - total) < minimum
                                for r in few if "total" in r):
        return dict(last), True
    held = set()
    for key, n in _flat(now).items():
        for earlier in few:
            if key in earlier and 0 < abs(earlier[key] - n) < minimum:
                held.add(_group(key))
    # A figure shown before and gone now (no answer left) is 0 now.
    for earlier in few:
        for key, n in earlier.items():
            if key not in _flat(now) and 0 < n < minimum:
                held.add(_group(key))
    return {**now, "held": sorted(held)}, False
