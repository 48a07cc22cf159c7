"""Co-production's background job: the evidence log's daily checkpoint, run by celery beat
(``CELERY_BEAT_SCHEDULE``). The forum's e-mails are sent by ``notices``.

A checkpoint signs the log's entry count and head hash (``charter.record.checkpoint_make``);
making one again on the same day only adds another signature over the same or a longer log,
so a retry after a failure is safe.
"""

import logging

from celery import shared_task
from django.db import DatabaseError

from charter.models import EvidenceCheckpoint
from charter.record import EvidenceTampered, checkpoint_make

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(DatabaseError, OSError), retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=5)
def make_daily_checkpoint() -> int | None:
    """Sign today's state of the evidence log; returns its entry count (None if empty).

    A log that no longer matches its latest checkpoint is not signed: that is logged as an
    error for the administrators (``verify_evidence`` names what changed), never retried.
    """
    try:
        checkpoint = checkpoint_make(reason=EvidenceCheckpoint.Reason.DAILY)
    except EvidenceTampered as error:
        logger.error("The evidence log no longer matches its last checkpoint: %s", error)
        return None
    return checkpoint.count if checkpoint else None
