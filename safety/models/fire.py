"""Fire safety: hazards followed to closure, the monthly inspection, the equipment test calendar, training,
drills, new staff's test, the volunteer brigade (FIRE-1..6; 001 篇10)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project
from safety.states import DueStatus, EquipmentKind, ExerciseKind, HazardSource, HazardStatus

__all__ = ["Hazard", "Inspection", "Equipment", "EquipmentTest", "Exercise", "FireTest", "BrigadeMember"]

USER = settings.AUTH_USER_MODEL


class Hazard(models.Model):
    """A fire hazard (隐患) with its deadline; an authority's order needs a written reply (复函) by its deadline; one
    the site cannot fix is reported upward with a plan (FIRE-1, FIRE-5, FIRE-6)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("notice number"), max_length=30)
    source = models.CharField(_("found by"), max_length=20, choices=HazardSource.choices)
    location = models.CharField(_("location"), max_length=200)
    description = models.CharField(_("hazard"), max_length=500)
    deadline = models.DateField(_("rectify by"))
    status = models.CharField(_("status"), max_length=12, choices=HazardStatus.choices, default=HazardStatus.OPEN)
    found_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    found_at = models.DateTimeField(_("found at"))
    order_number = models.CharField(_("authority's order"), max_length=60, blank=True)
    reply_due = models.DateField(_("written reply due"), null=True, blank=True)
    reply = models.TextField(_("written reply"), max_length=2000, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    plan = models.TextField(_("plan reported upward"), max_length=2000, blank=True)
    reported_up_at = models.DateTimeField(_("reported upward at"), null=True, blank=True)
    rectification = models.CharField(_("rectification"), max_length=500, blank=True)
    rectified_at = models.DateTimeField(_("rectified at"), null=True, blank=True)
    rectified_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    check_note = models.CharField(_("re-check"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("fire hazard")
        verbose_name_plural = _("fire hazards")
        ordering = ["-found_at", "-pk"]
        indexes = [models.Index(fields=["project", "status", "deadline"])]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="safety_hazard_number_unique")]

    def __str__(self) -> str:
        return self.number


class Inspection(models.Model):
    """The monthly fire inspection (防火检查记录), signed by the inspector with their password (FIRE-1)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("record number"), max_length=30)
    month = models.DateField(_("month"))
    inspected_at = models.DateTimeField(_("inspected at"))
    inspected_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    areas = models.CharField(_("areas inspected"), max_length=500)
    findings = models.TextField(_("findings"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("monthly fire inspection")
        verbose_name_plural = _("monthly fire inspections")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["project", "month"], name="safety_inspection_month_unique")]

    def __str__(self) -> str:
        return self.number


class Equipment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=EquipmentKind.choices)
    label = models.CharField(_("equipment"), max_length=100)
    location = models.CharField(_("location"), max_length=200)
    installed_on = models.DateField(_("in service from"))
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("fire equipment")
        verbose_name_plural = _("fire equipment")
        ordering = ["project", "kind", "label"]
        constraints = [models.UniqueConstraint(fields=["project", "label"], name="safety_equipment_label_unique")]

    def __str__(self) -> str:
        return self.label


class EquipmentTest(models.Model):
    """One test due by the calendar (消防设施测试记录); missed when its day passed untested (FIRE-2)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="tests")
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=DueStatus.choices, default=DueStatus.DUE)
    tested_at = models.DateTimeField(_("tested at"), null=True, blank=True)
    tested_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    passed = models.BooleanField(_("passed"), null=True)
    result = models.CharField(_("result"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("equipment test")
        verbose_name_plural = _("equipment tests")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["project", "status", "due_on"])]
        constraints = [models.UniqueConstraint(fields=["equipment", "due_on"], name="safety_test_once")]


class Exercise(models.Model):
    """Fire training, an evacuation drill, the brigade's training or drill (FIRE-3, FIRE-4)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ExerciseKind.choices)
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=200)
    attendees = models.PositiveIntegerField(_("attendees"))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("fire exercise")
        verbose_name_plural = _("fire exercises")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["project", "kind", "held_on"])]


class FireTest(models.Model):
    """A staff member's fire-safety test: new staff pass one before fire duty (FIRE-3)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    tested_on = models.DateField(_("tested on"))
    score = models.PositiveIntegerField(_("score"))
    passed = models.BooleanField(_("passed"))
    examiner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("fire-safety test")
        verbose_name_plural = _("fire-safety tests")
        ordering = ["-tested_on", "-pk"]


class BrigadeMember(models.Model):
    """A member of the volunteer fire brigade (兼职消防队, FIRE-4)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    duty = models.CharField(_("brigade duty"), max_length=100)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("brigade member")
        verbose_name_plural = _("brigade members")
        ordering = ["project", "joined_on"]
