"""Residents' mail, parcels, newspapers and periodicals taken in at the desk (邮件代办, 报刊): registered on
arrival with their sealed state, the resident told, signed for at pickup, never opened; periodical
subscriptions and their daily arrivals (FRONT-2; 002 篇6 §6; 003 篇9 三.3; 001 篇7 不准拆阅…客户的书刊、信件、邮件)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident, Unit

from .visitors import IdType

__all__ = ["MAIL_FLOW", "Collector", "MailItem", "MailKind", "MailStatus", "NoticeMethod", "Period", "SealState",
           "Subscription"]

USER = settings.AUTH_USER_MODEL


class MailKind(models.TextChoices):
    LETTER = "letter", _("Ordinary letter")
    REGISTERED = "registered", _("Registered letter")
    PARCEL = "parcel", _("Parcel")
    EXPRESS = "express", _("Express delivery")
    NEWSPAPER = "newspaper", _("Newspaper")
    PERIODICAL = "periodical", _("Periodical")


class SealState(models.TextChoices):
    # There is no "opened": the desk never opens residents' mail (001 篇7 不准拆阅).
    INTACT = "intact", _("Sealed, intact")
    DAMAGED = "damaged", _("Damaged on arrival")


class MailStatus(models.TextChoices):
    HELD = "held", _("Held at the desk")
    COLLECTED = "collected", _("Collected")


MAIL_FLOW = Flow("desk.mail", {MailStatus.HELD: {MailStatus.COLLECTED}})


class NoticeMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    SMS = "sms", _("Text message")
    NOTICE = "notice", _("Notice slip in the mailbox")
    IN_PERSON = "in_person", _("In person")


class Collector(models.TextChoices):
    RESIDENT = "resident", _("The resident")
    AUTHORISED = "authorised", _("A person the resident authorised")


class Period(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")


class Subscription(models.Model):
    """A resident's newspaper or periodical subscription kept by the desk (003 篇9 三.3 预订报刊杂志)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+", verbose_name=_("resident"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(_("title"), max_length=100)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("periodical subscription")
        verbose_name_plural = _("periodical subscriptions")
        ordering = ["title", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="desk_subscription_period_ordered"),
                       models.CheckConstraint(condition=models.Q(copies__gte=1), name="desk_subscription_copies")]

    def __str__(self) -> str:
        return f"{self.title} · {self.resident}"


class MailItem(models.Model):
    """One line of the 邮件登记簿: what came, for whom, in what state; the resident told; who signed for it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=12, choices=MailKind.choices)
    carrier = models.CharField(_("carrier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    addressee = models.CharField(_("addressee"), max_length=100)
    copies = models.PositiveSmallIntegerField(_("pieces"), default=1)
    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="arrivals")
    seal_state = models.CharField(_("state on arrival"), max_length=10, choices=SealState.choices)
    damage_note = models.CharField(_("damage"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.HELD)
    notified_at = models.DateTimeField(_("resident told at"), null=True, blank=True)
    notified_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    notice_method = models.CharField(_("told by"), max_length=10, choices=NoticeMethod.choices, blank=True)
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)
    collector = models.CharField(_("collected by"), max_length=12, choices=Collector.choices, blank=True)
    collector_name = models.CharField(_("collector"), max_length=100, blank=True)
    collector_id_type = models.CharField(_("identification"), max_length=20, choices=IdType.choices, blank=True)
    collector_id_cipher = models.TextField(blank=True)
    collector_id_hint = models.CharField(_("ID number (last four)"), max_length=4, blank=True)
    handed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("mail item")
        verbose_name_plural = _("mail items")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="desk_mail_serial_unique"),
            # One arrival of a subscription per day is enforced by the service (the day is Beijing's).
            models.CheckConstraint(condition=~models.Q(status="collected") | ~models.Q(collector_id_hint=""),
                                   name="desk_mail_collected_against_id"),
        ]
        indexes = [models.Index(fields=["project", "status", "received_at"]),
                   models.Index(fields=["project", "received_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.addressee}"

    @property
    def ref(self) -> str:
        return f"mail:{self.pk}"
