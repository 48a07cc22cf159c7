"""The accounts' background work: e-mailing the account holder about a new sign-in.

Sent through the outbox (``outbox.services.send_once``), so a retried task sends it once:
never again after a refusal for good or an answer that never came after DATA. One the
recipient's mail server deferred is sent once its pause is over by the ten-minute job
(``sign_in_notices_resend``, through the outbox's kinds: ``outbox.kinds.due_resend``), with
or without a broker: not by a retry of the task, which with no broker Celery would run at
once, find not due, and end.
"""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import AccountEvent
from core.mail import AUTOMATIC_HEADERS, message_id, portal_sender
from outbox.messages import PortalEmailMessage
from outbox.models import SentEmail
from outbox.services import SEND_ERRORS, Outgoing, due_again, send_once, waiting_withdrawn

#: The outbox kind of the sign-in notice.
SIGN_IN_NOTICE_KIND = "sign_in_notice"
#: Why a waiting sign-in notice is settled unsent (the outbox row's ``failure``, which the
#: outbox admin shows officers): the account has no e-mail address now, or is gone.
NO_ADDRESS = "Not sendable: the account has no e-mail address now. Not sent."
NO_ACCOUNT = "Not sendable: the account or its sign-in record is gone. Not sent."


def email_language(user) -> str:
    """The language ``user`` reads the portal's e-mails in: the one they chose for notices
    (``notices.StaffNoticePreference``, at /notices/yours/), else their admin language
    (Wagtail's account preferences), else ``LANGUAGE_CODE``. Only codes of
    ``settings.LANGUAGES`` count."""
    codes = {code for code, _name in settings.LANGUAGES}
    for relation, field in (("notice_preference", "language"),
                            ("wagtail_userprofile", "preferred_language")):
        try:
            chosen = getattr(getattr(user, relation), field)
        except ObjectDoesNotExist:
            continue
        if chosen in codes:
            return chosen
    return settings.LANGUAGE_CODE


def sign_in_notice_send(event_id: int) -> int:
    """E-mail the account that it was signed in to (when, from which address, which
    browser), with what to do if it was not them, once (``outbox.send_once``, kind
    ``SIGN_IN_NOTICE_KIND``). Returns how many e-mails went (0 or 1): 0 too when the event or
    the account's address is gone (one waiting is then withdrawn as not sendable, its
    ``failure`` saying why: ``NO_ADDRESS``, ``NO_ACCOUNT``), or the message was deferred
    (sent later by ``sign_in_notices_resend``) or refused."""
    event = AccountEvent.objects.select_related("user").filter(pk=event_id).first()
    if event is None or event.user is None or not notice_addresses(event):
        # Nowhere to send it (the account, or its address, is gone): one waiting (deferred
        # by the mail server, or left by a stopped worker) is settled as not sendable, with
        # the reason on the outbox row, rather than being tried again for ever.
        waiting_withdrawn(
            rows=Q(kind=SIGN_IN_NOTICE_KIND, object_id=event_id,
                   content_type=ContentType.objects.get_for_model(AccountEvent)),
            reason=NO_ADDRESS if event is not None and event.user is not None
            else NO_ACCOUNT)
        return 0
    language = email_language(event.user)
    with translation.override(language):
        body = render_to_string("accounts/email/sign_in_notice.txt", {
            "event": event, "at": timezone.localtime(event.at),
            "account_url": settings.WAGTAILADMIN_BASE_URL + reverse("accounts:account"),
        })
        subject = translation.gettext("New sign-in to your SEND travel portal account")
    # The outbox's message class: a Polish or Arabic subject reads back as written.
    message = PortalEmailMessage(subject=subject, body=body, to=notice_addresses(event),
                                 from_email=portal_sender(),
                                 headers={"Message-ID": message_id(),
                                          "Content-Language": language, **AUTOMATIC_HEADERS})
    return len(send_once(kind=SIGN_IN_NOTICE_KIND, about=event,
                         outgoing=[Outgoing(recipient_key=f"user:{event.user_id}",
                                            message=message)]).sent)


def notice_addresses(event: AccountEvent) -> list[str]:
    """Where ``event``'s sign-in notice goes: the address the account had when it was
    signed in to (``AccountEvent.notice_email``), however late the notice is sent, so
    whoever signed in cannot hide it by changing the account's address; and the account's
    address now as well when that differs. A sign-in recorded before the address was kept
    goes to the account's address now. Empty only when neither is known: then nothing goes."""
    current = event.user.email if event.user is not None else ""
    kept = event.notice_email or current
    if not kept:
        return []
    return [kept] + ([current] if current and current.lower() != kept.lower() else [])


def released_sign_in_notices_not_going(releases: list) -> dict[int, str]:
    """Why each released sign-in notice (about an ``AccountEvent``) will never go, by release
    (or unconfirmed row) id: the account, or its sign-in record, is gone, or no address is
    known for it (none kept at the sign-in and none now: ``notice_addresses``), so
    ``sign_in_notice_send`` sends nothing. One still to go is
    left out. One query; never an address."""
    accounts = {pk: (user_id, kept or email) for pk, user_id, email, kept in
                AccountEvent.objects.filter(pk__in={r.object_id for r in releases})
                .values_list("pk", "user_id", "user__email", "notice_email")}
    found = {}
    for release in releases:
        user_id, email = accounts.get(release.object_id, (None, ""))
        if user_id is None:
            found[release.pk] = gettext("the account or its sign-in record is gone.")
        elif not email:
            found[release.pk] = gettext("the account has no e-mail address now.")
    return found


def sign_in_notices_resend(now: dt.datetime | None = None) -> int:
    """Send again, once each, the sign-in notices due again at ``now``
    (``outbox.services.due_again``: deferred by the recipient's mail server and their pause
    over, or left by a worker that died). One query when none is due. Returns how many
    went. For the ten-minute job (``outbox.kinds.due_resend``); call it outside a
    transaction."""
    events = (SentEmail.objects.filter(
        due_again(now=now or timezone.now()), kind=SIGN_IN_NOTICE_KIND,
        content_type=ContentType.objects.get_for_model(AccountEvent))
        .order_by("object_id").values_list("object_id", flat=True))
    return sum(sign_in_notice_send(event_id) for event_id in list(events))


@shared_task(autoretry_for=SEND_ERRORS, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=8)
def send_sign_in_notice(event_id: int) -> int:
    """``sign_in_notice_send``, queued after each sign-in (and when an officer releases one
    the mail server never answered). Retried with back-off when the mail server or the
    connection stops the run; one deferred is left to the ten-minute job. Returns how many
    e-mails went (0 or 1)."""
    return sign_in_notice_send(event_id)
