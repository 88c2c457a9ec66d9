"""Demo data of the loss area: one damaged key in cuihu, reported, assessed beyond repair and settled by
payment to finance (KEY-LOSS-1, KEY-LOSS-2). Built through the services; running it twice changes nothing."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction

from core.demo import World
from core.models import Building, Department, Membership, User
from core.roles import Role
from keys.categories import Category
from keys.models import KeySet, LossReport, MeasureKind
from keys.services import ledger, loss, loss_settlement

DEMO_NUMBER = "GQ-2-RF-D1"


def _finance_clerk(world: World, project) -> User:
    """The demo staff list has no 财务部 clerk; compensation is received by finance (000 §5(一)4)."""
    department = Department.objects.get(company=world.company, code="finance")
    user, made = User.objects.get_or_create(username="caiwu", defaults={
        "full_name": "钱财务", "company": world.company, "department": department, "phone": "13900000005"})
    if made:
        user.set_password(settings.PROPDESK_DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, project=project, role=Role.ADMIN_STAFF)
    world.users.setdefault("caiwu", user)
    return user


@transaction.atomic
def build(world: World) -> LossReport:
    project = world.projects[0]  # cuihu
    users = world.users
    key = KeySet.objects.filter(project=project, number=DEMO_NUMBER).first()
    if key is None:
        key = ledger.create_key(project=project, actor=users["xingzheng"], number=DEMO_NUMBER,
                                category=Category.PUBLIC, name="2栋天台门", pieces=2, storage="C-04-01",
                                building=Building.objects.get(project=project, code="2"))
    existing = LossReport.objects.filter(key=key).first()
    if existing is not None:
        return existing
    finance = _finance_clerk(world, project)
    report = loss.report_loss(key=key, reported_by=users["xingzheng"], reporter=users["gongcheng1"], kind="damaged",
                              place="2栋天台门", occurred_when="当天上午巡检时",
                              circumstances="开锁时用力过猛,钥匙齿部折断在锁芯内")
    loss.write_statement(report=report, author=users["gongcheng1"],
                         text="本人巡检天台时开门用力不当,钥匙折断,断齿已取出。愿按成本价赔偿。")
    loss.record_measure(report=report, recorded_by=users["xingzheng"], kind=MeasureKind.PROTECTION,
                        description="断齿已取出,门锁可正常使用,暂用备用钥匙")
    loss_settlement.assess_damage(report=report, assessed_by=users["xingzheng"], repairable=False,
                                  note="齿部断裂,无法修复")
    loss_settlement.set_compensation(report=report, set_by=users["xzzg"])
    report.refresh_from_db()
    return loss_settlement.record_payment(report=report, received_by=finance, amount=report.compensation,
                                          receipt_number="CW-DEMO-0001")
