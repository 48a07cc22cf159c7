"""What the write-up tells the co-production engine (``charter.hooks``) and the page apps
(``consultations.hooks``, ``surveys.hooks``): the compare view of a policy version shows
each finding of the consultation that changed it with its theme, linked to the outcome's
findings page; a consultation's outcome, or a survey's results, is not published, by any
route, until the forum has agreed its write-up (``writeup_selectors.outcome_publish_refusal``);
a survey's published results show its agreed write-up; and a survey comment withheld takes
its quotes out of the working draft.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from analysis import writeup_selectors, writeup_services
from analysis.quote_lines import finding_lines
from charter.hooks import (
    BOARD_SECTIONS_HOOK,
    COMPARE_FINDING_THEMES_HOOK,
    LOG_TEXTS_REMOVED_HOOK,
    PUBLISH_GUARD_HOOK,
)
from consultations.hooks import OUTCOME_LINKS_HOOK, OutcomeLink
from surveys.hooks import COMMENT_MODERATED_HOOK, RESULTS_SECTIONS_HOOK, WORDS_REMOVED_HOOK


@hooks.register(COMPARE_FINDING_THEMES_HOOK)
def _finding_themes(findings: list) -> dict:
    """Each consultation's agreed findings: [{"theme", "text", "lines", "url"}] (words
    removed as personal details read as the notice, in the reader's language; "lines": the
    finding's lines, each with its language and direction, ``quote_lines.finding_lines``).
    One query."""
    found = writeup_selectors.published_findings(findings)
    return {key: [{"theme": f.theme.name,
                   "text": writeup_selectors.removed_notice(f.removed_on) if f.removed_on
                   else f.text, "removed": bool(f.removed_on),
                   "lines": [] if f.removed_on else finding_lines(f.text),
                   "url": reverse("analysis_findings", args=[key]) + f"#theme-{f.theme_id}"}
                  for f in items]
            for key, items in found.items()}


hooks.register(PUBLISH_GUARD_HOOK, writeup_selectors.outcome_publish_refusal)


@hooks.register(BOARD_SECTIONS_HOOK)
def _board_analysis_link() -> dict:
    """The board's pages link to its read-only view of the frames and write-ups."""
    return {"board_analysis_url": reverse("analysis_board")}

hooks.register(RESULTS_SECTIONS_HOOK, writeup_selectors.survey_results_sections)
hooks.register(LOG_TEXTS_REMOVED_HOOK, writeup_selectors.removed_from_log_texts)


@hooks.register(COMMENT_MODERATED_HOOK)
def _comment_moderated(comment) -> None:
    """A comment withheld, or approved in other words, after the draft quoted it leaves the
    working draft the forum reads, as a consent withdrawn does
    (``writeup_services.withdraw_from_working_copy``); the agreed version drops it where it
    is shown."""
    writeup_services.withdraw_from_working_copy(comment.survey)


@hooks.register(WORDS_REMOVED_HOOK)
def _comment_words_removed(survey, text: str) -> tuple[str, int]:
    """Words removed as personal details from ``survey``'s write-up stay out of a comment
    approved later (``writeup_selectors.removed_from_survey_text``)."""
    return writeup_selectors.removed_from_survey_text(survey, text)


@hooks.register(OUTCOME_LINKS_HOOK)
def _findings_link(page) -> list[OutcomeLink]:
    """A published consultation links to its findings page, in the reader's language, with
    the themes' names (kept in English, as the forum agreed them). One query."""
    found = writeup_selectors.published_findings([page]).get(page.pk)
    if not found:
        return []
    names = tuple(dict.fromkeys(f.theme.name for f in found))
    return [OutcomeLink(gettext("What people told us, theme by theme"),
                        reverse("analysis_findings", args=[page.pk]), names)]
