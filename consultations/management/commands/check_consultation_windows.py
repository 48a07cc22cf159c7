from django.core.management.base import BaseCommand, CommandError

from consultations.models import ConsultationPage
from consultations.services import consultation_windows_check


class Command(BaseCommand):
    help = ("List scheduled or open consultations whose dates the school calendar no longer "
            "allows; exit non-zero if there are any. Also logs windows that opened or closed "
            "since the last run. Celery beat runs the same check daily "
            "(consultations.tasks.check_consultation_windows).")

    def handle(self, *args, **options):
        check = consultation_windows_check(ConsultationPage.objects.all())
        if check.logged:
            self.stdout.write(f"{check.logged} consultation event(s) added to the evidence log.")
        for consultation, problems in check.conflicts:
            self.stdout.write(f"{consultation.title} (page {consultation.pk}): "
                              + " ".join(problems))
        if check.conflicts:
            raise CommandError(f"{len(check.conflicts)} consultation(s) conflict with the "
                               "school calendar.")
        self.stdout.write(self.style.SUCCESS("Every scheduled consultation fits its calendar."))
