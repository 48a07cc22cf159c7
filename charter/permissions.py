"""Who may do what in co-production, declared in one place.

Roles are Django groups made by migration: Officers, Forum representatives,
Governance board. Superusers count as officers (they can do everything an
officer can) but never as the forum: only the forum speaks for the forum.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

OFFICERS_GROUP = "Officers"
FORUM_GROUP = "Forum representatives"
BOARD_GROUP = "Governance board"


def _groups(user) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._portal_groups = cached
    return cached


def is_officer(user) -> bool:
    return bool(user is not None and user.is_authenticated
                and (user.is_superuser or OFFICERS_GROUP in _groups(user)))


def is_forum_rep(user) -> bool:
    return FORUM_GROUP in _groups(user)


def is_board_member(user) -> bool:
    return BOARD_GROUP in _groups(user)


def can_use_forum_area(user) -> bool:
    """Forum representatives work there; officers may look (to see what the forum sees)."""
    return is_forum_rep(user) or is_officer(user)


def can_comment(user) -> bool:
    return is_forum_rep(user)


def can_answer_comments(user) -> bool:
    return is_officer(user)


def can_view_board(user) -> bool:
    return is_board_member(user) or is_officer(user)


def require_officer(request) -> None:
    """For views inside the Wagtail admin (which already requires a sign-in)."""
    if not is_officer(request.user):
        raise PermissionDenied


def role_required(allowed):
    """Front-end views: send anonymous visitors to sign in; refuse anyone ``allowed`` refuses."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
