"""Demo records of the complaints area, through the services: one complaint in each state, a VIP one,
a major one escalated and closed by the supervisor, one overdue, and last month's saved summary."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Resident
from desk.models import Complaint, ComplaintSummary, SummaryKind
from desk.services import complaints as svc
from desk.services import complaints_summary

DEMO = "demo.complaints"


def build(world) -> None:
    project = world.projects[0]
    if Complaint.objects.filter(project=project, source_ref__startswith=DEMO).exists():
        return
    u = world.users

    def make(tag, **kw):
        data = {"person_name": "业主", "phone": "13800138000", "channel": "call", "department": "engineering",
                "subject": "维修质量", "content": "—"}
        data.update(kw)
        return svc.register_complaint(project=project, registered_by=u["kefu1"], source_ref=f"{DEMO}:{tag}", **data)

    make("registered", person_name="业主1-101", content="电梯经常停在12层不动,等候时间过长。", subject="设施设备")
    overdue = make("overdue", person_name="业主2-201", content="地下车库照明损坏一周未修。", channel="visit")
    # Registered earlier in the day and never sent: its time to reach the department has passed.
    earlier = clock.now() - dt.timedelta(hours=3)
    Complaint.objects.filter(pk=overdue.pk).update(registered_at=earlier,
                                                   dispatch_due_at=svc.dispatch_due(project, earlier, False))
    vip = Resident.objects.filter(project=project, is_vip=True).first()
    c = make("vip", person_name=vip.name if vip else "VIP业主", resident=vip, phone=vip.phone if vip else "",
             content="门口保安对访客态度恶劣。", subject="服务态度", department="security")
    svc.send_to_department(complaint=c, sent_by=u["kefu1"])
    c = make("handled", person_name="业主1-202", content="楼道垃圾两天未清理。", subject="环境卫生", department="admin")
    svc.send_to_department(complaint=c, sent_by=u["kefu1"])
    svc.record_handling(complaint=c, handled_by=u["xzzg"], handling="已安排保洁当日清理,并增加巡查频次。")
    c = make("major", person_name="业主2-1201", content="楼上漏水导致家中天花板和家具受损,要求赔偿。", major=True,
             subject="维修质量", channel="letter")
    svc.send_to_department(complaint=c, sent_by=u["kefu1"])
    svc.record_handling(complaint=c, handled_by=u["gczg"], handling="已更换楼上业主渗漏水管,协商由楼上业主赔偿。")
    svc.close_complaint(complaint=c, closed_by=u["kfzg"], follow_up="经理电话回访,业主对赔偿方案表示接受。")
    last_month = clock.today().replace(day=1) - dt.timedelta(days=1)
    if not ComplaintSummary.objects.filter(project=project, kind=SummaryKind.MONTH).exists():
        complaints_summary.save_summary(project=project, created_by=u["kfzg"], kind=SummaryKind.MONTH, day=last_month,
                                        proposals="加强装修管理巡查;维修完成后24小时内回访;对保安进行礼仪培训。")
