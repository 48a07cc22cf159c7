"""Survey statistics: plain functions over counts, no database.

Satisfaction is the share answering one of the top two points of a five-point
scale. Intervals are 95 % Wilson score intervals, which stay inside 0-100 %
and behave at small counts where the normal approximation does not. A change
between years is flagged only when the two intervals do not overlap: a
cautious test that a board can read without a statistician.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


def distribution(counts: Mapping[str, int], options: Sequence[str]) -> list[Share]:
    """Every option in the given order, with its count and percentage (one decimal place)."""
    total = sum(counts.get(o, 0) for o in options)
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
        return not self.before.overlaps(self.after)


def year_on_year(before: Mapping[str, Proportion], after: Mapping[str, Proportion]
                 ) -> list[YearChange]:
    """Changes for every question asked in both years, in the later year's order."""
    return [YearChange(q, before[q], after[q]) for q in after if q in before]


def suppressed(count: int, minimum: int = DEFAULT_MINIMUM_RESPONSES) -> bool:
    """True when a figure rests on too few answers to show without identifying a family."""
    return count < minimum
