"""Streamed CSV downloads: memory stays flat however many rows, and no cell is a formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

from core.sanitise import spreadsheet_cell


class _Echo:
    """A file that hands back what is written, so csv.writer makes one line at a time."""

    def write(self, value):
        return value


def streamed_csv(rows: Iterable[list], *, filename: str) -> StreamingHttpResponse:
    """A download of ``rows`` (read lazily). Text cells are made spreadsheet-safe; numbers
    stay numbers. A byte-order mark first, so spreadsheets read the file as UTF-8."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        for row in rows:
            yield writer.writerow([c if isinstance(c, int | float) else spreadsheet_cell(c)
                                   for c in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
