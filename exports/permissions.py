"""Who may do what with exports, declared in one place.

Only officers start exports. A file (and its progress page) is for the officer who asked for
it, while they are still an officer, and for the council's administrators; nobody else
learns that it exists.
"""

from __future__ import annotations

from charter.permissions import is_administrator, is_officer
from exports.models import ExportJob


def can_export(user) -> bool:
    """Officers (and administrators) may export responses."""
    return is_officer(user)


def can_see_job(user, job: ExportJob) -> bool:
    """The officer who asked for ``job``, or an administrator."""
    return is_administrator(user) or (
        job.requested_by_id is not None and job.requested_by_id == getattr(user, "pk", None)
        and is_officer(user))
