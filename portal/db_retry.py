"""Storing what someone sent when the database connection drops under us.

A connection can die between requests (a database restart, a failover, an idle timeout):
``CONN_HEALTH_CHECKS`` catches most of that before a request starts; this catches it while
one runs. Only stores that are idempotent (they take a submission key and return the first
response for a key seen before) may be retried: a retry can never store twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connection

logger = logging.getLogger(__name__)
T = TypeVar("T")

DISCONNECTED = (OperationalError, InterfaceError)


def forget_broken_connection() -> None:
    """Close the connection if it is broken, so the next query opens a new one.

    Inside a transaction (a test, or an atomic request) the connection is left alone: closing
    it there would throw away work that is not ours to throw away.
    """
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


def store_retrying(store: Callable[..., T], /, **kwargs) -> T:
    """``store(**kwargs)``, tried once more on a new connection if the first try lost its
    connection. The second failure is raised to the caller, who shows the answers back.
    ``store`` must be idempotent (a submission key in ``kwargs``)."""
    try:
        return store(**kwargs)
    except DISCONNECTED:
        logger.warning("Database connection lost while storing; trying once more.",
                       exc_info=True)
        forget_broken_connection()
        return store(**kwargs)
