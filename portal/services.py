"""Writes that the public site makes beyond saving a page."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.search.index import insert_or_update_object

from portal.models import GlossaryTerm, ReadingScore
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


def untranslated_pages_reindex(*, term: GlossaryTerm) -> int:
    """Index again the pages shown untranslated that a change to ``term`` (published,
    unpublished or deleted) may let a reader find differently: an untranslated copy is
    indexed under the names, in its language, of the jargon buster's terms it uses
    (``charter.search.untranslated_page_names``). A translated term touches the copies in
    its own language; an English one, those in each language it is translated into. Returns
    how many pages were indexed again."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if term.locale.language_code == default:
        locales = set(GlossaryTerm.objects.filter(translation_key=term.translation_key)
                      .exclude(locale_id=term.locale_id).values_list("locale_id", flat=True))
    else:
        locales = {term.locale_id}
    if not locales:
        return 0
    pages = Page.objects.filter(locale_id__in=locales, alias_of__isnull=False).specific()
    count = 0
    for page in pages:
        if hasattr(page, "normalised_search_text"):
            insert_or_update_object(page)
            count += 1
    return count
