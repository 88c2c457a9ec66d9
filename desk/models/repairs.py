"""Repairs: 《住户报修记录表》 and the 《工作任务单》 slip sent to engineering (REPAIR-1..5; 002 篇3 §4.2.2,
003 篇5 §4.1–4.3). Kept 2 years (003 篇5 §4.3.1)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident, Unit
from core.retention import Retained
from core.roles import DepartmentCode

__all__ = ["REPAIR_FLOW", "OPEN_REPAIR_STATUSES", "Repair", "RepairSignMethod", "RepairStatus"]

USER = settings.AUTH_USER_MODEL


class RepairStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    DISPATCHED = "dispatched", _("Slip issued")
    SET_OUT = "set_out", _("Technician set out")
    COMPLETED = "completed", _("Completed, not signed")
    SIGNED = "signed", _("Signed and closed")
    CANCELLED = "cancelled", _("Cancelled")


# An unsigned slip is not done (003 篇5 §4.3.4): "completed" is still open everywhere.
OPEN_REPAIR_STATUSES = (RepairStatus.REPORTED, RepairStatus.DISPATCHED, RepairStatus.SET_OUT,
                        RepairStatus.COMPLETED)

REPAIR_FLOW = Flow("desk.repair", {
    RepairStatus.REPORTED: {RepairStatus.DISPATCHED, RepairStatus.CANCELLED},
    RepairStatus.DISPATCHED: {RepairStatus.SET_OUT, RepairStatus.CANCELLED},
    RepairStatus.SET_OUT: {RepairStatus.COMPLETED, RepairStatus.CANCELLED},
    RepairStatus.COMPLETED: {RepairStatus.SIGNED},
})


class RepairSignMethod(models.TextChoices):
    HOUSEHOLD = "household", _("Adult of the household, on screen")
    STAFF = "staff", _("Staff of the reporting department, with password")


class Repair(Retained):
    """One repair report and its work task slip. Times are the server's; the slip number (RW-…) is
    given when the duty staff issue it to engineering (REPAIR-1, REPAIR-5).

    `due_at` is when the technician must have set out: 5 minutes after the slip (policy), or the
    appointment the desk booked when nobody was in (REPAIR-2). Late is a query on it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("report number"), max_length=30)
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("reported by (name)"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    location = models.CharField(_("place"), max_length=200, blank=True)
    public_area = models.BooleanField(_("public facility"), default=False)
    department = models.CharField(_("reporting department"), max_length=20, choices=DepartmentCode.choices,
                                  blank=True)
    content = models.TextField(_("content"))
    category = models.CharField(_("category"), max_length=30)
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    is_vip = models.BooleanField(_("important customer"), default=False)
    contact = models.ForeignKey("desk.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_ref = models.CharField(max_length=80, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=RepairStatus.choices,
                              default=RepairStatus.REPORTED)
    # The 《工作任务单》.
    slip_number = models.CharField(_("slip number"), max_length=30, blank=True)
    dispatched_at = models.DateTimeField(_("slip issued at"), null=True, blank=True)
    dispatched_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    technician = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("technician"))
    due_at = models.DateTimeField(_("set out by"), null=True, blank=True)
    set_out_at = models.DateTimeField(_("set out at"), null=True, blank=True)
    set_out_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    work_done = models.TextField(_("work done"), blank=True)
    materials = models.CharField(_("materials used"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    sign_method = models.CharField(_("signed as"), max_length=12, choices=RepairSignMethod.choices, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=100, blank=True)
    signer_staff = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signer_is_adult = models.BooleanField(_("signer is an adult of the household"), default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("repair")
        verbose_name_plural = _("repairs")
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="desk_repair_serial_unique"),
            models.UniqueConstraint(fields=["project", "slip_number"], condition=~Q(slip_number=""),
                                    name="desk_repair_slip_unique"),
        ]
        indexes = [
            models.Index(fields=["project", "status"]), models.Index(fields=["project", "reported_at"]),
            # The desk's open repairs, soonest due first: read from the index in order, top 50 without a sort
            # of every open repair (only open ones are in it, so it stays small whatever the history).
            models.Index(fields=["project", "due_at", "reported_at"], condition=Q(status__in=OPEN_REPAIR_STATUSES),
                         name="desk_repair_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self.serial} {self.person_name}"

    @property
    def ref(self) -> str:
        return f"repair:{self.pk}"

    @property
    def place(self) -> str:
        if self.unit_id:
            return self.unit.label + (f" {self.location}" if self.location else "")
        return self.location
