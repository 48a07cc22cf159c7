"""Sign-ins, failed sign-ins and lockouts go to the audit log; a sign-in is e-mailed. A
changed e-mail address goes to the audit log and is e-mailed to the old address, whichever
page changed it (the account's own "Name and e-mail", an administrator's user editor, the
Django admin, a shell): it is caught where the account is saved."""

from __future__ import annotations

import logging
import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import translation

from accounts import selectors, services, tasks
from accounts.models import AccountEvent
from accounts.session import HAS_TWO_FACTOR, LAST_SEEN, SIGNED_IN_AT, remembered_language

Kind = AccountEvent.Kind
logger = logging.getLogger(__name__)


@receiver(user_logged_in, dispatch_uid="accounts_signed_in")
def _signed_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = request.session[LAST_SEEN] = now
    request.session[HAS_TWO_FACTOR] = selectors.has_two_factor(user)
    # Only a person sending a sign-in form is "a new sign-in": the test client's
    # force_login (and a shell's) makes a bare request with no method.
    if request.method != "POST":
        return
    event = services.record(Kind.SIGNED_IN, request=request, user=user,
                            detail=request.META.get("HTTP_USER_AGENT", "")[:255],
                            notice_email=user.email or "",
                            # /pl/sign-in/: the notice is in Polish unless the account chose
                            # otherwise. The bare /sign-in/ is where everyone is sent, so it
                            # says nothing of the reader's language.
                            language=translation.get_language_from_path(request.path_info)
                            or remembered_language(request))
    if user.email:
        transaction.on_commit(lambda: _queue_notice(event.pk))


def _queue_notice(event_id: int) -> None:
    # A queue that cannot be reached must not stop anyone signing in: the sign-in is in the
    # audit log either way.
    try:
        tasks.send_sign_in_notice.delay(event_id)
    except Exception:
        logger.exception("The sign-in e-mail for audit entry %s could not be queued", event_id)


@receiver(user_login_failed, dispatch_uid="accounts_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    services.record(Kind.SIGN_IN_FAILED, request=request, username=username or "")


@receiver(user_locked_out, dispatch_uid="accounts_locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    services.record(Kind.LOCKED_OUT, request=request, username=username or "",
                    detail=f"address {ip_address}" if ip_address else "")


def _email_may_change(update_fields) -> bool:
    # A save naming its fields (the last sign-in's time, on every sign-in) that leaves out
    # the address cannot change it: no query then.
    return update_fields is None or "email" in update_fields


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_email_was")
def _email_was(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None or not _email_may_change(update_fields):
        return
    instance._email_was = (get_user_model().objects.filter(pk=instance.pk)
                           .values_list("email", flat=True).first())


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_email_changed")
def _email_changed(sender, instance, created=False, raw=False, **kwargs):
    was = instance.__dict__.pop("_email_was", None)
    if raw or created or was is None:
        return
    tasks.email_changed_record(user=instance, old=was, new=instance.email or "")


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_deleted")
def _account_deleted(sender, instance, **kwargs):
    # The audit log outlives the account (its entries' user is emptied), but not the
    # account's e-mail addresses kept for its notices.
    tasks.account_addresses_forget(instance)
