import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from charter import signing


class Command(BaseCommand):
    help = ("Write a new Ed25519 key for signing the evidence log's checkpoints to the file "
            "named by EVIDENCE_SIGNING_KEY_FILE (readable by its owner only). Refuses to "
            "replace an existing key: checkpoints signed with it must stay checkable.")

    def add_arguments(self, parser):
        parser.add_argument("--if-missing", action="store_true",
                            help="do nothing (and succeed) when the key file already exists")

    def handle(self, *args, if_missing, **options):
        path = Path(settings.EVIDENCE_SIGNING_KEY_FILE)
        if path.exists():
            if if_missing:
                return
            raise CommandError(f"{path} already exists; the portal will not replace a key.")
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(signing.new_private_key_pem())
        key = signing.load_private_key(path.read_text(encoding="ascii"))
        public = signing.public_key_b64(key)
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {path}. Public key {public}, fingerprint {signing.key_fingerprint(public)}."))
