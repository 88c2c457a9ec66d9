"""Shift patterns, monthly rosters with versions, assignments, change requests (ROSTER-1..5)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Project
from duty.states import RequestStatus, RosterStatus

USER = settings.AUTH_USER_MODEL

__all__ = ["ChangeKind", "Roster", "RosterAssignment", "ShiftChangeRequest", "ShiftPattern", "TeamMember"]


class ShiftPattern(models.Model):
    """A shift of a project: three-shift system, front desk early/middle/late, holidays (ROSTER-1)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="shift_patterns")
    team = models.CharField(_("team"), max_length=40, help_text=_("E.g. duty desk, front desk."))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=40)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"), help_text=_("Earlier than the start means the next day."))
    is_holiday = models.BooleanField(_("holiday shift"), default=False)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("shift pattern")
        verbose_name_plural = _("shift patterns")
        ordering = ["team", "order", "starts"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="duty_shift_code_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.starts:%H:%M}–{self.ends:%H:%M}"


class TeamMember(models.Model):
    """A person in a team's rota, in order: the rows of the month grid and the holiday rotation (ROSTER-4)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    team = models.CharField(_("team"), max_length=40)
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "team", "person"], name="duty_team_member_unique")]


class Roster(models.Model):
    """One version of a team's roster for a month (or a holiday): drafted → reviewed → approved → issued.

    A revision is a new version; issuing it withdraws the one before (ROSTER-5)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    team = models.CharField(_("team"), max_length=40)
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    holiday_name = models.CharField(_("holiday"), max_length=40, blank=True,
                                    help_text=_("Set for a statutory-holiday roster (ROSTER-4)."))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="superseded_by")
    status = models.CharField(max_length=10, choices=RosterStatus.choices, default=RosterStatus.DRAFT)
    revision_reason = models.CharField(_("reason for revision"), max_length=300, blank=True)
    drafted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_to = models.CharField(_("issued to"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Deadlines are derived, but the fact that a step was late is kept with the record (ROSTER-2, ROSTER-4).
    drafted_late = models.BooleanField(_("drafted late"), default=False)
    issued_late = models.BooleanField(_("issued late"), default=False)
    late_reason = models.CharField(_("reason for lateness"), max_length=300, blank=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("roster")
        verbose_name_plural = _("rosters")
        constraints = [
            models.UniqueConstraint(fields=["project", "team", "period_start", "holiday_name", "version"],
                                    name="duty_roster_version_unique"),
            # Only one issued version of a roster at a time: the old one is withdrawn (ROSTER-5).
            models.UniqueConstraint(fields=["project", "team", "period_start", "holiday_name"],
                                    condition=Q(status="issued"), name="duty_roster_one_issued"),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.period_start:%Y-%m} v{self.version}"


class RosterAssignment(models.Model):
    """A person on a shift on a day, within one roster version."""

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="assignments")
    day = models.DateField(_("date"))
    shift = models.ForeignKey(ShiftPattern, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="duty_assignments")

    class Meta:
        verbose_name = _("roster assignment")
        verbose_name_plural = _("roster assignments")
        ordering = ["day", "shift__starts"]
        constraints = [models.UniqueConstraint(fields=["roster", "day", "shift", "person"],
                                               name="duty_assignment_unique")]
        indexes = [models.Index(fields=["person", "day"])]


class ChangeKind(models.TextChoices):
    SWAP = "swap", _("Swap shifts")  # 调班/换值
    SUBSTITUTE = "substitute", _("Substitute")  # 顶班/替值
    LEAVE = "leave", _("Leave")  # 请假/调休


class ShiftChangeRequest(models.Model):
    """A swap, substitute or leave asked ahead and approved by the superior (ROSTER-3)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=ChangeKind.choices)
    assignment = models.ForeignKey(RosterAssignment, on_delete=models.PROTECT, related_name="change_requests")
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    reason = models.CharField(_("reason"), max_length=300)
    swap_with = models.ForeignKey(RosterAssignment, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", help_text=_("For a swap: the colleague's shift."))
    substitute = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   help_text=_("Named by the approver, never by the requester."))
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("shift change request")
        verbose_name_plural = _("shift change requests")
