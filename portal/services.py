"""Writes that the public site makes beyond saving a page."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from portal.models import ReadingScore
from portal.selectors import page_readability


@transaction.atomic
def reading_score_record(*, page, revision=None) -> ReadingScore | None:
    """Keep the plain-language score of a version as it was published.

    Scored from the published page itself so that later changes to the glossary
    or settings do not rewrite history. One score per revision: publishing the
    same revision again (a scheduled publish, a retried workflow) updates it.
    Returns None for pages with no prose, or in a language with no reading age.
    """
    page = page.specific
    report = page_readability(page)
    if report is None or not report.whole.measured:
        # No reading age for a language the formula does not fit (Polish, Arabic).
        return None
    whole = report.whole
    values = {
        "published_at": getattr(revision, "approved_go_live_at", None)
        or page.last_published_at
        or timezone.now(),
        "flesch_reading_ease": whole.flesch_reading_ease,
        "reading_age": whole.reading_age,
        "words": whole.words,
        "sentences": whole.sentences,
        "long_sentences": len(whole.long_sentences),
        "unexplained_terms": whole.unexplained_count,
    }
    if revision is None:
        return ReadingScore.objects.create(page=page, **values)
    score, _ = ReadingScore.objects.update_or_create(
        page=page, revision=revision, defaults=values
    )
    return score
