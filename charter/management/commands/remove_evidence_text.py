from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from charter.record import REMOVABLE_RECORDS as RECORDS
from charter.record import removable_record, text_remove


class Command(BaseCommand):
    help = ("Remove the personal text of one record (a forum comment, the answer to a comment, "
            "a disagreement, a forum decision's note) everywhere the portal keeps it. The "
            "evidence log still verifies; the public pages show 'Removed on DATE: personal "
            "details', the forum and the board the officer's reason; the removal is logged "
            "with the officer's reason.")

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        for name in RECORDS:
            which.add_argument(f"--{name}", type=int, metavar="ID")
        parser.add_argument("--reason", required=True, help="why, in plain words (shown)")
        parser.add_argument("--officer", required=True, help="the officer's username")

    def handle(self, *args, reason, officer, **options):
        officer_user = get_user_model().objects.filter(username=officer).first()
        if officer_user is None:
            raise CommandError(f"No user called {officer}.")
        for name in RECORDS:
            value = options.get(name.replace("-", "_"))
            if value is None:
                continue
            record = removable_record(name, value)
            if record is None:
                raise CommandError(f"No {name.replace('-', ' ')} {value}.")
            try:
                entry = text_remove(record=record, officer=officer_user, reason=reason)
            except PermissionDenied as error:
                raise CommandError(f"{officer} is not an officer.") from error
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            self.stdout.write(self.style.SUCCESS(
                f"Removed. The removal is entry {entry.sequence} of the evidence log."))
