"""The accounts' background work: e-mailing the account holder about a new sign-in.

Sent through the outbox (``outbox.services.send_once``), so a retried task sends it once:
never again after a refusal for good or an answer that never came after DATA, and, when the
recipient's mail server deferred it, once more when its pause is over.
"""


from celery import shared_task
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AccountEvent
from core.mail import AUTOMATIC_HEADERS, message_id, portal_sender
from outbox.deferrals import MOST_TRIES
from outbox.messages import PortalEmailMessage
from outbox.services import (
    SEND_ERRORS,
    MessageDeferred,
    Outgoing,
    retry_countdown,
    send_once,
)


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


@shared_task(bind=True, autoretry_for=SEND_ERRORS, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=8)
def send_sign_in_notice(self, event_id: int) -> int:
    """E-mail the account that it was signed in to (when, from which address, which
    browser), with what to do if it was not them. Returns how many e-mails went (0 or 1)."""
    event = AccountEvent.objects.select_related("user").filter(pk=event_id).first()
    if event is None or event.user is None or not event.user.email:
        return 0
    language = email_language(event.user)
    with translation.override(language):
        body = render_to_string("accounts/email/sign_in_notice.txt", {
            "event": event, "at": timezone.localtime(event.at),
            "account_url": settings.WAGTAILADMIN_BASE_URL + reverse("accounts:account"),
        })
        subject = translation.gettext("New sign-in to your SEND travel portal account")
    # The outbox's message class: a Polish or Arabic subject reads back as written.
    message = PortalEmailMessage(subject=subject, body=body, to=[event.user.email],
                                 from_email=portal_sender(),
                                 headers={"Message-ID": message_id(),
                                          "Content-Language": language, **AUTOMATIC_HEADERS})
    delivery = send_once(kind="sign_in_notice", about=event,
                         outgoing=[Outgoing(recipient_key=f"user:{event.user_id}",
                                            message=message)])
    countdown = retry_countdown(delivery)
    if countdown is not None:
        raise self.retry(countdown=countdown, max_retries=self.max_retries + MOST_TRIES,
                         exc=MessageDeferred())
    return len(delivery.sent)
