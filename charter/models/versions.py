from django.db import models


class PageVersion(models.Model):
    """A published revision, numbered: version 1 is the first publish of the page."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE,
                             related_name="versions")
    number = models.PositiveIntegerField()
    revision = models.OneToOneField("wagtailcore.Revision", on_delete=models.PROTECT,
                                    related_name="page_version")
    published_at = models.DateTimeField()
    change_note = models.TextField(blank=True)
    reading_age = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="charter_version_number")
        ]

    def __str__(self):
        return f"Version {self.number}"


class TranslationVersion(models.Model):
    """Which agreed version of the default-language page a published translation translates.

    One row for each published revision of a translated page. wagtail-localize keeps only
    the latest source snapshot (``TranslationSource.content_json``, overwritten at each
    sync) and no link to the source's revision, so the version is matched when the
    translation is published (``charter.services.translation_version_record``).
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE,
                             related_name="translated_versions")
    revision = models.OneToOneField("wagtailcore.Revision", on_delete=models.CASCADE,
                                    related_name="translated_version")
    source_version = models.ForeignKey(PageVersion, on_delete=models.PROTECT,
                                       related_name="translations")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["page", "-revision_id"]

    def __str__(self):
        return f"Translation of version {self.source_version.number}"
