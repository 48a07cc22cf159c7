"""The accounts' background work: e-mailing the account holder about a new sign-in, and the
old address of an account whose e-mail address was changed.

Sent through the outbox (``outbox.services.send_once``), so a retried task sends it once:
never again after a refusal for good or an answer that never came after DATA. One the
recipient's mail server deferred is sent once its pause is over by the ten-minute job
(``sign_in_notices_resend``, through the outbox's kinds: ``outbox.kinds.due_resend``), with
or without a broker: not by a retry of the task, which with no broker Celery would run at
once, find not due, and end.
"""

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from accounts.models import AccountEvent
from accounts.rules import masked_address
from outbox.messages import automatic_message
from outbox.models import ReleasedEmail, SentEmail
from outbox.services import SEND_ERRORS, Outgoing, due_again, send_once, waiting_withdrawn
from portal.selectors import transport_email, transport_phone

logger = logging.getLogger(__name__)

#: The outbox kind of the sign-in notice.
SIGN_IN_NOTICE_KIND = "sign_in_notice"
#: Why a waiting sign-in notice is settled unsent (the outbox row's ``failure``, which the
#: outbox admin shows officers): the account has no e-mail address now, or is gone.
NO_ADDRESS = "Not sendable: the account has no e-mail address now. Not sent."
NO_ACCOUNT = "Not sendable: the account or its sign-in record is gone. Not sent."
#: The outbox kind of the notice to an account's old address that the address was changed.
EMAIL_CHANGED_KIND = "email_changed_notice"
NO_OLD_ADDRESS = "Not sendable: the account or its record of the change is gone. Not sent."
#: How long an audit-log entry keeps the address its notice goes to (``notice_email``) when
#: the notice has not gone: longer than the mail server's deferrals last (about 16 hours,
#: ``outbox.deferrals.give_up_after``), so a notice deferred still reaches the address of
#: the moment, with days to spare for an officer to release one the mail server never
#: answered (that one then goes to the account's address now). One sent, or refused for
#: good, forgets it at once.
NOTICE_ADDRESS_KEPT = dt.timedelta(days=3)
#: How long the address stays kept while its notice was handed to the mail server and never
#: answered (waiting for an officer's decision, or released by one and not sent yet): the
#: notice released goes to it (the old address of a changed one is told; a sign-in's
#: address of that moment too), not only to the account's address now. After this the
#: address is forgotten all the same, and the officers' page says the notice of a changed
#: address will not go.
UNCONFIRMED_ADDRESS_KEPT = dt.timedelta(days=30)


def email_language(user, signed_in_in: str = "") -> str:
    """The language ``user`` reads the portal's e-mails in, the first of: the one they chose
    for notices (``notices.StaffNoticePreference``, at /notices/yours/); their admin
    language, when they set one (Wagtail's account preferences: a deliberate choice, which
    one visit to a translated page does not outrank); ``signed_in_in`` (the language of the
    sign-in page a notice is about, ``AccountEvent.language``: a parent who signed in at
    /pl/sign-in/ reads Polish); ``LANGUAGE_CODE``. Only codes of ``settings.LANGUAGES``
    count."""
    codes = {code for code, _name in settings.LANGUAGES}
    chosen = [_chosen(user, "notice_preference", "language"),
              _chosen(user, "wagtail_userprofile", "preferred_language"), signed_in_in]
    return next((code for code in chosen if code in codes), settings.LANGUAGE_CODE)


def _chosen(user, relation: str, field: str) -> str:
    try:
        return getattr(getattr(user, relation), field) or ""
    except ObjectDoesNotExist:
        return ""


def account_language(user) -> str:
    """``email_language`` of ``user``, with the language of their latest sign-in (one
    query more) in place of one sign-in's: for e-mails that are not about one sign-in
    (their address changed, a password reset). A sign-in at the bare /sign-in/ counts as
    the site's default language: the latest sign-in says how they read now, not the latest
    one made on a translated page."""
    latest = (AccountEvent.objects.filter(user=user, kind=AccountEvent.Kind.SIGNED_IN)
              .order_by("-at", "-pk").values_list("language", flat=True).first()
              ) if user.pk else None
    return email_language(user, latest or "")


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
    language = email_language(event.user, event.language)
    with translation.override(language):
        body = render_to_string("accounts/email/sign_in_notice.txt", {
            "event": event, "at": timezone.localtime(event.at),
            "account_url": settings.WAGTAILADMIN_BASE_URL + reverse("accounts:account"),
        })
        subject = translation.gettext("New sign-in to your SEND travel portal account")
    # The outbox's message class: a Polish or Arabic subject reads back as written.
    message = automatic_message(subject=subject, body=body, to=notice_addresses(event),
                                language=language)
    return _settled(event, send_once(kind=SIGN_IN_NOTICE_KIND, about=event, outgoing=[
        Outgoing(recipient_key=f"user:{event.user_id}", message=message)]))


def _settled(event: AccountEvent, delivery) -> int:
    """How many of ``event``'s notices went (``delivery.sent``); the address it kept for
    the notice is forgotten once the notice went or was refused for good: the audit log
    keeps no e-mail address longer than its notice needs it."""
    if delivery.sent or delivery.refused:
        AccountEvent.objects.filter(pk=event.pk).update(notice_email="")
    return len(delivery.sent)


def notice_addresses_forget(now: dt.datetime | None = None) -> int:
    """Forget (blank) the address kept for a notice (``AccountEvent.notice_email``) in the
    audit-log entries older than ``NOTICE_ADDRESS_KEPT`` at ``now``: notices that never went
    (the account lost its address, a mail server deferred it to the end). One whose notice
    the mail server never answered (an officer may release it), or that an officer released
    and no run has sent yet, keeps it until ``UNCONFIRMED_ADDRESS_KEPT``: the old address of
    a changed one is told, however late. One query. Returns how many entries were
    changed. Run by the ten-minute job (``sign_in_notices_resend``)."""
    now = now or timezone.now()
    notices = SentEmail.objects.filter(
        kind__in=[SIGN_IN_NOTICE_KIND, EMAIL_CHANGED_KIND], object_id=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(AccountEvent))
    released = ReleasedEmail.objects.filter(
        kind__in=[SIGN_IN_NOTICE_KIND, EMAIL_CHANGED_KIND], object_id=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(AccountEvent))
    # A notice handed over and never answered, or released and not sent since, keeps its
    # address (up to UNCONFIRMED_ADDRESS_KEPT): released, it goes where it was meant to.
    waiting = (Exists(notices.filter(attempted_at__isnull=False, sent_at__isnull=True,
                                     refused_at__isnull=True, withdrawn_at__isnull=True))
               | (Exists(released) & ~Exists(notices)))
    return (AccountEvent.objects.filter(at__lt=now - NOTICE_ADDRESS_KEPT)
            .exclude(notice_email="")
            .filter(~waiting | Q(at__lt=now - UNCONFIRMED_ADDRESS_KEPT))
            .update(notice_email=""))


def account_addresses_forget(user) -> int:
    """Forget the addresses kept for notices in ``user``'s audit-log entries: for an account
    being deleted (its entries stay, with the user emptied, and keep no address of it). One
    query; returns how many entries were changed."""
    return (AccountEvent.objects.filter(user=user).exclude(notice_email="")
            .update(notice_email=""))


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
    over, or left by a worker that died). Two queries when none is due: the second forgets
    the addresses kept longer than ``NOTICE_ADDRESS_KEPT`` (``notice_addresses_forget``).
    Returns how many went. For the ten-minute job (``outbox.kinds.due_resend``); call it
    outside a transaction."""
    notice_addresses_forget(now)
    return sum(sign_in_notice_send(event_id)
               for event_id in _events_due_again(SIGN_IN_NOTICE_KIND, now))


def _events_due_again(kind: str, now: dt.datetime | None) -> list[int]:
    """The ids of the audit-log entries whose ``kind`` of notice is due again at ``now``
    (``outbox.services.due_again``), in id order. One query."""
    return list(SentEmail.objects.filter(
        due_again(now=now or timezone.now()), kind=kind,
        content_type=ContentType.objects.get_for_model(AccountEvent))
        .order_by("object_id").values_list("object_id", flat=True))


@shared_task(autoretry_for=SEND_ERRORS, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=8)
def send_sign_in_notice(event_id: int) -> int:
    """``sign_in_notice_send``, queued after each sign-in (and when an officer releases one
    the mail server never answered). Retried with back-off when the mail server or the
    connection stops the run; one deferred is left to the ten-minute job. Returns how many
    e-mails went (0 or 1)."""
    return sign_in_notice_send(event_id)


def email_changed_notice_send(event_id: int) -> int:
    """E-mail the OLD address of an account whose e-mail address was changed (an
    ``AccountEvent`` of kind ``EMAIL_CHANGED``, its ``notice_email`` the old address): when
    it was changed, the new address masked (``rules.masked_address``: never in full), and
    whom to contact if it was not them (the service's e-mail address and phone number, from
    Service details, and a portal administrator), in the account's language
    (``account_language``). Once (``outbox.send_once``, kind ``EMAIL_CHANGED_KIND``), to the
    old address only: the new one is where whoever changed it reads. Returns how many went
    (0 or 1): 0 too when the record or the account is gone (one waiting is then withdrawn,
    ``NO_OLD_ADDRESS``), or it was deferred (sent by ``email_changed_notices_resend``) or
    refused."""
    event = (AccountEvent.objects.select_related("user")
             .filter(pk=event_id, kind=AccountEvent.Kind.EMAIL_CHANGED).first())
    if event is None or event.user is None or not event.notice_email:
        waiting_withdrawn(
            rows=Q(kind=EMAIL_CHANGED_KIND, object_id=event_id,
                   content_type=ContentType.objects.get_for_model(AccountEvent)),
            reason=NO_OLD_ADDRESS)
        return 0
    language = account_language(event.user)
    with translation.override(language):
        body = render_to_string("accounts/email/email_changed_notice.txt", {
            "event": event, "at": timezone.localtime(event.at),
            "new_address": event.detail, "service_email": transport_email(),
            "service_phone": transport_phone(),
            "account_url": settings.WAGTAILADMIN_BASE_URL + reverse("accounts:account"),
        })
        subject = translation.gettext(
            "The e-mail address of your SEND travel portal account was changed")
    message = automatic_message(subject=subject, body=body, to=[event.notice_email],
                                language=language)
    return _settled(event, send_once(kind=EMAIL_CHANGED_KIND, about=event, outgoing=[
        Outgoing(recipient_key=f"user:{event.user_id}", message=message)]))


def email_changed_record(*, user, old: str, new: str) -> AccountEvent | None:
    """Record that ``user``'s e-mail address was changed from ``old`` to ``new`` (the audit
    log: the old address kept as where the notice goes, the new one only masked) and queue
    the notice to the old address once the change is committed. None when there is no old
    address to tell, or the address is the same bar its capitals."""
    if not old or old.strip().lower() == (new or "").strip().lower():
        return None
    event = AccountEvent.objects.create(
        kind=AccountEvent.Kind.EMAIL_CHANGED, user=user, username=user.get_username()[:150],
        detail=masked_address(new), notice_email=old)
    transaction.on_commit(lambda: _queue_email_changed(event.pk), robust=True)
    return event


def _queue_email_changed(event_id: int) -> None:
    # A queue that cannot be reached must not undo the change: the ten-minute job's
    # resend does not find it (no outbox row yet), so the failure is logged loudly.
    try:
        send_email_changed_notice.delay(event_id)
    except Exception:
        logger.exception("The e-mail-changed notice for audit entry %s could not be queued",
                         event_id)


def released_email_changed_not_going(releases: list) -> dict[int, str]:
    """Why each released e-mail-changed notice will never go, by release (or unconfirmed
    row) id: its record or the account is gone, or the old address, where it goes, is no
    longer kept (``UNCONFIRMED_ADDRESS_KEPT`` passed: ``notice_addresses_forget``). One
    query; never an address."""
    kept = dict(AccountEvent.objects.filter(pk__in={r.object_id for r in releases},
                                            user__isnull=False)
                .values_list("pk", "notice_email"))
    found = {}
    for release in releases:
        if release.object_id not in kept:
            found[release.pk] = gettext("the account or its record of the change is gone.")
        elif not kept[release.object_id]:
            found[release.pk] = gettext("the old address is no longer kept.")
    return found


def email_changed_notices_resend(now: dt.datetime | None = None) -> int:
    """Send again, once each, the e-mail-changed notices due again at ``now`` (as
    ``sign_in_notices_resend``). Returns how many went."""
    return sum(email_changed_notice_send(event_id)
               for event_id in _events_due_again(EMAIL_CHANGED_KIND, now))


@shared_task(autoretry_for=SEND_ERRORS, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=8)
def send_email_changed_notice(event_id: int) -> int:
    """``email_changed_notice_send``, queued once an account's address change is committed
    (and when an officer releases one the mail server never answered). Returns how many
    e-mails went (0 or 1)."""
    return email_changed_notice_send(event_id)


class PasswordResetMailForm(WagtailPasswordResetForm):
    """Wagtail's reset form whose e-mail is the portal's: its sender name, automatic, in the
    account's language (``account_language``)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        """Send the reset link to ``to_email`` for ``context["user"]`` (Django's signature;
        ``from_email`` is replaced by the portal's sender). A failure is logged, as Django
        does, by the account's id, never its address."""
        language = account_language(context["user"])
        with translation.override(language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        message = automatic_message(subject=subject, body=body, to=[to_email],
                                    language=language)
        try:
            message.send()
        except Exception:
            logger.exception("Failed to send password reset email to %s",
                             context["user"].pk)


@shared_task
def send_password_reset(email: str, *, domain: str, site_name: str, use_https: bool,
                        subject_template_name: str, email_template_name: str,
                        html_email_template_name: str | None = None) -> int:
    """E-mail a password-reset link to each active account with a usable password whose
    address is ``email`` (Django's ``PasswordResetForm.save``: its token generator, the
    link on ``domain``, or ``PORTAL_BASE_URL`` in Wagtail's template), queued by the reset
    page (``password_reset.PasswordResetForm``) whether or not there is such an account.
    Not retried: a link that did not go is asked for again. Returns how many accounts were
    found (0 for an address with none)."""
    form = PasswordResetMailForm({"email": email})
    if not form.is_valid():
        return 0
    found = len(list(form.get_users(form.cleaned_data["email"])))
    DjangoPasswordResetForm.save(
        form, domain_override=domain, subject_template_name=subject_template_name,
        email_template_name=email_template_name, use_https=use_https,
        html_email_template_name=html_email_template_name,
        extra_email_context={"site_name": site_name})
    return found
