import pytest

from core.errors import Conflict, DomainError, NotAllowed
from core.models import Membership
from keys.categories import Category
from keys.models import KeyLoan
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import apply, make_key


@pytest.mark.req("KEY-LOAN-1")
def test_a_loan_states_its_work_purpose(project, users, public_key):
    with pytest.raises(DomainError) as err:
        apply(public_key, users, purpose="  ")
    assert err.value.code == "required" and err.value.rule == "KEY-LOAN-1"
    with pytest.raises(DomainError) as err:
        apply(public_key, users, purpose_kind="private")
    assert err.value.code == "purpose_required"
    assert not KeyLoan.objects.exists()


@pytest.mark.req("KEY-LOAN-1")
def test_a_loan_records_its_purpose_and_kind_of_work(project, users, public_key):
    loan = apply(public_key, users, purpose="更换消防门闭门器")
    assert loan.purpose == "更换消防门闭门器" and loan.purpose_kind == "repair"


@pytest.mark.req("KEY-LOAN-2")
def test_a_unit_key_application_needs_address_and_owner_name(project, users, unit_key):
    with pytest.raises(DomainError) as err:
        apply(unit_key, users, owner_name="")
    assert err.value.rule == "KEY-LOAN-2" and err.value.details["field"]
    loan = apply(unit_key, users, address="1栋101", owner_name="业主1-101")
    assert (loan.form_kind, loan.address, loan.owner_name) == ("unit", "1栋101", "业主1-101")


@pytest.mark.req("KEY-LOAN-2")
def test_a_public_key_application_needs_the_key_name_and_an_office_one_the_room(project, users, public_key):
    with pytest.raises(DomainError):
        apply(public_key, users, key_name="")
    office = make_key(project, users, Category.OFFICE, name="财务室")
    with pytest.raises(DomainError):
        apply(office, users, room_number="")
    loan = apply(office, users, room_number="管理处201")
    assert loan.form_kind == "office" and loan.room_number == "管理处201"


@pytest.mark.req("KEY-LOAN-2")
def test_the_period_must_end_after_it_starts(project, users, public_key):
    from core import clock

    now = clock.now()
    with pytest.raises(DomainError) as err:
        apply(public_key, users, period_start=now, period_end=now)
    assert err.value.code == "invalid_period"


@pytest.mark.req("KEY-LOAN-6")
def test_a_contractor_borrows_only_through_engineering_or_management_staff(project, users, public_key):
    with pytest.raises(NotAllowed) as err:
        apply(public_key, users, applicant="baoan1", contractor_name="张三", contractor_company="某电梯公司")
    assert err.value.code == "contractor_needs_sponsor" and err.value.rule == "KEY-LOAN-6"
    loan = apply(public_key, users, applicant="gongcheng1", contractor_name="张三", contractor_company="某电梯公司")
    assert loan.holder == users["gongcheng1"] and loan.contractor_name == "张三"


@pytest.mark.req("KEY-LOAN-6")
def test_keys_never_go_to_someone_who_is_not_staff_of_the_project(project, users, public_key):
    outsider = users["bj_gongcheng1"]
    with pytest.raises(NotAllowed) as err:
        apply(public_key, users, applicant="bj_gongcheng1")
    assert err.value.code == "not_project_staff"
    Membership.objects.create(user=outsider, project=project, role="technician")
    outsider.is_active = False
    outsider.save()
    with pytest.raises(NotAllowed):
        apply(public_key, users, applicant="bj_gongcheng1")


@pytest.mark.req("KEY-LOAN-1")
def test_lost_or_sealed_keys_cannot_be_applied_for(project, users, public_key):
    public_key.status = KeyStatus.LOST
    public_key.save()
    with pytest.raises(Conflict):
        apply(public_key, users)
    public_key.status = KeyStatus.SEALED
    public_key.save()
    with pytest.raises(NotAllowed) as err:
        apply(public_key, users)
    assert err.value.rule == "KEY-DEPOSIT-2"


@pytest.mark.req("KEY-LOAN-3")
def test_a_category_with_an_empty_chain_is_approved_at_once(project, users):
    desk_key = make_key(project, users, Category.FRONT_DESK, name="前台抽屉")
    loan = apply(desk_key, users, applicant="kefu2")
    assert loan.status == LoanStatus.APPROVED and loan.chain == []


@pytest.mark.req("KEY-LOAN-6")
def test_a_key_taken_off_the_premises_needs_the_managers_permission(project, users, public_key):
    from keys.services import loans

    loan = apply(public_key, users, off_premises=True)
    assert [s["code"] for s in loan.chain] == ["dept_head", "off_premises"] and "001 篇13 b.5" in loan.chain_clause
    loan = loans.approve_loan(loan=loan, approver=users["gczg"])
    assert loan.status == LoanStatus.PENDING
    with pytest.raises(NotAllowed):
        loans.approve_loan(loan=loan, approver=users["kfzg"])
    assert loans.approve_loan(loan=loan, approver=users["jingli"]).status == LoanStatus.APPROVED
