"""Relay queued notifications to the configured channel (cron on one machine; Celery beat on several)."""
from django.core.management.base import BaseCommand

from core import channels, outbox


class Command(BaseCommand):
    help = "Deliver undelivered notifications through PROPDESK_NOTIFICATION_CHANNEL; safe to run on several machines."

    def handle(self, *args, **options):
        self.stdout.write(f"relayed: {outbox.relay()}")
        self.stdout.write(f"channels: {channels.deliver_due()}")
