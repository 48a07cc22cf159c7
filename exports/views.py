"""The officer's export pages in the Wagtail admin: Export, the progress of one export, and
its download.

A page app's own Export view checks what it checks (the subject exists) and hands over to
``export_page``; the progress and download views are this app's own routes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from exports import selectors, services, tasks
from exports.kinds import kind_named
from exports.models import ExportJob
from exports.permissions import can_export, can_see_job


def export_page(request, *, kind: str, subject_id: int):
    """GET: what Export will make, and this officer's recent files of it. POST: start an
    export (or, pressed again while one is working, go back to it) and show its progress.
    Officers only (``PermissionDenied`` otherwise)."""
    if not can_export(request.user):
        raise PermissionDenied
    export_kind = kind_named(kind)
    subject = export_kind.describe(subject_id) if export_kind else None
    if subject is None:
        raise Http404
    if request.method == "POST":
        job, created = services.export_request(kind=kind, subject_id=subject_id,
                                               user=request.user)
        if created:
            tasks.export_start(job)
        else:
            messages.info(request, "This export was already asked for: here it is.")
        return redirect("exports_job", job.pk)
    return TemplateResponse(request, "exports/admin/export_page.html", {
        "subject": subject, "what": export_kind.what,
        "count": export_kind.count(subject_id),
        "jobs": [(job, selectors.job_progress(job, what=export_kind.what))
                 for job in selectors.jobs_available(user=request.user, kind=kind,
                                                      subject_id=subject_id)],
        "retention_hours": int(services.retention().total_seconds() // 3600),
    })


def _job(request, job_id: int) -> ExportJob:
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or not can_see_job(request.user, job):
        raise Http404  # nobody else learns that it exists
    return job


def job(request, job_id):
    """How far an export has got: "n of N responses written" with a progress bar, then the
    download. A small script asks for ``?format=json`` every few seconds and updates the
    bar; without JavaScript the "check again" link reloads the page."""
    export = _job(request, job_id)
    export_kind = kind_named(export.kind)
    progress = selectors.job_progress(export, what=export_kind.what if export_kind else "rows")
    if request.GET.get("format") == "json":
        return JsonResponse({key: progress[key] for key in (
            "done", "total", "percent", "status", "summary")})
    subject = export_kind.describe(export.subject_id) if export_kind else None
    return TemplateResponse(request, "exports/admin/export_job.html", {
        "job": export, "progress": progress, "subject": subject,
        "retention_hours": int(services.retention().total_seconds() // 3600),
    })


def download(request, job_id):
    """The finished file, streamed from the private storage as an attachment."""
    export = _job(request, job_id)
    if export.status != ExportJob.Status.DONE or not export.file:
        raise Http404
    response = FileResponse(export.file.open("rb"), as_attachment=True,
                            filename=export.filename or services.storage_name(export),
                            content_type="text/csv; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
