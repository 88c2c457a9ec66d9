"""Demo records of the intake area, through the services: calls, a visit, a letter; one routed, one
escalated, one VIP, one closed with its outcome, one waiting to become a repair."""
from __future__ import annotations

from core.models import Resident, Unit
from desk.models import Contact
from desk.services import intake


def build(world) -> None:
    project = world.projects[0]
    if Contact.objects.filter(project=project).exists():
        return
    u = world.users
    clerk = u["kefu1"]
    unit = Unit.objects.get(project=project, building__code="2", number="201")
    intake.register_contact(project=project, received_by=clerk, channel="visit", kind="repair",
                            person_name="业主2-201", phone="13802020102", unit=unit,
                            content="入户门锁芯松动,钥匙难以转动。")
    routed = intake.register_contact(project=project, received_by=clerk, channel="call", kind="enquiry",
                                     person_name="业主1-102", phone="13801010201", content="询问小区绿化修剪时间。")
    intake.route_contact(contact=routed, routed_by=clerk, department="engineering")
    vip = Resident.objects.filter(project=project, is_vip=True).first()
    escalated = intake.register_contact(project=project, received_by=u["kefu2"], channel="call", kind="other",
                                        resident=vip, person_name="", content="要求更换车位,前台无权决定。")
    intake.escalate_contact(contact=escalated, escalated_by=u["kefu2"], level="supervisor", reason="超出前台权限")
    letter = intake.register_contact(project=project, received_by=clerk, channel="letter", kind="suggestion",
                                     person_name="业主1-201", content="建议在儿童游乐区增设遮阳棚。")
    intake.close_contact(contact=letter, closed_by=u["kfzg"], outcome="已转管理处研究,电话告知业主。")
    intake.register_contact(project=project, received_by=clerk, channel="call", kind="service",
                            person_name="业主1-1201", phone="13801120112", content="需要上门更换灯管。")
