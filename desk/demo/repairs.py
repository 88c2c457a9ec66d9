"""Demo records of the repairs area, through the services: a repair in every state, one late, one
completed but not signed, one public facility signed by the security head."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Unit
from desk.models import Contact, Repair
from desk.services import repairs as service
from desk.services import repairs_sign

DEMO = "demo.repairs"
SIGNATURE = "data:image/png;base64," + "iVBORw0KGgo" + "A" * 240


def _unit(project, number, building="1"):
    return Unit.objects.get(project=project, building__code=building, number=number)


def build(world) -> None:
    project = world.projects[0]
    if Repair.objects.filter(project=project, source_ref__startswith=DEMO).exists():
        return
    u = world.users

    def report(tag, number, content, category="水电", **extra):
        return service.report_repair(project=project, reported_by=u["kefu1"], person_name=f"业主1-{number}",
                                     phone=f"1380101{number}", unit=_unit(project, number), content=content,
                                     category=category, source_ref=f"{DEMO}:{tag}", **extra)

    report("reported", "102", "厨房插座没电")
    late = service.dispatch_repair(repair=report("late", "201", "卫生间下水道堵塞"), dispatched_by=u["kefu1"])
    Repair.objects.filter(pk=late.pk).update(dispatched_at=clock.now() - dt.timedelta(minutes=12),
                                             due_at=clock.now() - dt.timedelta(minutes=7))
    service.dispatch_repair(repair=report("booked", "202", "阳台门关不严", "门窗"), dispatched_by=u["kefu2"],
                                     appointment_at=clock.now() + dt.timedelta(hours=4))
    on_way = service.dispatch_repair(repair=report("set-out", "101", "热水器漏水"), dispatched_by=u["kefu1"],
                                     technician=u["gongcheng1"])
    service.set_out(repair=on_way, technician=u["gongcheng1"])
    unsigned = service.dispatch_repair(repair=report("unsigned", "1201", "客厅吊灯不亮"), dispatched_by=u["kefu1"],
                                       technician=u["gongcheng1"])
    service.set_out(repair=unsigned, technician=u["gongcheng1"])
    service.complete_repair(repair=unsigned, completed_by=u["gongcheng1"], work_done="更换灯座", materials="灯座1个")
    done = service.dispatch_repair(repair=report("signed", "1202", "水龙头滴水"), dispatched_by=u["kefu2"],
                                   technician=u["gongcheng1"])
    service.set_out(repair=done, technician=u["gongcheng1"])
    service.complete_repair(repair=done, completed_by=u["gongcheng1"], work_done="更换阀芯")
    repairs_sign.sign_by_household(repair=done, witnessed_by=u["gongcheng1"], name="业主1-1202", image=SIGNATURE,
                                   is_adult=True)
    lobby = service.report_repair(project=project, reported_by=u["baz"], person_name="冯保安队长", phone="",
                                  location="2栋大堂", content="大堂感应门不能自动关闭", category="公共设施",
                                  public_area=True, source_ref=f"{DEMO}:public")
    lobby = service.dispatch_repair(repair=lobby, dispatched_by=u["kefu1"], technician=u["gongcheng1"])
    service.set_out(repair=lobby, technician=u["gongcheng1"])
    service.complete_repair(repair=lobby, completed_by=u["gongcheng1"], work_done="调整感应器")
    from django.conf import settings

    if u["baz"].check_password(settings.PROPDESK_DEMO_PASSWORD):  # the security head signs with his own password
        repairs_sign.sign_by_staff(repair=lobby, signer=u["baz"], password=settings.PROPDESK_DEMO_PASSWORD,
                                   actor=u["gongcheng1"])
    gone = service.report_repair(project=project, reported_by=u["kefu2"], person_name="业主2-101", phone="",
                                 unit=_unit(project, "101", "2"), content="门铃不响", category="其他",
                                 source_ref=f"{DEMO}:cancelled")
    service.cancel_repair(repair=gone, cancelled_by=u["kefu2"], reason="业主自行更换电池后恢复")
    contact = Contact.objects.filter(project=project, kind="repair", matter_ref="").first()
    if contact is not None:
        service.report_repair(project=project, reported_by=u["kefu1"], person_name=contact.person_name,
                              phone=contact.phone, unit=contact.unit, location="" if contact.unit else "小区",
                              content=contact.content, category="门窗", contact=contact,
                              source_ref=f"{DEMO}:from-contact")
