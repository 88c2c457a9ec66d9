"""The monthly appraisal card (STAFF-3): gathered from every room's measures through core's hand-off, weighted by
policy, adjusted with a reason, signed by the employee with their own password, approved or rejected by the
manager — never by the employee, the preparer or an adjuster, even one holding two roles."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from core import clock, handoffs
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Signature
from core.testing.fixtures import PASSWORD, login
from staff.models import Appraisal
from staff.services import appraisal, checks
from staff.states import AppraisalStatus
from staff.tests.helpers import at

pytestmark = pytest.mark.req("STAFF-3")


def last_month() -> dt.date:
    return (clock.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


@pytest.fixture
def counted(monkeypatch):
    """A room that counts two quality nonconformities and one overdue key for kefu1 (the sections swapped for
    the test; the appraisal only ever asks core)."""
    sections = handoffs.Sections("appraisal_measures")

    def room(project, person, start, end):
        n = 2 if person.username == "kefu1" else 0
        return [handoffs.Measure("desk.nonconformities", "不合格项", n, ("ZJ-1", "ZJ-2")[:n]),
                handoffs.Measure("keys.overdue", "逾期钥匙", 1 if n else 0)]
    sections.register("test", room)
    monkeypatch.setattr(handoffs, "appraisal_measures", sections)
    return sections


def card(project, users, who="kefu1"):
    return appraisal.prepare(project=project, by=users["kfzg"], person=users[who], month=last_month())


def test_every_room_contributes_its_measures_and_the_appraisal_reaches_into_none():
    assert {"keys", "duty", "desk", "staff"} <= set(handoffs.appraisal_measures.keys())


def test_the_card_weighs_the_rooms_measures_by_policy(project, users, counted, audited):
    c = card(project, users)
    rows = {m["code"]: (m["count"], m["points"]) for m in c.measures}
    assert rows == {"desk.nonconformities": (2, -10), "keys.overdue": (1, -2)}
    assert (c.base, c.computed, c.total, c.band) == (100, 88, 88, "合格")
    assert c.serial == f"KP-{last_month():%Y%m}-001" and c.status == AppraisalStatus.DRAFT
    assert audited("staff.appraisal.prepared", c).data["measures"] == {"desk.nonconformities": 2, "keys.overdue": 1}


def test_the_real_rooms_measures_reach_the_card(project, users, travel):
    month = last_month()
    travel(at(month + dt.timedelta(days=3), 10))
    checks.record_check(project=project, by=users["kfzg"], person=users["kefu1"], dress_ok=False,
                        appearance_ok=True, work_ok=True, note="未戴工牌")
    travel(at(month + dt.timedelta(days=40), 10))
    c = card(project, users)
    rows = {m["code"]: m["count"] for m in c.measures}
    assert rows["staff.check_faults"] == 1 and rows["keys.overdue"] == 0 and "duty.late_handovers" in rows
    assert "desk.nonconformities" in rows and c.computed == 99


def test_a_card_is_prepared_once_a_month_by_a_supervisor_for_someone_else(project, users, counted, unchanged,
                                                                           two_hats):
    with unchanged(), pytest.raises(NotAllowed) as refused:
        appraisal.prepare(project=project, by=users["kefu2"], person=users["kefu1"], month=last_month())
    assert refused.value.code == "role_not_allowed"
    with unchanged(), pytest.raises(DomainError) as refused:
        appraisal.prepare(project=project, by=users["kfzg"], person=users["kefu1"],
                          month=clock.today().replace(day=1) + dt.timedelta(days=40))
    assert refused.value.code == "future_period"
    two_hats("kefu1", "cs_supervisor")
    with unchanged(), pytest.raises(DomainError) as refused:
        appraisal.prepare(project=project, by=users["kefu1"], person=users["kefu1"], month=last_month())
    assert refused.value.code == "same_person"
    card(project, users)
    with unchanged(), pytest.raises(Conflict) as refused:
        card(project, users)
    assert refused.value.code == "already_prepared"


def test_the_supervisor_adjusts_with_a_reason_within_the_policy(project, users, counted, unchanged):
    c = card(project, users)
    with unchanged(c), pytest.raises(DomainError) as refused:
        appraisal.adjust(appraisal=c, by=users["kfzg"], points=3, reason=" ")
    assert refused.value.code == "required"
    with unchanged(c), pytest.raises(DomainError) as refused:
        appraisal.adjust(appraisal=c, by=users["kfzg"], points=11, reason="表现突出")
    assert refused.value.code == "adjustment_out_of_range"
    c = appraisal.adjust(appraisal=c, by=users["kfzg"], points=8, reason="协助处理火警")
    assert (c.adjusted, c.total, c.band) == (8, 96, "优秀") and c.consequence
    assert c.adjustments.get().reason == "协助处理火警"


def test_the_employee_signs_with_their_own_password_and_then_it_is_fixed(project, users, counted, unchanged):
    c = card(project, users)
    with unchanged(c), pytest.raises(DomainError) as refused:
        appraisal.sign(appraisal=c, person=users["kfzg"], password=PASSWORD)
    assert refused.value.code == "not_own_card"
    with unchanged(c), pytest.raises(NotAllowed) as refused:
        appraisal.sign(appraisal=c, person=users["kefu1"], password="wrong")
    assert refused.value.code == "bad_credentials"
    with unchanged(c), pytest.raises(Conflict) as refused:
        appraisal.decide(appraisal=c, approver=users["jingli"], approve=True)
    assert refused.value.code == "not_pending"  # not before the employee has seen and signed it
    c = appraisal.sign(appraisal=c, person=users["kefu1"], password=PASSWORD)
    assert c.status == AppraisalStatus.SIGNED and Signature.objects.filter(capacity="employee",
                                                                           signer=users["kefu1"]).exists()
    with unchanged(c), pytest.raises(Conflict) as refused:
        appraisal.adjust(appraisal=c, by=users["kfzg"], points=1, reason="补充")
    assert refused.value.code == "not_draft"


def test_the_manager_approves_never_the_preparer_with_a_second_role(project, users, counted, unchanged, two_hats):
    c = appraisal.sign(appraisal=card(project, users), person=users["kefu1"], password=PASSWORD)
    two_hats("kfzg", "site_manager")  # the supervisor who prepared it is also a manager
    with unchanged(c), pytest.raises(NotAllowed) as refused:
        appraisal.decide(appraisal=c, approver=users["kfzg"], approve=True)
    assert refused.value.code == "self_approval"
    with unchanged(c), pytest.raises(NotAllowed) as refused:
        appraisal.decide(appraisal=c, approver=users["kefu2"], approve=True)
    assert refused.value.code == "approver_not_allowed"
    c = appraisal.decide(appraisal=c, approver=users["jingli"], approve=True)
    assert c.status == AppraisalStatus.APPROVED and c.approvals.get().approver == users["jingli"]


def test_a_rejected_card_is_closed_and_a_new_one_prepared(project, users, counted, unchanged):
    c = appraisal.sign(appraisal=card(project, users), person=users["kefu1"], password=PASSWORD)
    with unchanged(c), pytest.raises(DomainError) as refused:
        appraisal.decide(appraisal=c, approver=users["jingli"], approve=False, comment="")
    assert refused.value.code == "required"
    c = appraisal.decide(appraisal=c, approver=users["jingli"], approve=False, comment="扣分依据不足，重新评定")
    assert c.status == AppraisalStatus.REJECTED
    again = card(project, users)
    assert again.serial.endswith("-002") and Appraisal.objects.filter(person=users["kefu1"]).count() == 2


def test_hr_gets_the_months_cards_in_excel_and_a_clerk_sees_only_her_own(client, project, users, counted):
    c = card(project, users)
    card(project, users, who="kefu2")
    month = f"{last_month():%Y-%m}"
    response = login(client, users["jingli"], project).get(f"/staff/appraisals/export/?month={month}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    serials = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert c.serial in serials and len(serials) == 2
    clerk = login(client, users["kefu2"], project)
    assert clerk.get(f"/staff/appraisals/export/?month={month}").status_code == 403
    assert clerk.get(f"/staff/appraisals/{c.pk}/").status_code == 404
    assert clerk.get(f"/staff/appraisals/{c.pk}/print/").status_code == 404
    assert login(client, users["kefu1"], project).get(f"/staff/appraisals/{c.pk}/print/").status_code == 200
