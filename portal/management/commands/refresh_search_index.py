from django.core.management.base import BaseCommand

from portal.services import search_index_refresh


class Command(BaseCommand):
    help = ("Build the search index again when it was built under other search rules than "
            "this code's (new synonyms, spellings, glossary names or search fields); "
            "--force builds it whatever. migrate does the same after every upgrade.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Build the index again even when it is up to date.")

    def handle(self, *args, force=False, **options):
        if search_index_refresh(force=force):
            self.stdout.write("Search index built again under this code's search rules.")
        else:
            self.stdout.write("The search index is up to date with this code's search rules.")
