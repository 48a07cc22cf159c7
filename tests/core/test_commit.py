"""Work asked for by every write in a transaction runs once, when it commits.

Each test runs inside the test's own transaction, so a commit is played by Django's
``captureOnCommitCallbacks`` (pytest-django's ``django_capture_on_commit_callbacks``): the
callbacks asked for inside its block run when the block ends, as they would on a commit. (A
transactional test would empty every table when it ends, the default Locale and the groups
the migrations made included, and every later test on the worker would fail.)"""

import pytest
from django.db import transaction

from core.commit import on_commit_once

pytestmark = pytest.mark.django_db


def test_many_requests_in_one_transaction_run_once_after_the_commit(
        django_capture_on_commit_callbacks):
    runs = []

    def scan():
        runs.append(1)

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for _ in range(50):
                on_commit_once(scan)
            with transaction.atomic():
                on_commit_once(scan)
        assert runs == []
    assert runs == [1]
    with django_capture_on_commit_callbacks(execute=True):
        on_commit_once(scan)
    assert runs == [1, 1]  # the next transaction runs it again


def test_a_rolled_back_part_does_not_take_the_rest_with_it(django_capture_on_commit_callbacks):
    runs = []

    def scan():
        runs.append(1)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        on_commit_once(scan)
        try:
            with transaction.atomic():
                on_commit_once(scan)
                raise ValueError
        except ValueError:
            pass
    assert runs == [1]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                on_commit_once(scan)
                raise ValueError
        except ValueError:
            pass
        on_commit_once(scan)
    assert runs == [1, 1]


def test_a_rolled_back_transaction_runs_nothing_and_the_next_one_runs(
        django_capture_on_commit_callbacks):
    runs = []

    def scan():
        runs.append(1)

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                on_commit_once(scan)
                raise ValueError
        except ValueError:
            pass
    assert runs == []
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        on_commit_once(scan)
    assert runs == [1]
