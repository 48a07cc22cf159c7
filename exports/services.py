"""Export jobs: asked for, written (the task's body), given up on, and deleted when old.

Writing is safe to run again at any point: each run takes the job over under a new
``attempt``, writes the whole file afresh to a temporary file (unlinked at once, so a
killed worker leaves nothing behind), and only then puts it in the ``exports`` storage
under the job's one name, replacing whatever an earlier run left. A run that finds another
has taken over stops and keeps nothing: one file per job, each row once.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import uuid

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.csv_rows import csv_lines
from exports.kinds import kind_named
from exports.models import ExportJob, exports_storage

Status = ExportJob.Status
WORKING = (Status.QUEUED, Status.RUNNING)
#: A job waiting or writing with no word from its task for this long was lost (its message
#: never reached a worker, say): pressing Export again starts a new one.
LOST_AFTER = dt.timedelta(minutes=15)
#: How many rows are written between two progress notes (one UPDATE each).
PROGRESS_EVERY = 500


class Superseded(Exception):
    """Another run of the task took the job over: this one stops and keeps nothing."""


def retention() -> dt.timedelta:
    """How long a finished file is kept: ``EXPORTS_RETENTION_HOURS`` (24 by default)."""
    return dt.timedelta(hours=getattr(settings, "EXPORTS_RETENTION_HOURS", 24))


def storage_name(job: ExportJob) -> str:
    """The one name a job's file has in the storage, whichever run writes it."""
    return f"export-{job.pk}.csv"


def _lost(job: ExportJob, now: dt.datetime) -> bool:
    return (job.heartbeat_at or job.created_at) < now - LOST_AFTER


def export_request(*, kind: str, subject_id: int, user) -> tuple[ExportJob, bool]:
    """The job for ``user``'s Export of ``subject_id`` (``kind``), and whether it is new.

    A job of the same user and subject still waiting or writing (a double press, or Export
    pressed again while the file is written) is given back instead of a second; one silent
    for ``LOST_AFTER`` is marked stopped and replaced. A finished job is never reused: Export
    pressed after it has finished writes the responses as they are now. The caller queues
    a new job (``exports.tasks.export_start``).
    Raises ``LookupError`` for a kind no app registers or a subject that no longer exists.
    """
    export_kind = kind_named(kind)
    subject = export_kind.describe(subject_id) if export_kind else None
    if subject is None:
        raise LookupError(f"Nothing to export: {kind} {subject_id}")
    now = timezone.now()
    mine = ExportJob.objects.filter(requested_by=user, kind=kind, subject_id=subject_id)
    with transaction.atomic():
        recent = mine.filter(status__in=WORKING).order_by("-created_at", "-pk").first()
        if recent is not None and not _lost(recent, now):
            return recent, False
        if recent is not None:
            mine.filter(pk=recent.pk, status__in=WORKING).update(
                status=Status.FAILED, attempt=None, failure=(
                    "Nothing was heard from this export for 15 minutes: it was lost on its "
                    "way to a worker."))
        try:
            with transaction.atomic():
                job = ExportJob.objects.create(kind=kind, subject_id=subject_id,
                                               requested_by=user, filename=subject.filename,
                                               rows_total=export_kind.count(subject_id))
        except IntegrityError:
            # Another press got there first, a moment ago: that one is this one.
            return mine.get(status__in=WORKING), False
    return job, True


def _note(job_id: int, holder: uuid.UUID, **fields) -> None:
    """Write ``fields`` on the job if this run (``holder``) still holds it; raise
    ``Superseded`` if not."""
    if not ExportJob.objects.filter(pk=job_id, attempt=holder).update(
            heartbeat_at=timezone.now(), **fields):
        raise Superseded


def _delete(storage, name: str) -> None:
    if name and storage.exists(name):
        storage.delete(name)


def export_write(*, job_id: int) -> int:
    """Write a job's file from the start; return how many rows it holds (0 if there was
    nothing to do: the job is finished, stopped, deleted, or another run took it over).

    Progress (``rows_done``) is noted every ``PROGRESS_EVERY`` rows. Errors from the database
    or the storage are raised for the task to retry; the next run starts the file again.
    """
    job = ExportJob.objects.filter(pk=job_id, status__in=WORKING).first()
    if job is None:
        return 0
    export_kind = kind_named(job.kind)
    subject = export_kind.describe(job.subject_id) if export_kind else None
    if subject is None:
        export_failed(job_id=job_id, reason="What this export was of has been deleted.")
        return 0
    attempt = uuid.uuid4()
    now = timezone.now()
    if not ExportJob.objects.filter(pk=job_id, status__in=WORKING).update(
            status=Status.RUNNING, attempt=attempt, rows_done=0, heartbeat_at=now,
            rows_total=export_kind.count(job.subject_id), failure=""):
        return 0
    storage = exports_storage()
    name = storage_name(job)
    done = 0
    try:
        with tempfile.TemporaryFile() as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            # Lines: the byte-order mark, the header, then one per row.
            for line_number, line in enumerate(csv_lines(export_kind.rows(job.subject_id))):
                text.write(line)
                done = max(0, line_number - 1)
                if done and done % PROGRESS_EVERY == 0:
                    _note(job_id, attempt, rows_done=done)
            text.flush()
            raw.seek(0)
            # Whatever an earlier run left goes first: the job keeps one file.
            _delete(storage, job.file.name)
            _delete(storage, name)
            saved = storage.save(name, File(raw, name=name))
            text.detach()
    except Superseded:
        return 0
    try:
        _note(job_id, attempt, status=Status.DONE, file=saved, rows_done=done,
              rows_total=done, finished_at=timezone.now(), attempt=None,
              filename=subject.filename)
    except Superseded:
        current = ExportJob.objects.filter(pk=job_id).values_list("file", flat=True).first()
        if current != saved:
            _delete(storage, saved)
        return 0
    return done


def export_failed(*, job_id: int, reason: str) -> None:
    """Record that a job's task gave up, so its officer sees why and can export again."""
    ExportJob.objects.filter(pk=job_id, status__in=WORKING).update(
        status=Status.FAILED, attempt=None, finished_at=timezone.now(),
        failure=reason[:500] or "Unknown error.")


def exports_delete_old(*, now: dt.datetime | None = None) -> int:
    """Delete every export file older than ``retention()``; return how many went.

    Their jobs stay, marked deleted (who asked for what, and when), with no file. A file in
    the storage that no job names (a run stopped between saving and recording it) goes too
    once it is as old. Jobs lost while waiting or writing that long are marked stopped.
    """
    now = now or timezone.now()
    cutoff = now - retention()
    storage = exports_storage()
    deleted = 0
    for job in ExportJob.objects.filter(status=Status.DONE, finished_at__lt=cutoff):
        _delete(storage, job.file.name)
        ExportJob.objects.filter(pk=job.pk).update(status=Status.EXPIRED, file="")
        deleted += 1
    ExportJob.objects.filter(status__in=WORKING, created_at__lt=cutoff).update(
        status=Status.FAILED, attempt=None, failure="This export never finished.")
    kept = set(ExportJob.objects.exclude(file="").values_list("file", flat=True))
    try:
        names = storage.listdir("")[1]
    except FileNotFoundError:  # no export was ever written here
        names = []
    for name in names:
        if name not in kept and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted
