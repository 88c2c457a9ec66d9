"""Demo records of one project, through the services (idempotent): a key-fire-area route every 2 hours and a daily
fire patrol, this morning's round walked with one point missed; the building patrol the duty desk's rounds walk; equipment with tests due; a hazard ordered by the
fire authority; a crew with its meeting signed."""
from __future__ import annotations

import datetime as dt

from django.conf import settings

from core import clock
from core.demo import World
from safety.models import Crew, Equipment, Route
from safety.services import crews, fire, patrols
from safety.states import EquipmentKind, ExerciseKind, HazardSource, RouteKind

SIGNATURE = "data:image/png;base64," + "iVBORw0KGgo" + "A" * 240


def build_project(world: World, project, prefix: str) -> None:
    officer, guard = world.users[prefix + "baz"], world.users[prefix + "baoan1"]
    if Route.objects.filter(project=project).exists():
        return
    now = clock.now()
    today = clock.today()
    fire.record_fire_test(project=project, examiner=officer, person=guard, score=88)
    fire.record_fire_test(project=project, examiner=officer, person=officer, score=92)
    # A round under way since 20 minutes ago: two of its three points walked, the third to be missed.
    start = (clock.beijing(now) - dt.timedelta(minutes=20)).time().replace(second=0, microsecond=0)
    route = patrols.create_route(project=project, by=officer, name="消防重点部位", kind=RouteKind.FIRE_KEY_AREA,
                                 first_at=start, interval_minutes=120, rounds_per_day=1, allowed_minutes=60,
                                 checkpoints=[{"name": "配电房", "what_to_check": "门禁、灭火器"},
                                              {"name": "消防泵房", "photo_required": False},
                                              {"name": "地下车库出口", "what_to_check": "疏散通道畅通"}])
    patrols.create_route(project=project, by=officer, name="每日防火巡查", kind=RouteKind.FIRE_DAILY,
                         first_at=dt.time(9, 0), interval_minutes=1440, rounds_per_day=1, allowed_minutes=120,
                         checkpoints=[{"name": "1栋大堂"}, {"name": "2栋大堂"}])
    # The building patrol the duty desk's rounds walk (DUTY-LOG-6): `kefu1` starts a round at 值班日志 › 巡查 and its
    # points are listed there, scanned or not; a point left unscanned is a finding in the duty log.
    patrols.create_route(project=project, by=officer, name="楼宇巡检", kind=RouteKind.BUILDING, first_at=dt.time(8, 0),
                         interval_minutes=240, rounds_per_day=4, allowed_minutes=60,
                         checkpoints=[{"name": "1栋大堂"}, {"name": "会所"}, {"name": "售楼处"}, {"name": "地下车库入口"}])
    points = list(route.checkpoints.all())
    if patrols.current_round(points[0]) is not None:
        patrols.sign_in(by=guard, token=points[0].token, finding="灭火器压力不足")
        patrols.sign_in(by=guard, short_code=points[1].short_code)
    if officer.check_password(settings.PROPDESK_DEMO_PASSWORD):  # the security head signs with his own password
        fire.record_inspection(project=project, by=officer, password=settings.PROPDESK_DEMO_PASSWORD,
                               areas="消防泵房、配电房、地下车库、疏散通道", findings="疏散指示灯一处不亮",
                               hazards=[{"location": "2栋1层", "description": "疏散指示灯不亮",
                                         "deadline": today + dt.timedelta(days=3)}])
    fire.record_exercise(project=project, by=officer, kind=ExerciseKind.TRAINING, held_on=today,
                         topic="灭火器与消火栓使用", attendees=18)
    fire.add_brigade_member(project=project, by=officer, person=guard, duty="水枪手")
    for kind, label, where in ((EquipmentKind.PUMP, "1#消防泵", "消防泵房"),
                               (EquipmentKind.HYDRANT, "1栋1层消火栓", "1栋1层"),
                               (EquipmentKind.EXTINGUISHER, "配电房灭火器", "配电房"),
                               (EquipmentKind.DETECTOR, "1栋大堂烟感", "1栋大堂")):
        if not Equipment.objects.filter(project=project, label=label).exists():
            fire.add_equipment(project=project, by=officer, kind=kind, label=label, location=where,
                               installed_on=today.replace(day=1) - dt.timedelta(days=400))
    fire.schedule_tests(project, today + dt.timedelta(days=31))
    fire.register_hazard(project=project, by=officer, source=HazardSource.FIRE_AUTHORITY, location="地下车库",
                         description="防火卷帘下堆放杂物", deadline=today + dt.timedelta(days=7),
                         order_number="消防责令〔2026〕12号", reply_due=today + dt.timedelta(days=10))
    if not Crew.objects.filter(project=project).exists():
        crew = crews.add_crew(project=project, by=officer, name="保洁一班", contractor="洁美保洁有限公司",
                              work="公共区域保洁")
        member = crews.add_member(crew=crew, by=officer, name="刘阿姨",
                                  protections=[("防滑鞋", today + dt.timedelta(days=180))])
        meeting = crews.hold_meeting(crew=crew, by=officer, hazards="地面湿滑，设置警示牌", tasks="大堂、楼梯保洁",
                                     notices_posted=True, members=[member])
        crews.sign_meeting(meeting=meeting, member=member, name="刘阿姨", image=SIGNATURE, witnessed_by=officer)
        crews.record_result(crew=crew, by=officer, day=today, tasks=40, succeeded=39, overrun_minutes=20, samples=5,
                            samples_passed=5)
        crews.report_accident(crew=crew, by=officer, occurred_at=now - dt.timedelta(hours=2),
                              description="保洁员在楼梯滑倒，手腕擦伤")
