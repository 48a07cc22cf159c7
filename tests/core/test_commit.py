"""Work asked for by every write in a transaction runs once, when it commits."""

import pytest
from django.db import transaction

from core.commit import on_commit_once

# Real commits (on_commit runs only when the outermost transaction commits). A transactional
# test empties every table when it ends; serialized_rollback puts back what the migrations
# made (the default Locale, the groups), which every later test on this worker needs.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_many_requests_in_one_transaction_run_once_after_the_commit():
    runs = []

    def scan():
        runs.append(1)

    with transaction.atomic():
        for _ in range(50):
            on_commit_once(scan)
        with transaction.atomic():
            on_commit_once(scan)
        assert runs == []
    assert runs == [1]
    with transaction.atomic():
        on_commit_once(scan)
    assert runs == [1, 1]  # the next transaction runs it again


def test_a_rolled_back_part_does_not_take_the_rest_with_it():
    runs = []

    def scan():
        runs.append(1)

    with transaction.atomic():
        on_commit_once(scan)
        try:
            with transaction.atomic():
                on_commit_once(scan)
                raise ValueError
        except ValueError:
            pass
    assert runs == [1]
    with transaction.atomic():
        try:
            with transaction.atomic():
                on_commit_once(scan)
                raise ValueError
        except ValueError:
            pass
        on_commit_once(scan)
    assert runs == [1, 1]


def test_a_rolled_back_transaction_runs_nothing_and_the_next_one_runs():
    runs = []

    def scan():
        runs.append(1)

    try:
        with transaction.atomic():
            on_commit_once(scan)
            raise ValueError
    except ValueError:
        pass
    assert runs == []
    with transaction.atomic():
        on_commit_once(scan)
    assert runs == [1]


def test_outside_a_transaction_it_runs_at_once():
    runs = []
    on_commit_once(lambda: runs.append(1))
    assert runs == [1]
