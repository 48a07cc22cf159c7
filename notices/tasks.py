"""Notices' background jobs. ``send_notices`` runs every ten minutes on celery beat (which,
with no broker, runs it in-process on the same schedule) and straight after a publish: it
also sends the confirmation and "subscription confirmed" e-mails, and this week's weekly
digests, whose recipient's mail server deferred them, once their pause is over.
``send_staff_notices`` does the same for today's daily e-mails to the forum and officers.
``send_weekly_digests`` runs on Monday mornings, ``send_staff_digests`` every morning. All
are safe to run again: ``outbox.send_once`` sends each message at most once.

Nothing deferred relies on a task retrying itself after a countdown: with no broker Celery
runs a retry at once, finds the message not due yet, and ends, so the message would wait
for the next period's digest. The ten-minute jobs find what is due instead, with or without
a broker."""

from celery import shared_task
from django.utils import timezone

from notices import services
from outbox.deferrals import MOST_TRIES
from outbox.kinds import due_resend
from outbox.services import SEND_ERRORS, MessageDeferred

RETRY = {"autoretry_for": SEND_ERRORS, "retry_backoff": True, "retry_backoff_max": 600,
         "retry_jitter": True, "max_retries": 8}


@shared_task(**RETRY)
def send_notices() -> int:
    """Send again the confirmation and "subscription confirmed" e-mails that are due
    (deferred by the recipient's mail server, or released by an officer:
    ``services.subscription_emails_resend``) and this week's weekly digests that are due
    (``services.digests_resend``), and the other apps' one-off messages due again
    (``outbox.kinds.due_resend``: the sign-in notice), then tell immediate subscribers of
    events recorded since they confirmed. Returns how many messages went."""
    return (services.subscription_emails_resend() + services.digests_resend()
            + due_resend(timezone.now()) + services.notices_send())


@shared_task(**RETRY)
def resend_subscription_emails() -> int:
    """``services.subscription_emails_resend`` alone: queued when an officer releases a
    confirmation e-mail for sending again (the ten-minute ``send_notices`` does it too)."""
    return services.subscription_emails_resend()


def _retry_held_back(task, run: services.DigestRun, ids_name: str) -> int:
    """``run.sent``, or, when an earlier digest of some recipients was being handed to the
    mail server at that moment (``run.held_back``), retry the task for those people alone a
    minute later. Digests the recipient's mail server deferred are not retried here: the
    ten-minute job sends them once their pause is over, within their week or day
    (``services.digests_resend``, ``services.staff_digests_resend``)."""
    if run.held_back:
        raise task.retry(countdown=60, kwargs={ids_name: run.held_back},
                         max_retries=task.max_retries + MOST_TRIES, exc=MessageDeferred())
    return run.sent


@shared_task(bind=True, **RETRY)
def send_weekly_digests(self, subscriber_ids: list[int] | None = None) -> int:
    """Send weekly subscribers their week's events in one message (``subscriber_ids``: only
    theirs, for a digest released for sending again)."""
    return _retry_held_back(self, services.digests_run(subscriber_ids=subscriber_ids),
                            "subscriber_ids")


@shared_task(**RETRY)
def send_confirmation(request: dict, token: str, page_title: str | None) -> int:
    """Send the double opt-in message, once, through the outbox
    (``services.confirmation_send``, which keeps no address in clear): a refusal for good is
    not retried, an answer that never came after DATA is not sent again, and a message the
    recipient's mail server deferred is sent by the ten-minute ``send_notices`` once its
    pause is over (not by a retry of this task: with no broker Celery would run that at
    once, find it not due and end). Returns how many went (0 or 1)."""
    return len(services.confirmation_send(request=request, token=token,
                                          page_title=page_title).sent)


@shared_task(**RETRY)
def send_subscribed(subscriber_id: int, recipient_key: str) -> int:
    """Once a subscription is confirmed: the message with the subscriber's own links to
    change or stop their e-mails, once (``outbox.send_once``). One the recipient's mail
    server deferred is sent by the ten-minute ``send_notices`` once its pause is over."""
    return services.subscribed_send(subscriber_id=subscriber_id, recipient_key=recipient_key)


@shared_task(**RETRY)
def send_staff_notices() -> int:
    """Tell forum representatives and officers who hear at once of what concerns them:
    queued after each evidence entry and each draft saved, and every ten minutes (for the
    reminders and consultation dates that no save announces). Each run also sends today's
    daily e-mails that the recipient's mail server deferred, once their pause is over
    (``services.staff_digests_resend``)."""
    return services.staff_digests_resend() + services.staff_notices_send()


@shared_task(bind=True, **RETRY)
def send_staff_digests(self, user_ids: list[int] | None = None) -> int:
    """Each morning, one message to each member of staff who chose a daily e-mail
    (``user_ids``: only theirs, for a digest released for sending again)."""
    return _retry_held_back(self, services.staff_digests_run(user_ids=user_ids), "user_ids")


@shared_task
def forget_used_confirmations() -> int:
    """Daily: forget the hashes of confirmation links that have expired."""
    return services.used_confirmations_forget()
