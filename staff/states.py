"""Status enums of the staff room and the transitions each workflow allows."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow


class TrainingKind(models.TextChoices):
    INDUCTION = "induction", _("New-staff programme")  # 新员工培训
    CONTINUING = "continuing", _("Continuing training")  # 在职培训
    KEY_REGULATION = "key_regulation", _("Key regulation training")  # 钥匙管理制度培训 (000 §7)
    FIRE = "fire", _("Fire training")  # 消防培训


class Place(models.TextChoices):
    DESK = "desk", _("Front desk")
    SITE = "site", _("On site")


class InductionStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared, awaiting the employee's signature")
    SIGNED = "signed", _("Signed by the employee, awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


INDUCTION_FLOW = Flow("staff-induction", {InductionStatus.ACTIVE: {InductionStatus.COMPLETED}})
APPRAISAL_FLOW = Flow("staff-appraisal", {
    AppraisalStatus.DRAFT: {AppraisalStatus.SIGNED},
    AppraisalStatus.SIGNED: {AppraisalStatus.APPROVED, AppraisalStatus.REJECTED},
})
