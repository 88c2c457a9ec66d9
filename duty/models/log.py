"""The duty log (值班日志): entries, emergency forms, daily sign-off and reading, rounds (DUTY-LOG-1..6)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Project, Unit
from core.retention import Retained
from duty.states import EntryKind, EntryStatus, Severity, SignoffKind

__all__ = ["DaySignoff", "DutyEntry", "DutyRound", "EmergencyReport"]

USER = settings.AUTH_USER_MODEL


class DutyEntry(Retained):
    """One event in the duty log. Times come from the server (CORE-4); kept 2 years (DUTY-LOG-5).

    `day` is the Beijing date of the page it was written on; `occurred_at` may be earlier than
    `recorded_at` only when the writer says the event happened before (never later than now)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    day = models.DateField(_("date"), db_index=True)
    shift_code = models.CharField(_("shift"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.NORMAL)
    occurred_at = models.DateTimeField(_("time of the event"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    location = models.CharField(_("place"), max_length=200, blank=True)
    people = models.CharField(_("people involved"), max_length=200, blank=True,
                              help_text=_("E.g. the complainant of a phone complaint."))
    what_happened = models.TextField(_("what happened"))
    handling = models.TextField(_("how it was handled"), blank=True)
    result = models.TextField(_("final result"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Written by another module through duty.services.log.record_entry (e.g. "keys.loan:123").
    source = models.CharField(max_length=80, blank=True, db_index=True)

    class Meta:
        verbose_name = _("duty log entry")
        verbose_name_plural = _("duty log entries")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["project", "day"]),
                   models.Index(fields=["project", "status", "severity"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.get_kind_display()}"


class EmergencyReport(Retained):
    """《紧急情况处理登记表》 of a major event, photos attached, the next-day written report (DUTY-LOG-3)."""

    entry = models.OneToOneField(DutyEntry, on_delete=models.PROTECT, related_name="emergency_report")
    reported_to = models.CharField(_("reported to"), max_length=200, blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    losses = models.TextField(_("losses and injuries"), blank=True)
    departments = models.CharField(_("departments assisting"), max_length=200, blank=True)
    filled_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    filled_at = models.DateTimeField()
    report_due_at = models.DateTimeField(_("written report due"))
    report_text = models.TextField(_("written report"), blank=True)
    report_submitted_at = models.DateTimeField(null=True, blank=True)
    report_submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    report_received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    report_received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("emergency handling form")
        verbose_name_plural = _("emergency handling forms")


class DaySignoff(models.Model):
    """The manager's signature on a day's log, the supervisor's daily reading (DUTY-LOG-4)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("date"))
    kind = models.CharField(max_length=20, choices=SignoffKind.choices)
    signed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    entries_seen = models.PositiveIntegerField(default=0)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("daily sign-off")
        verbose_name_plural = _("daily sign-offs")
        constraints = [models.UniqueConstraint(fields=["project", "day", "kind"], name="duty_signoff_unique")]


class DutyRound(Retained):
    """A round during duty: areas checked for condition, hygiene and discipline; lighting (DUTY-LOG-6)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    performed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # [{"area": "...", "condition_ok": bool, "hygiene_ok": bool, "discipline_ok": bool, "note": "..."}]
    checks = models.JSONField(default=list)
    lighting_checked = models.BooleanField(_("lighting switched on schedule"), default=False)
    # None: the lighting was not due on this round; False: found not switched on schedule (writes an entry).
    lighting_ok = models.BooleanField(_("lighting as scheduled"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Where the project has a building patrol route, the round walks it (DUTY-LOG-6 with PATROL-1): the patrol round
    # it walks ("safety.round:12", through core.handoffs) and, once finished, its checkpoints as they stood:
    # [{"name": "...", "scanned_at": iso or null, "scanned_by": "...", "late": bool, "finding": "..."}]
    patrol_ref = models.CharField(max_length=40, blank=True)
    patrol_route = models.CharField(_("patrol route"), max_length=100, blank=True)
    checkpoints = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("duty round")
        verbose_name_plural = _("duty rounds")
        constraints = [models.UniqueConstraint(fields=["performed_by"], condition=Q(finished_at__isnull=True),
                                               name="duty_one_open_round_per_person")]
