"""Publishing starts the notices task once the publish is committed, so subscribers who
chose "as soon as something changes" hear within moments, not at the next ten-minute run.
An evidence entry, or a draft saved while the forum reviews it, does the same for the
forum's and officers' notices: once per transaction, however many it writes."""

from django.db import transaction
from wagtail import signals as wagtail_signals
from wagtail.models import Revision, TaskState, WorkflowState

from core.commit import on_commit_once
from notices import selectors, tasks


def page_published(sender, **kwargs) -> None:
    """Wagtail's ``page_published`` signal: queue ``send_notices`` after the commit."""
    transaction.on_commit(tasks.send_notices.delay)


def _queue_staff_notices() -> None:
    tasks.send_staff_notices.delay()


def staff_event_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    """``post_save`` of an evidence entry or a page revision: queue ``send_staff_notices``
    after the commit, once per transaction (a transaction that logs many entries, or an
    import, runs one scan: the scan finds every event since its last run). A revision counts
    only when it is a draft of a page in the forum's review (``selectors.in_forum_review``):
    other drafts concern no one, and autosaves elsewhere would each start a scan."""
    if not created or raw:
        return
    if isinstance(instance, Revision) and not selectors.in_forum_review(instance):
        return
    on_commit_once(_queue_staff_notices)


#: Wagtail's own workflow e-mails (``wagtail.admin.signal_handlers``), by the signal and the
#: ``dispatch_uid`` Wagtail connects them with. The portal's notices tell the same events
#: (a draft sent to the forum, the forum's decision) to the people they concern, in their
#: language, at once or in the daily e-mail, with links on ``PORTAL_BASE_URL``.
WAGTAIL_WORKFLOW_EMAILS = (
    (wagtail_signals.task_submitted, TaskState,
     "group_approval_task_submitted_email_notification"),
    (wagtail_signals.workflow_submitted, WorkflowState,
     "workflow_state_submitted_email_notification"),
    (wagtail_signals.workflow_rejected, WorkflowState,
     "workflow_state_rejected_email_notification"),
    (wagtail_signals.workflow_approved, WorkflowState,
     "workflow_state_approved_email_notification"),
)


def _told_by_the_portal(sender, **kwargs):
    """Stands where Wagtail's workflow e-mail would: the portal's own notice tells it."""


def replace_wagtail_workflow_emails() -> None:
    """Switch off Wagtail's workflow e-mails, which repeat the portal's notices in English,
    at once, whatever the reader chose. Called from ``NoticesConfig.ready``, which runs
    before ``wagtail.admin``'s: a signal keeps the first receiver connected with a given
    ``dispatch_uid`` and ignores later ones, so Wagtail's are never connected."""
    for signal, sender, uid in WAGTAIL_WORKFLOW_EMAILS:
        signal.connect(_told_by_the_portal, sender=sender, dispatch_uid=uid)
