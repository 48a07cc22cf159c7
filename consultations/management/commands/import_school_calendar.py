from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consultations import calendar_files
from consultations.models import SchoolCalendar
from consultations.services import calendar_import


class Command(BaseCommand):
    help = ("Replace a school calendar's holiday periods with those in a CSV or ICS file. "
            "Nothing is saved unless every line is good.")

    def add_arguments(self, parser):
        parser.add_argument("calendar", help="The calendar's name (made if it does not exist).")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file; save nothing.")

    def handle(self, *args, calendar, file, dry_run=False, **options):
        if not file.exists():
            raise CommandError(f"There is no file at {file}.")
        data = file.read_bytes()
        if file.suffix.lower() in (".ics", ".ical"):
            result = calendar_files.parse_ics(data)
        else:
            try:
                result = calendar_files.parse_csv(data.decode("utf-8-sig"))
            except UnicodeDecodeError as error:
                raise CommandError("The file is not text saved as UTF-8.") from error
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing saved: {len(result.errors)} problem(s) in {file}.")
        for period in result.periods:
            self.stdout.write(f"  {period.first_day} to {period.last_day}  {period.kind:<12} "
                              f"{period.name}")
        if dry_run:
            self.stdout.write(f"{len(result.periods)} periods read; nothing saved (--dry-run).")
            return
        target, _ = SchoolCalendar.objects.get_or_create(name=calendar)
        count = calendar_import(calendar=target, periods=list(result.periods))
        self.stdout.write(self.style.SUCCESS(f"{count} periods saved to {target.name}."))
