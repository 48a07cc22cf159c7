"""The officer's way to a file: press Export, land on the progress page, download."""

from __future__ import annotations

from django.test import TestCase
from django.urls import resolve, reverse


def export_download(client, start_url: str):
    """Press Export at ``start_url`` (tasks run in-process), open the progress page it leads
    to, and download the file; returns the download response (streamed)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(start_url)
    assert started.status_code == 302, started
    progress = client.get(started["Location"])
    assert progress.status_code == 200
    job_id = resolve(started["Location"]).kwargs["job_id"]
    assert reverse("exports_download", args=[job_id]) in progress.content.decode()
    download = client.get(reverse("exports_download", args=[job_id]))
    assert download.status_code == 200
    return download


def export_text(client, start_url: str) -> str:
    """The downloaded file's text, without its byte-order mark."""
    return b"".join(export_download(client, start_url).streaming_content).decode("utf-8-sig")
