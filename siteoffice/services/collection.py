"""The day's collection closed (日收日清), fees due and reminders (FEE-1, FEE-2; 002 篇3 §4.8.2 做好费用收取、
登记、核查、上交工作, §4.8.4 各种费用的收取要做到日收日清; 003 篇9 三.3 相关费用催缴)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core import audit, clock, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, Unit, User
from core.retention import retain_until
from siteoffice.models import DailyClose, FeeDue, FeeReminder, Price, Receipt
from siteoffice.permissions import FEE_RULE, require_clerk, require_receiver
from siteoffice.services import prices
from siteoffice.services.money import FEN, decimal_of, times
from siteoffice.services.receipts import lock_counter
from siteoffice.states import CLOSE_FLOW, CloseStatus, PayMethod, ReminderChannel

DUE_RULE = "FEE-2"
ZERO = Decimal("0.00")


@audit.atomic()
def close_day(*, project: Project, clerk: User, day: dt.date | None = None) -> DailyClose:
    """Close a clerk's day: its receipts counted, totals by method; the clerk signs handing it over. After this no
    receipt is issued into that day, and the day is closed once only."""
    require_clerk(clerk, project)
    day = day or clock.today()
    if day > clock.today():
        raise DomainError(_("A day is closed on the day or after it."), code="invalid_date", rule=FEE_RULE,
                          details={"field": "day"})
    lock_counter(project)  # a receipt being issued now finishes first and is counted, or waits and is refused
    if DailyClose.objects.filter(project=project, clerk=clerk, day=day).exists():
        raise Conflict(_("This day is already closed."), code="already_closed", rule=FEE_RULE)
    rows = Receipt.objects.filter(project=project, clerk=clerk, day=day).order_by("seq")
    # SQLite sums decimals without their scale ("30"): quantised to the fen, the same on every database.
    totals = {method: str((rows.filter(method=method).aggregate(s=Sum("amount"))["s"] or ZERO).quantize(FEN))
              for method in PayMethod.values}
    first, last = rows.first(), rows.last()
    years = int(policies.value("siteoffice.fees.retention_years", project))
    try:
        with transaction.atomic():
            close = DailyClose.objects.create(
                project=project, clerk=clerk, day=day, receipts=rows.count(), totals=totals,
                total=(rows.aggregate(s=Sum("amount"))["s"] or ZERO).quantize(FEN), closed_at=clock.now(),
                first_number=first.number if first else "", last_number=last.number if last else "",
                retain_until=retain_until(years, day))
    except IntegrityError:
        raise Conflict(_("This day is already closed."), code="already_closed", rule=FEE_RULE) from None
    signatures.sign_as_session_user(target=close, project=project, capacity="siteoffice_close_handed_by",
                                    person=clerk)
    audit.record(actor=clerk, action="siteoffice.day.closed", target=close, project=project,
                 data={"day": day.isoformat(), "receipts": close.receipts, "total": str(close.total),
                       "totals": totals})
    return close


@audit.atomic()
def sign_close(*, close: DailyClose, receiver: User) -> DailyClose:
    """The cashier or supervisor receives the day's collection and signs — never the clerk who closed it."""
    close = DailyClose.objects.select_for_update().get(pk=close.pk)
    require_receiver(receiver, close.project)
    if receiver.pk == close.clerk_id:
        raise NotAllowed(_("Someone else receives your day's collection."), code="same_person", rule=FEE_RULE,
                         clause=policies.resolve("siteoffice.fees.receiver_roles", close.project).clause)
    if close.status != CloseStatus.CLOSED:
        raise Conflict(_("This day is already received."), code="already_signed", rule=FEE_RULE)
    CLOSE_FLOW.check(close.status, CloseStatus.SIGNED)
    close.status, close.received_by, close.received_at = CloseStatus.SIGNED, receiver, clock.now()
    close.save(update_fields=["status", "received_by", "received_at"])
    signatures.sign_as_session_user(target=close, project=close.project, capacity="siteoffice_close_received_by",
                                    person=receiver)
    audit.record(actor=receiver, action="siteoffice.day.received", target=close, project=close.project,
                 approved_by=receiver.display_name, data={"day": close.day.isoformat(), "total": str(close.total)})
    return close


@audit.atomic()
def record_due(*, project: Project, by: User, unit: Unit, price: Price, quantity, period: str,
               due_date: dt.date | None, payer: str) -> FeeDue:
    """A fee owed by a unit for a period at the published price, with the date it is due by (FEE-2)."""
    require_clerk(by, project)
    prices.require_current(price, project)
    if unit is None or unit.project_id != project.pk:
        raise DomainError(_("Choose a unit of this project."), code="invalid_choice", rule=DUE_RULE,
                          details={"field": "unit"})
    quantity = decimal_of(quantity, field="quantity", places=3, rule=DUE_RULE)
    period = limits.fit(FeeDue, "period", period, required=True, rule=DUE_RULE)
    payer = limits.fit(FeeDue, "payer", payer, required=True, rule=DUE_RULE)
    if due_date is None:
        raise DomainError(_("Give the due date."), code="required", rule=DUE_RULE, details={"field": "due_date"})
    if FeeDue.objects.filter(project=project, unit=unit, price__kind=price.kind, price__name=price.name,
                             period=period).exists():
        raise Conflict(_("This unit already owes this fee for this period."), code="duplicate_due", rule=DUE_RULE)
    due = FeeDue.objects.create(project=project, unit=unit, price=price, kind=price.kind, period=period,
                                quantity=quantity, amount=times(quantity, price.unit_price), due_date=due_date,
                                payer=payer, created_by=by, created_at=clock.now())
    audit.record(actor=by, action="siteoffice.due.recorded", target=due, project=project,
                 data={"unit": str(unit), "item": price.name, "period": period, "amount": str(due.amount),
                       "due_date": due_date.isoformat()})
    return due


@audit.atomic()
def remind(*, due: FeeDue, by: User, channel: str, note: str = "") -> FeeReminder:
    """Record a reminder of an unpaid fee made to the household (催缴)."""
    due = FeeDue.objects.select_for_update().get(pk=due.pk)
    require_clerk(by, due.project)
    if due.paid_at is not None:
        raise Conflict(_("This fee is already paid."), code="already_paid", rule=DUE_RULE)
    if channel not in ReminderChannel.values:
        raise DomainError(_("Say how the household was reminded."), code="invalid_choice", rule=DUE_RULE,
                          details={"field": "channel"})
    note = limits.fit(FeeReminder, "note", note)
    reminder = FeeReminder.objects.create(due=due, channel=channel, note=note, reminded_by=by,
                                          reminded_at=clock.now())
    audit.record(actor=by, action="siteoffice.due.reminded", target=due, project=due.project,
                 data={"channel": channel, "note": note, "period": due.period})
    return reminder
