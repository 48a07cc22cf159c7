"""Presses at the same moment, for real: each in a thread of its own with its own database
connection, released together, against a database that commits.

Only PostgreSQL can take this: the SQLite test database is one in-memory file, which
refuses writes from two threads at once ("database table is locked"). Tests using it are
marked ``AT_ONCE``: skipped on SQLite; on PostgreSQL a transactional test
(``django_db(transaction=True)``), so the rows it makes are committed and every thread sees
them. Such a test asks for no shared rows (``demo``: tests/shared_data.py keeps those in a
transaction, which a test that commits cannot use); ``serialized_rollback`` puts back, at
its start, the rows the migrations made, which a test that commits empties the database of
at its end (pytest-django runs such tests after the others of their process, and
tests/conftest.py keeps that order). Emptying the database means emptying the evidence log,
whose trigger refuses it (``charter`` migration 0002): the test lifts the trigger for that
one statement (``log_guard_lifted_for_flush``), as the tables' owner only can, so it is
marked ``insider`` (skipped when the suite runs as the application role).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection, transaction

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

AT_ONCE = [
    pytest.mark.skipif(not ON_POSTGRES, reason="SQLite's test database takes one writer at "
                                               "a time: run on PostgreSQL (DATABASE_URL)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=ON_POSTGRES),
    pytest.mark.insider,
    pytest.mark.usefixtures("log_guard_lifted_for_flush"),
]
#: The append-only tables whose triggers refuse TRUNCATE (charter migrations 0002, 0006).
GUARDED = ("charter_evidenceentry", "charter_evidencecheckpoint")


@pytest.fixture
def log_guard_lifted_for_flush(transactional_db):
    """After the test, the one flush that empties the database (pytest-django's, once this
    fixture's own end has run) goes with the evidence log's append-only triggers off, in
    the flush's own transaction, and on again before it commits; then flushing is as
    before. Nothing else ever runs with them off."""
    yield
    ops = connection.ops
    flush = ops.execute_sql_flush

    def flush_past_the_guard(sql_list):
        del ops.execute_sql_flush  # once only: the backend's own flush again
        with transaction.atomic(), connection.cursor() as cursor:
            for table in GUARDED:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            flush(sql_list)
            for table in GUARDED:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    ops.execute_sql_flush = flush_past_the_guard


def at_once(presses: list[Callable[[], object]], *, timeout: float = 60) -> list:
    """Run each of ``presses`` in its own thread, all released at the same moment (a
    barrier), each with its own database connection, closed when it is done. Returns what
    each returned, in order; raises the first error one raised."""
    barrier = threading.Barrier(len(presses))
    results: list = [None] * len(presses)
    errors: list[BaseException] = []

    def run(index: int, press: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=timeout)
            results[index] = press()
        except BaseException as error:  # noqa: BLE001 - handed to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, press)) for i, press in enumerate(presses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a press never finished"
    if errors:
        raise errors[0]
    return results
