"""Goods-release passes at the desk (PASS-1): registered with the server's time and a number of the house (FX-…);
a tenant's goods only with the owner's consent on record (who, how); the desk approves as the policy says, never
the clerk who registered it; a rejection or the owner's refusal ends the pass; a revoked pass is refused at the
gate. Every refusal changes nothing."""
import datetime as dt

import pytest

from core.errors import DomainError
from core.models import Policy
from desk.models import GoodsPass, GoodsPassApproval, GoodsStatus
from desk.services import passes
from desk.tests.passes_helpers import DAY, MORNING, approved_pass, goods_pass, unit_of


@pytest.fixture(autouse=True)
def morning(travel):
    travel(MORNING)


@pytest.mark.req("PASS-1")
def test_a_pass_is_numbered_coded_and_timed_by_the_server(project, users, audited):
    made = goods_pass(project, users)
    assert made.serial == "FX-20261126-001" and made.registered_at == MORNING
    assert len(made.code) == 8 and made.code.isalnum() and made.code.isupper()
    assert made.vehicle_plate == "粤B12345" and made.goods == [{"name": "冰箱", "quantity": 1},
                                                              {"name": "纸箱", "quantity": 4}]
    assert made.status == GoodsStatus.PENDING and made.chain[0]["code"] == "desk"
    assert goods_pass(project, users).serial == "FX-20261126-002"
    assert audited("desk.goods_pass.registered", made).data["serial"] == made.serial


@pytest.mark.req("PASS-1")
def test_the_desk_approves_an_owners_pass(project, users, audited):
    made = passes.decide(goods_pass=goods_pass(project, users), approver=users["kfzg"], approve=True)
    assert made.status == GoodsStatus.APPROVED and made.approved_at == MORNING
    assert GoodsPassApproval.objects.get(goods_pass=made).approver == users["kfzg"]
    assert audited("desk.goods_pass.approved", made).approved_by == users["kfzg"].display_name


@pytest.mark.req("PASS-1")
def test_the_desk_rejects_with_a_reason(project, users, unchanged):
    made = goods_pass(project, users)
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.decide(goods_pass=made, approver=users["kfzg"], approve=False, comment="")
    assert refused.value.code == "required"
    made = passes.decide(goods_pass=made, approver=users["kfzg"], approve=False, comment="物品归属有争议")
    assert made.status == GoodsStatus.REJECTED and made.approved_at is None
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.decide(goods_pass=made, approver=users["jingli"], approve=True)
    assert refused.value.code == "not_pending"


@pytest.mark.req("PASS-1")
def test_a_tenants_goods_wait_for_the_owners_consent(project, users, unchanged, audited):
    made = goods_pass(project, users, kind="tenant", applicant_name="租户 陈先生")
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.decide(goods_pass=made, approver=users["kfzg"], approve=True)
    assert refused.value.code == "owner_consent_required" and refused.value.rule == "PASS-1"
    made = passes.record_owner_consent(goods_pass=made, recorded_by=users["kefu2"], owner_name="业主 李先生",
                                       method="phone", consents=True)
    assert (made.owner_consent, made.owner_name, made.owner_consent_method) == (True, "业主 李先生", "phone")
    assert made.owner_consent_by == users["kefu2"] and made.owner_consent_at == MORNING
    assert made.status == GoodsStatus.PENDING  # the desk still approves
    assert audited("desk.goods_pass.owner_consented", made).data["method"] == "phone"
    made = passes.decide(goods_pass=made, approver=users["kfzg"], approve=True)
    assert made.status == GoodsStatus.APPROVED


@pytest.mark.req("PASS-1")
def test_the_owners_refusal_rejects_the_pass_and_says_why(project, users, unchanged):
    made = goods_pass(project, users, kind="tenant")
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.record_owner_consent(goods_pass=made, recorded_by=users["kefu1"], owner_name="业主 李先生",
                                    method="phone", consents=False, note="")
    assert refused.value.code == "required"
    made = passes.record_owner_consent(goods_pass=made, recorded_by=users["kefu1"], owner_name="业主 李先生",
                                       method="in_person", consents=False, note="租户欠租,不同意搬出")
    assert made.status == GoodsStatus.REJECTED and made.owner_consent is False
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.record_owner_consent(goods_pass=made, recorded_by=users["kefu1"], owner_name="业主 李先生",
                                    method="phone", consents=True)
    assert refused.value.code == "not_pending"


@pytest.mark.req("PASS-1")
def test_the_owners_consent_is_taken_once_and_only_where_the_policy_asks(project, users, unchanged):
    own = goods_pass(project, users)
    with unchanged(own), pytest.raises(DomainError) as refused:
        passes.record_owner_consent(goods_pass=own, recorded_by=users["kefu1"], owner_name="业主", method="phone",
                                    consents=True)
    assert refused.value.code == "consent_not_needed"
    tenant = goods_pass(project, users, kind="tenant")
    passes.record_owner_consent(goods_pass=tenant, recorded_by=users["kefu1"], owner_name="业主", method="phone",
                                consents=True)
    with unchanged(tenant), pytest.raises(DomainError) as refused:
        passes.record_owner_consent(goods_pass=tenant, recorded_by=users["kefu1"], owner_name="业主",
                                    method="written", consents=False, note="改口")
    assert refused.value.code == "consent_recorded"
    another = goods_pass(project, users, kind="tenant")
    with unchanged(another), pytest.raises(DomainError) as refused:
        passes.record_owner_consent(goods_pass=another, recorded_by=users["kefu1"], owner_name="业主",
                                    method="telepathy", consents=True)
    assert refused.value.code == "invalid_choice"


@pytest.mark.req("PASS-1")
def test_where_the_policy_names_no_desk_step_the_owners_consent_suffices(project, users):
    Policy.objects.create(key="desk.passes.goods_approval", project=project, value=[], clause="项目规定:业主同意即可")
    own = goods_pass(project, users)
    assert own.status == GoodsStatus.APPROVED and own.chain == [] and own.chain_clause == "项目规定:业主同意即可"
    tenant = goods_pass(project, users, kind="tenant")
    assert tenant.status == GoodsStatus.PENDING
    tenant = passes.record_owner_consent(goods_pass=tenant, recorded_by=users["kefu2"], owner_name="业主",
                                         method="written", consents=True)
    assert tenant.status == GoodsStatus.APPROVED


@pytest.mark.req("PASS-1")
def test_the_clerk_who_registered_a_pass_never_approves_it_even_as_supervisor(project, users, two_hats, unchanged):
    clerk = two_hats("kefu1", "cs_supervisor")
    made = goods_pass(project, users, clerk="kefu1")
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.decide(goods_pass=made, approver=clerk, approve=True)
    assert refused.value.code == "self_approval" and refused.value.rule == "PASS-1"
    assert GoodsPass.objects.get(pk=made.pk).status == GoodsStatus.PENDING


@pytest.mark.req("PASS-1")
def test_one_person_never_decides_two_steps_of_a_pass(project, users, unchanged):
    two_steps = [{"code": "desk", "label": "客服主管", "approver": "roles", "roles": ["cs_supervisor", "site_manager"]},
                 {"code": "manager", "label": "管理处经理", "approver": "roles",
                  "roles": ["cs_supervisor", "site_manager"]}]
    Policy.objects.create(key="desk.passes.goods_approval", project=project, value=two_steps, clause="大件物品两级审批")
    made = passes.decide(goods_pass=goods_pass(project, users), approver=users["kfzg"], approve=True)
    assert made.status == GoodsStatus.PENDING
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.decide(goods_pass=made, approver=users["kfzg"], approve=True)
    assert refused.value.code == "same_approver_twice"
    assert passes.decide(goods_pass=made, approver=users["jingli"], approve=True).status == GoodsStatus.APPROVED


@pytest.mark.req("PASS-1")
def test_a_clerk_may_not_approve_and_a_guard_may_not_register(project, users, unchanged):
    made = goods_pass(project, users)
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.decide(goods_pass=made, approver=users["kefu2"], approve=True)
    assert refused.value.code == "approver_not_allowed"
    with unchanged(), pytest.raises(DomainError) as refused:
        goods_pass(project, users, clerk="baoan1")
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("PASS-1", "CORE-1")
@pytest.mark.parametrize("overrides, code", [
    ({"goods": []}, "goods_required"),
    ({"goods": [{"name": "冰箱", "quantity": 0}]}, "invalid_quantity"),
    ({"goods": [{"name": "冰箱", "quantity": "两"}]}, "invalid_quantity"),
    ({"goods": [{"name": "x" * 61, "quantity": 1}]}, "too_long"),
    ({"exit_date": DAY - dt.timedelta(days=1)}, "exit_date_past"),
    ({"exit_date": "2026-02-30"}, "invalid_date"),
    ({"applicant_kind": "landlord"}, "invalid_choice"),
    ({"applicant_name": " "}, "required"),
    ({"vehicle_plate": "粤B" + "1" * 20}, "too_long"),
])
def test_a_pass_missing_what_the_guard_needs_is_refused(project, users, unchanged, overrides, code):
    with unchanged(), pytest.raises(DomainError) as refused:
        goods_pass(project, users, **overrides)
    assert refused.value.code == code


@pytest.mark.req("PASS-1", "CORE-1")
def test_a_unit_of_another_project_is_refused(project, other_project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        goods_pass(project, users, unit=unit_of(other_project))
    assert refused.value.code == "unit_not_in_project"


@pytest.mark.req("PASS-1")
def test_a_revoked_pass_says_why_and_cannot_be_revoked_again(project, users, unchanged, audited):
    made = approved_pass(project, users)
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.revoke(goods_pass=made, revoked_by=users["kefu1"], reason="")
    assert refused.value.code == "required"
    made = passes.revoke(goods_pass=made, revoked_by=users["kefu1"], reason="业主取消搬家")
    assert made.status == GoodsStatus.REVOKED and made.revoked_at == MORNING
    assert audited("desk.goods_pass.revoked", made).data["reason"] == "业主取消搬家"
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes.revoke(goods_pass=made, revoked_by=users["kefu1"], reason="再次撤销")
    assert refused.value.code == "illegal_transition"
