"""Verify the audit hash chain; exit 1 naming the first broken link (CORE-5)."""
from django.core.management.base import BaseCommand, CommandError

from core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the append-only audit trail's hash chain and name the first broken link."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"AUDIT CHAIN BROKEN at event #{report.broken_seq}: {report.reason} "
                               f"({report.checked} events verified before it)")
        self.stdout.write(self.style.SUCCESS(f"audit chain OK: {report.checked} events verified"))
