"""Quality checks of the front desk (《质量检查记录》): the supervisor's spot checks, at least three a
week, and the checks at each shift handover; each nonconformity with the person responsible, the
correction, its deadline and closure, for the monthly performance review (QUALITY-1; 003 篇14 §4.4)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project
from core.retention import Retained

__all__ = ["NC_FLOW", "CheckKind", "Nonconformity", "NonconformityStatus", "QualityCheck"]

USER = settings.AUTH_USER_MODEL


class CheckKind(models.TextChoices):
    SPOT = "spot", _("Spot check")  # 003 篇14 §4.4.3 每周至少抽查三次
    HANDOVER = "handover", _("Check at the shift handover")  # §4.4.4 每日交接班时检查


class NonconformityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


NC_FLOW = Flow("desk-nonconformity", {NonconformityStatus.OPEN: {NonconformityStatus.CLOSED}})


class QualityCheck(Retained):
    """One check of the front desk against the checklist; `results` is [{"item": "...", "ok": bool}].
    A check at a handover names that handover (read-only reference to the duty app)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CheckKind.choices)
    handover = models.ForeignKey("duty.Handover", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(_("checked at"))
    week_start = models.DateField(_("week"), help_text=_("Monday of the Beijing week of the check."))
    results = models.JSONField(default=list)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("quality check")
        verbose_name_plural = _("quality checks")
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["project", "week_start", "kind"]),
                   models.Index(fields=["project", "checked_at"])]
        constraints = [models.UniqueConstraint(fields=["handover"], condition=Q(handover__isnull=False),
                                               name="desk_quality_one_check_per_handover")]

    def __str__(self) -> str:
        return self.serial


class Nonconformity(Retained):
    """A nonconformity found by a check (不合格项): who, what, the correction, by when, closed by whom."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    check_record = models.ForeignKey(QualityCheck, on_delete=models.PROTECT, related_name="nonconformities")
    item = models.CharField(_("checklist item"), max_length=60)
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("person responsible"))
    description = models.TextField(_("what was wrong"))
    correction = models.TextField(_("correction required"))
    deadline = models.DateField(_("correct by"))
    status = models.CharField(_("status"), max_length=10, choices=NonconformityStatus.choices,
                              default=NonconformityStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closure_note = models.CharField(_("closure note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["project", "status", "deadline"]),
                   models.Index(fields=["project", "person"])]
