"""Notices to households (RES-2): repair progress, visit invitations, holiday notices, requests for consent; each
shown in the portal and sent through the company's residents' channel (core.channels) to the phones on file."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project, Resident, Unit


class NoticeKind(models.TextChoices):
    REPAIR_PROGRESS = "repair_progress", _("Repair progress")
    VISIT_INVITATION = "visit_invitation", _("Visit invitation")
    HOLIDAY = "holiday", _("Holiday notice")
    CONSENT = "consent", _("Request for consent")
    OTHER = "other", _("Notice")


class Notice(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    text = models.CharField(_("text"), max_length=500)
    source = models.CharField(max_length=120)
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice to a household")
        verbose_name_plural = _("notices to households")
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "source"], name="residents_notice_once")]


class MatterWatch(models.Model):
    """Where a household's matter stood when it was last told (the repair-progress sweep compares)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    ref = models.CharField(max_length=40)
    status = models.CharField(max_length=100)
    closed = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "ref"], name="residents_watch_once")]


class KeyConsent(models.Model):
    """The key room asks a household to consent to a use of its deposited key (KEY-DEPOSIT); the household
    answers through the portal, and the answer goes to the duty log through the key room's hand-off."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    deposit_ref = models.CharField(max_length=40)
    key_number = models.CharField(_("key"), max_length=40)
    purpose = models.CharField(_("purpose"), max_length=200)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    consent = models.BooleanField(null=True)
    answered_by = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("request for consent to use a deposited key")
        verbose_name_plural = _("requests for consent to use a deposited key")
