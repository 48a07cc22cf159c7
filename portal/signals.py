"""Cache purges on publishing.

These are signal receivers rather than admin hooks because pages are published
from more places than the editor: workflow approvals, scheduled publishing and
the demo loader all fire Wagtail's signals, and none of them may leave a stale
page in the cache.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import purge_url_from_cache
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core.cache import page_cache_purged, purge_page_cache
from portal.models import GlossaryTerm, PortalSettings, ServiceDetails
from portal.services import (
    reading_score_record,
    search_index_refresh,
    untranslated_pages_reindex,
)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _purge_on_page_change(sender, **kwargs):
    """Purge now and, when the change is inside a transaction, again once it commits: a
    page rendered between the first purge and the commit reads the old version, and a
    front-end cache would keep it."""
    purge_page_cache()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(purge_page_cache)


@receiver(page_published)
def _record_reading_score(sender, instance, revision=None, **kwargs):
    reading_score_record(page=instance, revision=revision)


@receiver(published, sender=GlossaryTerm)
@receiver(unpublished, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
@receiver(post_delete, sender=ServiceDetails)
def _purge_on_shared_content_change(sender, **kwargs):
    purge_page_cache()


@receiver(published, sender=GlossaryTerm)
@receiver(unpublished, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def _reindex_untranslated_pages(sender, instance, **kwargs):
    """An untranslated copy is found by the reader's names of the terms it uses: a term
    published, unpublished or deleted changes what finds it."""
    untranslated_pages_reindex(term=instance)


@receiver(post_migrate)
def _refresh_search_index(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Upgrading a site runs ``migrate``: when the new code's search rules differ from those
    the index was built under (new Arabic synonyms, spellings, glossary names, search
    fields), the index is built again here, so nobody has to remember ``update_index``.
    Sent once per app; answered once, for this app, after every migration has run."""
    if getattr(sender, "name", None) == "portal" and using == DEFAULT_DB_ALIAS:
        search_index_refresh()


@receiver(post_save, sender=PortalSettings)
def _purge_on_shared_content_save(sender, created, **kwargs):
    # A new record is not shown anywhere yet (settings are created on first read).
    if not created:
        purge_page_cache()


@receiver(post_save, sender=ServiceDetails)
def _purge_on_service_details_save(sender, **kwargs):
    """A new translation of the service's details is shown on every page in its language at
    once (``ServiceDetails.localized``), so creating one purges too."""
    purge_page_cache()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def _purge_on_privacy_or_site_change(sender, **kwargs):
    """Privacy added to or taken off a page, a site's host or root changed, or a language
    added or changed: no cached
    page, and no kept route or privacy answer (``core.memo``), may outlive the commit."""
    transaction.on_commit(purge_page_cache)


@receiver(page_cache_purged)
def _purge_front_end_cache(sender, **kwargs):
    """Every purge of the app's page cache reaches the front-end cache too: a consultation
    opening or closing, a privacy change, a glossary term, a setting. (Wagtail's
    frontend_cache already purges on publish and unpublish.) Varnish drops every page on
    any purge (deploy/varnish.vcl), so one address per site is enough."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    for site in Site.objects.all():
        purge_url_from_cache(site.root_url + "/")
