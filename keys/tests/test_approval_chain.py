import pytest

from core.errors import Conflict, NotAllowed
from core.models import Policy
from keys.categories import Category
from keys.services import loans
from keys.states import LoanStatus
from keys.tests.helpers import apply, approve_all, make_key


def codes(loan):
    return [step["code"] for step in loan.chain]


@pytest.mark.req("KEY-LOAN-3")
def test_a_unit_key_goes_head_then_customer_service_then_administration(project, users, unit_key):
    loan = apply(unit_key, users)
    assert codes(loan) == ["dept_head", "cs_review", "admin_approval"]
    loan = loans.approve_loan(loan=loan, approver=users["gczg"])
    assert loan.status == LoanStatus.PENDING
    loan = loans.approve_loan(loan=loan, approver=users["kfzg"])
    assert loan.status == LoanStatus.PENDING
    loan = loans.approve_loan(loan=loan, approver=users["xzzg"])
    assert loan.status == LoanStatus.APPROVED and loan.approved_at
    assert [a.approver.username for a in loan.approvals.all()] == ["gczg", "kfzg", "xzzg"]


@pytest.mark.req("KEY-LOAN-3")
def test_an_important_customer_adds_company_leadership(project, users, unit_key):
    loan = apply(unit_key, users, is_important=True)
    assert codes(loan) == ["dept_head", "cs_review", "admin_approval", "leadership"]
    for name in ("gczg", "kfzg", "xzzg"):
        loan = loans.approve_loan(loan=loan, approver=users[name])
    assert loan.status == LoanStatus.PENDING
    with pytest.raises(NotAllowed):
        loans.approve_loan(loan=loan, approver=users["jingli"])
    loan = loans.approve_loan(loan=loan, approver=users["zongjingli"])
    assert loan.status == LoanStatus.APPROVED


@pytest.mark.req("KEY-LOAN-3")
def test_public_keys_need_only_the_department_head_and_office_keys_administration_too(project, users, public_key):
    assert codes(apply(public_key, users)) == ["dept_head"]
    office = make_key(project, users, Category.OFFICE, name="财务室")
    assert codes(apply(office, users, room_number="201")) == ["dept_head", "admin_approval"]


@pytest.mark.req("KEY-LOAN-3")
def test_approval_by_someone_not_allowed_is_refused_naming_the_rule(project, users, unit_key):
    loan = apply(unit_key, users)
    with pytest.raises(NotAllowed) as err:
        loans.approve_loan(loan=loan, approver=users["baz"])  # head of security, not of engineering
    assert err.value.code == "approver_not_allowed"
    assert err.value.rule == "KEY-LOAN-3" and "000 §3(一)2" in err.value.clause
    assert not loan.approvals.exists()


@pytest.mark.req("KEY-LOAN-3")
def test_nobody_approves_their_own_loan(project, users, public_key):
    loan = apply(public_key, users, applicant="gczg")  # the head of engineering applies
    with pytest.raises(NotAllowed) as err:
        loans.approve_loan(loan=loan, approver=users["gczg"])
    assert err.value.code == "self_approval"
    loan.refresh_from_db()
    assert loan.status == LoanStatus.PENDING


@pytest.mark.req("KEY-LOAN-3")
def test_one_person_cannot_decide_two_steps(project, users, unit_key):
    from core.models import Membership

    Membership.objects.create(user=users["gczg"], project=project, role="general_manager")
    loan = apply(unit_key, users, is_important=True)
    for name in ("gczg", "kfzg", "xzzg"):
        loan = loans.approve_loan(loan=loan, approver=users[name])
    with pytest.raises(NotAllowed) as err:
        loans.approve_loan(loan=loan, approver=users["gczg"])
    assert err.value.code == "same_approver_twice"


@pytest.mark.req("KEY-LOAN-3")
def test_a_rejection_needs_a_reason_and_ends_the_application(project, users, public_key):
    loan = apply(public_key, users)
    loan = loans.reject_loan(loan=loan, approver=users["gczg"], comment="不需要")
    assert loan.status == LoanStatus.REJECTED
    with pytest.raises(Conflict):
        loans.approve_loan(loan=loan, approver=users["gczg"])


@pytest.mark.req("KEY-LOAN-3")
def test_a_project_can_edit_its_chain_as_policy(project, other_project, users, public_key):
    Policy.objects.create(project=project, key="keys.approval.public", clause="本项目: 公共钥匙由行政部审批",
                          value=[{"code": "admin_approval", "label": "行政部审批", "approver": "department",
                                  "department": "admin", "roles": ["dept_head"]}])
    loan = apply(public_key, users)
    assert codes(loan) == ["admin_approval"] and loan.chain_clause == "本项目: 公共钥匙由行政部审批"
    with pytest.raises(NotAllowed):
        loans.approve_loan(loan=loan, approver=users["gczg"])
    assert loans.approve_loan(loan=loan, approver=users["xzzg"]).status == LoanStatus.APPROVED
    other_key = make_key(other_project, {"kefu1": users["bj_kefu1"]}, Category.PUBLIC, name="x")
    other = apply(other_key, {**users, "kefu1": users["bj_kefu1"], "gongcheng1": users["bj_gongcheng1"]})
    assert codes(other) == ["dept_head"]


@pytest.mark.req("KEY-LOAN-3")
def test_an_in_flight_loan_keeps_the_chain_it_was_applied_under(project, users, public_key):
    loan = apply(public_key, users)
    Policy.objects.create(project=project, key="keys.approval.public", clause="x", value=[])
    assert codes(loan) == ["dept_head"]
    assert approve_all(loan, users).status == LoanStatus.APPROVED


@pytest.mark.req("KEY-LOAN-3")
def test_the_inbox_shows_each_approver_only_their_step(project, users, unit_key):
    from keys.selectors.loans import approvals_inbox

    loan = apply(unit_key, users)
    assert loan in approvals_inbox(users["gczg"])
    assert loan not in approvals_inbox(users["kfzg"])
    loans.approve_loan(loan=loan, approver=users["gczg"])
    assert loan not in approvals_inbox(users["gczg"])
    assert loan in approvals_inbox(users["kfzg"])
    assert loan not in approvals_inbox(users["bj_kfzg"])
