from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_KEY_BASE32, give_demo_authenticators
from portal.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Load the demo site: pages, policies, FAQ, jargon buster, translations, demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users", action="store_true",
            help="Create the demo users and print their passwords (implied by PORTAL_DEMO=1).",
        )

    def handle(self, *args, with_users=False, **options):
        with_users = with_users or settings.DEMO_MODE
        rows = DemoLoader(log=self.stdout.write).run(with_users=with_users)
        if rows:
            self.stdout.write("\nDemo logins (demo mode only) at /admin/ and on the site:")
            self.stdout.write(f"  {'user':<10} {'role':<24} password")
            for username, role, password in rows:
                self.stdout.write(f"  {username:<10} {role:<24} {password}")
            if settings.ACCOUNTS_TWO_FACTOR_REQUIRED:
                give_demo_authenticators()
                self.stdout.write(
                    "\nadmin, officer and board also give a two-factor code after the password."
                    "\nAdd this key to an authenticator app (time-based):\n"
                    f"  {DEMO_KEY_BASE32}\n"
                    "or print the current code with:  .venv/bin/python manage.py "
                    "demo_two_factor_code")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
