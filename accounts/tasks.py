"""The accounts' background work: e-mailing the account holder about a new sign-in.

Sent through the outbox (``outbox.services.send_once``), so a retried task sends it once.
"""


from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AccountEvent
from core.mail import message_id
from outbox.services import SEND_ERRORS, Outgoing, send_once


@shared_task(autoretry_for=SEND_ERRORS, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=8)
def send_sign_in_notice(event_id: int) -> int:
    """E-mail the account that it was signed in to (when, from which address, which
    browser), with what to do if it was not them. Returns how many e-mails went (0 or 1)."""
    event = AccountEvent.objects.select_related("user").filter(pk=event_id).first()
    if event is None or event.user is None or not event.user.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("accounts/email/sign_in_notice.txt", {
            "event": event, "at": timezone.localtime(event.at),
            "account_url": settings.WAGTAILADMIN_BASE_URL + reverse("accounts:account"),
        })
        subject = translation.gettext("New sign-in to your SEND travel portal account")
    message = EmailMessage(subject=subject, body=body, to=[event.user.email],
                           headers={"Message-ID": message_id()})
    delivery = send_once(kind="sign_in_notice", about=event,
                         outgoing=[Outgoing(recipient_key=f"user:{event.user_id}",
                                            message=message)])
    return len(delivery.sent)
