import datetime as dt

import pytest

from core import clock
from core.models import Policy
from keys.categories import Category
from keys.selectors.loans import overdue_loans, unreturned_loans
from keys.services import followups
from keys.tests.helpers import lend, make_key


@pytest.mark.req("KEY-LOAN-7")
def test_vacant_and_repair_keys_are_due_before_the_end_of_the_same_working_day(project, users):
    for category in (Category.VACANT, Category.REPAIR):
        key = make_key(project, users, category, name=f"{category} key")
        loan = lend(key, users, hours=30)
        due = clock.beijing(loan.due_at)
        assert due.date() == clock.beijing(loan.checked_out_at).date()
        assert (due.hour, due.minute) == (17, 30)
        assert loan.due_rule == "same_day"


@pytest.mark.req("KEY-LOAN-7")
def test_the_end_of_the_working_day_is_a_project_policy(project, users):
    Policy.objects.create(project=project, key="keys.end_of_working_day", value="18:00", clause="本项目18:00下班")
    loan = lend(make_key(project, users, Category.VACANT, name="v"), users)
    assert clock.beijing(loan.due_at).hour == 18


@pytest.mark.req("KEY-LOAN-7")
def test_public_keys_are_due_right_after_use(project, users, public_key):
    loan = lend(public_key, users, hours=48)
    assert loan.due_rule == "after_use"
    assert loan.due_at - loan.checked_out_at <= dt.timedelta(hours=4)


@pytest.mark.req("KEY-LOAN-7")
def test_unit_keys_are_due_by_the_approved_deadline(project, users, unit_key):
    loan = lend(unit_key, users, hours=30)
    assert loan.due_rule == "approved" and loan.due_at == loan.period_end


@pytest.mark.req("KEY-LOAN-7")
def test_overdue_is_a_query_on_due_at_and_the_reason_is_recorded_until_returned(project, users):
    loan = lend(make_key(project, users, Category.VACANT, name="v"), users)
    later = loan.due_at + dt.timedelta(minutes=1)
    assert list(overdue_loans(project=project, at=later)) == [loan]
    assert list(overdue_loans(project=project, at=loan.due_at - dt.timedelta(minutes=1))) == []
    followups.add_follow_up(loan=loan, written_by=users["kefu1"], note="保洁未完成,18:30前归还")
    followups.add_follow_up(loan=loan, written_by=users["kefu1"], note="已电话催还")
    assert [f.note for f in loan.follow_ups.order_by("pk")] == ["保洁未完成,18:30前归还", "已电话催还"]
    assert loan in unreturned_loans(project=project)
