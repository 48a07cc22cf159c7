"""Celery beat's scheduler for the portal: django-celery-beat's, asking for each run's result.

The portal keeps no task results (``CELERY_TASK_IGNORE_RESULT``): a mailing or an export says
how it went on its own record. A scheduled job has no such record, so each run that beat
starts asks for its result to be kept (django-celery-results, ``CELERY_RESULT_BACKEND``):
succeeded or failed, and when, which the admin's "Scheduled jobs" page shows. Runs started
any other way (``.delay()`` after a publish) still keep nothing.
"""

from django_celery_beat.schedulers import DatabaseScheduler, ModelEntry


class RecordedRunEntry(ModelEntry):
    """One scheduled job as beat sends it: django-celery-beat's entry, result kept."""

    def __init__(self, model, app=None):
        super().__init__(model, app=app)
        # Celery passes this to the run whether a worker takes it or, with no broker, beat
        # runs it in-process (``Task.apply_async`` under ``task_always_eager``).
        self.options["ignore_result"] = False


class RecordedRunsScheduler(DatabaseScheduler):
    """``CELERY_BEAT_SCHEDULER``: django-celery-beat's ``DatabaseScheduler`` (the schedule is
    ``CELERY_BEAT_SCHEDULE``, copied into its tables on start) whose runs keep their result."""

    Entry = RecordedRunEntry
