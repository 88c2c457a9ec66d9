"""Patrol routes of checkpoints, rounds and the visits stamped at each point (PATROL-1; 001 篇10 二(一))."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project
from safety.states import FindingOutcome, RoundStatus, RouteKind, SignInVia, VisitResult

__all__ = ["Route", "Checkpoint", "Round", "Visit"]

USER = settings.AUTH_USER_MODEL


class Route(models.Model):
    """A route of checkpoints walked every `interval_minutes` from `first_at` (e.g. key fire areas every 120)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("route"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=RouteKind.choices)
    first_at = models.TimeField(_("first round at"))
    interval_minutes = models.PositiveIntegerField(_("every (minutes)"))
    rounds_per_day = models.PositiveIntegerField(_("rounds a day"), default=1)
    allowed_minutes = models.PositiveIntegerField(_("minutes to walk a round"), default=60)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("patrol route")
        verbose_name_plural = _("patrol routes")
        ordering = ["project", "name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="safety_route_name_unique")]

    def __str__(self) -> str:
        return self.name


class Checkpoint(models.Model):
    """A point of a route. Its printed code is a random token (nothing about the place); the short code is typed
    when the camera cannot scan."""

    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="checkpoints")
    order = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("checkpoint"), max_length=100)
    token = models.CharField(max_length=40, unique=True)
    short_code = models.CharField(_("short code"), max_length=8, unique=True)
    photo_required = models.BooleanField(_("photo required"), default=False)
    what_to_check = models.CharField(_("what to check"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["route", "order"]
        constraints = [models.UniqueConstraint(fields=["route", "order"], name="safety_checkpoint_order_unique")]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """One round of a route, due from `due_at` and to be walked by `due_by` (server time)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="rounds")
    due_at = models.DateTimeField(_("due at"))
    due_by = models.DateTimeField(_("to be walked by"))
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    missed = models.PositiveIntegerField(_("points missed"), default=0)
    late = models.PositiveIntegerField(_("points late"), default=0)

    class Meta:
        verbose_name = _("patrol round")
        verbose_name_plural = _("patrol rounds")
        ordering = ["-due_at", "-pk"]
        indexes = [models.Index(fields=["project", "status", "due_by"])]
        constraints = [models.UniqueConstraint(fields=["route", "due_at"], name="safety_round_unique")]


class Visit(models.Model):
    """A checkpoint of a round: signed in (time stamped by the server) or, after the round, missed."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="visits")
    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=10, choices=VisitResult.choices)
    via = models.CharField(_("signed in by"), max_length=10, choices=SignInVia.choices, blank=True)
    visited_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    visited_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)
    finding = models.CharField(_("finding"), max_length=500, blank=True)
    outcome = models.CharField(_("made into"), max_length=10, choices=FindingOutcome.choices, blank=True)
    outcome_ref = models.CharField(_("document"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("checkpoint visit")
        verbose_name_plural = _("checkpoint visits")
        ordering = ["round", "checkpoint__order"]
        constraints = [models.UniqueConstraint(fields=["round", "checkpoint"], name="safety_visit_once")]
