"""Publishing a co-produced page numbers the version and logs it; taking one down is logged;
a draft entering the forum's review opens the review."""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, task_submitted

from charter import services
from charter.hooks import reading_age
from charter.models import ForumReviewTaskState
from charter.permissions import coproduced_content_types, is_translation


@receiver(page_published)
def _record_version(sender, instance, revision=None, **kwargs):
    page = instance.specific
    if not getattr(page, "coproduced", False):
        return
    services.version_record(page=page, revision=revision, reading_age=reading_age(revision))
    services.translation_version_record(page=page, revision=revision)
    if revision is not None and revision.user_id is not None:
        # Officers publish translations directly (the one direct publish they have):
        # who saved the words and which agreed version they translate is logged.
        services.translation_published_record(page=page, revision=revision)


@receiver(task_submitted, sender=ForumReviewTaskState)
def _open_review(sender, instance, user=None, **kwargs):
    """A draft entering the forum's review gets its deadline, the forum's e-mail and its log
    entry, in the same transaction as the task state Wagtail has just saved."""
    services.review_open(task_state=instance, user=user)


@receiver(page_unpublished)
def _record_unpublish(sender, instance, **kwargs):
    """Every unpublish of a co-produced page is logged, whatever route took it down."""
    if getattr(instance, "coproduced", False):
        services.page_unpublished_record(page=instance)


@receiver(pre_save, sender=PageViewRestriction)
def _keep_agreed_pages_public(sender, instance, **kwargs):
    """Privacy on a page hides it and everything beneath it, which for a page agreed with
    the forum is unpublishing it: refused wherever it is set (the admin shows a 403)."""
    below = instance.page.get_descendants(inclusive=True)
    if below.filter(live=True, content_type__in=coproduced_content_types()).exists():
        raise PermissionDenied(_("Pages written with the forum stay public; an administrator "
                                 "can take one off the site, with a reason."))


@receiver(pre_save)
def _translations_stay_translations(sender, instance, update_fields=None, **kwargs):
    """A translation of a page written with the forum never becomes an alias of the English
    page (which shows the English words in its place with no forum step), by whatever route:
    refused (the admin shows a 403; its own button and address say why first, see
    ``charter.views.translations``)."""
    if (not isinstance(instance, Page) or instance.pk is None or instance.alias_of_id is None
            or not getattr(instance, "coproduced", False)):
        return
    was_alias = Page.objects.filter(pk=instance.pk, alias_of__isnull=False).exists()
    if not was_alias and is_translation(instance):
        raise PermissionDenied(_("A translation of a page written with the forum stays a "
                                 "translation: it cannot become an alias of the English page."))
