"""Surveys' background work: sending invitations and reminders, and the daily record.

Every task is safe to run again. Sending records each e-mail in the outbox before it goes
(``outbox.services.send_once``), so a retry, or a second worker given the same task after
the first died, sends only what was not sent. Failures are retried with growing pauses.
"""

import logging

from celery import shared_task
from django.db import DatabaseError, transaction

from outbox.services import SEND_ERRORS, error_text
from surveys import services
from surveys.models import SurveyMailing, SurveyPage

logger = logging.getLogger(__name__)



@shared_task(bind=True, autoretry_for=SEND_ERRORS, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=8)
def send_survey_mailing(self, mailing_id: int) -> int:
    """Send a mailing's invitations or reminders not yet sent; returns how many went now.

    Each failed attempt is written on the mailing, so the officer's progress page says
    what is wrong; the last one says that sending stopped, and the page offers to start
    it again.
    """
    try:
        return services.mailing_send(mailing_id=mailing_id)
    except SurveyMailing.DoesNotExist:
        return 0  # the survey was deleted: nothing to send
    except SEND_ERRORS as error:
        last = self.request.retries >= self.max_retries
        # Said without any address (``error_text``): the page and the log are read by people
        # who need the reason, not whose address the server was answering about.
        services.mailing_failed(mailing_id=mailing_id, reason=(
            f"The e-mails could not be sent ({error_text(error)}). "
            + ("Sending stopped: start it again when the mail server is working."
               if last else "Trying again automatically in a few minutes.")))
        raise


def _enqueue(mailing_id: int) -> None:
    try:
        result = send_survey_mailing.delay(mailing_id)
    except Exception as error:
        if not send_survey_mailing.app.conf.task_always_eager:
            # The queue could not be reached: the codes are stored, the officer is told.
            services.mailing_failed(mailing_id=mailing_id, reason=(
                f"The sending could not be started ({type(error).__name__}). Start it again."))
        raise
    if send_survey_mailing.app.conf.task_always_eager and not result.successful():
        # In-process (no broker): the sending ran here and ended with an error, after any
        # retries. Nothing runs it again, so the page must say it stopped, not that it is
        # still going, whatever the error (an unwritable mail folder is not a send error).
        error = result.result
        said = error_text(error)[:200]  # the reason is kept to 500 characters: keep the advice
        services.mailing_failed(mailing_id=mailing_id, reason=(
            f"Sending stopped with an error ({said}). Nothing more "
            "goes until you start it again, once the mail server or mail folder is put right."))


def mailing_start(mailing: SurveyMailing) -> None:
    """Queue a mailing's sending once the current transaction commits (at once outside one).

    Errors are logged, never raised into the officer's request: the codes are already
    stored, and the progress page shows what went wrong with a button to start again.
    """
    mailing_id = mailing.pk
    transaction.on_commit(lambda: _enqueue(mailing_id), robust=True)


@shared_task(autoretry_for=(DatabaseError, OSError), retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=5)
def resume_survey_mailings() -> list[int]:
    """Every ten minutes: send what is left of each mailing that stopped (its worker killed,
    or its retries used up) once its claims have passed the outbox's lease. Each message
    still goes once only (``outbox.send_once``). Returns the mailings resumed."""
    resumed = []
    for mailing_id in services.mailings_to_resume():
        try:
            services.mailing_send(mailing_id=mailing_id)
        except SurveyMailing.DoesNotExist:
            continue
        except SEND_ERRORS as error:
            # The mail server is still refusing: said on the progress page; the next run
            # tries again, and the other mailings are not held up.
            services.mailing_failed(mailing_id=mailing_id, reason=(
                f"The e-mails could not be sent ({error_text(error)}). "
                "Trying again automatically in ten minutes."))
            continue
        resumed.append(mailing_id)
    return resumed


@shared_task(autoretry_for=(DatabaseError, OSError), retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=5)
def record_survey_events() -> list[str]:
    """Log survey openings and closings and delete closed surveys' addresses (daily)."""
    lines = services.survey_events_daily(SurveyPage.objects.all())
    for line in lines:
        logger.info(line)
    return lines
