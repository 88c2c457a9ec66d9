"""Demo keys of every category, and a few loans in different states, built through the services."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from core import clock
from core.demo import World
from core.models import Project, Unit
from keys.categories import Category
from keys.models import KeySet, PurposeKind
from keys.services import desk, ledger, loans


def _keys_for(project: Project, actor) -> dict[str, KeySet]:
    unit = Unit.objects.filter(project=project, building__code="1", number="1201").first()
    vacant = Unit.objects.filter(project=project, building__code="1", number="301").first()
    repair = Unit.objects.filter(project=project, building__code="2", number="202").first()
    deposit = Unit.objects.filter(project=project, building__code="2", number="1201").first()
    b1 = unit.building
    specs = {
        "unit": dict(category=Category.UNIT, name="1栋1201入户门及房间门钥匙", unit=unit, pieces=3, storage="A-01-01"),
        "deposited": dict(category=Category.DEPOSITED, name="2栋1201业户寄存钥匙", unit=deposit, pieces=2,
                          storage="A-02-01"),
        "vacant": dict(category=Category.VACANT, name="1栋301空房钥匙", unit=vacant, pieces=2, storage="B-01-01"),
        "repair": dict(category=Category.REPAIR, name="2栋202返修钥匙", unit=repair, pieces=2, storage="B-02-01"),
        "public": dict(category=Category.PUBLIC, name="1栋12层消防通道门", building=b1, floor=12, pieces=1,
                       storage="C-01-01"),
        "public_gate": dict(category=Category.PUBLIC, name="小区东大门", building=b1, floor=1, pieces=2,
                            storage="C-01-02"),
        "equipment": dict(category=Category.EQUIPMENT, name="1栋电梯机房", equipment="电梯机房1", pieces=1,
                          storage="C-02-01"),
        "power_room": dict(category=Category.EQUIPMENT, name="配电室", equipment="配电室", pieces=2, storage="C-02-02"),
        "office": dict(category=Category.OFFICE, name="管理处财务室", room_number="管理处201", pieces=1,
                       storage="D-01-01"),
        "meter_box": dict(category=Category.METER_BOX, name="1栋水表箱", building=b1, pieces=4, storage="C-03-01"),
        "mailbox": dict(category=Category.MAILBOX, name="1栋信报箱总钥匙", building=b1, pieces=1, storage="A-03-01"),
        "intercom": dict(category=Category.INTERCOM, name="1栋楼宇对讲主机", building=b1, pieces=1, storage="C-03-02"),
        "front_desk": dict(category=Category.FRONT_DESK, name="前台抽屉及文件柜", pieces=2, storage="前台-01"),
        "model_unit": dict(category=Category.MODEL_UNIT, name="样板间A户型", pieces=2, storage="A-04-01"),
        "spare_public": dict(category=Category.PUBLIC, name="小区东大门(紧急备用)", building=b1, floor=1, pieces=1,
                             storage="E-01-01", is_emergency_spare=True),
    }
    made = {}
    for slug, spec in specs.items():
        existing = KeySet.objects.filter(project=project, name=spec["name"]).first()
        made[slug] = existing or ledger.create_key(project=project, actor=actor, **spec)
    return made


@transaction.atomic
def build(world: World, *, password: str | None = None) -> None:
    password = password or settings.PROPDESK_DEMO_PASSWORD
    for project, prefix in zip(world.projects, ("", "bj_")):
        u = {name[len(prefix):] if prefix else name: user for name, user in world.users.items()
             if (name.startswith(prefix) if prefix else not name.startswith("bj_"))}
        keys = _keys_for(project, u["kefu1"])
        if keys["equipment"].loans.exists():
            continue
        now = clock.now()
        # An equipment-room key out with the technician, due back after use.
        loan = loans.apply_for_loan(key=keys["equipment"], applicant=u["gongcheng1"], registered_by=u["kefu1"],
                                    purpose_kind=PurposeKind.REPAIR, purpose="电梯机房例行检修",
                                    period_start=now, period_end=now + dt.timedelta(hours=3),
                                    key_name=keys["equipment"].name)
        loans.approve_loan(loan=loan, approver=u["gczg"])
        desk.checkout_key(loan=loan, issuer=u["xingzheng"], scanned=keys["equipment"].tag_token,
                          pieces_counted=keys["equipment"].pieces, borrower_password=password)
        # A resident unit key awaiting the customer-service review (step 2 of 3).
        unit_loan = loans.apply_for_loan(key=keys["unit"], applicant=u["gongcheng1"], registered_by=u["kefu1"],
                                         purpose_kind=PurposeKind.REPAIR, purpose="卫生间漏水维修,业主出差",
                                         period_start=now, period_end=now + dt.timedelta(days=1),
                                         address="1栋1201", owner_name="业主1-1201")
        loans.approve_loan(loan=unit_loan, approver=u["gczg"])
        # A public key approved and waiting at the desk.
        gate = loans.apply_for_loan(key=keys["public"], applicant=u["baoan1"], registered_by=u["kefu1"],
                                    purpose_kind=PurposeKind.INSPECTION, purpose="消防通道巡查",
                                    period_start=now, period_end=now + dt.timedelta(hours=2),
                                    key_name=keys["public"].name)
        loans.approve_loan(loan=gate, approver=u["baz"])
