from django.core.management.base import BaseCommand

from surveys.models import SurveyPage
from surveys.services import survey_events_daily


class Command(BaseCommand):
    help = ("Log each survey that opened or closed since the last run in the evidence log, "
            "and delete the invitation addresses of closed surveys. Celery beat runs it "
            "daily (surveys.tasks.record_survey_events); running it again changes nothing.")

    def handle(self, *args, **options):
        lines = survey_events_daily(SurveyPage.objects.all())
        # Name each entry the run added, so whoever reads the output sees what happened.
        for line in lines:
            self.stdout.write(line)
        if lines:
            self.stdout.write(self.style.SUCCESS(f"{len(lines)} survey event(s) added to the "
                                                 "evidence log."))
        else:
            self.stdout.write("Nothing to record: no survey opened or closed since the last "
                              "run.")
