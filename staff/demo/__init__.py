"""Demo records of the staff room, built through the services (idempotent): a fire training and a key-regulation
training with attendance and scores, a new-staff programme with a diary day read by the mentor, today's daily
checks (one found wanting), last month's appraisal card prepared and signed."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from core import clock
from core.demo import World
from staff.models import Appraisal, DailyCheck, Induction, TrainingSession
from staff.services import appraisal, checks, training
from staff.states import TrainingKind


def _sessions(project, users, p: str) -> None:
    if TrainingSession.objects.filter(project=project).exists():
        return
    day = clock.today() - dt.timedelta(days=3)
    training.record_session(project=project, by=users[p + "kfzg"], kind=TrainingKind.FIRE, title="消防器材使用与疏散",
                            held_on=day, hours="2", trainer="冯保安队长", tested=True,
                            attendees=[{"person": users[p + "kefu1"], "attended": True, "score": 92},
                                       {"person": users[p + "kefu2"], "attended": True, "score": 55}])
    training.record_session(project=project, by=users[p + "xingzheng"], kind=TrainingKind.KEY_REGULATION,
                            title="客服钥匙借用管理制度", held_on=day, hours="1.5", trainer="赵行政",
                            attendees=[{"person": users[p + "kefu1"], "attended": True},
                                       {"person": users[p + "kefu2"], "attended": False}])
    training.record_session(project=project, by=users[p + "kfzg"], kind=TrainingKind.INDUCTION,
                            title="新员工入职培训：公司制度与前台服务", held_on=day, hours="6", trainer="王主管",
                            attendees=[{"person": users[p + "kefu2"], "attended": True}])


def _induction(project, users, p: str) -> None:
    if Induction.objects.filter(project=project).exists():
        return
    induction = training.start_induction(project=project, by=users[p + "kfzg"], person=users[p + "kefu2"],
                                         mentor=users[p + "kefu1"], starts=clock.today())
    entry = training.write_diary(induction=induction, by=users[p + "kefu2"],
                                 text="跟随带教人在前台接待业主报修三宗，学习《报修登记表》填写。")
    training.read_diary(entry=entry, by=users[p + "kefu1"], note="登记规范，注意回访时限。")


def _checks(project, users, p: str) -> None:
    if DailyCheck.objects.filter(project=project, day=clock.today()).exists():
        return
    checks.record_check(project=project, by=users[p + "kfzg"], person=users[p + "kefu1"], dress_ok=True,
                        appearance_ok=True, work_ok=True)
    checks.record_check(project=project, by=users[p + "kfzg"], person=users[p + "kefu2"], dress_ok=False,
                        appearance_ok=True, work_ok=True, note="未佩戴工牌")


def _appraisal(project, users, p: str) -> None:
    last_month = (clock.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if Appraisal.objects.filter(project=project, month=last_month).exists():
        return
    card = appraisal.prepare(project=project, by=users[p + "kfzg"], person=users[p + "kefu1"], month=last_month)
    appraisal.adjust(appraisal=card, by=users[p + "kfzg"], points=2, reason="主动协助处理业主紧急报修")


@transaction.atomic
def build_staff(world: World) -> None:
    for project, prefix in zip(world.projects, ("", "bj_")):
        _sessions(project, world.users, prefix)
        _induction(project, world.users, prefix)
        _checks(project, world.users, prefix)
        _appraisal(project, world.users, prefix)
