"""Celery for deployments on several machines: `celery -A config worker -B` beside the app servers.

Set CELERY_BROKER_URL (e.g. redis://10.0.0.5:6379/0). Beat relays the notification outbox every few
seconds and runs the reminder sweeps hourly; both are idempotent, so a second worker or a cron job
doing the same is harmless. Without a broker nothing here is used (the embedded default)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("propdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["core"])
