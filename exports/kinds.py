"""What can be exported, as the page apps tell it, through a Wagtail hook.

``exports`` knows nothing of consultations or surveys (layers run one way). Each page app
that offers a large file registers, in its ``wagtail_hooks.py``, a function under
``register_export_kind`` that returns an ``ExportKind``: how to read the rows, how many there
are, and how to name the file and the pages around it. A worker finds them the same way
(``wagtail.hooks.get_hooks`` loads every app's ``wagtail_hooks``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail import hooks

EXPORT_KIND_HOOK = "register_export_kind"


@dataclass(frozen=True)
class ExportSubject:
    """What one export is of, for the officer's pages: ``title`` (the consultation's or
    survey's), ``filename`` (the download's name), ``start_url`` (where Export is pressed,
    a POST there starts another) and ``back_url`` (where the officer came from)."""

    title: str
    filename: str
    start_url: str
    back_url: str


@dataclass(frozen=True)
class ExportKind:
    """One kind of export. ``name`` is stored on each job (at most 40 characters); ``what``
    names the rows in the progress summary ("responses"). Each callable takes the subject's
    primary key: ``rows`` gives the header, then the rows, read lazily (cells are made
    spreadsheet-safe by the writer, ``core.csv_rows``); ``count`` how many rows follow the
    header (one query); ``describe`` the ``ExportSubject``, or None once it was deleted."""

    name: str
    what: str
    rows: Callable[[int], Iterable[list]]
    count: Callable[[int], int]
    describe: Callable[[int], ExportSubject | None]


def export_kinds() -> dict[str, ExportKind]:
    """Every registered kind by name."""
    return {kind.name: kind for kind in (fn() for fn in hooks.get_hooks(EXPORT_KIND_HOOK))}


def kind_named(name: str) -> ExportKind | None:
    """The registered kind called ``name``, or None if no app registers it (any more)."""
    return export_kinds().get(name)
