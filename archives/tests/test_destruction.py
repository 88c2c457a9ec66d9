"""Destruction of archives (ARCH-10): a list of volumes past retention, approved by the manager (and the GM for
documentary or confidential archives, or an early destruction), carried out before a witness — confidential ones
shredded — and recorded; the volumes end destroyed, never lent, shelved or checked again."""
from __future__ import annotations

import datetime as dt

import pytest

from archives.models import ArchiveLoan, DestructionList, LoanKind
from archives.selectors import catalogue as catalogue_selectors
from archives.selectors import destruction as selectors
from archives.selectors import lending as loan_selectors
from archives.services import checks, lending
from archives.services import destruction as svc
from archives.states import CheckKind, DestructionMethod, DestructionStatus, VolumeStatus
from archives.sweeps import destruction as sweep
from archives.tests.helpers import file, shelve, volume
from core.clock import at_beijing
from core.errors import DomainError
from core.lending.states import LoanStatus
from core.models import AuditEvent, Notification, Policy
from core.signatures import signatures_of
from core.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.req("ARCH-10")]

MONDAY_10 = at_beijing(dt.date(2026, 6, 8), dt.time(10, 0))


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(MONDAY_10)


def old_volume(project, users, code="QJ", *, title="2010年清洁卫生检查记录", position=None, **kw):
    """A volume of 2010, short-term by default (10 years): kept until 2020-12-31, long past."""
    vol = volume(project, users, code, year=2010, title=title, **kw)
    file(vol, users)
    if position:
        shelve(vol, users, position)
    vol.refresh_from_db()
    return vol


@pytest.fixture
def vol(project, users):
    return old_volume(project, users, position=1)


def drawn(project, users, *vols, early=False, reason="保管期限已满，无保存必要"):
    return svc.draw_up(project=project, by=users["dangan"], volumes=list(vols), reason=reason, early=early)


def approved(project, users, *vols, **kw):
    destruction = drawn(project, users, *vols, **kw)
    destruction = svc.decide(destruction=destruction, approver=users["jingli"], approve=True)
    if destruction.status == DestructionStatus.PENDING:
        destruction = svc.decide(destruction=destruction, approver=users["zongjingli"], approve=True)
    return destruction


def carried(destruction, users, method=DestructionMethod.TORN, witness="kfzg", password=PASSWORD):
    return svc.carry_out(destruction=destruction, by=users["dangan"], method=method,
                         witness=users[witness] if witness else None, witness_password=password, note="")


def test_a_list_past_retention_is_approved_by_the_manager_destroyed_before_a_witness_and_recorded(
        project, users, vol):
    assert list(selectors.expired(project=project)) == [vol]
    destruction = drawn(project, users, vol)
    assert destruction.serial.startswith("XH20260608-") and destruction.status == DestructionStatus.PENDING
    assert [s["code"] for s in destruction.chain] == ["site_manager"]  # ordinary archives: the manager alone
    assert list(selectors.expired(project=project)) == []  # listed: no longer waiting to be listed
    destruction = svc.decide(destruction=destruction, approver=users["jingli"], approve=True)
    assert destruction.status == DestructionStatus.APPROVED
    destruction = carried(destruction, users)
    assert (destruction.status, destruction.method, destruction.witness, destruction.destroyed_by) == (
        DestructionStatus.DESTROYED, "torn", users["kfzg"], users["dangan"])
    vol.refresh_from_db()
    assert (vol.status, vol.shelf, vol.room) == (VolumeStatus.DESTROYED, None, "")
    assert destruction.lines.get().place == "档案室 A-1-1"  # where it stood is kept on the list
    assert set(signatures_of(destruction).values_list("capacity", flat=True)) == {
        "archives_destroyed_by", "archives_destruction_witness"}
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"archives.destruction.drawn_up", "archives.destruction.approved", "archives.destruction.carried_out",
            "archives.volume.destroyed"} <= actions
    # Still in the general catalogue, with its destruction record.
    assert vol in catalogue_selectors.general_catalogue(project=project, status=VolumeStatus.DESTROYED)
    assert selectors.record_of(vol) == destruction


def test_documentary_and_confidential_archives_need_the_gm_after_the_manager(project, users):
    ws = volume(project, users, "WS", year=2010, title="2010年政府部门来文", retention="short")
    destruction = drawn(project, users, ws)
    assert [s["code"] for s in destruction.chain] == ["site_manager", "general_manager"]
    destruction = svc.decide(destruction=destruction, approver=users["jingli"], approve=True)
    assert destruction.status == DestructionStatus.PENDING  # the GM's step remains
    destruction = svc.decide(destruction=destruction, approver=users["zongjingli"], approve=True)
    assert destruction.status == DestructionStatus.APPROVED


def test_one_person_never_decides_two_steps_nor_a_step_not_theirs(project, users, two_hats, unchanged):
    ws = volume(project, users, "WS", year=2010, title="2010年政府部门来文", retention="short")
    destruction = drawn(project, users, ws)
    with unchanged(destruction), pytest.raises(DomainError) as refused:
        svc.decide(destruction=destruction, approver=users["kfzg"], approve=True)
    assert refused.value.code == "approver_not_allowed"
    both = two_hats("jingli", "general_manager")
    destruction = svc.decide(destruction=destruction, approver=both, approve=True)
    with unchanged(destruction), pytest.raises(DomainError) as refused:
        svc.decide(destruction=destruction, approver=both, approve=True)
    assert refused.value.code == "same_approver_twice"
    assert DestructionList.objects.get().status == DestructionStatus.PENDING


def test_nobody_approves_the_list_they_drew_up(project, users, vol, two_hats, unchanged):
    two_hats("dangan", "site_manager")
    destruction = drawn(project, users, vol)
    with unchanged(destruction), pytest.raises(DomainError) as refused:
        svc.decide(destruction=destruction, approver=users["dangan"], approve=True)
    assert refused.value.code == "self_approval"


def test_a_rejected_list_keeps_its_volumes_which_may_be_listed_again(project, users, vol, unchanged):
    destruction = drawn(project, users, vol)
    with unchanged(destruction), pytest.raises(DomainError) as refused:
        svc.decide(destruction=destruction, approver=users["jingli"], approve=False, comment="")
    assert refused.value.code == "required"
    destruction = svc.decide(destruction=destruction, approver=users["jingli"], approve=False, comment="还需保留")
    assert destruction.status == DestructionStatus.REJECTED
    assert "archives.destruction.rejected" in set(AuditEvent.objects.values_list("action", flat=True))
    with unchanged(destruction, vol), pytest.raises(DomainError) as refused:
        carried(destruction, users)
    assert refused.value.code == "list_rejected"
    with unchanged(destruction), pytest.raises(DomainError) as refused:
        svc.decide(destruction=destruction, approver=users["zongjingli"], approve=True)
    assert refused.value.code == "not_pending"
    vol.refresh_from_db()
    assert vol.status == VolumeStatus.OPEN and vol.shelf == 1
    assert drawn(project, users, vol).status == DestructionStatus.PENDING  # released by the rejection


def test_nothing_is_destroyed_before_the_list_is_approved_nor_twice(project, users, vol, unchanged):
    destruction = drawn(project, users, vol)
    with unchanged(destruction, vol), pytest.raises(DomainError) as refused:
        carried(destruction, users)
    assert refused.value.code == "not_approved"
    destruction = carried(svc.decide(destruction=destruction, approver=users["jingli"], approve=True), users)
    with unchanged(destruction, vol), pytest.raises(DomainError) as refused:
        carried(destruction, users)
    assert refused.value.code == "already_destroyed"


def test_a_volume_within_retention_is_listed_only_early_with_the_gm_and_a_permanent_one_never(
        project, users, unchanged):
    recent = volume(project, users, "QJ", year=2024, title="2024年清洁卫生检查记录")  # kept until 2034
    with unchanged(recent), pytest.raises(DomainError) as refused:
        drawn(project, users, recent)
    assert refused.value.code == "within_retention"
    kept = volume(project, users, "YH", year=2010, title="业户资料")  # permanent by default
    with unchanged(kept), pytest.raises(DomainError) as refused:
        drawn(project, users, kept, early=True)
    assert refused.value.code == "permanent_archive"
    Policy.objects.create(key="archives.destruction.early_allowed", project=project, value=False, clause="本项目规定")
    with unchanged(recent), pytest.raises(DomainError) as refused:
        drawn(project, users, recent, early=True, reason="重复复印件，无保存必要")
    assert refused.value.code == "early_not_allowed"
    Policy.objects.filter(key="archives.destruction.early_allowed").delete()
    destruction = drawn(project, users, recent, early=True, reason="重复复印件，无保存必要")
    assert destruction.early and [s["code"] for s in destruction.chain] == ["site_manager", "general_manager"]


def test_the_list_needs_a_reason_and_volumes_and_a_volume_is_on_one_live_list(project, users, vol, unchanged):
    with unchanged(vol), pytest.raises(DomainError) as refused:
        drawn(project, users, vol, reason=" ")
    assert refused.value.code == "required"
    with unchanged(), pytest.raises(DomainError) as refused:
        drawn(project, users)
    assert refused.value.code == "no_volumes"
    drawn(project, users, vol)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        drawn(project, users, vol)
    assert refused.value.code == "already_listed"
    with unchanged(), pytest.raises(DomainError) as refused:
        svc.draw_up(project=project, by=users["kefu1"], volumes=[vol], reason="x")
    assert refused.value.code == "role_not_allowed"


def test_another_project_s_volume_is_not_listed(project, other_project, users, unchanged):
    vol = old_volume(project, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        svc.draw_up(project=other_project, by=users["bj_dangan"], volumes=[vol], reason="x")
    assert refused.value.code == "invalid_choice"


def _lend(vol, users):
    loan = lending.apply(volume=vol, applicant=users["gongcheng1"], registered_by=users["dangan"],
                         kind=LoanKind.BORROW, purpose="核对记录", days=3)
    loan = lending.approve(loan=loan, approver=users["jingli"])
    return lending.lend(loan=loan, issuer=users["dangan"], counted=vol.item_count, holder_password=PASSWORD)


def test_a_volume_out_on_loan_is_neither_listed_nor_destroyed_until_it_is_back(project, users, vol, unchanged):
    loan = _lend(vol, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        drawn(project, users, vol)
    assert refused.value.code == "volume_on_loan"
    lending.take_back(loan=loan, receiver=users["dangan"], counted=2, holder_password=PASSWORD)
    destruction = svc.decide(destruction=drawn(project, users, vol), approver=users["jingli"], approve=True)
    _lend(vol, users)  # lent again while the approved list waits
    with unchanged(destruction, vol), pytest.raises(DomainError) as refused:
        carried(destruction, users)
    assert refused.value.code == "volume_on_loan"


def test_a_volume_on_a_shelf_check_under_way_waits_for_the_check(project, users, vol, unchanged):
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.MONTHLY)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        drawn(project, users, vol)
    assert refused.value.code == "volume_under_check"
    checks.record_results(check=check, by=users["dangan"], results={vol.pk: ("found", "")})
    checks.complete_check(check=check, by=users["dangan"])
    assert drawn(project, users, vol).status == DestructionStatus.PENDING


def test_confidential_archives_are_shredded_never_torn(project, users, unchanged):
    personal = volume(project, users, "RS", year=2010, title="2010年离职员工档案", retention="short")
    destruction = approved(project, users, personal)
    assert destruction.lines.get().confidential
    with unchanged(destruction, personal), pytest.raises(DomainError) as refused:
        carried(destruction, users, method=DestructionMethod.TORN)
    assert refused.value.code == "confidential_not_shredded"
    with unchanged(destruction, personal), pytest.raises(DomainError) as refused:
        carried(destruction, users, method="burnt")
    assert refused.value.code == "invalid_method"
    assert carried(destruction, users, method=DestructionMethod.SHREDDED).status == DestructionStatus.DESTROYED


def test_an_ordinary_volume_holding_a_confidential_item_is_shredded_too(project, users, unchanged):
    vol = volume(project, users, "QJ", year=2010, title="2010年清洁记录")
    file(vol, users, [{"title": "违纪处理记录", "doc_number": "", "doc_date": dt.date(2026, 6, 1), "pages": 1,
                       "confidential": True}])
    destruction = approved(project, users, vol)
    with unchanged(destruction), pytest.raises(DomainError) as refused:
        carried(destruction, users, method=DestructionMethod.TORN)
    assert refused.value.code == "confidential_not_shredded"


def test_the_destruction_is_witnessed_by_another_member_of_staff_who_signs(project, users, vol, unchanged):
    destruction = approved(project, users, vol)
    with unchanged(destruction, vol), pytest.raises(DomainError) as refused:
        carried(destruction, users, witness=None)
    assert refused.value.code == "witness_required"
    with unchanged(destruction, vol), pytest.raises(DomainError) as refused:
        carried(destruction, users, witness="dangan")
    assert refused.value.code == "same_person"
    with unchanged(destruction, vol), pytest.raises(DomainError) as refused:
        carried(destruction, users, witness="bj_kfzg")
    assert refused.value.code == "invalid_person"
    with pytest.raises(DomainError) as refused:
        carried(destruction, users, password="wrong")
    assert refused.value.code == "bad_credentials"
    destruction.refresh_from_db()
    assert destruction.status == DestructionStatus.APPROVED


def test_a_destroyed_volume_is_never_lent_shelved_or_checked_and_leaves_the_loan_queues(project, users, vol,
                                                                                          unchanged):
    loan = lending.take_back(loan=_lend(vol, users), receiver=users["dangan"], counted=2, holder_password=PASSWORD)
    waiting = lending.apply(volume=vol, applicant=users["kefu2"], registered_by=users["dangan"],
                            kind=LoanKind.BORROW, purpose="查找记录", days=2)
    assert list(loan_selectors.awaiting(project=project)) == [waiting]
    carried(approved(project, users, vol), users)
    vol.refresh_from_db()
    waiting.refresh_from_db()
    assert waiting.status == LoanStatus.CANCELLED  # nothing waits on a volume that is gone
    assert list(loan_selectors.awaiting(project=project)) == []
    assert list(loan_selectors.out(project=project)) == [] and list(loan_selectors.overdue(project=project)) == []
    assert loan in loan_selectors.register(project=project)  # its history stays
    with unchanged(vol), pytest.raises(DomainError) as refused:
        lending.apply(volume=vol, applicant=users["kefu2"], registered_by=users["dangan"], kind=LoanKind.READING,
                      purpose="查阅")
    assert refused.value.code == "volume_destroyed"
    with unchanged(vol), pytest.raises(DomainError) as refused:
        shelve(vol, users, 5)
    assert refused.value.code == "volume_destroyed"
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.MONTHLY)
    assert not check.lines.filter(volume=vol).exists()
    assert ArchiveLoan.objects.filter(volume=vol).count() == 2


def test_the_archivist_is_told_each_month_of_volumes_past_retention(project, users, vol, travel):
    assert sweep.sweep_project(project) == 0  # before the 25th
    travel(at_beijing(dt.date(2026, 6, 25), dt.time(9, 0)))
    assert sweep.sweep_project(project) == 1
    assert sweep.sweep_project(project) == 0  # once a month
    note = Notification.objects.get(kind="archives.retention_expired")
    assert note.recipient == users["dangan"]
    carried(approved(project, users, vol), users)
    note.refresh_from_db()
    assert note.resolved_at is not None
    travel(at_beijing(dt.date(2026, 7, 26), dt.time(9, 0)))
    assert sweep.sweep_project(project) == 0  # nothing left to list


def test_the_database_holds_a_volume_on_one_live_list_even_past_the_service(project, users, vol):
    from django.db import IntegrityError, transaction

    from archives.models import DestructionLine

    first = drawn(project, users, vol)
    second = DestructionList.objects.create(project=project, serial="XH-RACE", reason="并发", drafted_by=users["dangan"],
                                            drafted_at=first.drafted_at)
    with pytest.raises(IntegrityError), transaction.atomic():  # two archivists listing it at once: one wins
        DestructionLine.objects.create(destruction=second, volume=vol, retain_until=vol.retain_until)
