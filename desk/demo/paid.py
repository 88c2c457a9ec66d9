"""Demo records of paid services, through the services: one open, one paid, one waived (from a contact)."""
from __future__ import annotations

from core.models import Unit
from desk.demo.repairs import SIGNATURE
from desk.models import Contact, PaidService
from desk.services import paid


def build(world) -> None:
    project = world.projects[0]
    if PaidService.objects.filter(project=project).exists():
        return
    u = world.users
    unit = Unit.objects.get(project=project, building__code="1", number="102")
    paid.register_service(project=project, registered_by=u["kefu1"], person_name="业主1-102", unit=unit,
                          items=[{"code": "clean", "quantity": 3}], description="周六上午室内保洁")
    done = paid.register_service(project=project, registered_by=u["kefu2"], person_name="业主1-202",
                                 unit=Unit.objects.get(project=project, building__code="1", number="202"),
                                 items=[{"code": "drain", "quantity": 1}, {"code": "tap", "quantity": 1}])
    paid.perform_service(service=done, performed_by=u["gongcheng1"], note="疏通厨房下水并更换龙头")
    paid.sign_service(service=done, witnessed_by=u["kefu2"], name="业主1-202", image=SIGNATURE)
    paid.record_payment(service=done, received_by=u["kefu2"], amount=done.total, receipt_number="SJ-0001")
    contact = Contact.objects.filter(project=project, kind="service", matter_ref="").first()
    lamp = paid.register_service(project=project, registered_by=u["kefu1"], person_name="业主1-1201",
                                 unit=Unit.objects.get(project=project, building__code="1", number="1201"),
                                 items=[{"code": "lamp", "quantity": 2}], contact=contact)
    paid.perform_service(service=lamp, performed_by=u["gongcheng1"])
    paid.sign_service(service=lamp, witnessed_by=u["kefu1"], name="业主1-1201", image=SIGNATURE)
    paid.waive_charge(service=lamp, waived_by=u["kfzg"], reason="重要客户,便民服务免费")
