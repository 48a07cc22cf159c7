from django.core.management.base import BaseCommand, CommandError

from charter.models import EvidenceCheckpoint
from charter.record import EvidenceTampered, SigningKeyMissing, checkpoint_display, checkpoint_make


class Command(BaseCommand):
    help = ("Sign the evidence log's current state (entry count and head hash) and keep the "
            "checkpoint in the database and the checkpoint store. Run it daily; the portal "
            "also makes one on every publish, forum decision and board pack.")

    def add_arguments(self, parser):
        parser.add_argument("--reason", default=EvidenceCheckpoint.Reason.DAILY,
                            choices=EvidenceCheckpoint.Reason.values)

    def handle(self, *args, reason, **options):
        try:
            checkpoint = checkpoint_make(reason=reason)
        except (SigningKeyMissing, EvidenceTampered) as error:
            raise CommandError(str(error)) from error
        if checkpoint is None:
            self.stdout.write("The evidence log is empty: nothing to sign yet.")
            return
        shown = checkpoint_display(checkpoint)
        self.stdout.write(self.style.SUCCESS(
            f"Checkpoint: {shown['count']:,} entries, head {shown['head_hash']}, "
            f"tree root {checkpoint.tree_root}, "
            f"made {shown['made_at_text']}, key {shown['fingerprint']}."))
