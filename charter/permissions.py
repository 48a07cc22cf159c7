"""Who may do what in co-production, declared in one place.

Roles are Django groups made by migration: Officers, Forum representatives,
Governance board. Superusers count as officers (they can do everything an
officer can) but never as the forum: only the forum speaks for the forum.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

# The session key holding a form sent after its sender's session ended (see role_required).
KEPT_FORM = "kept_form"
# Fields of a kept form that are not what the person wrote.
_NOT_KEPT = frozenset({"csrfmiddlewaretoken"})

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


def keep_form(request, *, form_page: str) -> None:
    """Keep what a signed-out visitor just sent, in their session (on the server, never in
    the address), for ``take_kept_form`` to put back once they have signed in. Signing in
    keeps the session's data (Django cycles its key); signing in as someone else with a
    session that already had a user clears it."""
    request.session[KEPT_FORM] = {
        "action": request.path, "form_page": form_page,
        "data": {k: v for k, v in request.POST.lists() if k not in _NOT_KEPT},
    }


def take_kept_form(request, action: str) -> dict[str, list[str]] | None:
    """The fields kept for the form sent to ``action`` (a path), removed from the session;
    None when nothing was kept for it. Shape: field name -> values as posted."""
    kept = request.session.get(KEPT_FORM)
    if not isinstance(kept, dict) or kept.get("action") != action:
        return None
    del request.session[KEPT_FORM]
    return kept.get("data") or {}


def role_required(allowed, *, form_page=None):
    """Front-end views: send anonymous visitors to sign in; refuse anyone ``allowed`` refuses.

    ``form_page(request, *args, **kwargs) -> path`` names the page that shows the view's form:
    a form sent after the session ended is kept (``keep_form``) and the visitor signs in and
    comes back to that page, where the view puts the text back, rather than to an address
    that only takes a POST."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if request.method == "POST" and form_page is not None:
                    back_to = form_page(request, *args, **kwargs)
                    keep_form(request, form_page=back_to)
                    return redirect_to_login(back_to)
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
