"""Status enums and the transitions each duty-desk workflow allows (shared by every area of the app)."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow


class EntryKind(models.TextChoices):
    """What goes into the duty log (DUTY-LOG-2, 001 篇2 b–c)."""

    COMPLAINT_CALL = "complaint_call", _("Complaint by phone")
    THEFT = "theft", _("Theft")
    WIND = "wind", _("Wind accident")
    FIRE = "fire", _("Fire accident")
    WATER = "water", _("Water accident")
    POWER = "power", _("Power accident")
    FIGHT = "fight", _("Fight")
    STAFF_VIOLATION = "staff_violation", _("Staff violation")
    MOVE_IN = "move_in", _("Move-in")
    MOVE_OUT = "move_out", _("Move-out")
    CONSTRUCTION = "construction", _("Construction")
    INSTRUCTION = "instruction", _("Superior's instruction")
    KEY_CUSTODY = "key_custody", _("Key custody")
    ROUND = "round", _("Round finding")
    CONSULTATION = "consultation", _("Enquiry or request")
    MANAGEMENT = "management", _("Other matter for management")


class Severity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    MAJOR = "major", _("Major")
    EMERGENCY = "emergency", _("Emergency")


# A major or emergency event needs 《紧急情况处理登记表》 and blocks a handover while open.
SERIOUS = frozenset({Severity.MAJOR, Severity.EMERGENCY})


class EntryStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


ENTRY_FLOW = Flow("duty-entry", {EntryStatus.OPEN: {EntryStatus.RESOLVED}})


class SignoffKind(models.TextChoices):
    MANAGER_SIGNOFF = "manager_signoff", _("Manager's daily sign-off")  # 客服经理签字
    SUPERVISOR_READ = "supervisor_read", _("Supervisor's daily reading")  # 主管每日查阅


class RosterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Issued")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ROSTER_FLOW = Flow("roster", {
    RosterStatus.DRAFT: {RosterStatus.REVIEWED},
    RosterStatus.REVIEWED: {RosterStatus.APPROVED, RosterStatus.DRAFT},
    RosterStatus.APPROVED: {RosterStatus.ISSUED},
    RosterStatus.ISSUED: {RosterStatus.WITHDRAWN},
})


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


REQUEST_FLOW = Flow("duty-request", {
    RequestStatus.PENDING: {RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.CANCELLED},
})
