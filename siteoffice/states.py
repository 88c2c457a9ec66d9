"""Status enums of the site office (管理处: fees and decoration) and the transitions each workflow allows."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow


class FeeKind(models.TextChoices):
    """The items of a price list (002 篇3 §4.8.1 物业服务费用、代收代缴费、装修管理费等; 003 篇9 三.3 退还押金)."""

    SERVICE = "service", _("Property service fee")  # 物业服务费
    ON_BEHALF = "on_behalf", _("Collected on behalf")  # 代收代缴费
    DECORATION = "decoration", _("Decoration management fee")  # 装修管理费
    DECORATION_DEPOSIT = "decoration_deposit", _("Decoration deposit")  # 装修押金
    OTHER_DEPOSIT = "other_deposit", _("Other deposit")  # 其他押金

    @classmethod
    def deposits(cls) -> frozenset[str]:
        return frozenset({cls.DECORATION_DEPOSIT, cls.OTHER_DEPOSIT})


class PayMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    TRANSFER = "transfer", _("Bank transfer")
    CARD = "card", _("Card")


class EntryKind(models.TextChoices):
    """A receipt is never edited: money going back is a counter-entry with its own number."""

    CHARGE = "charge", _("Charge")
    REVERSAL = "reversal", _("Reversal")  # 冲红
    REFUND = "refund", _("Deposit refund")  # 退还押金


class CounterStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    DONE = "done", _("Entered")
    REJECTED = "rejected", _("Rejected")


# A reversal asked for waits for the supervisor; approved it is entered (a negative receipt), or rejected.
COUNTER_FLOW = Flow("siteoffice-counter-entry", {
    CounterStatus.PENDING: {CounterStatus.DONE, CounterStatus.REJECTED, CounterStatus.PENDING},
    CounterStatus.DONE: set(), CounterStatus.REJECTED: set()})


class CloseStatus(models.TextChoices):
    CLOSED = "closed", _("Closed, awaiting the receiver's signature")
    SIGNED = "signed", _("Handed over and signed")


CLOSE_FLOW = Flow("siteoffice-daily-close", {CloseStatus.CLOSED: {CloseStatus.SIGNED}, CloseStatus.SIGNED: set()})


class ReminderChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    NOTICE = "notice", _("Written notice")
    VISIT = "visit", _("Visit")


class DecorationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting checks and approval")
    APPROVED = "approved", _("Approved, fees to charge")
    CHARGED = "charged", _("Fees charged, permit to issue")
    PERMITTED = "permitted", _("Under decoration")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Deposit refunded")
    REJECTED = "rejected", _("Rejected")


# Applied → checked by engineering (structural changes, drawings) and approved (core.approvals; PENDING → PENDING
# while steps remain) → fees and deposit charged → permit → acceptance inspection → deposit refunded.
DECORATION_FLOW = Flow("siteoffice-decoration", {
    DecorationStatus.PENDING: {DecorationStatus.PENDING, DecorationStatus.APPROVED, DecorationStatus.REJECTED},
    DecorationStatus.APPROVED: {DecorationStatus.CHARGED},
    DecorationStatus.CHARGED: {DecorationStatus.PERMITTED},
    DecorationStatus.PERMITTED: {DecorationStatus.ACCEPTED},
    DecorationStatus.ACCEPTED: {DecorationStatus.CLOSED},
    DecorationStatus.CLOSED: set(), DecorationStatus.REJECTED: set()})


class ViolationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RECTIFIED = "rectified", _("Rectified, awaiting re-check")
    CLOSED = "closed", _("Closed after re-check")


# A violation is rectified by the household, then re-checked: passed it closes, failed it is open again.
VIOLATION_FLOW = Flow("siteoffice-violation", {
    ViolationStatus.OPEN: {ViolationStatus.RECTIFIED},
    ViolationStatus.RECTIFIED: {ViolationStatus.CLOSED, ViolationStatus.OPEN},
    ViolationStatus.CLOSED: set()})


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    SERIOUS = "serious", _("Serious")  # 严重违章上报客服主管 (003 篇9 四.2)
