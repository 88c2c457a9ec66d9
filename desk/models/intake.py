"""Front-desk intake (《客户信息登记表》): calls, visits, letters, routed and followed to closure
(DESK-INTAKE-1..2)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident, Unit
from core.retention import Retained
from core.roles import DepartmentCode

__all__ = ["CONTACT_FLOW", "Contact", "ContactChannel", "ContactKind", "ContactStatus", "EscalationLevel"]

USER = settings.AUTH_USER_MODEL


class ContactChannel(models.TextChoices):
    CALL = "call", _("Phone call")
    VISIT = "visit", _("Visit in person")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")
    ONLINE = "online", _("Online")  # the residents' portal (RES-1)


class ContactKind(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry")
    REPAIR = "repair", _("Repair")
    COMPLAINT = "complaint", _("Complaint")
    HELP = "help", _("Request for help")
    SERVICE = "service", _("Paid or convenience service")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")
    OTHER = "other", _("Other")


class ContactStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ROUTED = "routed", _("Routed to a department")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")


class EscalationLevel(models.TextChoices):
    NONE = "", _("Not escalated")
    SUPERVISOR = "supervisor", _("Customer-service supervisor")
    MANAGER = "manager", _("Manager")


CONTACT_FLOW = Flow("desk.contact", {
    ContactStatus.OPEN: {ContactStatus.ROUTED, ContactStatus.ESCALATED, ContactStatus.CLOSED},
    ContactStatus.ROUTED: {ContactStatus.ROUTED, ContactStatus.ESCALATED, ContactStatus.CLOSED},
    ContactStatus.ESCALATED: {ContactStatus.ROUTED, ContactStatus.ESCALATED, ContactStatus.CLOSED},
})


class Contact(Retained):
    """One contact with a resident or visitor, registered at the desk with server time (DESK-INTAKE-1).

    `matter_ref` names the repair, complaint or service it became ("repair:12"); when that matter
    closes, the contact is closed through desk.services.intake.follow_matter_closed."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30)
    channel = models.CharField(_("channel"), max_length=10, choices=ContactChannel.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=ContactKind.choices)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person_name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    content = models.TextField(_("content"))
    is_vip = models.BooleanField(_("important customer"), default=False)
    department = models.CharField(_("responsible department"), max_length=20, choices=DepartmentCode.choices,
                                  blank=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    routed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.OPEN)
    matter_ref = models.CharField(max_length=40, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.TextField(_("outcome"), blank=True)
    escalation = models.CharField(_("escalated to"), max_length=12, choices=EscalationLevel.choices, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    escalation_reason = models.CharField(_("reason for escalation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["project", "status"]), models.Index(fields=["project", "received_at"])]
        constraints = [models.UniqueConstraint(fields=["project", "serial"], name="desk_contact_serial_unique")]

    def __str__(self) -> str:
        return f"{self.serial} {self.person_name}"

    @property
    def urgent(self) -> bool:
        """A VIP resident's contact is handled first (003 篇14 §4.2.3 按轻重缓急)."""
        return self.is_vip

    @property
    def is_open(self) -> bool:
        return self.status != ContactStatus.CLOSED
