"""Demo data of custody_checks: a shift-key slip and a monthly check with an open finding in cuihu."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction

from core.demo import World
from keys.categories import Category
from keys.models import CheckKind, CustodyCheck, KeySet, ShiftKeySlip, SlipKind
from keys.services import custody_checks, shift_keys
from keys.states import KeyStatus


@transaction.atomic
def build(world: World, *, password: str | None = None) -> None:
    """Idempotent: built through the services, skipped when already there (KEY-SHIFT-1, KEY-CHECK-1)."""

    password = password or settings.PROPDESK_DEMO_PASSWORD
    project, users = world.projects[0], world.users
    area_keys = KeySet.objects.filter(project=project, category__in=[Category.PUBLIC, Category.EQUIPMENT],
                                      status=KeyStatus.IN_STORE, is_emergency_spare=False).order_by("number")[:3]
    if not ShiftKeySlip.objects.filter(project=project, kind=SlipKind.COLLECT).exists() and area_keys:
        listed = set(shift_keys.slip_keys(project=project, kind=SlipKind.COLLECT))
        for key in area_keys:
            if key not in listed:
                shift_keys.add_shift_key(project=project, key=key, actor=users["kfzg"])
        keys = shift_keys.slip_keys(project=project, kind=SlipKind.COLLECT)
        shift_keys.record_slip(project=project, kind=SlipKind.COLLECT, recorded_by=users["baoan1"],
                               handed_by=users["baoan1"], received_by=users["kefu2"],
                               counts={key.pk: key.pieces for key in keys}, handed_password=password,
                               received_password=password)
    if not CustodyCheck.objects.filter(project=project, kind=CheckKind.MONTHLY).exists():
        check = custody_checks.start_check(project=project, kind=CheckKind.MONTHLY, started_by=users["xingzheng"])
        custody_checks.add_finding(check=check, added_by=users["xingzheng"], item="storage", owner=users["kefu1"],
                                   description="钥匙柜B柜未上锁,挂牌缺2个")
