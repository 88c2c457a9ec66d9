"""Decoration from application to refund (DECOR-1, FEE-2): engineering checks a structural change and reviews the
drawings before approval; fees and deposit charged at the published prices through receipts; a numbered permit;
acceptance by engineering with every violation closed; the deposit refunded only after acceptance."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from siteoffice.models import Decoration, Receipt
from siteoffice.services import decoration, patrols, receipts
from siteoffice.states import DecorationStatus, EntryKind, PayMethod, Severity
from siteoffice.tests.decoration_helpers import apply, approve_all, permitted, prices
from siteoffice.tests.helpers import MORNING, at, unit


@pytest.fixture(autouse=True)
def morning(travel, project, users):
    travel(at(MORNING))
    prices(project, users)


@pytest.mark.req("DECOR-1")
def test_a_structural_change_is_checked_by_engineering_with_the_drawings_before_the_approval(
        project, users, unchanged, audited):
    d = apply(project, users)
    assert [s["code"] for s in d.chain] == ["engineering", "site_manager"]
    with unchanged(d), pytest.raises(NotAllowed) as refused:
        decoration.decide(decoration=d, approver=users["kfzg"], approve=True)  # engineering's step first
    assert refused.value.code == "approver_not_allowed"
    with unchanged(d), pytest.raises(DomainError) as refused:
        decoration.decide(decoration=d, approver=users["gongcheng1"], approve=True, drawings_checked=False)
    assert refused.value.code == "drawings_not_reviewed"
    d = decoration.decide(decoration=d, approver=users["gongcheng1"], approve=True, drawings_checked=True)
    assert d.status == DecorationStatus.PENDING
    d = decoration.decide(decoration=d, approver=users["kfzg"], approve=True)
    assert d.status == DecorationStatus.APPROVED
    assert audited("siteoffice.decoration.applied", d).data["structural"] is True


@pytest.mark.req("DECOR-1")
def test_without_structural_changes_only_the_approval_is_needed(project, users):
    d = apply(project, users, structural=False)
    assert [s["code"] for s in d.chain] == ["site_manager"]
    assert approve_all(d, users).status == DecorationStatus.APPROVED


@pytest.mark.req("DECOR-1")
def test_a_rejected_application_needs_a_reason_and_goes_no_further(project, users, unchanged):
    d = apply(project, users, structural=False)
    with unchanged(d), pytest.raises(DomainError) as refused:
        decoration.decide(decoration=d, approver=users["kfzg"], approve=False, comment="")
    assert refused.value.code == "required"
    d = decoration.decide(decoration=d, approver=users["kfzg"], approve=False, comment="改动承重墙，不予同意")
    assert d.status == DecorationStatus.REJECTED
    with unchanged(d), pytest.raises(Conflict) as refused:
        decoration.charge(decoration=d, clerk=users["kefu1"], method=PayMethod.CASH)
    assert refused.value.code == "illegal_transition"
    assert not Receipt.objects.exists()


@pytest.mark.req("DECOR-1")
def test_the_clerk_who_took_it_never_approves_and_nobody_decides_two_steps(project, users, two_roles, unchanged):
    clerk = two_roles(users["kefu1"], "cs_supervisor")
    d = apply(project, users, structural=False)
    with unchanged(d), pytest.raises(NotAllowed) as refused:
        decoration.decide(decoration=d, approver=clerk, approve=True)
    assert refused.value.code == "self_approval"
    engineer = two_roles(users["gczg"], "cs_supervisor")  # engineering's head, also a supervisor
    d = apply(project, users)
    d = decoration.decide(decoration=d, approver=engineer, approve=True, drawings_checked=True)
    with unchanged(d), pytest.raises(NotAllowed) as refused:
        decoration.decide(decoration=d, approver=engineer, approve=True)
    assert refused.value.code == "same_approver_twice"


@pytest.mark.req("DECOR-1", "FEE-1")
def test_fee_and_deposit_are_charged_at_the_published_prices_and_the_permit_is_numbered(project, users):
    d = permitted(project, users)
    assert d.status == DecorationStatus.PERMITTED and d.permit_number == "ZXXK-2026-0001"
    fee, deposit = d.fee_receipt, d.deposit_receipt
    assert (fee.amount, fee.kind, fee.unit, fee.payer) == (Decimal("537.00"), "decoration", d.unit, "赵先生")
    assert (deposit.amount, deposit.kind) == (Decimal("2000.00"), "decoration_deposit")
    assert permitted(project, users, index=5).permit_number == "ZXXK-2026-0002"


@pytest.mark.req("DECOR-1", "FEE-1")
def test_without_a_published_price_nothing_is_charged(project, users, other_project, unchanged):
    from siteoffice.models import Price

    d = approve_all(apply(project, users, structural=False), users)
    Price.objects.filter(project=project, kind="decoration").update(effective_from=MORNING.date().replace(year=2027))
    with unchanged(d), pytest.raises(Conflict) as refused:
        decoration.charge(decoration=d, clerk=users["kefu1"], method=PayMethod.CASH)
    assert refused.value.code == "no_price"
    assert Decoration.objects.get(pk=d.pk).status == DecorationStatus.APPROVED


@pytest.mark.req("DECOR-1", "FEE-2")
def test_acceptance_waits_for_every_violation_closed_and_the_deposit_for_acceptance(project, users, unchanged):
    d = permitted(project, users)
    with unchanged(d), pytest.raises(Conflict) as refused:
        receipts.refund_deposit(receipt=d.deposit_receipt, clerk=users["kefu1"], reason="退")
    assert refused.value.code == "not_accepted"
    with unchanged(d), pytest.raises(Conflict) as refused:
        decoration.refund_deposit(decoration=d, clerk=users["kefu1"], reason="退")
    assert refused.value.code == "not_accepted"
    patrol = patrols.record_patrol(project=project, zone=unit(project, 4).building.zone, by=users["kefu2"],
                                   violations=[{"decoration": d, "description": "占用楼道", "severity": Severity.MINOR,
                                                "deadline": MORNING.date()}])
    violation = patrol.violations.get()
    with unchanged(d), pytest.raises(Conflict) as refused:
        decoration.accept(decoration=d, inspector=users["gongcheng1"], passed=True, note="")
    assert refused.value.code == "violations_open"
    with unchanged(d), pytest.raises(NotAllowed) as refused:
        decoration.accept(decoration=d, inspector=users["kefu1"], passed=True, note="")
    assert refused.value.code == "role_not_allowed"
    patrols.rectify(violation=violation, by=users["kefu2"], note="已清理")
    patrols.recheck(violation=violation, by=users["kefu1"], passed=True)
    failed = decoration.accept(decoration=d, inspector=users["gongcheng1"], passed=False, note="卫生间闭水未做")
    assert failed.status == DecorationStatus.PERMITTED
    d = decoration.accept(decoration=d, inspector=users["gongcheng1"], passed=True, note="复验合格")
    assert d.status == DecorationStatus.ACCEPTED
    d = decoration.refund_deposit(decoration=d, clerk=users["kefu1"], reason="验收合格")
    refund = Receipt.objects.get(original=d.deposit_receipt)
    assert d.status == DecorationStatus.CLOSED
    assert (refund.entry, refund.amount) == (EntryKind.REFUND, Decimal("-2000.00"))


@pytest.mark.req("DECOR-1")
@pytest.mark.parametrize("kw,code", [
    ({"owner_name": ""}, "required"), ({"area": "0"}, "invalid_amount"), ({"days": -1}, "invalid_period"),
    ({"structural_detail": ""}, "required"), ({"works": "x" * 2001}, "too_long"),
])
def test_an_application_with_bad_fields_is_refused_and_nothing_changes(project, users, unchanged, kw, code):
    with unchanged(), pytest.raises(DomainError) as refused:
        apply(project, users, **kw)
    assert refused.value.code == code


@pytest.mark.req("DECOR-1")
def test_a_guard_cannot_take_an_application(project, users, unchanged):
    with unchanged(), pytest.raises(NotAllowed) as refused:
        apply(project, users, by="baoan1")
    assert refused.value.code == "role_not_allowed"
