"""Nightly and hourly sweeps (cron or Celery beat): notify about overdue keys and open paperwork."""
from django.core.management.base import BaseCommand

from keys.sweeps import sweep_all


class Command(BaseCommand):
    help = "Queue notifications for overdue keys and emergency paperwork past due (idempotent per day)."

    def handle(self, *args, **options):
        self.stdout.write(f"notifications queued: {sweep_all()}")
