"""Nightly and hourly sweeps (cron or Celery beat): every app's reminders, e.g. overdue keys."""
from django.core.management.base import BaseCommand

from core.sweeps import run_all


class Command(BaseCommand):
    help = "Queue the reminders of every app (overdue keys, paperwork, roster and report deadlines); idempotent per day."

    def handle(self, *args, **options):
        for name, sent in run_all().items():
            self.stdout.write(f"{name}: notifications queued: {sent}")
