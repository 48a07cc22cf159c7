"""Rows that many tests read, loaded once per test process rather than once per test.

Loading the demo site takes tens of seconds; the suite has dozens of modules that read it.
Each set of shared rows is loaded inside a transaction that stays open while the tests that
want it run, each test in a savepoint of its own (pytest-django's ``db``), so what one test
changes the next never sees. The transaction is rolled back, and the database is empty
again, before a test that wants other rows, no shared rows at all, or real commits
(``transactional_db``, ``live_server``). ``tests/conftest.py`` orders the tests so those that
want the same rows run one after another, and a process loads each set about once.

A set is named by the fixture that asks for it (``demo``); ``LOADERS`` maps the name to a
function that writes the rows.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Callable, Iterable

from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings


def load_demo() -> None:
    """The demo site, as a real site would have it outside demo mode (no demo passwords),
    with its checkpoint files in a folder of their own."""
    checkpoints = tempfile.mkdtemp(prefix="demo-checkpoints-")
    with override_settings(DEMO_MODE=False, EVIDENCE_CHECKPOINT_DIR=checkpoints):
        call_command("load_demo_content", stdout=io.StringIO())


#: Fixture name -> the function that writes its rows. Order is the order tests run in.
LOADERS: dict[str, Callable[[], None]] = {
    "demo": load_demo,
}


def wanted(fixturenames: Iterable[str]) -> str | None:
    """The one set of shared rows a test asks for (a ``LOADERS`` name), or ``None``.

    Raises ``ValueError`` for a test that asks for two: their rows could clash."""
    names = [name for name in LOADERS if name in fixturenames]
    if len(names) > 1:
        raise ValueError(f"a test can use one set of shared rows, not {names}")
    return names[0] if names else None


def run_order(fixturenames: Iterable[str]) -> int:
    """Where a test goes in the run: the tests wanting each set together, in ``LOADERS``
    order, then the rest (a stable sort keeps pytest-django's order inside each group)."""
    name = wanted(fixturenames)
    return list(LOADERS).index(name) if name else len(LOADERS)


class SharedRows:
    """The set of shared rows loaded in this process now, in an open outermost transaction.

    ``use(name)`` makes ``name``'s rows (or, with ``None``, none) the ones in the database.
    The default database only."""

    def __init__(self) -> None:
        self.name: str | None = None
        self._atomic: transaction.Atomic | None = None
        #: (name, seconds) for each load in this process, printed at the end of the run.
        self.loads: list[tuple[str, float]] = []

    def _intact(self) -> bool:
        # A test that closed the connection or broke the transaction took the rows with it.
        return bool(
            self._atomic is not None and connection.atomic_blocks
            and connection.atomic_blocks[0] is self._atomic
            and len(connection.atomic_blocks) == 1
            and not connection.needs_rollback
            and not getattr(connection, "closed_in_transaction", False))

    def use(self, name: str | None) -> None:
        if name is not None and name == self.name and self._intact():
            return
        self.drop()
        if name is None:
            return
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            started = time.monotonic()
            LOADERS[name]()
            self.loads.append((name, time.monotonic() - started))
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
        self.name, self._atomic = name, atomic

    def drop(self) -> None:
        """Roll the shared rows back, leaving the database as the migrations made it."""
        atomic, self._atomic, self.name = self._atomic, None, None
        if atomic is None or atomic not in connection.atomic_blocks:
            return
        # Savepoints a broken test left open go first, innermost first.
        while connection.atomic_blocks and connection.atomic_blocks[-1] is not atomic:
            connection.atomic_blocks[-1].__exit__(RuntimeError, RuntimeError(), None)
        connection.needs_rollback = True
        atomic.__exit__(None, None, None)
