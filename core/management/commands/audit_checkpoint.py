"""Write a signed checkpoint of the audit chain's head outside the database (CORE-5).

Verifies the events since the last checkpoint first (all of them the first time) and refuses to sign a
head that does not extend the last checkpoint. run_sweeps does the same hourly."""
from django.core.management.base import BaseCommand, CommandError

from core import audit_seal
from core.audit_keys import key_id


class Command(BaseCommand):
    help = ("Verify the audit events since the last checkpoint and append a signed checkpoint of the chain's "
            "head to the checkpoint file (AUDIT_CHECKPOINT_DIR). Exit 1 if the chain or the file is broken.")

    def add_arguments(self, parser):
        parser.add_argument("--checkpoints", metavar="FILE", help="append to this checkpoint file instead")

    def handle(self, *args, **options):
        report = audit_seal.checkpoint(options["checkpoints"])
        if report.chain_broken:
            raise CommandError(f"AUDIT CHAIN BROKEN at event #{report.chain.broken_seq}: {report.chain.reason} "
                               "(no checkpoint written; run verify_audit)")
        if not report.ok:
            raise CommandError(f"AUDIT CHECKPOINTS BROKEN: {report.reason} (no checkpoint written)")
        point = report.written
        self.stdout.write(f"checkpoint #{point.n} written to {report.path}: event #{point.seq} {point.hash[:16]}…, "
                          f"{point.count} events, key {key_id(point.key)}"
                          + (" (first checkpoint: the chain was taken as found)" if report.first else ""))
