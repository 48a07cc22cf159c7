from django.core.management.base import BaseCommand, CommandError

from charter.services import evidence_verify


class Command(BaseCommand):
    help = "Walk the evidence log's hash chain; exit non-zero at the first broken entry."

    def handle(self, *args, **options):
        report = evidence_verify()
        if not report.intact:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
