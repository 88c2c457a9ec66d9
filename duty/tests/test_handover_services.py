"""The handover's rules, one behaviour per test (HANDOVER-1..8)."""
import datetime as dt

import pytest
from django.utils.translation import gettext

from core import clock, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import AuditEvent, Policy
from core.testing.fixtures import PASSWORD
from duty.models import CarryItem, Handover, HandoverRefusal, HandoverStatus
from duty.selectors import handover as selectors
from duty.services import handover as svc
from duty.services import handover_extra as extra
from duty.services import log as log_service
from duty.states import EntryKind, Severity
from duty.tests.handover_helpers import complete, count_all, prepare, start
from keys.tests.helpers import lend, make_key


def refused_codes(exc) -> list[str]:
    return [r["code"] for r in exc.value.details["reasons"]]


@pytest.mark.req("HANDOVER-1")
def test_a_handover_cannot_be_marked_ready_until_records_read_items_counted_and_equipment_checked(project, users):
    h = start(project, users)
    with pytest.raises(DomainError) as exc:
        svc.mark_ready(handover=h, actor=users["kefu1"])
    assert exc.value.code == "preparation_incomplete" and exc.value.rule == "HANDOVER-1"
    assert len(exc.value.details["missing"]) == 3
    svc.update_preparation(handover=h, actor=users["kefu1"], records_read=True, equipment_checked=True)
    with pytest.raises(DomainError) as exc:
        svc.mark_ready(handover=h, actor=users["kefu1"])
    assert exc.value.details["missing"] == [gettext("items counted")]
    count_all(h, users["kefu1"])
    svc.mark_ready(handover=h, actor=users["kefu1"])
    h.refresh_from_db()
    assert h.status == HandoverStatus.READY


@pytest.mark.req("HANDOVER-1", "HANDOVER-5")
def test_a_handover_is_refused_while_preparation_is_incomplete_and_nothing_changes(project, users):
    h = start(project, users)
    svc.check_in(handover=h, actor=users["kefu2"])
    with pytest.raises(svc.HandoverRefused) as exc:
        complete(h)
    assert "preparation_incomplete" in refused_codes(exc)
    h.refresh_from_db()
    assert h.status == HandoverStatus.PREPARING and h.released_at is None and h.completed_at is None
    assert not signatures.signatures_of(h).exists()


@pytest.mark.req("HANDOVER-2")
def test_the_sheet_is_assembled_from_open_events_instructions_key_loans_and_the_item_list(project, users):
    open_event = log_service.record_entry(project=project, recorded_by=users["kefu1"], kind=EntryKind.THEFT,
                                          what_happened="电动车被盗", handling="已报警")
    log_service.record_entry(project=project, recorded_by=users["kfzg"], kind=EntryKind.INSTRUCTION,
                             what_happened="今晚加强2栋巡查")
    make_key(project, users, "front_desk", name="前台抽屉")
    make_key(project, users, "model_unit", name="样板间A")
    loan = lend(make_key(project, users, "model_unit", name="样板间B"), users)
    h = start(project, users)
    sheet = h.snapshot
    assert [e["serial"] for e in sheet["open_entries"]] == [open_event.serial]
    assert sheet["open_entries"][0]["cause"] == "电动车被盗" and sheet["open_entries"][0]["course"] == "已报警"
    assert sheet["instructions"][0]["cause"] == "今晚加强2栋巡查"
    assert [(k["id"], k["name"]) for k in sheet["key_loans"]] == [(loan.pk, "样板间B")]
    names = {c.name: c.expected for c in h.counts.all()}
    assert names["对讲机"] == 2 and names["前台钥匙"] == 1 and names["样板间钥匙"] == 1  # the lent one is out
    assert {"值班记录本", "办公用品", "代为保管/扣压他人财物"} <= set(names)


@pytest.mark.req("HANDOVER-2")
def test_the_item_list_is_editable_per_project_by_a_supervisor(project, users):
    svc.ensure_items(project)
    with pytest.raises(NotAllowed):
        extra.save_item(project=project, actor=users["kefu1"], name="雨伞", category="other", quantity=5)
    extra.save_item(project=project, actor=users["kfzg"], name="雨伞", category="other", quantity=5)
    h = start(project, users)
    assert h.counts.get(name="雨伞").expected == 5


@pytest.mark.req("HANDOVER-3")
def test_the_incoming_arrival_is_recorded_by_the_server_and_late_arrival_is_flagged(project, users):
    early = start(project, users, minutes=30)
    svc.check_in(handover=early, actor=users["kefu2"])
    early.refresh_from_db()
    assert early.arrived_at is not None and not early.arrived_late
    assert early.arrive_by == early.shift_change_at - dt.timedelta(minutes=15)
    late = start(project, users, outgoing="kfzg", incoming="kefu1", minutes=10)
    with pytest.raises(NotAllowed):  # on the outgoing person's device the incoming types their own password
        svc.check_in(handover=late, actor=users["kfzg"], password="wrong")
    svc.check_in(handover=late, actor=users["kfzg"], password=PASSWORD)
    late.refresh_from_db()
    assert late.arrived_late


@pytest.mark.req("HANDOVER-3")
def test_a_project_may_follow_the_five_minute_rule(project, users):
    Policy.objects.create(project=project, key="duty.handover.arrive_early_minutes", value=5,
                          clause="004 篇3 (二)1 接班人员提前5分钟")
    h = start(project, users, minutes=10)
    svc.check_in(handover=h, actor=users["kefu2"])
    h.refresh_from_db()
    assert not h.arrived_late and h.arrive_by == h.shift_change_at - dt.timedelta(minutes=5)


@pytest.mark.req("HANDOVER-4")
def test_both_sign_with_their_own_passwords_and_only_then_is_the_outgoing_released(project, users):
    h = prepare(start(project, users), users)
    with pytest.raises(NotAllowed) as exc:
        svc.complete_handover(handover=h, actor=users["kefu1"], outgoing_password=PASSWORD,
                              incoming_password="not-kefu2s")
    assert exc.value.code == "bad_credentials"
    h.refresh_from_db()
    assert h.released_at is None and not signatures.signatures_of(h).exists()
    complete(h)
    h.refresh_from_db()
    signed = {s.capacity: s.signer.username for s in signatures.signatures_of(h)}
    assert signed == {"outgoing": "kefu1", "incoming": "kefu2"}
    assert h.status == HandoverStatus.COMPLETED and h.released_at == h.completed_at


@pytest.mark.req("HANDOVER-4")
def test_one_person_cannot_hand_over_to_themselves(project, users):
    with pytest.raises(DomainError) as exc:
        start(project, users, outgoing="kefu1", incoming="kefu1")
    assert exc.value.code == "same_person" and not Handover.objects.exists()


@pytest.mark.req("HANDOVER-5")
def test_a_handover_is_refused_while_an_emergency_event_is_open_and_the_refusal_is_recorded(project, users):
    event = log_service.record_entry(project=project, recorded_by=users["kefu1"], kind=EntryKind.FIRE,
                                     severity=Severity.EMERGENCY, what_happened="配电房冒烟")
    h = prepare(start(project, users), users)
    with pytest.raises(svc.HandoverRefused) as exc:
        complete(h)
    assert refused_codes(exc) == ["serious_event_open"] and exc.value.rule == "HANDOVER-5"
    assert event.serial in str(exc.value.message)
    h.refresh_from_db()
    assert h.status == HandoverStatus.READY and h.released_at is None
    refusal = HandoverRefusal.objects.get(handover=h)
    assert refusal.reasons[0]["code"] == "serious_event_open"
    assert AuditEvent.objects.filter(action="duty.handover.refused", target_id=str(h.pk)).exists()
    log_service.resolve_entry(entry=event, resolved_by=users["kefu1"], result="已扑灭")
    assert complete(h).status == HandoverStatus.COMPLETED


@pytest.mark.req("HANDOVER-5")
def test_a_handover_is_refused_while_major_equipment_is_starting_or_stopping(project, users):
    op = extra.start_equipment_operation(project=project, started_by=users["gongcheng1"], equipment="1号冷水机组",
                                         kind="start")
    h = prepare(start(project, users), users)
    with pytest.raises(svc.HandoverRefused) as exc:
        complete(h)
    assert refused_codes(exc) == ["equipment_operating"]
    extra.finish_equipment_operation(operation=op, finished_by=users["gongcheng1"])
    assert complete(h).status == HandoverStatus.COMPLETED


@pytest.mark.req("HANDOVER-5")
def test_every_reason_is_given_at_once(project, users):
    log_service.record_entry(project=project, recorded_by=users["kefu1"], kind=EntryKind.WATER,
                             severity=Severity.MAJOR, what_happened="水管爆裂")
    extra.start_equipment_operation(project=project, started_by=users["kefu1"], equipment="发电机", kind="stop")
    h = start(project, users)
    extra.declare_unfit(handover=h, declared_by=users["kefu1"], reason="酒气明显")
    with pytest.raises(svc.HandoverRefused) as exc:
        complete(h)
    assert set(refused_codes(exc)) == {"serious_event_open", "equipment_operating", "preparation_incomplete",
                                       "incoming_unfit", "incoming_not_arrived"}
    assert HandoverRefusal.objects.get(handover=h).reasons == exc.value.details["reasons"]


@pytest.mark.req("HANDOVER-5")
def test_an_unfit_incoming_blocks_until_a_supervisor_names_a_substitute_who_takes_over(project, users):
    h = prepare(start(project, users), users)
    with pytest.raises(NotAllowed):
        extra.declare_unfit(handover=h, declared_by=users["gongcheng1"], reason="酒气")
    extra.declare_unfit(handover=h, declared_by=users["kefu1"], reason="饮酒,神志不清")
    with pytest.raises(svc.HandoverRefused) as exc:
        complete(h)
    assert refused_codes(exc) == ["incoming_unfit"]
    with pytest.raises(NotAllowed) as exc2:
        extra.name_substitute(handover=h, named_by=users["kefu1"], substitute=users["kefu2"])
    assert exc2.value.code == "supervisor_only"
    extra.name_substitute(handover=h, named_by=users["kfzg"], substitute=users["xingzheng"])
    h.refresh_from_db()
    assert h.incoming == users["xingzheng"] and h.original_incoming == users["kefu2"] and h.arrived_at is None
    svc.check_in(handover=h, actor=users["xingzheng"])
    done = complete(h)
    assert {s.signer.username for s in signatures.signatures_of(done)} == {"kefu1", "xingzheng"}


@pytest.mark.req("HANDOVER-6")
def test_no_release_without_a_completed_handover_and_a_late_takeover_is_recorded_in_minutes(project, users):
    h = prepare(start(project, users, minutes=-20), users)
    assert h.released_at is None
    done = complete(h)
    assert done.late_minutes >= 20 and done.is_late
    assert list(selectors.late_takeovers(project=project)) == [done]


@pytest.mark.req("HANDOVER-6")
def test_a_takeover_not_done_long_after_the_shift_change_is_flagged_missed(project, users):
    missed = start(project, users, minutes=-90)
    start(project, users, outgoing="kfzg", incoming="kefu1", minutes=-10)
    assert list(selectors.missed_takeovers(project=project)) == [missed]
    with pytest.raises(Conflict) as exc:  # the outgoing person cannot slip off into a new sheet
        start(project, users, minutes=0)
    assert exc.value.code == "handover_in_progress"


@pytest.mark.req("HANDOVER-7")
def test_missing_or_damaged_items_must_be_explained_by_the_outgoing_person_before_signing(project, users):
    h = prepare(start(project, users), users, **{"对讲机": (1, "missing")})
    with pytest.raises(svc.HandoverRefused) as exc:
        complete(h)
    assert refused_codes(exc) == ["discrepancy_unexplained"] and exc.value.rule == "HANDOVER-7"
    radio = h.counts.get(name="对讲机")
    with pytest.raises(NotAllowed) as exc2:
        svc.explain_discrepancy(count=radio, explained_by=users["kefu2"], explanation="不知道")
    assert exc2.value.code == "outgoing_explains"
    svc.explain_discrepancy(count=radio, explained_by=users["kefu1"], explanation="借给保安部巡逻使用,18:00归还")
    complete(h)
    radio.refresh_from_db()
    assert radio.counted == 1 and radio.expected == 2 and radio.explanation.startswith("借给保安部")


@pytest.mark.req("HANDOVER-7")
def test_a_count_in_order_needs_no_explanation(project, users):
    h = prepare(start(project, users), users)
    with pytest.raises(DomainError) as exc:
        svc.explain_discrepancy(count=h.counts.first(), explained_by=users["kefu1"], explanation="x")
    assert exc.value.code == "nothing_to_explain"


@pytest.mark.req("HANDOVER-8")
def test_unfinished_work_is_carried_to_the_next_handover_until_marked_done(project, users):
    first = prepare(start(project, users), users, ready=False)
    item = extra.add_carry_item(handover=first, added_by=users["kefu1"], text="回复3栋502业主漏水报修进度")
    assert list(selectors.open_carry_items(project=project)) == []  # not handed over yet
    svc.mark_ready(handover=first, actor=users["kefu1"])
    complete(first)
    assert list(selectors.open_carry_items(project=project)) == [item]
    second = start(project, users, outgoing="kefu2", incoming="kefu1")
    assert [c["text"] for c in second.snapshot["carried_in"]] == ["回复3栋502业主漏水报修进度"]
    extra.mark_carry_done(item=item, done_by=users["kefu2"], note="已电话回复")
    with pytest.raises(Conflict):
        extra.mark_carry_done(item=item, done_by=users["kefu2"])
    assert not selectors.open_carry_items(project=project).exists()
    assert CarryItem.objects.get(pk=item.pk).done_by == users["kefu2"]


def test_a_completed_handover_cannot_be_completed_again(project, users):
    h = complete(prepare(start(project, users), users))
    with pytest.raises(Conflict) as exc:
        complete(h)
    assert exc.value.code == "illegal_transition"


def test_the_roster_suggestion_degrades_gracefully_without_a_roster(project, users):
    assert selectors.suggested_next(project=project, outgoing=users["kefu1"]) == {}
    with pytest.raises(DomainError) as exc:
        svc.start_handover(project=project, outgoing=users["kefu1"], incoming=users["kefu2"])
    assert exc.value.code == "required"


@pytest.mark.req("HANDOVER-3")
def test_an_issued_roster_suggests_the_shift_change_and_the_incoming_person(project, users):
    from duty.models import Roster, RosterAssignment, ShiftPattern

    now = clock.beijing(clock.now()).replace(second=0, microsecond=0)
    begin, change = now - dt.timedelta(hours=2), now + dt.timedelta(hours=2)
    mine = ShiftPattern.objects.create(project=project, team="前台", code="A", name="早班", starts=begin.time(),
                                       ends=change.time())
    next_ = ShiftPattern.objects.create(project=project, team="前台", code="B", name="晚班", starts=change.time(),
                                        ends=(change + dt.timedelta(hours=4)).time())
    roster = Roster.objects.create(project=project, team="前台", month=begin.date().replace(day=1),
                                   period_start=begin.date(), period_end=change.date() + dt.timedelta(days=1),
                                   status="issued", drafted_by=users["kfzg"], drafted_at=clock.now())
    RosterAssignment.objects.create(roster=roster, day=begin.date(), shift=mine, person=users["kefu1"])
    RosterAssignment.objects.create(roster=roster, day=change.date(), shift=next_, person=users["kefu2"])
    suggestion = selectors.suggested_next(project=project, outgoing=users["kefu1"])
    assert suggestion["incoming"] == users["kefu2"] and suggestion["shift_change_at"] == change
    h = svc.start_handover(project=project, outgoing=users["kefu1"], incoming=users["kefu2"])
    assert h.shift_change_at == change and h.shift_code == "A"
