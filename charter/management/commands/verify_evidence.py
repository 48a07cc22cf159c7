from django.core.management.base import BaseCommand, CommandError

from charter.record import evidence_audit
from tools.verify_record import BoardCheckpoint


class Command(BaseCommand):
    help = ("Check the evidence log: every entry against its hash and the one before it, "
            "against every signed checkpoint (database and checkpoint store), the texts kept "
            "beside it, the database's append-only guard, and every comment, answer, "
            "disagreement and version against its entries. Exits 1 naming what it found.")

    def add_arguments(self, parser):
        parser.add_argument("--checkpoint", help="a head hash the board wrote down (at least "
                            "8 characters), or COUNT:HASH")

    def handle(self, *args, checkpoint=None, **options):
        try:
            board = BoardCheckpoint.parse(checkpoint) if checkpoint else None
        except ValueError as error:
            raise CommandError(f"--checkpoint: {error}") from error
        result = evidence_audit(board_checkpoint=board)
        if result.latest_checkpoint:
            cp = result.latest_checkpoint
            self.stdout.write(f"Latest signed checkpoint: {cp.count:,} entries, head "
                              f"{cp.head_hash}, made {cp.made_at}.")
        self.stdout.write(result.report())
        if not result.intact:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
