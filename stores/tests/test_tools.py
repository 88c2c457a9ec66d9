"""Tools lent with a temporary form and signed back through core.lending; a departing employee's clearance sees the
tools still out (STOCK-7)."""
from __future__ import annotations

import pytest

from core import clearance
from core.errors import Conflict, DomainError, NotAllowed
from core.lending.states import LoanStatus
from core.models import Signature
from core.testing.fixtures import PASSWORD
from stores.services import tools
from stores.tests.helpers import stocked


@pytest.fixture
def drill(project, users, site, items, morning):
    stocked(project, users, site, items["T-001"], 1)
    return items["T-001"]


def _form(site, users, drill, holder="gongcheng1"):
    return tools.apply(warehouse=site, tool=drill, holder=users[holder], registered_by=users["cangguan"],
                       team="维修一组", purpose="更换灯具", days=2)


@pytest.mark.req("STOCK-7")
def test_a_tool_is_lent_on_the_form_signed_by_both_and_signed_back(project, users, site, drill, unchanged):
    loan = _form(site, users, drill)
    assert loan.status == LoanStatus.APPROVED and loan.serial.startswith("JY")
    with unchanged(loan), pytest.raises(DomainError) as wrong:
        tools.lend(loan=loan, issuer=users["cangguan"], holder_password="wrong", counted=1)
    with unchanged(loan), pytest.raises(DomainError) as miscount:
        tools.lend(loan=loan, issuer=users["cangguan"], holder_password=PASSWORD, counted=2)
    assert miscount.value.code == "count_mismatch"
    tools.lend(loan=loan, issuer=users["cangguan"], holder_password=PASSWORD, counted=1)
    assert [i.document for i in clearance.outstanding(users["gongcheng1"])] == [loan.serial]
    second = _form(site, users, drill, holder="gczg")
    with unchanged(second), pytest.raises(Conflict) as none_left:
        tools.lend(loan=second, issuer=users["cangguan"], holder_password=PASSWORD, counted=1)
    assert none_left.value.code == "insufficient_stock"
    tools.take_back(loan=loan, receiver=users["cangguan"], holder_password=PASSWORD, counted=1)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED
    assert set(Signature.objects.filter(object_id=str(loan.pk)).values_list("capacity", flat=True)) >= {
        "borrower", "issuer", "stores_tool_returner", "stores_tool_receiver"}
    assert clearance.outstanding(users["gongcheng1"]) == []
    assert wrong.value.code


@pytest.mark.req("STOCK-7")
def test_the_keeper_cannot_lend_to_themself_and_an_approval_chain_can_be_rejected(project, users, site, drill,
                                                                                  unchanged, settings):
    own = tools.apply(warehouse=site, tool=drill, holder=users["cangguan"], registered_by=users["cangguan"],
                      purpose="盘点", days=1)
    with unchanged(own), pytest.raises(NotAllowed) as self_issue:
        tools.lend(loan=own, issuer=users["cangguan"], holder_password=PASSWORD, counted=1)
    assert self_issue.value.code == "self_issue"
    from core.models import Policy
    Policy.objects.create(key="stores.tool_loan.approval", project=project, clause="test",
                          value=[{"code": "head", "label": "主管", "approver": "roles", "roles": ["dept_head"]}])
    loan = _form(site, users, drill)
    assert loan.status == LoanStatus.PENDING
    tools.reject(loan=loan, approver=users["gczg"], comment="工具检修中")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REJECTED
    with unchanged(loan), pytest.raises(Conflict):
        tools.lend(loan=loan, issuer=users["cangguan"], holder_password=PASSWORD, counted=1)
