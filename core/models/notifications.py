"""In-app notifications written in the same transaction as the change that causes them.

The table doubles as the transactional outbox: an external channel (SMS, WeCom, e-mail) delivers rows
whose delivered_at is empty and stamps them; the unique dedupe key means nothing is sent twice."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .tenancy import Project


class Notification(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60)
    # The record the notification is about ("desk.repair:12"); resolve() closes every note on it once done.
    subject = models.CharField(max_length=100, blank=True, default="")
    title = models.CharField(_("title"), max_length=200)
    link = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["recipient", "subject"]),
                   # the notification centre: one person's notifications, newest first
                   models.Index(fields=["recipient", "-created_at"], name="core_notif_recipient_newest"),
                   # resolve() looks open notes up by subject alone, across recipients
                   models.Index(fields=["subject"], name="core_notif_open_subject",
                                condition=models.Q(resolved_at__isnull=True) & ~models.Q(subject=""))]
        ordering = ["-created_at"]
