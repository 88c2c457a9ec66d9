"""Restore a backup into an empty, freshly migrated database; refuses any other (CORE-5, CORE-7)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import RestoreRefused, restore_backup, summary


class Command(BaseCommand):
    help = ("Load FILE written by `manage.py backup` into an empty, freshly migrated database (run `migrate` "
            "first); uploaded files go back into MEDIA_ROOT. The restored audit chain is verified; on any error "
            "nothing is restored.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        try:
            report = restore_backup(file)
        except RestoreRefused as exc:
            raise CommandError(f"RESTORE REFUSED: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"restored from {file}: {summary(report)}"))
