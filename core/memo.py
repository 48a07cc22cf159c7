"""Reads that stay the same until the next purge of the page cache, kept in each process.

Routing a public address to its page, the site a host name belongs to, the site's settings,
whether any page is private: each is a few database queries that give the same answer on
every request until someone publishes, unpublishes, moves a page, changes privacy, a
setting or a site, and every one of those purges the page cache (``core.cache``), which
moves the page cache's *generation* on. This module keeps such answers in the process,
labelled with the generation they were read in, so that:

- a request uses them only if it read the same generation when it began
  (``charter.routing.GenerationMemoMiddleware`` reads it once per request, from the shared
  cache, so a publish on one app server reaches every other one on its next request);
- a purge in this process forgets them at once (``forget_all``, called by
  ``core.cache.purge_page_cache``), and the rest of the request that purged reads the
  database again;
- code outside a request (tasks, commands, the shell) never uses them: ``remember`` just
  computes.

Values handed out are shared between requests: keep only things nobody changes (numbers,
tuples, model classes), or hand out copies (``charter.routing`` copies model instances).
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

#: Answers are forgotten after this many seconds even without a purge: the same safety net as
#: the page cache's own lifetime (``PORTAL_PAGE_CACHE_SECONDS``).
MAX_AGE_SECONDS = 600
#: At most this many answers per generation; beyond it, answers are computed, not kept
#: (addresses are many: one per routable sub-page, e.g. each pair of versions compared).
MAX_ENTRIES = 5000

_request_generation: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "portal_memo_generation", default=None)
# (generation, answers, forget at (time.monotonic())): replaced whole, never changed in place
# across generations, so a thread reading it sees one generation's answers or the other's.
_kept: tuple[int | None, dict, float] = (None, {}, 0.0)


def begin(generation: int) -> contextvars.Token:
    """Mark the current request as reading ``generation`` (the page cache's); returns the
    token ``end`` takes."""
    return _request_generation.set(generation)


def end(token: contextvars.Token) -> None:
    _request_generation.reset(token)


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s value, kept for the rest of this generation under ``key``; computed
    afresh outside a request, or after a purge in this request."""
    global _kept
    generation = _request_generation.get()
    if generation is None:
        return compute()
    kept_generation, answers, forget_at = _kept
    if kept_generation != generation or time.monotonic() >= forget_at:
        answers = {}
        _kept = (generation, answers, time.monotonic() + MAX_AGE_SECONDS)
    try:
        return answers[key]
    except KeyError:
        value = compute()
        if len(answers) < MAX_ENTRIES:
            answers[key] = value
        return value


def recall(key: Hashable, default=None):
    """The value kept under ``key`` in this request's generation, or ``default``."""
    generation = _request_generation.get()
    kept_generation, answers, forget_at = _kept
    if generation is None or kept_generation != generation or time.monotonic() >= forget_at:
        return default
    return answers.get(key, default)


def forget_all() -> None:
    """Forget every kept answer, and stop using them for the rest of this request (its
    generation is now the old one)."""
    global _kept
    _kept = (None, {}, 0.0)
    _request_generation.set(None)
