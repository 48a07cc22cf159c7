"""Publishing starts the notices task once the publish is committed, so subscribers who
chose "as soon as something changes" hear within moments, not at the next ten-minute run.
An evidence entry, or a draft saved while the forum reviews it, does the same for the
forum's and officers' notices: once per transaction, however many it writes."""

from django.db import transaction
from wagtail.models import Revision

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
