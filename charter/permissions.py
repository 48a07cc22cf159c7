"""Who may do what in co-production, declared in one place.

Roles are Django groups made by migration: Officers, Forum representatives,
Governance board. Superusers count as officers (they can do everything an
officer can) but never as the forum: only the forum speaks for the forum.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Locale, PagePermissionTester, get_page_models

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


def is_administrator(user) -> bool:
    """The council's administrators (Django superusers): the only role that may take a
    co-produced page off the site at once, with a reason that is logged."""
    return bool(user is not None and user.is_authenticated and user.is_superuser)


# --- what may happen to a co-produced page in the Wagtail admin ----------------------
#
# The decision table is in the README ("What each role can and cannot do"). In short,
# for a co-produced page (policy, FAQ, update to families, charter, working agreement,
# consultation, survey):
#   publish ............ only the workflow, when the forum agrees (nobody directly)
#   copy ............... officers and administrators; the copy always starts as a draft
#   revert ............. loads an old revision as a new draft, which goes to the forum
#   unpublish .......... administrators only, with a reason: logged and shown on the board
#   delete ............. nobody, once the page is part of the record; an unsent draft may go
#   move ............... nobody, once the page is part of the record (its address is cited)
#   privacy ............ nobody (hiding a page is unpublishing it)
#   cancel a scheduled
#   publish ............ nobody (the forum agreed it; a newer agreed version replaces it)
#   translations ....... officers publish a translation of an agreed version; logged


def coproduced_content_types() -> list:
    return list(ContentType.objects.get_for_models(
        *[m for m in get_page_models() if getattr(m, "coproduced", False)]
    ).values())


def _on_record() -> Q:
    # Published once, sent to the forum once, or commented on: versions, comments and
    # evidence entries refer to the page from then on.
    return (Q(live=True) | Q(first_published_at__isnull=False)
            | Q(_workflow_states__isnull=False) | Q(versions__isnull=False)
            | Q(forum_comments__isnull=False) | Q(disagreements__isnull=False))


def pages_on_record(pages):
    """The co-produced pages among ``pages`` (a Page queryset) that are part of the record."""
    return pages.filter(content_type__in=coproduced_content_types()).filter(_on_record())


def page_on_record(page) -> bool:
    """True once a co-produced page is part of the record (see ``pages_on_record``)."""
    if page.live or page.first_published_at:
        return True
    return page.__class__.objects.filter(pk=page.pk).filter(_on_record()).exists()


def is_translation(page) -> bool:
    """A page in another language than the default: its words are a translation of a
    version the forum agreed (wagtail-localize keeps them in step)."""
    return page.locale_id != Locale.get_default().pk


class CoProducedPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed for pages written with the forum.

    Wagtail asks this object before showing each button and again in each view and
    bulk action, so what a role may not do is neither offered nor allowed.
    """

    def can_publish(self):
        # The workflow publishes (as no user) when the forum agrees. Translations of an
        # agreed version are published by officers and logged (see charter.signals).
        return is_translation(self.page) and super().can_publish()

    def can_unpublish(self):
        return is_administrator(self.user) and super().can_unpublish()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and not page_on_record(self.page)

    def can_move(self):
        return super().can_move() and not page_on_record(self.page)

    def can_set_view_restrictions(self):
        return False

    def can_unschedule(self):
        return False


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


def sign_in_url() -> str:
    """The sign-in page in the language being read (``/pl/sign-in/`` on a Polish page,
    ``/sign-in/`` on an English one): the reader signs in in their own language."""
    return reverse("sign_in_in_language")


def role_required(allowed, *, form_page=None):
    """Front-end views: send anonymous visitors to sign in (in the language they were
    reading, keeping ``next``); refuse anyone ``allowed`` refuses.

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
                    return redirect_to_login(back_to, sign_in_url())
                return redirect_to_login(request.get_full_path(), sign_in_url())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
