"""Write a portable backup of every table, audit trail included (CORE-5, CORE-7)."""
from pathlib import Path

from django.core.management.base import BaseCommand

from core.backup import summary, write_backup


class Command(BaseCommand):
    help = ("Write every table to FILE (JSON lines; gzip when FILE ends in .gz) from one consistent snapshot. "
            "Uploaded files (MEDIA_ROOT) are included; PROPDESK_FIELD_KEY must be kept separately.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        report = write_backup(file)
        self.stdout.write(self.style.SUCCESS(f"backup written to {file}: {summary(report)}"))
