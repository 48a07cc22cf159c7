"""Publishing starts the notices task once the publish is committed, so subscribers who
chose "as soon as something changes" hear within moments, not at the next ten-minute run."""

from django.db import transaction

from notices import tasks


def page_published(sender, **kwargs) -> None:
    """Wagtail's ``page_published`` signal: queue ``send_notices`` after the commit."""
    transaction.on_commit(tasks.send_notices.delay)
