"""Streamed CSV downloads: memory stays flat however many rows, and no cell is a formula.

Used for the small files made inside the request (a survey's results). The officers'
files of every response are written in the background instead (``exports``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import StreamingHttpResponse

from core.csv_rows import csv_lines


def streamed_csv(rows: Iterable[list], *, filename: str) -> StreamingHttpResponse:
    """A download of ``rows`` (read lazily). Text cells are made spreadsheet-safe; numbers
    stay numbers. A byte-order mark first, so spreadsheets read the file as UTF-8."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
