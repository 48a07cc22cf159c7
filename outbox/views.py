"""The officers' "E-mails never confirmed" page in the Wagtail admin: each message handed to
the mail server that never answered, and a form to release one for sending again once the
mail server's log shows it was not delivered."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.defaultfilters import date as date_format
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox import selectors, services
from outbox.forms import ReleaseForm
from outbox.permissions import can_release_unconfirmed


def unconfirmed(request):
    """GET: the messages never confirmed (``selectors.unconfirmed_emails``) and the releases
    made lately with where each message stands now. POST: release one
    (``services.unconfirmed_release``), then the page again. A form sent twice, or from a
    second tab, releases nothing more and says who released it; a refused form keeps what
    was typed. Officers and administrators only (``PermissionDenied``)."""
    if not can_release_unconfirmed(request.user):
        raise PermissionDenied
    form, status, notice = None, 200, ""
    if request.method == "POST":
        form = ReleaseForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                release, made = services.unconfirmed_release(
                    record_id=data["record"], claim=data["claim"], user=request.user,
                    reason=data["reason"], checked=data["checked"])
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field, problem)
            except services.WillNotGo as refused:
                status, notice = 409, _(
                    "Nothing was released, because this message would never go: "
                    "%(why)s") % {"why": refused.why}
            except services.NotUnconfirmed:
                status, notice = 409, _(
                    "This message is no longer waiting for a decision: it was confirmed or "
                    "refused by the mail server since this page was opened. Nothing was "
                    "released.")
            else:
                if made:
                    messages.success(request, _(
                        "Released. It goes with the next run of its job, once; this page "
                        "says when it has gone."))
                    return redirect("outbox_unconfirmed")
                who = release.released_by.get_username() if release.released_by else ""
                status, notice = 409, _(
                    "This message was already released for sending again (by %(who)s, "
                    "%(when)s), from this page in another tab or by an earlier press. "
                    "Nothing more was done: it goes once.") % {
                    "who": who or _("an account since deleted"),
                    "when": date_format(timezone.localtime(release.released_at),
                                        "j E Y, H:i")}
    return TemplateResponse(request, "outbox/admin/unconfirmed.html", {
        "rows": selectors.unconfirmed_emails(),
        "releases": selectors.releases_recent(),
        "form": form, "bound_record": form.data.get("record") if form else None,
        "kept_reason": (form.data.get("reason") or "").strip() if notice else "",
        "notice": notice, "listed": selectors.LISTED,
        "outcomes": {"sent": selectors.SENT_AGAIN, "sending": selectors.SENDING_AGAIN,
                     "unconfirmed": selectors.UNCONFIRMED_AGAIN,
                     "refused": selectors.REFUSED, "not_yet": selectors.NOT_YET,
                     "not_going": selectors.NOT_GOING},
    }, status=status)
