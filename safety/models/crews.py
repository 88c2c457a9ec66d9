"""Outsourced crews: members without accounts, the pre-shift meeting ledger signed on screen, spot checks, PPE,
accidents closed by 四不放过, daily results for performance (CREW-1..3; 001 篇14; 003 篇6)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project
from safety.states import AccidentStatus, MeetingStatus

__all__ = ["Crew", "CrewMember", "Protection", "Meeting", "MeetingAttendance", "SpotCheck", "Accident",
           "DailyResult"]

USER = settings.AUTH_USER_MODEL


class Crew(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("crew"), max_length=100)
    contractor = models.CharField(_("contractor"), max_length=100)
    work = models.CharField(_("work"), max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("outsourced crew")
        verbose_name_plural = _("outsourced crews")
        ordering = ["project", "name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="safety_crew_name_unique")]

    def __str__(self) -> str:
        return self.name


class CrewMember(models.Model):
    """A member of a crew: no staff account; signs on the screen."""

    crew = models.ForeignKey(Crew, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("crew member")
        verbose_name_plural = _("crew members")
        ordering = ["crew", "name"]

    def __str__(self) -> str:
        return self.name


class Protection(models.Model):
    """A member's protective equipment and the day it is valid until (CREW-2)."""

    member = models.ForeignKey(CrewMember, on_delete=models.PROTECT, related_name="protections")
    item = models.CharField(_("protective equipment"), max_length=100)
    valid_until = models.DateField(_("valid until"))

    class Meta:
        verbose_name = _("protective equipment")
        verbose_name_plural = _("protective equipment")
        ordering = ["member", "item"]


class Meeting(models.Model):
    """The pre-shift meeting (班前会台账): the day's hazards briefed, notices posted, every present member signs."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    crew = models.ForeignKey(Crew, on_delete=models.PROTECT, related_name="meetings")
    day = models.DateField(_("day"))
    held_at = models.DateTimeField(_("held at"))
    held_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    hazards = models.CharField(_("the day's hazards"), max_length=500)
    tasks = models.CharField(_("the day's work"), max_length=500)
    notices_posted = models.BooleanField(_("notices posted before work"))
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.OPEN)

    class Meta:
        verbose_name = _("pre-shift meeting")
        verbose_name_plural = _("pre-shift meetings")
        ordering = ["-day", "-pk"]
        constraints = [models.UniqueConstraint(fields=["crew", "day"], name="safety_meeting_once_a_day")]


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey(CrewMember, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "member__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="safety_attendance_once")]


class SpotCheck(models.Model):
    """A supervisor's spot check of a meeting (抽查), by someone other than who held it (CREW-1)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="spot_checks")
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(_("checked at"))
    passed = models.BooleanField(_("passed"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        ordering = ["-checked_at"]


class Accident(models.Model):
    """A crew accident, reported within 24 h, closed by 四不放过: cause found, those responsible dealt with,
    measures in place, people educated (CREW-2)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    crew = models.ForeignKey(Crew, on_delete=models.PROTECT, related_name="accidents")
    number = models.CharField(_("report number"), max_length=30)
    occurred_at = models.DateTimeField(_("occurred at"))
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reported_late = models.BooleanField(_("reported after 24 h"), default=False)
    description = models.TextField(_("what happened"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=AccidentStatus.choices,
                              default=AccidentStatus.REPORTED)
    cause = models.CharField(_("cause found"), max_length=500, blank=True)
    responsibility = models.CharField(_("those responsible dealt with"), max_length=500, blank=True)
    measures = models.CharField(_("measures in place"), max_length=500, blank=True)
    education = models.CharField(_("people educated"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("crew accident")
        verbose_name_plural = _("crew accidents")
        ordering = ["-occurred_at"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="safety_accident_number_unique")]


class DailyResult(models.Model):
    """A crew's quantified day: tasks done and succeeded, minutes over time, on-site samples and passes (CREW-3)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    crew = models.ForeignKey(Crew, on_delete=models.PROTECT, related_name="results")
    day = models.DateField(_("day"))
    tasks = models.PositiveIntegerField(_("tasks"))
    succeeded = models.PositiveIntegerField(_("tasks succeeded"))
    overrun_minutes = models.PositiveIntegerField(_("minutes over time"), default=0)
    samples = models.PositiveIntegerField(_("samples checked"), default=0)
    samples_passed = models.PositiveIntegerField(_("samples passed"), default=0)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("crew daily result")
        verbose_name_plural = _("crew daily results")
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["crew", "day"], name="safety_result_once_a_day")]
