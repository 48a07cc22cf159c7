from django.core.management.base import BaseCommand, CommandError

from consultations.services import consultation_events_record, window_conflicts


class Command(BaseCommand):
    help = ("List scheduled or open consultations whose dates the school calendar no longer "
            "allows; exit non-zero if there are any. Also logs windows that opened or closed "
            "since the last run. Run it daily.")

    def handle(self, *args, **options):
        logged = consultation_events_record()
        if logged:
            self.stdout.write(f"{logged} consultation event(s) added to the evidence log.")
        conflicts = window_conflicts()
        for consultation, problems in conflicts:
            self.stdout.write(f"{consultation.title} (page {consultation.pk}): "
                              + " ".join(problems))
        if conflicts:
            raise CommandError(f"{len(conflicts)} consultation(s) conflict with the school "
                               "calendar.")
        self.stdout.write(self.style.SUCCESS("Every scheduled consultation fits its calendar."))
