"""Publishing starts the notices task once the publish is committed, so subscribers who
chose "as soon as something changes" hear within moments, not at the next ten-minute run.
An evidence entry or a saved draft does the same for the forum's and officers' notices."""

from django.db import transaction

from notices import tasks


def page_published(sender, **kwargs) -> None:
    """Wagtail's ``page_published`` signal: queue ``send_notices`` after the commit."""
    transaction.on_commit(tasks.send_notices.delay)


def staff_event_saved(sender, created=False, raw=False, **kwargs) -> None:
    """``post_save`` of an evidence entry or a page revision: queue ``send_staff_notices``
    after the commit. A transaction that wrote several queues several runs; the first
    sends everything and the rest find it on record (``outbox.send_once``)."""
    if created and not raw:
        transaction.on_commit(tasks.send_staff_notices.delay)
