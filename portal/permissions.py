"""Who may see what of the portal's own admin pages, declared in one place.

Roles are the co-production engine's (``charter.permissions``): officers (and
administrators, who count as officers), forum representatives, the governance board.
"""

from charter.permissions import is_officer


def can_see_scheduled_jobs(user) -> bool:
    """The "Scheduled jobs" report (what runs when, and how it last went): officers and
    administrators, who answer for the e-mails and daily jobs; not the forum or the board,
    who see the jobs' results where they work."""
    return is_officer(user)
