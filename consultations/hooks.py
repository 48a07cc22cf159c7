"""What the apps above ``consultations`` add to a consultation's public page, through
Wagtail hooks (``consultations`` may not import them: they are built on it).

- ``register_consultation_outcome_links``: ``fn(page) -> list[OutcomeLink]``, links the
  page shows under its published outcome ("You said, we did"). Answered by ``analysis``
  (the findings, theme by theme, once the forum agreed them). With none registered, none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks

OUTCOME_LINKS_HOOK = "register_consultation_outcome_links"


@dataclass(frozen=True)
class OutcomeLink:
    """One link under a published outcome: its words (in the reader's language), its
    address, and ``english_words`` shown beside it that exist in English only (theme names
    the forum agreed), which the page marks ``lang="en"`` in other languages."""

    label: str
    url: str
    english_words: tuple[str, ...] = field(default_factory=tuple)
    in_english: bool = True


def outcome_links(page) -> list[OutcomeLink]:
    """Every registered app's links for ``page``'s published outcome, in registration
    order; [] with none registered."""
    return [link for find in hooks.get_hooks(OUTCOME_LINKS_HOOK) for link in find(page)]
