from django.core.management.base import BaseCommand

from accounts.demo import DEMO_KEY_BASE32, demo_code


class Command(BaseCommand):
    help = ("Print the two-factor code the demo staff accounts (admin, officer, board) "
            "need now. The demo key works only for the demo's own accounts.")

    def handle(self, *args, **options):
        self.stdout.write(demo_code())
        self.stderr.write(f"(changes every 30 seconds; demo key {DEMO_KEY_BASE32})")
