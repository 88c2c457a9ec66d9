"""Demo records of return visits, through the services: closures of several kinds, visits made (one
unsatisfactory, reviewed, which opened a complaint), some due and some overdue, last quarter's
repeated complaints and repairs with its filing and analysis concluded by the supervisor."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Unit
from desk.kinds import MatterKind
from desk.models import Closure, ReturnVisit
from desk.selectors.visits_periods import quarter_of, quarter_period
from desk.services import visits as svc
from desk.services import visits_quarter, visits_record

DEMO = "demo.visits"


def build(world) -> None:
    project = world.projects[0]
    if Closure.objects.filter(project=project, source_ref__startswith=DEMO).exists():
        return
    u = world.users
    units = list(Unit.objects.filter(project=project).select_related("building").order_by("pk")[:4])
    now = clock.now()
    year, quarter = quarter_of(clock.today())
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    last = quarter_period(year, quarter)

    def close(tag, kind, when, **kw):
        data = {"person_name": "业主", "phone": "13800138000", "unit": units[0] if units else None, "subject": "",
                "department": "", "major": False, "source_number": f"DEMO-{tag}"}
        data.update(kw)
        return svc.register_closure(project=project, kind=kind, source_ref=f"{DEMO}:{tag}", closed_at=when,
                                    actor=u["kefu1"], **data)

    def record(closure, satisfaction, **kw):
        visit = closure.visits.order_by("pk").first()
        data = {"method": "phone", "quality": "维修质量良好", "effect": "问题已解决", "shortcomings": "",
                "suggestions": "", "resident_name": closure.person, "verbal_confirmed": True}
        data.update(kw)
        return visits_record.record_visit(visit=visit, visitor=visit.assignee, satisfaction=satisfaction, **data)

    # Last quarter: the same complaint twice, the same repair three times (VISIT-6), visited and reviewed.
    base = clock.at_beijing(last.end - dt.timedelta(days=20), dt.time(10))
    unit = units[1] if len(units) > 1 else None
    for i in range(2):
        c = close(f"lq-complaint-{i}", MatterKind.COMPLAINT, base + dt.timedelta(days=i * 5), unit=unit,
                  subject="环境卫生", department="admin", person_name="业主王先生")
        v = record(c, "fairly" if i == 0 else "unsatisfied", shortcomings="楼道卫生仍未彻底改善" if i else "")
        ReturnVisit.objects.filter(pk=v.pk).update(visited_at=c.closed_at + dt.timedelta(days=1))
        visits_record.review_visit(visit=v, reviewer=u["kfzg"], opinion="已核实,安排保洁主管跟进。")
    for i in range(3):
        close(f"lq-repair-{i}", MatterKind.REPAIR, base + dt.timedelta(days=i * 4), unit=unit, subject="厨房水管漏水",
              department="engineering", person_name="业主王先生")
    ReturnVisit.objects.filter(project=project, closure__source_ref__startswith=f"{DEMO}:lq-repair",
                               status="planned").update(window_start=now - dt.timedelta(days=1))
    for v in ReturnVisit.objects.filter(project=project, closure__source_ref__startswith=f"{DEMO}:lq-repair"):
        v = visits_record.record_visit(visit=v, visitor=v.assignee, method="phone", quality="已修复",
                                       effect="暂未复发", satisfaction="satisfied", resident_name="业主王先生",
                                       verbal_confirmed=True)
        ReturnVisit.objects.filter(pk=v.pk).update(visited_at=v.closure.closed_at + dt.timedelta(days=1))
        visits_record.review_visit(visit=v, reviewer=u["kfzg"], opinion="同意。")
    visits_quarter.file_quarter(project=project, year=year, quarter=quarter, actor=u["kfzg"])
    analysis = visits_quarter.save_analysis(
        project=project, year=year, quarter=quarter, prepared_by=u["kefu1"],
        report="本季度同一住户就楼道卫生投诉两次,厨房水管同一故障维修三次,均集中在同一单元。")
    visits_quarter.conclude_analysis(analysis=analysis, supervisor=u["kfzg"],
                                     conclusions="报管理处经理:建议按《不合格纠正、预防标准作业规程》对该单元水管进行整改。")

    # This quarter: a satisfied visit, an unsatisfactory one (reviewed → complaint), due and overdue ones.
    ok = close("help", MatterKind.HELP, now - dt.timedelta(hours=5), person_name="业主李女士", subject="代叫出租车")
    if ok.selected:
        v = record(ok, "satisfied", quality="服务及时", effect="顺利出行")
        visits_record.review_visit(visit=v, reviewer=u["kfzg"], opinion="良好。")
    bad = close("complaint-bad", MatterKind.COMPLAINT, now - dt.timedelta(hours=20), person_name="业主赵先生",
                subject="服务态度", department="security", phone="13900139000")
    v = record(bad, "unsatisfied", method="in_person", verbal_confirmed=False, quality="保安仍未道歉",
               effect="未解决", shortcomings="处理敷衍", suggestions="加强礼仪培训",
               signature_image="data:image/png;base64," + "iVBORw0KGgo" * 30)
    visits_record.review_visit(visit=v, reviewer=u["kfzg"], opinion="不合格,报经理,按投诉程序处理。")
    close("emergency", MatterKind.EMERGENCY_PATIENT, now - dt.timedelta(hours=2), person_name="业主陈老伯",
          phone="13700137000")
    close("publication", MatterKind.PUBLICATION, now - dt.timedelta(hours=1), person_name="社区文化节参与住户",
          subject="中秋游园会")
    close("major", MatterKind.COMPLAINT, now - dt.timedelta(hours=3), person_name="业主周女士", major=True,
          subject="维修质量", department="engineering")
    late = close("overdue", MatterKind.COMPLAINT, now - dt.timedelta(days=6), person_name="业主孙先生",
                 subject="环境卫生", department="admin")
    ReturnVisit.objects.filter(closure=late).update(due_at=now - dt.timedelta(days=2),
                                                    window_start=now - dt.timedelta(days=6))
    close("service", MatterKind.SERVICE, now - dt.timedelta(hours=4), person_name="业主吴女士", subject="家政保洁(包月)",
          term_start=clock.today() - dt.timedelta(days=10), term_end=clock.today() + dt.timedelta(days=20))
