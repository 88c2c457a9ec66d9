"""The handover refused, and nothing written: parties, states, counts, the item list, carried work, the unfit
incoming person and the equipment register (HANDOVER-1..8); the two signatures are each person's own (CORE-6)."""
import pytest

from core.errors import DomainError
from core.roles import Role
from core.testing.fixtures import PASSWORD
from duty.models import CarryItem, Handover, HandoverItem, HandoverStatus
from duty.services import handover as svc
from duty.services import handover_extra as extra
from duty.tests.handover_helpers import complete, prepare, start


@pytest.fixture
def handover(project, users):
    return start(project, users)


# --- who may act ----------------------------------------------------------------------------------------

@pytest.mark.req("HANDOVER-4")
def test_an_incoming_person_from_another_project_is_refused(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        start(project, users, incoming="bj_kefu2")
    assert refused.value.code == "incoming_not_member" and refused.value.rule == "HANDOVER-4"
    assert not Handover.objects.exists()


@pytest.mark.req("HANDOVER-1")
def test_a_colleague_cannot_start_someone_elses_handover(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        svc.start_handover(project=project, outgoing=users["kefu1"], incoming=users["kefu2"],
                           created_by=users["xingzheng"])
    assert refused.value.code == "not_a_party" and refused.value.status == 403
    assert not Handover.objects.exists()


@pytest.mark.req("HANDOVER-1")
def test_a_third_person_cannot_fill_the_preparation(users, handover, unchanged):
    with unchanged(handover), pytest.raises(DomainError) as refused:
        svc.update_preparation(handover=handover, actor=users["xingzheng"], records_read=True, equipment_checked=True)
    assert refused.value.code == "not_a_party"
    assert not Handover.objects.get().records_read


@pytest.mark.req("HANDOVER-5")
def test_only_the_outgoing_person_or_a_supervisor_declares_the_incoming_unfit(users, handover, unchanged):
    with unchanged(handover), pytest.raises(DomainError) as refused:
        extra.declare_unfit(handover=handover, declared_by=users["kefu2"], reason="自称没问题")
    assert refused.value.code == "not_a_party" and refused.value.rule == "HANDOVER-5"
    assert Handover.objects.get().unfit_declared_at is None


# --- states -------------------------------------------------------------------------------------------

@pytest.mark.req("HANDOVER-3")
def test_the_incoming_person_arrives_once(users, handover, unchanged):
    arrived = svc.check_in(handover=handover, actor=users["kefu2"])
    with unchanged(arrived), pytest.raises(DomainError) as refused:
        svc.check_in(handover=arrived, actor=users["kefu2"])
    assert refused.value.code == "already_arrived" and refused.value.rule == "HANDOVER-3"


@pytest.mark.req("HANDOVER-1")
def test_a_ready_sheet_is_frozen_until_reopened(project, users, unchanged):
    ready = prepare(start(project, users), users)
    assert ready.status == HandoverStatus.READY
    with unchanged(ready, *ready.counts.all()), pytest.raises(DomainError) as refused:
        svc.record_counts(handover=ready, counted_by=users["kefu1"],
                          counts={c.pk: {"counted": 0, "condition": "missing"} for c in ready.counts.all()})
    assert refused.value.code == "not_preparing"
    with unchanged(ready), pytest.raises(DomainError) as refused:
        svc.update_preparation(handover=ready, actor=users["kefu1"], records_read=False, equipment_checked=False)
    assert refused.value.code == "not_preparing"


@pytest.mark.req("HANDOVER-2")
def test_a_count_of_an_item_not_on_this_handover_is_refused(project, users, handover, unchanged):
    other = start(project, users, outgoing="kfzg", incoming="jingli")
    foreign = other.counts.first()
    with unchanged(handover, foreign, *handover.counts.all()), pytest.raises(DomainError) as refused:
        svc.record_counts(handover=handover, counted_by=users["kefu1"], counts={foreign.pk: {"counted": 1}})
    assert refused.value.code == "unknown_item"


@pytest.mark.req("HANDOVER-2")
@pytest.mark.parametrize("counted", [-1, "两个", "1.5"])
def test_a_count_that_is_not_a_whole_number_is_refused(users, handover, unchanged, counted):
    row = handover.counts.first()
    with unchanged(handover, *handover.counts.all()), pytest.raises(DomainError) as refused:
        svc.record_counts(handover=handover, counted_by=users["kefu1"], counts={row.pk: {"counted": counted}})
    assert refused.value.code == "invalid_count" and refused.value.details == {"item": row.pk}


@pytest.mark.req("HANDOVER-8")
def test_nothing_is_carried_onto_a_completed_handover(project, users, unchanged):
    done = complete(prepare(start(project, users, minutes=-5), users))
    with unchanged(done), pytest.raises(DomainError) as refused:
        extra.add_carry_item(handover=done, added_by=users["kefu1"], text="补记")
    assert refused.value.code == "handover_completed"
    with unchanged(done), pytest.raises(DomainError) as refused:
        extra.declare_unfit(handover=done, declared_by=users["kefu1"], reason="迟来的发现")
    assert refused.value.code == "handover_completed"
    assert not CarryItem.objects.exists()


@pytest.mark.req("HANDOVER-8")
def test_carried_work_is_done_only_after_the_handover_and_only_once(project, users, unchanged):
    handover = start(project, users, minutes=-5)
    item = extra.add_carry_item(handover=handover, added_by=users["kefu1"], text="3栋电梯报修待回复")
    with unchanged(item), pytest.raises(DomainError) as refused:
        extra.mark_carry_done(item=item, done_by=users["kefu2"])
    assert refused.value.code == "not_handed_over"
    complete(prepare(handover, users))
    item = extra.mark_carry_done(item=item, done_by=users["kefu2"], note="已回复")
    with unchanged(item), pytest.raises(DomainError) as refused:
        extra.mark_carry_done(item=item, done_by=users["kefu2"], note="再次")
    assert refused.value.code == "already_done"
    assert CarryItem.objects.get().done_note == "已回复"


@pytest.mark.req("HANDOVER-5")
def test_a_substitute_is_named_only_for_an_incoming_person_declared_unfit(users, handover, unchanged):
    with unchanged(handover), pytest.raises(DomainError) as refused:
        extra.name_substitute(handover=handover, named_by=users["kfzg"], substitute=users["jingli"])
    assert refused.value.code == "not_unfit"
    assert Handover.objects.get().incoming == users["kefu2"]


@pytest.mark.req("HANDOVER-5")
def test_a_substitute_from_another_project_is_refused(users, handover, unchanged):
    unfit = extra.declare_unfit(handover=handover, declared_by=users["kefu1"], reason="酒后")
    with unchanged(unfit), pytest.raises(DomainError) as refused:
        extra.name_substitute(handover=unfit, named_by=users["kfzg"], substitute=users["bj_kefu1"])
    assert refused.value.code == "incoming_not_member" and refused.value.rule == "HANDOVER-5"


@pytest.mark.req("HANDOVER-5")
def test_an_equipment_operation_finishes_once(project, users, unchanged):
    op = extra.start_equipment_operation(project=project, started_by=users["kefu1"], equipment="1号冷水机组",
                                         kind="start")
    op = extra.finish_equipment_operation(operation=op, finished_by=users["kefu1"])
    with unchanged(op), pytest.raises(DomainError) as refused:
        extra.finish_equipment_operation(operation=op, finished_by=users["kfzg"], note="又结束")
    assert refused.value.code == "already_finished"


@pytest.mark.req("HANDOVER-2")
def test_the_item_list_does_not_take_the_same_name_twice(project, users, unchanged):
    svc.ensure_items(project)
    first = HandoverItem.objects.filter(project=project).first()
    with unchanged(first), pytest.raises(DomainError) as refused:
        extra.save_item(project=project, actor=users["kfzg"], name=first.name, category=first.category)
    assert refused.value.code == "duplicate_item"


# --- separation of duties: two people, and a third to stand in (HANDOVER-4, HANDOVER-5) -----------------

@pytest.mark.req("HANDOVER-4")
def test_a_supervisor_on_the_desk_cannot_hand_over_to_herself(project, users, two_roles, unchanged):
    both = two_roles(users["kfzg"], Role.CS_ASSISTANT)
    with unchanged(), pytest.raises(DomainError) as refused:
        svc.start_handover(project=project, outgoing=both, incoming=both, created_by=both,
                           shift_change_at=None)
    assert refused.value.code == "same_person" and refused.value.rule == "HANDOVER-4"
    assert not Handover.objects.exists()


@pytest.mark.req("HANDOVER-5")
def test_the_outgoing_supervisor_cannot_name_herself_as_substitute(project, users, two_roles, unchanged):
    both = two_roles(users["kfzg"], Role.CS_ASSISTANT)
    handover = start(project, users, outgoing="kfzg", incoming="kefu2")
    unfit = extra.declare_unfit(handover=handover, declared_by=both, reason="酒后")
    with unchanged(unfit), pytest.raises(DomainError) as refused:
        extra.name_substitute(handover=unfit, named_by=both, substitute=both)
    assert refused.value.code == "same_person" and refused.value.rule == "HANDOVER-5"
    assert Handover.objects.get().incoming == users["kefu2"]


# --- the signatures are each person's own (CORE-6) ------------------------------------------------------

@pytest.mark.req("HANDOVER-4", "CORE-6")
@pytest.mark.parametrize("wrong", ["outgoing", "incoming"])
def test_a_wrong_password_of_either_person_completes_nothing(project, users, unchanged, wrong):
    ready = prepare(start(project, users, minutes=-5), users)
    passwords = {"outgoing_password": PASSWORD, "incoming_password": PASSWORD}
    passwords[f"{wrong}_password"] = "not-" + PASSWORD
    with unchanged(ready), pytest.raises(DomainError) as refused:
        svc.complete_handover(handover=ready, actor=ready.outgoing, **passwords)
    assert refused.value.code == "bad_credentials" and refused.value.rule == "CORE-6"
    assert Handover.objects.get().status == HandoverStatus.READY


@pytest.mark.req("HANDOVER-4", "CORE-6")
def test_a_deactivated_incoming_person_cannot_sign_even_with_the_right_password(project, users, unchanged):
    ready = prepare(start(project, users, minutes=-5), users)
    users["kefu2"].is_active = False
    users["kefu2"].save(update_fields=["is_active"])
    with unchanged(ready), pytest.raises(DomainError) as refused:
        svc.complete_handover(handover=ready, actor=ready.outgoing, outgoing_password=PASSWORD,
                              incoming_password=PASSWORD)
    assert refused.value.code == "bad_credentials"
    assert Handover.objects.get().completed_at is None


@pytest.mark.req("HANDOVER-3", "CORE-6")
def test_the_outgoing_person_cannot_check_the_incoming_in_without_the_incomings_password(users, handover,
                                                                                          unchanged):
    with unchanged(handover), pytest.raises(DomainError) as refused:
        svc.check_in(handover=handover, actor=users["kefu1"], password=PASSWORD + "x")
    assert refused.value.code == "bad_credentials"
    assert Handover.objects.get().arrived_at is None


@pytest.mark.req("HANDOVER-4", "CORE-5")
def test_the_completed_handover_is_audited_with_both_people(project, users, audited):
    done = complete(prepare(start(project, users, minutes=-5), users))
    event = audited("duty.handover.completed", done)
    assert event.actor_id == users["kefu1"].pk
    assert (event.data["outgoing"], event.data["incoming"]) == (users["kefu1"].pk, users["kefu2"].pk)


@pytest.mark.req("HANDOVER-5", "CORE-5")
def test_declaring_the_incoming_unfit_and_naming_the_substitute_are_on_the_record(users, handover, audited):
    unfit = extra.declare_unfit(handover=handover, declared_by=users["kefu1"], reason="酒后")
    assert audited("duty.handover.incoming_unfit", unfit).data == {"incoming": users["kefu2"].pk, "reason": "酒后"}
    named = extra.name_substitute(handover=unfit, named_by=users["kfzg"], substitute=users["jingli"])
    event = audited("duty.handover.substitute_named", named)
    assert event.actor_id == users["kfzg"].pk
    assert event.data == {"unfit": users["kefu2"].pk, "substitute": users["jingli"].pk}
