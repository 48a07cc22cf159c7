"""Who may do what with the outbox, declared in one place."""

from __future__ import annotations

from charter.permissions import is_officer


def can_release_unconfirmed(user) -> bool:
    """Read the messages the mail server never confirmed and release one for sending again:
    officers and administrators, who answer for the e-mails (as for the "Scheduled jobs"
    report); not the forum or the board."""
    return is_officer(user)
