"""Export jobs: one officer's request for one large file, written in the background."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.db import models


def exports_storage():
    """Where export files are kept: the ``exports`` storage (``STORAGES``), private, never
    under the public media address; files are handed out only through the download view."""
    return storages["exports"]


class ExportJob(models.Model):
    """One export asked for by one officer: what (``kind`` and ``subject_id``), how far it has
    got (``rows_done`` of ``rows_total``), and the file once written.

    ``attempt`` names the run of the task that may write it: a run started later (a retry,
    or another worker given the task after the first died) takes over, and an earlier run
    that finds itself replaced stops and keeps nothing. At most one job per officer and
    subject is waiting or writing at a time (a constraint), so a double press of Export
    reuses it. The file is deleted after ``EXPORTS_RETENTION`` (``exports.tasks``).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Writing"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Stopped"
        EXPIRED = "expired", "Deleted"

    kind = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the writing run last said how far it had got: a job silent for long was lost.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempt = models.UUIDField(null=True, blank=True, editable=False)
    file = models.FileField(storage=exports_storage, max_length=200, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "kind", "subject_id"],
                condition=models.Q(status__in=["queued", "running"]),
                name="exports_one_working_job"),
        ]
        indexes = [models.Index(fields=["requested_by", "kind", "subject_id"])]

    def __str__(self):
        return f"{self.kind} {self.subject_id} ({self.status})"

    @property
    def working(self) -> bool:
        """Waiting to start or being written."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
