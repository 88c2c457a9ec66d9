"""Demo records of the residents' door (idempotent): an entry code for every building (printable at
/residents/entry-codes/), a satisfaction questionnaire with a running campaign, two households' answers entered
from phone calls, and a holiday notice to building 1. A resident signs in offline: open /r/<entry code>/, enter
a demo phone (e.g. 13801010101 for 1栋 101) and read the code from var/sms.log (the demo's SMS channel)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from core import clock
from core.demo import World
from core.models import Building

QUESTIONS = [
    {"text": "您对维修服务的及时性和质量是否满意？", "kind": "rating", "service": "维修", "department": "engineering"},
    {"text": "您对客服前台的接待是否满意？", "kind": "rating", "service": "客服", "department": "cs"},
    {"text": "您对小区安全秩序是否满意？", "kind": "yes_no", "service": "安全", "department": "security"},
    {"text": "您最希望改进的方面？", "kind": "choice", "choices": ["保洁", "绿化", "停车", "其他"]},
    {"text": "其他意见和建议", "kind": "text"},
]


@transaction.atomic
def build_residents(world: World) -> None:
    from residents.models import AnswerChannel, Notice, Questionnaire
    from residents.services import access, notices, surveys

    for project, prefix in zip(world.projects, ("", "bj_")):
        buildings = list(Building.objects.filter(project=project).order_by("code"))
        for building in buildings:
            access.entry_point(building)
        clerk = world.users[prefix + "kefu1"] if prefix + "kefu1" in world.users else world.users["admin"]
        if not Questionnaire.objects.filter(project=project).exists():
            questionnaire = surveys.create_questionnaire(project=project, by=clerk, title="服务满意度调查表",
                                                         questions=QUESTIONS)
            today = clock.today()
            campaign = surveys.start_campaign(project=project, by=clerk, questionnaire=questionnaire,
                                              name=f"{today.year}年第{(today.month - 1) // 3 + 1}季度满意度调查",
                                              starts=today - dt.timedelta(days=3), ends=today + dt.timedelta(days=27),
                                              buildings=buildings, per_building=4)
            qs = list(questionnaire.questions.all())
            for index, sample in enumerate(campaign.samples.order_by("pk")[:2]):
                surveys.answer(campaign=campaign, unit=sample.unit, channel=AnswerChannel.PHONE, entered_by=clerk,
                               respondent=f"业主（电话）{index + 1}",
                               answers={qs[0].pk: str(5 - index), qs[1].pk: "4", qs[2].pk: "yes", qs[3].pk: "停车"})
        _ask_consent(project, world, prefix)
        if buildings and not Notice.objects.filter(project=project, kind="holiday").exists():
            notices.send_to_buildings(project=project, by=clerk, kind="holiday", buildings=buildings[:1],
                                      text="春节期间客服中心值班电话不变，装修施工暂停。")


def _ask_consent(project, world: World, prefix: str) -> None:
    """The key room asks the first household with a deposited key to consent to its use (RES-2)."""
    from core import handoffs
    from core.models import Unit
    from residents.models import KeyConsent
    from residents.services import notices

    asker = world.users.get(prefix + "kfzg")
    if asker is None or KeyConsent.objects.filter(project=project).exists() or not handoffs.deposited_keys.provided:
        return
    for unit in Unit.objects.filter(project=project, residents__isnull=False).distinct().order_by("pk")[:40]:
        held = handoffs.deposited_keys(project, unit)
        if held:
            notices.ask_key_consent(project=project, by=asker, unit=unit, deposit_ref=held[0].ref,
                                    purpose="楼上漏水，需入户检查水管")
            return
