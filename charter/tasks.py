"""Co-production's background jobs: the forum's decision e-mail, and the evidence log's
job, run daily by celery beat (``CELERY_BEAT_SCHEDULE``).

A checkpoint signs the log's entry count and head hash (``charter.record.checkpoint_make``);
making one again on the same day only adds another signature over the same or a longer log,
so a retry after a failure is safe.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError
from django.utils import translation

from charter import selectors
from charter.models import EvidenceCheckpoint, ForumReviewTaskState
from charter.record import EvidenceTampered, checkpoint_make
from outbox import services as outbox
from outbox.services import SEND_ERRORS

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




@shared_task(autoretry_for=SEND_ERRORS, retry_backoff=True, retry_backoff_max=600,
             retry_jitter=True, max_retries=8)
def send_forum_decision(review_id: int) -> int:
    """E-mail every forum representative the decision one of them recorded on a review, so a
    decision nobody else agreed is noticed at once. Queued by ``services.review_decide``.

    Safe to run again: each e-mail is recorded in the outbox before it goes
    (``outbox.services.send_once``), so a retry sends only what did not go. Returns how
    many went in this run.
    """
    review = (ForumReviewTaskState.objects.select_related("workflow_state", "decided_by")
              .filter(pk=review_id).first())
    if review is None or not review.decision:
        return 0
    page = review.workflow_state.content_object
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/forum/drafts/{review.pk}/"
    who = (review.decided_by.get_full_name() or review.decided_by.get_username()
           if review.decided_by else "A forum representative")
    # The e-mail is in English, whatever language the request that queued it was in.
    with translation.override("en-gb"):
        decision = str(review.get_decision_display()).lower()
    subject = f"The forum's decision on {page.title}: {decision}"
    body = (
        f"{who} has recorded the forum's decision on {page.title}: {decision}.\n\n"
        + (f"Note to the council: {review.decision_note}\n\n" if review.decision_note else "")
        + "If this is not what the forum agreed, tell the council's co-production officer "
        f"straight away.\n\nThe draft and its comments: {url}\n"
    )
    delivery = outbox.send_once(
        kind="forum_decision", about=review,
        outgoing=(outbox.Outgoing(f"user:{member.pk}",
                                  EmailMessage(subject, body, None, [member.email]))
                  for member in selectors.forum_members()),
    )
    return len(delivery.sent)
