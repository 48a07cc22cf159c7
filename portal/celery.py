"""The portal's Celery application: background work and the daily schedules.

Its settings are Django's ``CELERY_*`` settings (``portal/settings/base.py``). With no
``CELERY_BROKER_URL`` every task runs in-process as it is called, so ``make run`` and the
test suite need nothing but Python. Start a worker and the scheduler in production with
``celery -A portal worker`` and ``celery -A portal beat``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks live in its tasks.py (consultations.tasks, surveys.tasks).
app.autodiscover_tasks()
