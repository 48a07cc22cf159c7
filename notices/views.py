"""Subscribing without an account: ask, confirm from the e-mail, manage, unsubscribe.

Every page answers the same whether or not an address is subscribed, so the form cannot be
used to find out who follows what. Typed words come back with a plain message on every
refusal.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from charter.permissions import can_use_forum_area, is_forum_rep, is_officer, role_required
from core.form_messages import error_summary, too_many_for_address, too_many_from_here
from notices import addresses, emails, selectors, services, staff_topics, tasks, tokens
from notices.forms import (
    FollowForm,
    ManageForm,
    StaffPreferenceForm,
    SubscribeForm,
    page_value,
)
from notices.models import StaffNoticePreference, Subscriber
from portal.client_address import address_fingerprint

logger = logging.getLogger(__name__)
User = get_user_model()


@never_cache
def subscribe(request):
    """GET: the form (``?page=<id>`` offers that policy first). POST: send the confirmation
    and show "check your e-mail"; a robot trap filled in is shown the same page."""
    page = selectors.followable_page(request.GET.get("page") or request.POST.get("page"))
    page_title = page.title if page else None
    form = SubscribeForm(request.POST or None, pages=[page] if page else [],
                         initial={"topics": [page_value(page)] if page else []})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if not form.cleaned_data["website"]:
                wanted = services.subscription_request(
                    email=form.cleaned_data["email"], topic_names=form.chosen_topics(),
                    page=page, frequency=form.cleaned_data["frequency"],
                    language=translation.get_language(), sender=address_fingerprint(request))
                if wanted is not None:
                    token = tokens.request_token(wanted)
                    # On record before the task is queued: an unsubscribe before it runs
                    # ends it (``services.confirmations_ended``).
                    services.confirmation_asked(request=wanted, token=token,
                                                page_title=page_title)
                    tasks.send_confirmation.delay(wanted, token, page_title)
                else:
                    # Said plainly rather than "we have sent a link": none went. It tells
                    # only that this address was asked for minutes ago, not who follows what.
                    earlier = services.fresh_link_language(form.cleaned_data["email"])
                    return render(request, "notices/sent.html", {
                        "email": addresses.written(form.cleaned_data["email"]),
                        "days": tokens.CONFIRM_DAYS,
                        "sent_before": True,
                        # Named in the reader's language: they may not read the other.
                        "sent_in": (emails.language_name(earlier)
                                    if earlier and earlier != translation.get_language()
                                    else "")})
            # As it is written to: a browser sends a typed "żółw.pl" as "xn--w-uga1v8h.pl".
            return render(request, "notices/sent.html", {
                "email": addresses.written(form.cleaned_data["email"]),
                "days": tokens.CONFIRM_DAYS})
        except services.TooManyFromHere:
            # Said plainly (it gives nobody's subscription away); the typed words stay.
            form.add_error(None, too_many_from_here())
            status = 429
        except services.TooManyForAddress:
            form.add_error(None, too_many_for_address())
            status = 429
    return render(request, "notices/subscribe.html", {
        "form": form, "page": page, "error_rows": error_summary(form)},
        status=400 if status == 200 and form.errors else status)


@never_cache
def confirm(request, token):
    """GET: what the link asks for, with a button (mail scanners follow links, and must not
    subscribe anyone). POST: confirm exactly what the page showed (its form carries their
    digest, ``shown``), then the subscriber's manage page; if a request for the same address
    changed them since, nothing is saved and the page shows them as they are now (409)."""
    try:
        wanted = tokens.request_from(token)
    except tokens.LinkExpired:
        return render(request, "notices/link_problem.html", {"expired": True}, status=410)
    except tokens.LinkBroken:
        return render(request, "notices/link_problem.html", {"expired": False}, status=400)
    # Remembered by the request the link carries, not by how the link is spelt.
    token_hash = tokens.used_link_key(wanted, token)
    legacy_hash = tokens.confirm_token_hash(token)
    if request.method == "POST":
        try:
            subscriber = services.subscription_confirm(request=wanted, token_hash=token_hash,
                                                       legacy_hash=legacy_hash,
                                                       shown=request.POST.get("shown"))
        except services.ConfirmationUsed:
            return _link_used(request, wanted)
        except services.ChoicesChanged as changed:
            return _confirm_page(request, wanted, token_hash, changed.choices, changed=True)
        # The links to change or stop it, by e-mail as well as on the page it goes to.
        _queue(tasks.send_subscribed, subscriber.pk, f"link:{token_hash[:32]}")
        messages.success(request, " ".join([
            _("Thank you. Your subscription is confirmed."),
            _("This page is yours, to change or stop your e-mails at any time: we have "
              "e-mailed you its link too.")]))
        return redirect("notices:manage", token=tokens.subscriber_token(subscriber.pk))
    if selectors.confirmation_link_used(token_hash, legacy_hash):
        # Said on opening, not only once the button is pressed.
        return _link_used(request, wanted)
    return _confirm_page(request, wanted, token_hash, services.confirmation_choices(wanted))


def _confirm_page(request, wanted, token_hash, choices, *, changed=False):
    labels = []
    for topic_names, page_id in choices.adds:
        labels += [label for label in _topic_labels(topic_names,
                                                    selectors.followable_page(page_id))
                   if label not in labels]
    # Only the holder of the mailbox opens its link: the page may say the address is
    # subscribed, and that confirming keeps its e-mails' language.
    kept_language = selectors.subscriber_language(wanted["email"])
    return render(request, "notices/confirm.html", {
        "wanted": wanted, "topic_labels": labels, "changed": changed,
        "kept_language": emails.language_name(kept_language) if kept_language else "",
        "shown": choices.digest(token_hash),
        "frequency_label": Subscriber.Frequency(choices.frequency).label},
        status=409 if changed else 200)


def _queue(task, *args) -> None:
    """Queue ``task``; a queue that cannot be reached is logged, never shown to the person
    (what they did is saved, and the message is only a copy of what the page says)."""
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - the broker down: the page still answers
        logger.exception("Could not queue %s", task.name)


def _link_used(request, wanted):
    """A confirmation link pressed before: whether its address is subscribed now (only the
    holder of that address's link sees this) decides what to do next."""
    return render(request, "notices/link_problem.html", {
        "used": True, "subscribed": selectors.is_subscribed(wanted["email"])}, status=410)


def _topic_labels(names, page):
    labels = dict(FollowForm(pages=[page] if page else []).fields["topics"].choices)
    values = [page_value(page) if name == "page" and page else name for name in names]
    return [labels[value] for value in values if value in labels]


def _subscriber(token):
    try:
        return selectors.subscriber_for_link(tokens.subscriber_id_from(token))
    except tokens.LinkBroken:
        return None


@never_cache
def manage(request, token):
    """What the subscriber follows, how often and in which language; change it or
    unsubscribe. The page's own address is the subscriber's link to it, shown to copy.

    Opened in two tabs: a save from a page opened before the other tab saved (its
    ``state``, ``selectors.subscription_state``, no longer matches) saves nothing, says so
    (409) and shows the choices made on this page, ready to save, beside what is saved now;
    a policy the other tab stopped following is named, not re-added. A save after the other
    tab unsubscribed offers the subscribe form with the choices kept (409)."""
    subscriber = _subscriber(token)
    if subscriber is None:
        if request.method == "POST" and _token_checks_out(token):
            return _subscribe_again(request)
        return render(request, "notices/link_problem.html", {"gone": True}, status=404)
    # A link sent to a subscriber since merged into this one (one address in other
    # capitals) works, and the page says so and gives the address's own link.
    own_token = tokens.subscriber_token(subscriber.pk)
    # Told by the id the link carries, not by its letters: a link signed with a key from
    # before a rotation is the subscriber's own link too.
    merged = tokens.subscriber_id_from(token) != subscriber.pk
    followed = list(subscriber.subscriptions.select_related("page"))
    pages = [s.page for s in followed if s.page_id]
    # Each followed policy named in the language this page is read in.
    shown = selectors.pages_in(pages, translation.get_language())
    state = selectors.subscription_state(subscriber, followed)
    data, stale, unfollowed = request.POST or None, False, []
    if request.method == "POST" and request.POST.get("state", state) != state:
        stale = True
        data = request.POST.copy()
        kept = {page_value(page) for page in pages}
        chosen = data.getlist("topics")
        unfollowed = selectors.page_titles([int(v.split(":", 1)[1]) for v in chosen
                                            if v.startswith("page:") and v not in kept
                                            and v.split(":", 1)[1].isdigit()])
        unfollowed = list(selectors.pages_in(unfollowed, translation.get_language()).values())
        data.setlist("topics", [v for v in chosen if not v.startswith("page:") or v in kept])
    form = ManageForm(data, pages=pages, shown=shown,
                      initial={"topics": [page_value(s.page) if s.page_id else s.topic
                                          for s in followed],
                               "frequency": subscriber.frequency,
                               "language": subscriber.language})
    if request.method == "POST" and not stale and form.is_valid():
        services.subscription_update(subscriber=subscriber,
                                     topic_names=form.chosen_topics(),
                                     page_ids=form.chosen_page_ids(),
                                     frequency=form.cleaned_data["frequency"],
                                     language=form.cleaned_data["language"])
        messages.success(request, _("Your choices are saved."))
        return redirect("notices:manage", token=own_token)
    if stale:
        form.is_valid()  # the choices made on this page, with any problem in them
    status = 409 if stale else 400 if form.errors else 200
    return render(request, "notices/manage.html", {
        "form": form, "subscriber": subscriber, "token": token, "state": state,
        "stale": stale, "unfollowed": unfollowed, "merged": merged,
        "saved_now": _saved_now(followed, subscriber, shown) if stale else None,
        "manage_url": request.build_absolute_uri(
            reverse("notices:manage", kwargs={"token": own_token})),
        "error_rows": [] if stale else error_summary(form)}, status=status)


def _token_checks_out(token) -> bool:
    try:
        tokens.subscriber_id_from(token)
    except tokens.LinkBroken:
        return False
    return True


def _saved_now(followed, subscriber, shown) -> dict:
    """What is saved now, as the manage page names it: the topics' labels (a policy by its
    title in the page's language, ``shown``), how often and the e-mails' language."""
    labels = dict(FollowForm(pages=[s.page for s in followed if s.page_id], shown=shown)
                  .fields["topics"].choices)
    values = [page_value(s.page) if s.page_id else s.topic for s in followed]
    return {"topics": [labels[v] for v in values if v in labels],
            "frequency": Subscriber.Frequency(subscriber.frequency).label,
            "language": dict(settings.LANGUAGES).get(subscriber.language, "")}


def _subscribe_again(request):
    """A manage page saved after the address was unsubscribed (in another tab): nothing is
    saved, the address is gone; the subscribe form comes back with the choices made (a
    policy followed among them, when it can still be followed), for the person to give an
    address again."""
    chosen = request.POST.getlist("topics")
    page_ids = [v.split(":", 1)[1] for v in chosen if v.startswith("page:")]
    page = selectors.followable_page(page_ids[0]) if page_ids else None
    form = SubscribeForm(pages=[page] if page else [], initial={
        "topics": [v for v in chosen if not v.startswith("page:")
                   or (page and v == page_value(page))],
        "frequency": request.POST.get("frequency") or Subscriber.Frequency.IMMEDIATELY})
    return render(request, "notices/subscribe.html", {
        "form": form, "page": page, "error_rows": [], "unsubscribed_elsewhere": True},
        status=409)


@csrf_exempt  # RFC 8058: a mail program's one-click unsubscribe posts with no page or token
@never_cache
def unsubscribe(request, token):
    """GET: a button. POST (from the page or a mail program's one-click): delete the
    subscriber and their address. A link already used says so plainly; a link cut short or
    altered says it does not work, and never that an address was deleted."""
    try:
        subscriber_id = tokens.subscriber_id_from(token)
    except tokens.LinkBroken:
        return render(request, "notices/link_problem.html", {"expired": False}, status=400)
    subscriber = selectors.subscriber_for_link(subscriber_id)
    if request.method == "POST":
        if subscriber is not None:
            services.unsubscribe(subscriber=subscriber)
        return render(request, "notices/unsubscribed.html",
                      {"already": subscriber is None})
    if subscriber is None:
        return render(request, "notices/unsubscribed.html", {"already": True})
    return render(request, "notices/unsubscribe.html", {"token": token})


#: RFC 8058: what a mail program's one-click unsubscribe posts.
ONE_CLICK = ("List-Unsubscribe", "One-Click")


@csrf_exempt  # RFC 8058: a mail program's one-click unsubscribe posts with no page or cookie
@never_cache
def staff_emails(request, token):
    """A forum representative's or an officer's own page for their co-production e-mails,
    reached from the link at the end of each one, without signing in (its token,
    ``tokens.staff_token``, names them). GET: how they hear now, and the choices (each time,
    once a day, none) and language, to change. POST from a mail program's one-click
    unsubscribe (``List-Unsubscribe=One-Click``, RFC 8058): their notices are turned off,
    and the page says so, with the choices to turn them back on. POST from the page's form:
    saved. A link altered or cut short, or whose account is gone or closed, changes nothing
    and says it does not work."""
    try:
        user_id = tokens.staff_user_id_from(token)
    except tokens.LinkBroken:
        return render(request, "notices/link_problem.html", {"expired": False}, status=400)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return render(request, "notices/link_problem.html", {"expired": False}, status=404)
    turned_off = request.method == "POST" and request.POST.get(ONE_CLICK[0]) == ONE_CLICK[1]
    preference = (services.staff_notices_off(user=user) if turned_off
                  else services.staff_preference(user))
    data = request.POST if request.method == "POST" and not turned_off else None
    form = StaffPreferenceForm(data, initial={"frequency": preference.frequency,
                                              "language": preference.language})
    if data is not None and form.is_valid():
        services.staff_preference_set(user=user, **form.cleaned_data)
        messages.success(request, _("Saved. We will e-mail you as you chose."))
        return redirect("notices:staff_emails", token=token)
    return render(request, "notices/staff_emails.html", {
        "form": form, "error_rows": error_summary(form), "turned_off": turned_off,
        "off": preference.frequency == StaffNoticePreference.Frequency.OFF,
        "email": user.email}, status=400 if form.errors else 200)


@never_cache
@role_required(can_use_forum_area)
def staff_preferences(request):
    """A forum representative's or an officer's choice: every notice as it happens, or one
    e-mail each morning; and the e-mails' language. What each role hears of is listed."""
    preference = services.staff_preference(request.user)
    form = StaffPreferenceForm(request.POST or None, initial={
        "frequency": preference.frequency, "language": preference.language})
    if request.method == "POST" and form.is_valid():
        services.staff_preference_set(user=request.user, **form.cleaned_data)
        messages.success(request, _("Saved. We will e-mail you as you chose."))
        return redirect("notices:staff_preferences")
    roles = [role for role, holds in ((staff_topics.FORUM, is_forum_rep(request.user)),
                                      (staff_topics.OFFICERS, is_officer(request.user))) if holds]
    return render(request, "notices/staff_preferences.html", {
        "form": form, "error_rows": error_summary(form), "roles": roles,
        "email": request.user.email}, status=400 if form.errors else 200)
