"""Recording checks against the checklist and their nonconformities; closing them (QUALITY-1)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError
from core.models import AuditEvent
from desk.models import Nonconformity, NonconformityStatus, QualityCheck
from desk.services import quality as svc
from desk.tests.quality_helpers import check, completed_handover, nc


@pytest.mark.req("QUALITY-1")
def test_a_spot_check_records_every_checklist_item_with_the_server_time(project, users):
    before = clock.now()
    c = check(project, users, failed=["值班记录"], rows=[nc(users)])
    assert c.checked_at >= before and c.serial.startswith("ZJ") and c.week_start.weekday() == 0
    assert len(c.results) == 10 and [r["item"] for r in c.results if not r["ok"]] == ["值班记录"]
    n = c.nonconformities.get()
    assert (n.person, n.status) == (users["kefu1"], NonconformityStatus.OPEN)
    assert AuditEvent.objects.filter(action="desk.quality.checked").count() == 1


@pytest.mark.req("QUALITY-1")
def test_a_failed_item_without_its_nonconformity_is_refused(project, users):
    with pytest.raises(DomainError) as info:
        check(project, users, failed=["值班记录", "前台环境"], rows=[nc(users)])
    assert info.value.code == "nonconformity_required" and info.value.details["items"] == ["前台环境"]
    assert not QualityCheck.objects.exists() and not Nonconformity.objects.exists()


@pytest.mark.req("QUALITY-1")
@pytest.mark.parametrize("override,code", [({"item": "乱写"}, "invalid_item"), ({"description": " "}, "required"),
                                           ({"correction": ""}, "required"), ({"deadline": None}, "invalid_deadline"),
                                           ({"person": None}, "invalid_person")])
def test_an_incomplete_nonconformity_is_refused(project, users, override, code):
    row = nc(users)
    row.update(override)
    with pytest.raises(DomainError) as info:
        check(project, users, failed=["值班记录"], rows=[row])
    assert info.value.code == code and not QualityCheck.objects.exists()


@pytest.mark.req("QUALITY-1")
def test_a_past_deadline_or_a_person_of_another_project_is_refused(project, users):
    for row in (nc(users, days=-1), nc(users, person="bj_kefu1")):
        with pytest.raises(DomainError):
            check(project, users, failed=["值班记录"], rows=[row])
    assert not QualityCheck.objects.exists()


@pytest.mark.req("QUALITY-1")
def test_only_the_supervisor_or_manager_records_checks(project, users):
    for who in ("kefu1", "gczg"):
        with pytest.raises(DomainError) as info:
            check(project, users, by=who)
        assert info.value.status == 403
    with pytest.raises(DomainError) as info:
        check(project, users, by="bj_kfzg")
    assert info.value.status == 404
    assert check(project, users, by="jingli").kind == "spot"
    assert QualityCheck.objects.count() == 1


@pytest.mark.req("QUALITY-1")
def test_a_check_at_a_handover_names_it_once(project, other_project, users):
    with pytest.raises(DomainError) as info:
        check(project, users, kind="handover")
    assert info.value.code == "handover_required"
    handover = completed_handover(project, users)
    with pytest.raises(DomainError) as info:
        check(project, users, kind="spot", handover=handover)
    assert info.value.code == "handover_not_expected"
    with pytest.raises(DomainError) as info:
        svc.record_check(project=other_project, checked_by=users["bj_kfzg"], kind="handover", handover=handover)
    assert info.value.code == "handover_not_in_project"
    c = check(project, users, kind="handover", handover=handover)
    assert c.handover == handover
    with pytest.raises(Conflict):
        check(project, users, kind="handover", handover=handover)
    assert QualityCheck.objects.count() == 1


@pytest.mark.req("QUALITY-1")
def test_a_nonconformity_is_closed_once_by_the_checker_with_a_note(project, users):
    n = check(project, users, failed=["值班记录"], rows=[nc(users)]).nonconformities.get()
    with pytest.raises(DomainError) as info:
        svc.close_nonconformity(nonconformity=n, closed_by=users["kefu1"], note="已改")
    assert info.value.status == 403
    with pytest.raises(DomainError) as info:
        svc.close_nonconformity(nonconformity=n, closed_by=users["kfzg"], note=" ")
    assert info.value.code == "required"
    n.refresh_from_db()
    assert n.status == NonconformityStatus.OPEN
    svc.close_nonconformity(nonconformity=n, closed_by=users["kfzg"], note="复查已补记")
    with pytest.raises(Conflict):
        svc.close_nonconformity(nonconformity=n, closed_by=users["kfzg"], note="again")
    n.refresh_from_db()
    assert n.status == NonconformityStatus.CLOSED and n.closure_note == "复查已补记"


@pytest.mark.req("QUALITY-1")
def test_quality_records_are_kept_and_cannot_be_deleted(project, users):
    c = check(project, users)
    with pytest.raises(DomainError):
        c.delete()
    assert c.retain_until >= clock.today() + dt.timedelta(days=700)
