"""The answer scales of survey questions: which values a kind of question takes.

Plain data: scale points are stored as small integers (5 is the top point), so
the statistics run in the database over numbers, and a label can be reworded or
translated without touching a single stored answer.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SATISFACTION = "satisfaction"
AGREE = "agree"
YES_NO = "yes_no"
SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
FREE_TEXT = "free_text"

KINDS = [
    (SATISFACTION, "Satisfaction (five points)"),
    (AGREE, "Agree or disagree (five points)"),
    (YES_NO, "Yes or no"),
    (SINGLE, "Single choice"),
    (MULTIPLE, "Multiple choice"),
    (FREE_TEXT, "Free text"),
]

# Top point first: the order a form shows them in.
SCALES: dict[str, tuple[tuple[int, str], ...]] = {
    SATISFACTION: (
        (5, _("Very satisfied")),
        (4, _("Satisfied")),
        (3, _("Neither satisfied nor dissatisfied")),
        (2, _("Dissatisfied")),
        (1, _("Very dissatisfied")),
    ),
    AGREE: (
        (5, _("Strongly agree")),
        (4, _("Agree")),
        (3, _("Neither agree nor disagree")),
        (2, _("Disagree")),
        (1, _("Strongly disagree")),
    ),
    YES_NO: ((1, _("Yes")), (0, _("No"))),
}

FIVE_POINT = (SATISFACTION, AGREE)
CHOICE_KINDS = (SINGLE, MULTIPLE)
FREE_TEXT_MAX_CHARACTERS = 2000


def is_scale(kind: str) -> bool:
    return kind in SCALES


HEADLINE_LABELS = {SATISFACTION: _("satisfied or very satisfied"),
                   AGREE: _("agree or strongly agree"), YES_NO: _("yes")}


def headline_label(kind: str) -> str:
    """What the headline figure of a question of this kind counts, in the active language."""
    label = HEADLINE_LABELS.get(kind)
    return str(label) if label else ""


def parse_choices(text: str) -> list[str]:
    """An officer's choices, one per line, blanks and repeats dropped, order kept."""
    seen: list[str] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen
