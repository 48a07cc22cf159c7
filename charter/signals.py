"""Publishing a co-produced page numbers the version and logs it."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published)
def _record_version(sender, instance, revision=None, **kwargs):
    from charter.services import version_record
    from portal.models import ReadingScore

    page = instance.specific
    if not getattr(page, "coproduced", False):
        return
    score = ReadingScore.objects.filter(revision=revision).only("reading_age").first()
    version_record(page=page, revision=revision,
                   reading_age=score.reading_age if score else None)
