"""Deliveries through external channels (NOTIFY-1): one row per message per channel and address.

A row is written in the transaction of the change (or of the outbox relay) that causes it, and a delivery run
sends the due ones; the unique key means a repeat of the same message is never queued twice. A failure is
retried with back-off; after the last attempt the row is failed and the administrators are told."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .notifications import Notification
from .tenancy import Project


class ChannelDelivery(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=40)  # the name in the company's channel configuration
    kind = models.CharField(max_length=60)
    to = models.CharField(max_length=200, blank=True)  # a phone for SMS; empty for a group robot
    text = models.TextField()
    dedupe_key = models.CharField(max_length=255, unique=True)
    notification = models.ForeignKey(Notification, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("channel delivery")
        verbose_name_plural = _("channel deliveries")
        indexes = [models.Index(fields=["next_attempt_at"], name="core_chan_due",
                                condition=models.Q(delivered_at__isnull=True, failed_at__isnull=True))]

    def __str__(self) -> str:
        return f"{self.channel} → {self.to or 'group'}: {self.kind}"
