"""CSV lines that are safe to open in a spreadsheet: no text cell is read as a formula.

One writer for every CSV the portal hands out, whether streamed in the request
(``portal.csv_export``) or written to a file by a background export (``exports``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from core.sanitise import spreadsheet_cell

#: Written first, so spreadsheets read the file as UTF-8.
BYTE_ORDER_MARK = "\ufeff"


class _Echo:
    """A file that hands back what is written, so csv.writer makes one line at a time."""

    def write(self, value):
        return value


def safe_row(row: Iterable) -> list:
    """``row`` with each text cell made spreadsheet-safe (``core.sanitise.spreadsheet_cell``);
    numbers stay numbers."""
    return [c if isinstance(c, int | float) else spreadsheet_cell(c) for c in row]


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The byte-order mark, then one CSV line (with its line end) per row of ``rows``, read
    lazily, each made safe by ``safe_row``."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK
    for row in rows:
        yield writer.writerow(safe_row(row))
