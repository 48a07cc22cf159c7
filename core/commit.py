"""Work that runs once when a transaction commits, however many writes in it asked for it.

``transaction.on_commit`` runs a function once per call: a transaction that logs fifty
evidence entries would start fifty scans for staff notices, each one finding what the first
already sent. ``on_commit_once(func)`` asks for ``func`` after the commit like
``on_commit`` does, but all the requests for the same ``func`` waiting on one commit form a
group, and only the first of them to run runs it. Each request keeps its own place in
Django's list, so a savepoint rolled back takes its own requests with it and never the
others'.

Outside a transaction (autocommit), ``func`` runs at once, as with ``on_commit``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, transaction

_GROUPS = "_portal_on_commit_once"


class _Group:
    __slots__ = ("done",)

    def __init__(self):
        self.done = False


class _Request:
    """One request for ``func``: runs it unless another request of its group already did."""

    __slots__ = ("func", "group", "groups")

    def __init__(self, func: Callable[[], object], group: _Group, groups: dict):
        self.func, self.group, self.groups = func, group, groups

    def __call__(self) -> None:
        if self.group.done:
            return
        self.group.done = True
        # Requests made after this (another transaction) start a new group.
        if self.groups.get(self.func) is self.group:
            del self.groups[self.func]
        self.func()


def on_commit_once(func: Callable[[], object], using: str = DEFAULT_DB_ALIAS) -> None:
    """Run ``func`` once after the current transaction commits, however often it is asked
    for in that transaction (compared by identity: pass the same function each time)."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        transaction.on_commit(func, using=using)
        return
    groups = connection.__dict__.setdefault(_GROUPS, {})
    group = groups.get(func)
    if group is None or group.done or not _waiting(connection, group):
        group = groups[func] = _Group()
    transaction.on_commit(_Request(func, group, groups), using=using)


def _waiting(connection, group: _Group) -> bool:
    """Whether a request of ``group`` still waits for this transaction's commit (none does
    after a rollback). Searched from the end: the latest request is usually near it."""
    return any(isinstance(func, _Request) and func.group is group
               for _ids, func, _robust in reversed(connection.run_on_commit))
