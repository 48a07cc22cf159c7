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
