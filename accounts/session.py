"""What the accounts app keeps in a signed-in session, and where a signed-in person lands.

Session keys (all under ``accounts_``): when the session signed in, when it was last used,
whether the account has two-factor set up (read once at sign-in, so pages need no extra
query), and a notice for the sign-in page ("you were signed out because...").
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from charter.permissions import is_board_member, is_forum_rep, is_officer

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
HAS_TWO_FACTOR = "accounts_has_two_factor"
# Set on the fresh, signed-out session: "idle" or "everywhere".
NOTICE = "accounts_notice"
# The language of the sign-in page used (/pl/sign-in/: "pl"): the account and two-factor
# pages, served at English addresses only, speak it (``AccountLanguageMiddleware``).
READER_LANGUAGE = "accounts_reader_language"


def remembered_language(request) -> str:
    """The language the person signed in in ("pl", "ar"), or "" (English, or not known)."""
    session = getattr(request, "session", None)
    return (session.get(READER_LANGUAGE, "") if session is not None else "") or ""


def landing_page(user, language: str = "") -> str:
    """Where someone goes after signing in when no page asked for them: the forum's home,
    the board's, the admin for officers, the home page for anyone else, in ``language``
    when it is given (the language signed in in: "/pl/" after /pl/sign-in/)."""
    if is_forum_rep(user):
        return reverse("forum_home")
    if is_board_member(user):
        return reverse("board_home")
    if is_officer(user):
        return reverse("wagtailadmin_home")
    if not language:
        return "/"
    with translation.override(language):  # Wagtail's pages, under the language's prefix
        return reverse("wagtail_serve", args=[""])
