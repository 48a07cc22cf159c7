from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consultations import calendar_files
from consultations.models import SchoolCalendar
from consultations.scheduling import kind_label
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
        target = SchoolCalendar.objects.filter(name=calendar).first() or SchoolCalendar(
            name=calendar)
        # Bank holidays the calendar adds by itself are not stored twice (as in the admin).
        years = sorted({p.first_day.year for p in result.periods})
        periods, dropped = calendar_files.without_automatic(result.periods,
                                                            target.bank_holidays(years))
        for period in periods:
            self.stdout.write(f"  {period.first_day} to {period.last_day}  "
                              f"{kind_label(period.kind):<12} {period.name}")
        if dropped:
            self.stdout.write(f"{len(dropped)} bank holiday(s) left out: the calendar adds "
                              "England's bank holidays by itself.")
        if not periods:
            raise CommandError("Nothing to save: every date in the file is a bank holiday the "
                               "calendar adds by itself.")
        if dry_run:
            self.stdout.write(f"{len(periods)} periods read; nothing saved (--dry-run).")
            return
        target.save()
        count = calendar_import(calendar=target, periods=list(periods))
        self.stdout.write(self.style.SUCCESS(f"{count} periods saved to {target.name}."))
