"""What the apps above ``surveys`` add to a survey's public results page, through Wagtail
hooks (``surveys`` may not import them: they are built on it).

- ``register_survey_results_sections``: ``fn(survey) -> list[ResultsSection]``, sections the
  results page shows after its own figures and before the written comments, each listed in
  the page's contents. ``survey`` is the page as served (a translation, too). Asked only
  when the survey's figures are shown (not when too few people answered: then no written
  answer is shown either). Answered by ``analysis`` ("What people told us", once the forum
  agreed it). With none registered, none.
- ``survey_comment_moderated``: ``fn(comment) -> None``, called by
  ``services.comment_moderate`` inside its transaction, after an officer approved a written
  comment, approved it with words removed, or withheld it ("Do not publish"). Answered by
  ``analysis``: the working copy of the survey's write-up no longer quotes a comment that
  may not be published in the words quoted (the forum reads that copy).
- ``survey_comment_words_removed``: ``fn(survey, text) -> (text, n)``, asked by
  ``services.comment_moderate`` for the words an officer approves for the public: ``text``
  with the words already removed as personal details from the survey's write-up taken out
  again, and how many passages went. Answered by ``analysis`` (``WriteUp.removed_words``),
  so a comment still waiting when chosen words were removed cannot bring them back by being
  approved as written. With none registered, the words as approved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wagtail import hooks

RESULTS_SECTIONS_HOOK = "register_survey_results_sections"
COMMENT_MODERATED_HOOK = "survey_comment_moderated"
WORDS_REMOVED_HOOK = "survey_comment_words_removed"


@dataclass(frozen=True)
class ResultsSection:
    """One section of the results page: its fragment id (``anchor``), its heading in the
    reader's language (``title``), the template that draws it and that template's
    ``context`` (the page's own context is there too, the section as ``section``). The
    template draws the section's heading with the id ``<anchor>-heading``, which the
    page's ``<section>`` is labelled by."""

    anchor: str
    title: str
    template: str
    context: Mapping = field(default_factory=dict)


def results_sections(survey) -> list[ResultsSection]:
    """Every registered app's sections for ``survey``'s results page, in registration
    order; [] with none registered."""
    return [section for find in hooks.get_hooks(RESULTS_SECTIONS_HOOK)
            for section in find(survey)]


def comment_moderated(comment) -> None:
    """Tell every registered app that ``comment``'s moderation changed (module doc)."""
    for told in hooks.get_hooks(COMMENT_MODERATED_HOOK):
        told(comment)


def words_removed(survey, text: str) -> tuple[str, int]:
    """``text`` with every registered app's removed words taken out (module doc), and how
    many passages went in all."""
    found = 0
    for remove in hooks.get_hooks(WORDS_REMOVED_HOOK):
        text, n = remove(survey, text)
        found += n
    return text, found
