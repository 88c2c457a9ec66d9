"""Visitor reception (来访接待): the visitor shows identification, the desk contacts the host and lets the
visitor in only with the host's agreement; a refusal is recorded with its reason (FRONT-1; 003 篇11 §4.5)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident, Unit

__all__ = ["IdType", "VISITOR_FLOW", "ContactMethod", "RefusalReason", "HostKind", "Visitor", "VisitorStatus"]

USER = settings.AUTH_USER_MODEL


class IdType(models.TextChoices):
    RESIDENT_CARD = "resident_card", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO = "hk_macao", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN = "taiwan", _("Mainland travel permit for Taiwan residents")
    DRIVING = "driving", _("Driving licence")
    WORK = "work", _("Work pass")
    OTHER = "other", _("Other identification")


class HostKind(models.TextChoices):
    RESIDENT = "resident", _("Resident or household")
    STAFF = "staff", _("Staff member")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    INTERCOM = "intercom", _("Intercom")
    IN_PERSON = "in_person", _("In person")


class RefusalReason(models.TextChoices):
    HOST_REFUSED = "host_refused", _("The host refused")
    HOST_UNREACHABLE = "host_unreachable", _("The host could not be reached")
    NO_ID = "no_id", _("No identification shown")
    OTHER = "other", _("Other")


class VisitorStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting while the host is contacted")
    ADMITTED = "admitted", _("Let in with the host's agreement")
    REFUSED = "refused", _("Refused")
    LEFT = "left", _("Left")


VISITOR_FLOW = Flow("desk.visitor", {
    VisitorStatus.WAITING: {VisitorStatus.ADMITTED, VisitorStatus.REFUSED},
    VisitorStatus.ADMITTED: {VisitorStatus.LEFT},
})


class Visitor(models.Model):
    """One line of the 来访登记表: who came (ID encrypted, shown masked), whom they visit, the host's agreement
    (who, how, when — the server's time) or the refusal with its reason, and the departure."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30)
    arrived_at = models.DateTimeField(_("arrived at"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    visitor_name = models.CharField(_("visiting person"), max_length=60)
    party_size = models.PositiveSmallIntegerField(_("number of people"), default=1)
    id_type = models.CharField(_("identification"), max_length=20, choices=IdType.choices, blank=True)
    id_number_cipher = models.TextField(blank=True)
    id_number_hint = models.CharField(_("ID number (last four)"), max_length=4, blank=True)
    host_kind = models.CharField(_("visiting"), max_length=10, choices=HostKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    host_staff = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    host_name = models.CharField(_("host"), max_length=100)
    purpose = models.CharField(_("purpose of the visit"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=VisitorStatus.choices,
                              default=VisitorStatus.WAITING)
    contacted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    contact_method = models.CharField(_("contacted by"), max_length=10, choices=ContactMethod.choices, blank=True)
    agreed_by = models.CharField(_("agreed by"), max_length=100, blank=True)
    host_answered_at = models.DateTimeField(_("host answered at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=20, choices=RefusalReason.choices,
                                      blank=True)
    refusal_note = models.CharField(_("note"), max_length=300, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    left_recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        ordering = ["-arrived_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="desk_visitor_serial_unique"),
            # Nobody is let in without an ID shown and a host's agreement on record (FRONT-1).
            models.CheckConstraint(name="desk_visitor_admitted_with_id_and_host", condition=(
                ~models.Q(status__in=["admitted", "left"])
                | (~models.Q(id_number_hint="") & ~models.Q(agreed_by="") & models.Q(host_answered_at__isnull=False)))),
        ]
        indexes = [models.Index(fields=["project", "arrived_at"]), models.Index(fields=["project", "status"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.visitor_name}"

    @property
    def ref(self) -> str:
        return f"visitor:{self.pk}"
