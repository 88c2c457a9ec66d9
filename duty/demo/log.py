"""Demo data of the log area: a few entries in cuihu, one resolved major event with its complete
emergency form (photo attached, written report submitted and received), one round with a finding."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.demo import tiny_png
from duty.models import DutyEntry
from duty.services import log as log_service
from duty.services import log_emergency, log_rounds
from duty.states import EntryKind, Severity

DEMO = "demo.log"


def build(world) -> None:
    """Add this area's demo records (idempotent: skipped once cuihu has demo entries)."""
    project = world.projects[0]
    if DutyEntry.objects.filter(project=project, source__startswith=DEMO).exists():
        return
    u = world.users
    now = clock.now()
    complaint = log_service.record_entry(
        project=project, recorded_by=u["kefu1"], kind=EntryKind.COMPLAINT_CALL, people="业主1-201(电话)",
        occurred_at=now - dt.timedelta(hours=3), location="1栋201",
        what_happened="业主来电投诉楼上装修噪音超时(21:30后仍在施工)。", handling="电话通知2栋装修负责人立即停工。",
        source=f"{DEMO}:complaint")
    log_service.resolve_entry(entry=complaint, resolved_by=u["kefu1"], result="已停工,回访业主表示满意。")
    log_service.record_entry(
        project=project, recorded_by=u["kefu2"], kind=EntryKind.MOVE_IN, people="新业主2-1202",
        what_happened="2栋1202业主办理入住,搬家车辆于东门进入。", handling="已通知保安部安排车辆停放。",
        source=f"{DEMO}:move-in")
    major = log_service.record_entry(
        project=project, recorded_by=u["kefu1"], kind=EntryKind.WATER, severity=Severity.MAJOR,
        occurred_at=now - dt.timedelta(hours=2), location="1栋地下车库",
        what_happened="1栋地下车库消防水管爆裂,地面积水约5厘米。",
        handling="关闭分区阀门,通知工程部抢修,保安部疏导车辆。", source=f"{DEMO}:major")
    report = major.emergency_report
    log_emergency.fill_emergency_form(report=report, filled_by=u["kefu1"], reported_to="张经理(电话)",
                                      measures="关闭阀门、抽水、设置警示牌", losses="无人员受伤,两辆车轮胎浸水",
                                      departments="工程部、保安部")
    log_emergency.attach_emergency_photo(report=report, uploaded_by=u["kefu1"], name="现场照片.png",
                                         data=tiny_png())
    log_service.resolve_entry(entry=major, resolved_by=u["kefu1"], result="水管已更换,积水清理完毕,车库恢复使用。")
    log_emergency.submit_written_report(report=report, submitted_by=u["kefu1"],
                                        text="事件经过、处理措施及损失情况见《紧急情况处理登记表》,建议加强管道巡检。")
    log_emergency.acknowledge_report(report=report, received_by=u["jingli"])
    duty_round = log_rounds.start_round(project=project, person=u["kfzg"])
    areas = log_rounds.areas_for(project)
    checks = [{"area": a, "condition_ok": True, "hygiene_ok": a != areas[1], "discipline_ok": True,
               "note": "大堂地面有污渍" if a == areas[1] else ""} for a in areas]
    log_rounds.finish_round(duty_round=duty_round, person=u["kfzg"], checks=checks, lighting_ok=True)
