"""Writes that the public site makes beyond saving a page."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.search.index import insert_or_update_object
from wagtail.search.models import IndexEntry

from core.cache import purge_page_cache
from portal.models import GlossaryTerm, ReadingScore, SearchIndexState
from portal.selectors import page_readability, search_index_rules, search_index_stale


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


def search_index_refresh(*, force: bool = False) -> bool:
    """Build the search index again, whole (Wagtail's ``update_index``), when it was built
    under other rules than this code's (``portal.selectors.search_index_stale``: new Arabic
    synonyms, spellings, glossary names or search fields), or always with ``force``; then
    record the rules it was built under (``SearchIndexState``). Run after every ``migrate``
    (``portal.signals``), so upgrading a site is enough, and by ``manage.py
    refresh_search_index``. An index that holds nothing yet (a database just made or
    emptied: its pages are indexed as they are saved) is not stale: only the rules are
    recorded, unless ``force``. Does nothing before the record's table exists. Returns
    whether the index was built again.

    One transaction: if building fails, the index and the record stay as they were (and
    ``manage.py check`` keeps warning). Once built, every cached page is purged
    (``core.cache.purge_page_cache``), as search pages are kept per search."""
    if SearchIndexState._meta.db_table not in connection.introspection.table_names():
        return False
    if not force and not search_index_stale():
        return False
    with transaction.atomic():
        rebuilt = force or IndexEntry.objects.exists()
        if rebuilt:
            call_command("update_index", verbosity=0, stdout=io.StringIO())
        SearchIndexState.objects.update_or_create(
            pk=1, defaults={"rules": search_index_rules(), "built_at": timezone.now()})
    if rebuilt:
        # A search page kept from before (here or in the front-end cache) lists what the old
        # index found.
        purge_page_cache()
    return rebuilt
