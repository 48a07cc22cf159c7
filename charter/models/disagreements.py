from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Disagreement(models.Model):
    """A point the forum and the council do not agree on, each in its own words.

    Shown on the published page and in every export while open; resolved only
    when both sides have marked it so.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE,
                             related_name="disagreements")
    review = models.ForeignKey("charter.ForumReviewTaskState", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="disagreements")
    block_id = models.CharField(max_length=64, blank=True)
    section_heading = models.CharField(max_length=200, blank=True)
    topic = models.CharField(max_length=200)
    forum_position = models.TextField(max_length=2000)
    council_position = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    stated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    stated_at = models.DateTimeField(auto_now_add=True)
    forum_resolved_at = models.DateTimeField(null=True, blank=True)
    council_resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["stated_at", "pk"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self):
        return self.topic

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
