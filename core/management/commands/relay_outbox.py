"""Relay queued notifications to the configured channel and send the channels' due deliveries (cron on one
machine; Celery beat on several). `--every N` keeps relaying every N seconds until stopped: the embedded default's
worker beside the app server, so a resident's one-time code leaves within seconds and never inside a request."""
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from core import channels, outbox


class Command(BaseCommand):
    help = "Deliver undelivered notifications through PROPDESK_NOTIFICATION_CHANNEL; safe to run on several machines."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0,
                            help="Keep running, relaying every this many seconds (0: once, for cron).")

    def handle(self, *args, **options):
        every = max(0.0, options["every"])
        if not every:
            self.stdout.write(f"relayed: {outbox.relay()}")
            self.stdout.write(f"channels: {channels.deliver_due()}")
            return
        while True:
            try:
                relayed, counts = outbox.relay(), channels.deliver_due()
            except DatabaseError as error:  # a busy or restarting database: the next round tries again
                self.stderr.write(f"relay: {error}")
            else:
                if relayed or any(counts.values()):
                    self.stdout.write(f"relayed: {relayed} channels: {counts}")
            close_old_connections()
            time.sleep(every)
