"""Consultations' background jobs, run daily by celery beat (``CELERY_BEAT_SCHEDULE``).

Each is safe to run again: a job that fails part-way rolled back its transaction, and the
evidence log refuses to record the same opening or closing twice, so Celery retries a
failure with growing pauses.
"""

import logging

from celery import shared_task
from django.db import DatabaseError

from consultations import services
from consultations.models import ConsultationPage

logger = logging.getLogger(__name__)

RETRY = {"autoretry_for": (DatabaseError, OSError), "retry_backoff": True,
         "retry_backoff_max": 600, "retry_jitter": True, "max_retries": 5}


@shared_task(**RETRY)
def check_consultation_windows() -> dict:
    """Log windows that opened or closed; report consultations the calendar no longer allows.

    A conflict is logged as an error (the cron job used to fail and send mail), and the
    editor and board views show it too. Returns the counts for the worker's log.
    """
    check = services.consultation_windows_check(ConsultationPage.objects.all())
    for consultation, problems in check.conflicts:
        logger.error("Consultation %r (page %s) conflicts with its school calendar: %s",
                     consultation.title, consultation.pk, " ".join(problems))
    return {"logged": check.logged, "conflicts": [c.pk for c, _problems in check.conflicts]}


@shared_task(**RETRY)
def anonymise_consultation_contacts() -> int:
    """Remove respondents' contact details once the outcome has been public long enough."""
    return services.anonymise_contacts()
