from django.core.management.base import BaseCommand

from consultations.services import anonymise_contacts


class Command(BaseCommand):
    help = ("Remove respondents' contact details once a consultation's outcome has been "
            "published for the agreed time (Settings > Consultation settings). Safe to re-run.")

    def handle(self, *args, **options):
        count = anonymise_contacts()
        self.stdout.write(self.style.SUCCESS(f"Contact details removed from {count} response(s)."))
