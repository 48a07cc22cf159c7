"""What each kind of e-mail in the outbox is, as the apps that send them tell it, through a
Wagtail hook.

``outbox`` knows nothing of notices or surveys. Each app that sends through
``outbox.services.send_once`` registers, in its ``wagtail_hooks.py``, a function under
``register_outbox_kind`` returning an ``OutboxKind`` (or a list of them): what its messages
are called on the officers' "E-mails never confirmed" page, what each is about, how one
released for sending again (``outbox.services.unconfirmed_release``) is sent, and, for a kind
no periodic job of its own sends, how those due again are sent (``resend_due``, run by the
ten-minute notices job through ``due_resend``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wagtail import hooks

if TYPE_CHECKING:  # types only
    from outbox.models import ReleasedEmail, SentEmail

OUTBOX_KIND_HOOK = "register_outbox_kind"


@dataclass(frozen=True)
class OutboxKind:
    """One kind of message. ``name`` is the outbox's ``kind``, or a family of kinds when it
    ends with ":" (``"staff:"`` for ``staff:comment_made`` and the others). ``label`` names
    it for officers ("Survey invitation"); ``goes_again`` says when one released is sent
    ("With the next run of ..."). ``send_again`` is called once a release is committed, with
    the ``ReleasedEmail``: it queues the sending (which sends the message only if it is still
    due: ``send_once`` sends nothing already recorded). ``describe``, given outbox rows of
    this kind, returns what each is about by row id ("Home to school travel policy"), in at
    most one query a content type, never an address. ``resend_due``, for a kind no periodic
    job of its own sends (a one-off message whose task does not run again), sends, once
    each, its messages due again at the time given (deferred by the recipient's mail server
    and their pause over: ``outbox.services.due_again``) and returns how many went.
    ``not_going``, given releases of this kind that no run has sent yet (or unconfirmed rows
    of it, which then get no release form), returns, by release (or row) id, why one of
    them will never go ("the link was already used"), in at most one query;
    the others are left out (they go with the next run, if still due)."""

    name: str
    label: str
    goes_again: str
    send_again: Callable[[ReleasedEmail], None]
    describe: Callable[[list[SentEmail]], dict[int, str]] | None = None
    resend_due: Callable[[dt.datetime], int] | None = None
    not_going: Callable[[list[ReleasedEmail]], dict[int, str]] | None = None

    def covers(self, kind: str) -> bool:
        """Whether this entry describes outbox rows of ``kind``."""
        return kind.startswith(self.name) if self.name.endswith(":") else kind == self.name


def outbox_kinds() -> list[OutboxKind]:
    """Every registered kind, in the order the apps register them."""
    found: list[OutboxKind] = []
    for fn in hooks.get_hooks(OUTBOX_KIND_HOOK):
        made = fn()
        found.extend(made if isinstance(made, list | tuple) else [made])
    return found


def kind_of(kind: str, known: list[OutboxKind] | None = None) -> OutboxKind | None:
    """The registered entry for outbox rows of ``kind`` (its own name before a family's), or
    None when no app registers it (any more)."""
    known = outbox_kinds() if known is None else known
    exact = next((k for k in known if k.name == kind), None)
    return exact or next((k for k in known if k.covers(kind)), None)


def due_resend(now: dt.datetime) -> int:
    """Run every registered kind's ``resend_due`` at ``now``: what the ten-minute job
    (``notices.tasks.send_notices``, on celery beat, in-process with no broker) sends of the
    kinds with no periodic job of their own. Returns how many went."""
    return sum(kind.resend_due(now) for kind in outbox_kinds() if kind.resend_due is not None)
