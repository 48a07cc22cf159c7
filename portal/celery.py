"""The portal's Celery application: background work and the daily schedules.

Its settings are Django's ``CELERY_*`` settings (``portal/settings/base.py``). With no
``CELERY_BROKER_URL`` every task runs in-process as it is called, so ``make run`` and the
test suite need nothing but Python. Start a worker and the scheduler in production with
``celery -A portal worker`` and ``celery -A portal beat``.
"""

import logging
import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

from portal.log_redaction import AddressesRemoved

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks live in its tasks.py (consultations.tasks, surveys.tasks).
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def no_addresses_in_worker_logs(logger: logging.Logger, **kwargs) -> None:
    """The worker sets up its own log handlers (``LOGGING`` does not reach them): each gets
    ``AddressesRemoved``, so no retry line or traceback keeps an e-mail address."""
    for handler in logger.handlers:
        if not any(isinstance(f, AddressesRemoved) for f in handler.filters):
            handler.addFilter(AddressesRemoved())
