"""Visitor reception (FRONT-1): identification shown, the host contacted and agreeing before the visitor goes in,
refusals recorded with their reason, the departure; ID numbers encrypted and masked; nothing changes on a refusal."""
import pytest

from core import crypto
from core.errors import DomainError
from desk.models import Visitor, VisitorStatus
from desk.services import visitors
from desk.tests.front_helpers import ID_CARD, morning, unit_of, visitor


@pytest.mark.req("FRONT-1", "CORE-3")
def test_a_visitor_is_let_in_with_the_hosts_agreement_at_the_servers_time(project, users, travel, audited):
    moment = morning(travel)
    v = visitor(project, users["kefu1"])
    assert v.status == VisitorStatus.WAITING and v.serial.startswith("FK-20261110-")
    assert ID_CARD not in v.id_number_cipher and crypto.decrypt_text(v.id_number_cipher) == ID_CARD
    assert v.id_number_hint == ID_CARD[-4:]
    v = visitors.admit_visitor(visitor=v, contacted_by=users["kefu2"], method="phone", agreed_by="业主1-201")
    assert v.status == VisitorStatus.ADMITTED and v.host_answered_at == moment and v.contacted_by == users["kefu2"]
    assert audited("desk.visitor.admitted", v).data == {"method": "phone", "agreed_by": "业主1-201"}
    assert ID_CARD not in str(audited("desk.visitor.registered", v).data)
    v = visitors.record_departure(visitor=v, recorded_by=users["kefu1"])
    assert v.status == VisitorStatus.LEFT and v.left_at == moment


@pytest.mark.req("FRONT-1")
def test_no_visitor_goes_in_without_identification_shown(project, users, travel, unchanged):
    morning(travel)
    v = visitor(project, users["kefu1"], id_type="", id_number="")
    with unchanged(v), pytest.raises(DomainError) as refused:
        visitors.admit_visitor(visitor=v, contacted_by=users["kefu1"], method="phone", agreed_by="业主")
    assert refused.value.code == "id_not_shown" and refused.value.rule == "FRONT-1"
    v = visitors.refuse_visitor(visitor=v, refused_by=users["kefu1"], reason="no_id")
    assert v.status == VisitorStatus.REFUSED and v.refusal_reason == "no_id"


@pytest.mark.req("FRONT-1")
def test_no_visitor_goes_in_without_the_hosts_agreement(project, users, travel, unchanged):
    morning(travel)
    v = visitor(project, users["kefu1"])
    with unchanged(v), pytest.raises(DomainError) as refused:
        visitors.admit_visitor(visitor=v, contacted_by=users["kefu1"], method="phone", agreed_by="  ")
    assert refused.value.code == "host_agreement_required"
    with unchanged(v), pytest.raises(DomainError) as refused:
        visitors.admit_visitor(visitor=v, contacted_by=users["kefu1"], method="telepathy", agreed_by="业主")
    assert refused.value.code == "invalid_contact_method"
    assert Visitor.objects.get().status == VisitorStatus.WAITING


@pytest.mark.req("FRONT-1")
def test_the_database_refuses_an_admitted_visitor_without_host_or_id(project, users, travel):
    from django.db import IntegrityError, transaction

    morning(travel)
    v = visitor(project, users["kefu1"], id_type="", id_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Visitor.objects.filter(pk=v.pk).update(status=VisitorStatus.ADMITTED, agreed_by="x")


@pytest.mark.req("FRONT-1")
@pytest.mark.parametrize("reason", ["host_refused", "host_unreachable", "no_id"])
def test_a_refusal_is_recorded_with_its_reason(project, users, travel, audited, reason):
    moment = morning(travel)
    v = visitors.refuse_visitor(visitor=visitor(project, users["kefu1"]), refused_by=users["kefu2"], reason=reason)
    assert (v.status, v.refusal_reason, v.host_answered_at) == (VisitorStatus.REFUSED, reason, moment)
    assert audited("desk.visitor.refused", v).data["reason"] == reason


@pytest.mark.req("FRONT-1")
def test_refusals_need_a_known_reason_and_an_other_reason_its_note(project, users, travel, unchanged):
    morning(travel)
    v = visitor(project, users["kefu1"])
    for reason, note, code in (("bored", "", "invalid_refusal_reason"), ("other", "", "required")):
        with unchanged(v), pytest.raises(DomainError) as refused:
            visitors.refuse_visitor(visitor=v, refused_by=users["kefu1"], reason=reason, note=note)
        assert refused.value.code == code


@pytest.mark.req("FRONT-1")
def test_a_visitor_refused_or_gone_is_not_let_in_again(project, users, travel, unchanged):
    morning(travel)
    v = visitors.refuse_visitor(visitor=visitor(project, users["kefu1"]), refused_by=users["kefu1"],
                                reason="host_refused")
    with unchanged(v), pytest.raises(DomainError) as refused:
        visitors.admit_visitor(visitor=v, contacted_by=users["kefu1"], method="phone", agreed_by="业主")
    assert refused.value.code == "illegal_transition"
    with unchanged(v), pytest.raises(DomainError) as refused:
        visitors.record_departure(visitor=v, recorded_by=users["kefu1"])
    assert refused.value.code == "illegal_transition"


@pytest.mark.req("FRONT-1", "CORE-1", "CORE-2")
@pytest.mark.parametrize("overrides, code", [
    ({"id_number": "12345"}, "invalid_id_number"),
    ({"id_type": "library_card"}, "invalid_id_type"),
    ({"party_size": 0}, "invalid_party_size"),
    ({"party_size": "x"}, "invalid_party_size"),
    ({"host_kind": "nobody"}, "invalid_host_kind"),
    ({"unit": None}, "host_required"),
    ({"host_kind": "staff", "unit": None}, "host_required"),
    ({"purpose": ""}, "required"),
])
def test_a_registration_with_bad_data_is_refused(project, users, travel, unchanged, overrides, code):
    morning(travel)
    with unchanged(), pytest.raises(DomainError) as refused:
        visitor(project, users["kefu1"], **overrides)
    assert refused.value.code == code


@pytest.mark.req("FRONT-1", "CORE-1", "CORE-2")
def test_guards_and_other_projects_units_are_refused(project, other_project, users, travel, unchanged):
    morning(travel)
    with unchanged(), pytest.raises(DomainError) as refused:
        visitor(project, users["baoan1"])
    assert refused.value.code == "not_desk_staff"
    with unchanged(), pytest.raises(DomainError) as refused:
        visitor(project, users["kefu1"], unit=unit_of(other_project))
    assert refused.value.code == "unit_not_in_project"


@pytest.mark.req("FRONT-1")
def test_a_visitor_may_show_identification_while_waiting_and_visit_a_staff_member(project, users, travel):
    morning(travel)
    v = visitor(project, users["kefu1"], id_type="", id_number="", host_kind="staff", unit=None,
                host_staff=users["jingli"])
    assert v.host_name == users["jingli"].display_name
    v = visitors.show_identification(visitor=v, recorded_by=users["kefu1"], id_type="passport", id_number="E1234567")
    v = visitors.admit_visitor(visitor=v, contacted_by=users["kefu1"], method="intercom", agreed_by="张经理")
    assert v.status == VisitorStatus.ADMITTED and v.id_number_hint == "4567"


@pytest.mark.req("FRONT-1")
def test_identification_is_recorded_only_while_the_visitor_waits(project, users, travel, unchanged):
    morning(travel)
    v = visitors.admit_visitor(visitor=visitor(project, users["kefu1"]), contacted_by=users["kefu1"], method="phone",
                               agreed_by="业主")
    with unchanged(v), pytest.raises(DomainError) as refused:
        visitors.show_identification(visitor=v, recorded_by=users["kefu1"], id_type="passport", id_number="E7654321")
    assert refused.value.code == "illegal_transition"
