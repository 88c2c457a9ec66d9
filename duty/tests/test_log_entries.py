"""Writing and resolving duty-log entries (DUTY-LOG-1, DUTY-LOG-2)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError
from core.models import AuditEvent
from duty.models import DutyEntry
from duty.selectors import log as selectors
from duty.services import log as log_service
from duty.states import EntryKind, EntryStatus
from duty.tests.log_helpers import entry


@pytest.mark.req("DUTY-LOG-1")
def test_an_entry_takes_the_server_time_and_may_name_an_earlier_event_time(project, users):
    before = clock.now()
    earlier = before - dt.timedelta(hours=2)
    e = entry(project, users["kefu1"], occurred_at=earlier, handling="报警并调取监控。")
    assert e.recorded_at >= before and e.occurred_at == earlier
    assert e.day == clock.today() and e.status == EntryStatus.OPEN and e.serial.startswith("ZB")
    assert AuditEvent.objects.filter(action="duty.entry.recorded").count() == 1


@pytest.mark.req("DUTY-LOG-1")
def test_an_event_time_in_the_future_is_refused_and_nothing_is_written(project, users):
    with pytest.raises(DomainError) as info:
        entry(project, users["kefu1"], occurred_at=clock.now() + dt.timedelta(minutes=5))
    assert info.value.code == "future_time" and info.value.rule == "DUTY-LOG-1"
    assert not DutyEntry.objects.exists()


@pytest.mark.req("DUTY-LOG-1")
def test_an_entry_without_what_happened_is_refused(project, users):
    with pytest.raises(DomainError) as info:
        entry(project, users["kefu1"], what_happened="  ")
    assert info.value.code == "required" and not DutyEntry.objects.exists()


@pytest.mark.req("DUTY-LOG-1")
def test_resolving_needs_the_final_result_and_happens_once(project, users):
    e = entry(project, users["kefu1"])
    with pytest.raises(DomainError) as info:
        log_service.resolve_entry(entry=e, resolved_by=users["kefu2"], result="")
    assert info.value.code == "required"
    e.refresh_from_db()
    assert e.status == EntryStatus.OPEN and e.resolved_at is None
    done = log_service.resolve_entry(entry=e, resolved_by=users["kefu2"], result="已报警，车辆找回。")
    assert done.status == EntryStatus.RESOLVED and done.resolved_by == users["kefu2"] and done.result
    with pytest.raises(Conflict) as info:
        log_service.resolve_entry(entry=e, resolved_by=users["kefu2"], result="again")
    assert info.value.code == "illegal_transition"
    e.refresh_from_db()
    assert e.result == "已报警，车辆找回。"


@pytest.mark.req("DUTY-LOG-1")
def test_the_day_is_grouped_by_shift_and_open_items_from_earlier_pages_are_carried(project, users):
    old = entry(project, users["kefu1"], shift_code="night")
    closed = entry(project, users["kefu1"], shift_code="night")
    log_service.resolve_entry(entry=closed, resolved_by=users["kefu1"], result="ok")
    DutyEntry.objects.filter(pk__in=[old.pk, closed.pk]).update(day=clock.today() - dt.timedelta(days=1))
    entry(project, users["kefu1"], shift_code="early")
    entry(project, users["kefu2"], shift_code="middle")
    pages = selectors.pages_of_day(project=project, day=clock.today())
    assert [p["shift"] for p in pages] == ["early", "middle"]
    assert pages[1]["writers"] == [users["kefu2"]]
    assert list(selectors.carried_over(project=project, day=clock.today())) == [DutyEntry.objects.get(pk=old.pk)]


@pytest.mark.req("DUTY-LOG-2")
def test_a_phone_complaint_must_name_its_complainant(project, users):
    with pytest.raises(DomainError) as info:
        entry(project, users["kefu1"], kind=EntryKind.COMPLAINT_CALL, people="")
    assert info.value.code == "people_required" and info.value.rule == "DUTY-LOG-2"
    assert not DutyEntry.objects.exists()
    e = entry(project, users["kefu1"], kind=EntryKind.COMPLAINT_CALL, people="业主1-201")
    assert e.people == "业主1-201"


@pytest.mark.req("DUTY-LOG-2")
@pytest.mark.parametrize("kind", ["theft", "wind", "fire", "water", "power", "fight", "staff_violation", "move_in",
                                  "move_out", "construction", "management"])
def test_every_kind_the_regulation_names_can_be_recorded(project, users, kind):
    assert entry(project, users["kefu1"], kind=kind).kind == kind


@pytest.mark.req("DUTY-LOG-2")
def test_an_unknown_kind_is_refused(project, users):
    with pytest.raises(DomainError) as info:
        entry(project, users["kefu1"], kind="gossip")
    assert info.value.code == "invalid_kind" and not DutyEntry.objects.exists()
