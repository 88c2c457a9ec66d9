"""Verify the audit trail against its key and its checkpoints; exit 1 naming what is wrong (CORE-5)."""
from django.core.management.base import BaseCommand, CommandError

from core import audit_seal
from core.audit_keys import audit_keys, key_id


class Command(BaseCommand):
    help = ("Verify every event's keyed hash and link, and that every checkpoint of the chain's head (kept "
            "outside the database) is still in the chain; then write a new signed checkpoint. Exit 1 naming "
            "the first broken link or checkpoint.")

    def add_arguments(self, parser):
        parser.add_argument("--checkpoints", metavar="FILE",
                            help="verify against this checkpoint file (e.g. the off-machine copy) instead of "
                                 "the one in AUDIT_CHECKPOINT_DIR")
        parser.add_argument("--no-write", action="store_true",
                            help="only verify: write no new checkpoint")

    def handle(self, *args, **options):
        keys = audit_keys()
        if keys.development:
            self.stderr.write(self.style.WARNING(
                f"development audit key {keys.source}: production needs PROPDESK_AUDIT_KEY_FILE"))
        report = audit_seal.verify(options["checkpoints"], write=not options["no_write"])
        if report.chain_broken:
            chain = report.chain
            raise CommandError(f"AUDIT CHAIN BROKEN at event #{chain.broken_seq}: {chain.reason} "
                               f"({chain.checked} events verified before it; checkpoints: {report.path})")
        if not report.ok:
            raise CommandError(f"AUDIT CHECKPOINTS BROKEN: {report.reason}")
        if report.first:
            legacy = report.chain.keyed_from - 1
            self.stderr.write(self.style.WARNING(
                f"no earlier checkpoint in {report.path}: the chain was taken as found"
                + (f" ({legacy} events from before the audit key, with plain SHA-256 hashes)" if legacy else "")))
        self.stdout.write(self.style.SUCCESS(
            f"audit chain OK: {report.chain.checked} events verified against {report.checkpoints} checkpoints"))
        if report.written:
            point = report.written
            self.stdout.write(f"checkpoint #{point.n} written to {report.path}: event #{point.seq} "
                              f"{point.hash[:16]}…, key {key_id(point.key)}")
