"""Tools lent with a temporary form and signed back, through core.lending (STOCK-7; 003 篇2 现场工具的使用属于临时
借用性质…归还时将临时领用表下面注明已归还，并签字确认)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits, policies, signatures
from core.errors import Conflict, DomainError, NotFound
from core.lending import counter, decisions
from core.lending.states import LoanStatus
from stores import permissions
from stores.models import Item, Lot, ToolLoan, Warehouse
from stores.selectors.stock import quantity
from stores.services.numbers import take
from stores.states import Grade

RULE = "STOCK-7"


def available(warehouse: Warehouse, tool: Item) -> int:
    lent = ToolLoan.objects.filter(warehouse=warehouse, tool=tool, status=LoanStatus.LENT).aggregate(
        n=Sum("quantity"))["n"] or 0
    return quantity(warehouse, tool, Grade.GOOD) - lent


@audit.atomic()
def apply(*, warehouse: Warehouse, tool: Item, holder, registered_by, quantity: int = 1, team: str = "",
          purpose: str, days: int = 1) -> ToolLoan:
    """The temporary form (临时领用表): who borrows which tool, for which work group, until when."""
    project = warehouse.project
    permissions.require_keeper(registered_by, project)
    if not tool.is_tool or tool.company_id != project.company_id:
        raise NotFound(_("No such tool."), code="tool_not_found", rule=RULE)
    max_days = policies.value("stores.tool_loan.max_days", project)
    if not 1 <= int(days) <= max_days:
        raise DomainError(_("A tool is lent for 1 to %(n)s days.") % {"n": max_days}, code="bad_period", rule=RULE)
    if int(quantity) <= 0:
        raise DomainError(_("Lend at least one."), code="bad_quantity", rule=RULE)
    chain, clause = approvals.resolve("stores.tool_loan.approval", project)
    now = clock.now()
    loan = ToolLoan.objects.create(
        project=project, serial=take(project, "loan"), applicant=holder, holder=holder,
        registered_by=registered_by, purpose=limits.fit(ToolLoan, "purpose", purpose, required=True, rule=RULE),
        period_start=now, period_end=now + dt.timedelta(days=int(days)), chain=chain, chain_clause=clause,
        status=LoanStatus.PENDING if chain else LoanStatus.APPROVED, applied_at=now,
        approved_at=None if chain else now, warehouse=warehouse, tool=tool, quantity=int(quantity), team=team[:100])
    audit.record(actor=registered_by, action="stores.tool_loan.applied", target=loan, project=project,
                 data={"serial": loan.serial, "tool": tool.code, "quantity": loan.quantity})
    return loan


def _parties(loan: ToolLoan):
    return {loan.holder_id, loan.applicant_id}


@audit.atomic()
def approve(*, loan: ToolLoan, approver, comment: str = "") -> ToolLoan:
    loan = ToolLoan.objects.select_for_update().get(pk=loan.pk)
    return decisions.approve_step(loan, approver=approver, comment=comment, parties=_parties(loan), rule=RULE,
                                  own_message=_("You cannot approve your own tool loan."),
                                  action="stores.tool_loan.approved", not_pending=_("The loan is not pending."))


@audit.atomic()
def reject(*, loan: ToolLoan, approver, comment: str) -> ToolLoan:
    loan = ToolLoan.objects.select_for_update().get(pk=loan.pk)
    return decisions.reject_step(loan, approver=approver, comment=comment, parties=_parties(loan), rule=RULE,
                                 own_message=_("You cannot approve your own tool loan."),
                                 action="stores.tool_loan.rejected")


@audit.atomic()
def lend(*, loan: ToolLoan, issuer, holder_password: str, counted) -> ToolLoan:
    """Handed over at the store: counted together, the borrower signs with their password, the keeper with the
    session; never more than the store holds beside what is already out."""
    permissions.require_keeper(issuer, loan.project)
    loan = ToolLoan.objects.select_for_update().get(pk=loan.pk)
    counter.require_lendable(loan, issuer, rule=RULE)
    counter.require_count(expected=loan.quantity, counted=counted, rule=RULE)
    # Two keepers lending the last unit on two forms at once: the tool's good lots in this store are locked first,
    # so the second one counts what the first lent (one winner, on PostgreSQL; SQLite writes one at a time).
    list(Lot.objects.select_for_update().filter(warehouse=loan.warehouse, item=loan.tool, grade=Grade.GOOD)
         .values_list("pk", flat=True))
    short = Conflict(_("Not enough %(tool)s in the store to lend.") % {"tool": loan.tool.name},
                     code="insufficient_stock", rule=RULE)
    if available(loan.warehouse, loan.tool) < loan.quantity:
        raise short
    counter.mark_lent(loan, issuer=issuer, due_at=loan.period_end, taken=short)
    counter.sign_lent(loan, issuer=issuer, holder_password=holder_password)
    audit.record(actor=issuer, action="stores.tool_loan.lent", target=loan, project=loan.project,
                 data={"serial": loan.serial})
    return loan


@audit.atomic()
def take_back(*, loan: ToolLoan, receiver, holder_password: str, counted, intact: bool = True,
              note: str = "") -> ToolLoan:
    """已归还: counted back, the borrower signs the form back with their password, the keeper with the session."""
    permissions.require_keeper(receiver, loan.project)
    loan = ToolLoan.objects.select_for_update().get(pk=loan.pk)
    counter.require_returnable(loan)
    counter.require_count(expected=loan.quantity, counted=counted, rule=RULE)
    signatures.sign_with_credentials(target=loan, project=loan.project, capacity="stores_tool_returner",
                                     person=loan.holder, password=holder_password)
    signatures.sign_as_session_user(target=loan, project=loan.project, capacity="stores_tool_receiver",
                                    person=receiver)
    counter.mark_returned(loan, receiver=receiver, intact=intact, note=note[:300])
    audit.record(actor=receiver, action="stores.tool_loan.returned", target=loan, project=loan.project,
                 data={"serial": loan.serial, "intact": intact})
    return loan
