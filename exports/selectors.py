"""Reads behind the officer's export pages."""

from __future__ import annotations

from django.utils import timezone

from exports.models import ExportJob
from exports.services import retention

Status = ExportJob.Status


def job_progress(job: ExportJob, *, what: str = "rows") -> dict:
    """How far ``job`` has got, without a query: ``done`` of ``total``, ``percent``,
    ``status`` ("working", "done", "stopped" or "deleted"), ``summary`` (a sentence for the
    officer, ``what`` naming the rows) and, when done, ``deleted_at`` (when the file goes)."""
    total = max(job.rows_total, job.rows_done)
    done = total if job.status == Status.DONE else job.rows_done
    status = {Status.DONE: "done", Status.FAILED: "stopped",
              Status.EXPIRED: "deleted"}.get(job.status, "working")
    summary = {
        "working": f"{done:,} of {total:,} {what} written.",
        "done": f"All {total:,} {what} written.",
        "stopped": f"The export stopped after {done:,} of {total:,} {what}.",
        "deleted": "This file has been deleted, as every export is after "
                   f"{int(retention().total_seconds() // 3600)} hours.",
    }[status]
    if job.status == Status.QUEUED:
        summary = f"Waiting to start: {total:,} {what} to write."
    return {"done": done, "total": total, "status": status, "summary": summary,
            "percent": round(100 * done / total) if total else (100 if status == "done" else 0),
            "failure": job.failure if status == "stopped" else "",
            "deleted_at": (job.finished_at + retention()
                           if status == "done" and job.finished_at else None)}


def jobs_available(*, user, kind: str, subject_id: int, limit: int = 5) -> list[ExportJob]:
    """``user``'s latest exports of ``subject_id`` that are working or ready, newest first
    (one query)."""
    return list(ExportJob.objects.filter(
        requested_by=user, kind=kind, subject_id=subject_id,
        status__in=(Status.QUEUED, Status.RUNNING, Status.DONE),
        created_at__gte=timezone.now() - retention())[:limit])
