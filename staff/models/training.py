"""Training records (STAFF-1; 003 篇9 一; 000 §7): sessions with attendance and test results per person, and the
new-staff programme — a week of sessions, one-to-one shadowing at the desk and on site swapped after a week, a
daily work diary the mentor reads."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Project
from core.retention import Retained
from staff.states import InductionStatus, Place, TrainingKind

__all__ = ["Attendance", "DiaryEntry", "Induction", "TrainingSession"]

USER = settings.AUTH_USER_MODEL


class TrainingSession(Retained):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    title = models.CharField(_("subject"), max_length=200)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    trainer = models.CharField(_("trainer"), max_length=100)
    content = models.TextField(_("content"), max_length=2000, blank=True)
    tested = models.BooleanField(_("with a test"), default=False)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("training session")
        ordering = ["-held_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "serial"], name="staff_training_serial_unique")]

    def __str__(self) -> str:
        return self.serial


class Attendance(models.Model):
    """One person at one session: present or not, and the test result."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member"))
    attended = models.BooleanField(_("attended"))
    score = models.PositiveSmallIntegerField(_("test score"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="staff_attendance_unique")]


class Induction(Retained):
    """The new-staff programme of one person with their mentor (一对一带教)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("new staff member"))
    mentor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("mentor"))
    starts = models.DateField(_("starts"))
    first_place = models.CharField(_("first week"), max_length=10, choices=Place.choices, default=Place.DESK)
    status = models.CharField(_("status"), max_length=10, choices=InductionStatus.choices,
                              default=InductionStatus.ACTIVE)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("new-staff programme")
        ordering = ["-starts", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "person"], condition=Q(status="active"),
                                               name="staff_one_active_induction")]


class DiaryEntry(models.Model):
    """One day of the new staff member's work diary (工作日记), read and commented by the mentor."""

    induction = models.ForeignKey(Induction, on_delete=models.PROTECT, related_name="diary")
    day = models.DateField(_("day"))
    place = models.CharField(_("where"), max_length=10, choices=Place.choices)
    text = models.TextField(_("what I did and learned"), max_length=2000)
    written_at = models.DateTimeField()
    read_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    mentor_note = models.CharField(_("mentor's comment"), max_length=500, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["induction", "day"], name="staff_one_diary_entry_per_day")]
