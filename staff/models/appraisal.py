"""The monthly appraisal card (月度考评表, STAFF-3; 004 篇3 §4; 003 篇10 §4.8): the measures every room counted
for the person, weighted by policy, adjusted by the supervisor with a reason, signed by the employee, approved
by the manager."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord
from core.models import Project
from core.retention import Retained
from staff.states import AppraisalStatus

__all__ = ["Appraisal", "AppraisalAdjustment", "AppraisalApproval"]

USER = settings.AUTH_USER_MODEL


class Appraisal(Retained):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("number"), max_length=30)
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member"))
    month = models.DateField(_("month"), help_text="The first day of the month appraised.")
    status = models.CharField(_("status"), max_length=10, choices=AppraisalStatus.choices,
                              default=AppraisalStatus.DRAFT)
    measures = models.JSONField(default=list, help_text="[{room, code, label, count, weight, points, documents}]")
    base = models.IntegerField(_("base score"))
    computed = models.IntegerField(_("score from the records"))
    adjusted = models.IntegerField(_("supervisor's adjustment"), default=0)
    total = models.IntegerField(_("total"))
    band = models.CharField(_("result"), max_length=100, blank=True)
    consequence = models.CharField(_("reward or penalty"), max_length=200, blank=True)
    scheme_clause = models.CharField(max_length=300, blank=True)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    prepared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField()
    signed_at = models.DateTimeField(_("signed by the employee at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("monthly appraisal")
        ordering = ["-month", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="staff_appraisal_serial_unique"),
            models.UniqueConstraint(fields=["project", "person", "month"], condition=~Q(status="rejected"),
                                    name="staff_one_appraisal_per_month"),
        ]

    def __str__(self) -> str:
        return self.serial


class AppraisalAdjustment(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.PROTECT, related_name="adjustments")
    points = models.IntegerField(_("points"))
    reason = models.CharField(_("reason"), max_length=300)
    adjusted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    adjusted_at = models.DateTimeField()

    class Meta:
        ordering = ["adjusted_at", "pk"]


class AppraisalApproval(ApprovalRecord):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["appraisal", "step_index"],
                                               name="staff_one_decision_per_appraisal_step")]
