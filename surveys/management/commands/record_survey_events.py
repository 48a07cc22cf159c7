from django.core.management.base import BaseCommand

from charter.models import EvidenceEntry
from surveys.services import survey_events_record


class Command(BaseCommand):
    help = ("Log each survey that opened or closed since the last run in the evidence log, "
            "and delete the invitation addresses of closed surveys. Run it daily; running it "
            "again changes nothing.")

    def handle(self, *args, **options):
        last = EvidenceEntry.objects.order_by("-sequence").values_list("sequence", flat=True)
        before = last.first() or 0
        logged = survey_events_record()
        # Name each entry the run added, so the cron's mail says what happened.
        for entry in EvidenceEntry.objects.filter(sequence__gt=before).select_related("page"):
            title = entry.page.title if entry.page_id and entry.page else entry.subject
            self.stdout.write(f"{entry.get_kind_display()}: {title} ({entry.subject}).")
        if logged:
            self.stdout.write(self.style.SUCCESS(f"{logged} survey event(s) added to the "
                                                 "evidence log."))
        else:
            self.stdout.write("Nothing to record: no survey opened or closed since the last "
                              "run.")
