"""Status enums of the archive room and the transitions each workflow allows."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow


class Retention(models.TextChoices):
    """保管期限 (002 篇1 §1.1.2 ⑵⑤): the three classic periods, or a number of years."""

    PERMANENT = "permanent", _("Permanent")
    LONG = "long", _("Long-term")
    SHORT = "short", _("Short-term")
    YEARS = "years", _("A number of years")


class VolumeStatus(models.TextChoices):
    OPEN = "open", _("Open for filing")
    SEALED = "sealed", _("Sealed")
    DESTROYED = "destroyed", _("Destroyed")


# A volume takes items while open; after its year it is sealed in its archive bag and takes none (ARCH-9).
# Destroyed, through an approved destruction list, it is gone for good: never lent, shelved or checked (ARCH-10).
VOLUME_FLOW = Flow("archives-volume", {VolumeStatus.OPEN: {VolumeStatus.SEALED, VolumeStatus.DESTROYED},
                                       VolumeStatus.SEALED: {VolumeStatus.DESTROYED},
                                       VolumeStatus.DESTROYED: set()})


class DestructionStatus(models.TextChoices):
    """A destruction list (档案销毁清册, ARCH-10): awaiting approval, approved, rejected, carried out."""

    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved, awaiting destruction")
    REJECTED = "rejected", _("Rejected")
    DESTROYED = "destroyed", _("Destroyed")


DESTRUCTION_FLOW = Flow("archives-destruction", {
    DestructionStatus.PENDING: {DestructionStatus.APPROVED, DestructionStatus.REJECTED},
    DestructionStatus.APPROVED: {DestructionStatus.DESTROYED},
    DestructionStatus.REJECTED: set(), DestructionStatus.DESTROYED: set()})


class DestructionMethod(models.TextChoices):
    """002 篇1 §1.5.2: confidential files through the shredder; ordinary ones, many of them, torn up."""

    SHREDDED = "shredded", _("Shredded")  # 碎纸机处理
    TORN = "torn", _("Torn up")  # 撕毁后处理


class CheckKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly shelf check")  # 002 篇1 §1.1.3 每月底进行一次库藏档案清理
    CONFIDENTIAL = "confidential", _("Check of personal staff files")  # 002 篇3 §4.4.2 至少2次/年
    FULL = "full", _("Full yearly check")  # 002 篇1 §1.3.6 由次年初进行全部档案的清理核对


class CheckResult(models.TextChoices):
    FOUND = "found", _("Found in place")
    MISSING = "missing", _("Missing")
    MISPLACED = "misplaced", _("Misplaced")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


FINDING_FLOW = Flow("archives-finding", {FindingStatus.OPEN: {FindingStatus.CLOSED}, FindingStatus.CLOSED: set()})


class Owner(models.TextChoices):
    """Whose series a volume belongs to (ARCH-9): a department of the company or an external unit."""

    DEPARTMENT = "department", _("Department")
    EXTERNAL = "external", _("External unit")
