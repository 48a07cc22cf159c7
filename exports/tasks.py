"""Exports' background work: writing a file, and deleting old files each day.

Both are safe to run again. A job's task may be run twice (a retry after an error, or
another worker given it after the first died: ``CELERY_TASK_ACKS_LATE``); each run writes
the whole file afresh and the job keeps one file (``exports.services``). Errors of the
database or the storage are retried with growing pauses; the last failure is shown to the
officer, who can export again.
"""

import logging

from celery import shared_task
from django.db import DatabaseError, transaction

from exports import services
from exports.models import ExportJob

logger = logging.getLogger(__name__)
RETRIED = (DatabaseError, OSError)


@shared_task(bind=True, autoretry_for=RETRIED, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=5)
def write_export(self, job_id: int) -> int:
    """Write export job ``job_id``'s file; returns how many rows it holds."""
    try:
        return services.export_write(job_id=job_id)
    except RETRIED as error:
        if self.request.retries >= self.max_retries:
            services.export_failed(job_id=job_id, reason=(
                f"The file could not be written ({type(error).__name__}: {error})."))
        raise


def _enqueue(job_id: int) -> None:
    try:
        write_export.delay(job_id)
    except Exception as error:
        if not write_export.app.conf.task_always_eager:
            services.export_failed(job_id=job_id, reason=(
                f"The export could not be started ({type(error).__name__}). Export again."))
        raise


def export_start(job: ExportJob) -> None:
    """Queue a job's writing once the current transaction commits (at once outside one).

    Errors are logged, never raised into the officer's request: the progress page shows
    what went wrong and offers to export again.
    """
    job_id = job.pk
    transaction.on_commit(lambda: _enqueue(job_id), robust=True)


@shared_task(autoretry_for=RETRIED, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=5)
def delete_old_exports() -> int:
    """Delete export files older than the retention period (daily); returns how many."""
    deleted = services.exports_delete_old()
    if deleted:
        logger.info("Deleted %s old export file(s)", deleted)
    return deleted
