"""Paid and convenience services (有偿服务单) tracked from registration to payment or waiver (SERVICE-1)."""
from decimal import Decimal

import pytest

from core.errors import DomainError, NotAllowed
from core.models import Policy
from desk.models import Closure, PaidService, PaidStatus
from desk.services import intake, paid
from desk.tests.test_repairs_factories import SIGNATURE, unit_of


def register(project, user, items=None, **overrides):
    spec = {"person_name": "业主1-201", "phone": "138", "unit": unit_of(project),
            "items": items or [{"code": "lamp", "quantity": 2}, {"code": "tap", "quantity": 1}]}
    spec.update(overrides)
    return paid.register_service(project=project, registered_by=user, **spec)


def signed(project, users, **overrides):
    service = register(project, users["kefu1"], **overrides)
    service = paid.perform_service(service=service, performed_by=users["gongcheng1"], note="已更换")
    return paid.sign_service(service=service, witnessed_by=users["kefu1"], name="业主1-201", image=SIGNATURE)


@pytest.mark.req("SERVICE-1")
def test_items_are_priced_from_the_projects_price_list(project, users):
    service = register(project, users["kefu1"])
    assert service.total == Decimal("50.00") and service.serial.startswith("YC-")
    assert [(i["code"], i["amount"]) for i in service.items] == [("lamp", "20.00"), ("tap", "30.00")]


@pytest.mark.req("SERVICE-1")
def test_a_project_may_edit_its_price_list(project, users):
    lst = [{"code": "lamp", "name": "更换灯泡", "unit": "个", "price": "15.00"}]
    Policy.objects.create(key="desk.paid.price_list", project=project, value=lst, clause="本处价目表")
    assert register(project, users["kefu1"], items=[{"code": "lamp", "quantity": 1}]).total == Decimal("15.00")


@pytest.mark.req("SERVICE-1")
@pytest.mark.parametrize("items,code", [([], "items_required"), ([{"code": "gold", "quantity": 1}], "invalid_item"),
                                        ([{"code": "lamp", "quantity": "２"}], "invalid_quantity"),
                                        ([{"code": "lamp", "quantity": 0}], "invalid_quantity"),
                                        ([{"code": "lamp", "quantity": 1, "price": "-1"}], "invalid_amount"),
                                        ([{"code": "lamp", "quantity": 1, "price": "NaN"}], "invalid_amount")])
def test_bad_items_are_refused_and_nothing_is_written(project, users, items, code):
    with pytest.raises(DomainError) as exc:
        paid.register_service(project=project, registered_by=users["kefu1"], person_name="甲", items=items)
    assert exc.value.code == code and not PaidService.objects.exists()


@pytest.mark.req("SERVICE-1")
def test_payment_with_receipt_closes_the_slip_and_hands_it_to_return_visits(project, users):
    service = signed(project, users)
    assert service.status == PaidStatus.SIGNED and service.signer_name == "业主1-201"
    with pytest.raises(DomainError) as exc:
        paid.record_payment(service=service, received_by=users["kefu1"], amount="40", receipt_number="R1")
    assert exc.value.code == "amount_mismatch" and PaidService.objects.get(pk=service.pk).status == PaidStatus.SIGNED
    service = paid.record_payment(service=service, received_by=users["kefu1"], amount="50.00", receipt_number="R001")
    assert service.status == PaidStatus.CLOSED and service.received_by == users["kefu1"]
    assert Closure.objects.get(source_ref=f"paid:{service.pk}").kind == "service"


@pytest.mark.req("SERVICE-1")
def test_the_resident_must_sign_before_payment(project, users):
    service = paid.perform_service(service=register(project, users["kefu1"]), performed_by=users["gongcheng1"])
    with pytest.raises(DomainError) as exc:
        paid.record_payment(service=service, received_by=users["kefu1"], amount="50", receipt_number="R1")
    assert exc.value.code == "illegal_transition"
    assert PaidService.objects.get(pk=service.pk).paid_at is None


@pytest.mark.req("SERVICE-1")
def test_only_a_supervisor_waives_the_charge_and_only_with_a_reason(project, users):
    service = signed(project, users)
    with pytest.raises(NotAllowed):
        paid.waive_charge(service=service, waived_by=users["kefu1"], reason="老人")
    with pytest.raises(DomainError):
        paid.waive_charge(service=service, waived_by=users["kfzg"], reason=" ")
    assert PaidService.objects.get(pk=service.pk).status == PaidStatus.SIGNED
    service = paid.waive_charge(service=service, waived_by=users["kfzg"], reason="孤寡老人免费")
    assert service.waived and service.status == PaidStatus.CLOSED and service.amount_paid == 0


@pytest.mark.req("SERVICE-1", "DESK-INTAKE-1")
def test_a_paid_service_from_a_contact_closes_the_contact(project, users):
    contact = intake.register_contact(project=project, received_by=users["kefu1"], channel="call", kind="service",
                                      person_name="业主1-201", content="换灯泡")
    service = signed(project, users, contact=contact)
    contact.refresh_from_db()
    assert contact.matter_ref == service.ref and contact.status == "open"
    paid.record_payment(service=service, received_by=users["kefu1"], amount="50", receipt_number="R9")
    contact.refresh_from_db()
    assert contact.status == "closed" and "R9" in contact.outcome


@pytest.mark.req("SERVICE-1")
def test_slips_are_kept_and_cannot_be_deleted(project, users):
    service = register(project, users["kefu1"])
    with pytest.raises(DomainError):
        service.delete()
    assert PaidService.objects.filter(pk=service.pk).exists()
