"""Factories for deposited keys, built through the services."""
from __future__ import annotations

import pytest

from core.models import Resident, Unit
from core.testing.fixtures import PASSWORD
from keys.models import KeyDeposit, KeyDepositOpening
from keys.services import deposit as svc
from keys.services import deposit_opening as op

SIG = "data:image/png;base64," + "A" * 300
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def unit_and_resident(project, number="101", building="1"):
    unit = Unit.objects.get(project=project, building__code=building, number=number)
    return unit, Resident.objects.filter(units=unit).first()


def make_deposit(project, users, *, sealed=True, seal_number="S-001", clerk="kefu1", **extra) -> KeyDeposit:
    unit, resident = unit_and_resident(project)
    args = dict(project=project, received_by=users[clerk], resident=resident, unit=unit, pieces=2,
                purpose="应急备用", sealed=sealed, seal_number=seal_number if sealed else "", may_collect="业主本人",
                signer_name=resident.name, signature_image=SIG, storage="A-09-01")
    args.update(extra)
    return svc.deposit_key(**args)


def approved_emergency(deposit, users, *, called=True) -> KeyDepositOpening:
    opening = op.request_opening(deposit=deposit, requested_by=users["kefu1"], kind="emergency",
                                 emergency_kind="flooding", reason="楼上漏水")
    op.decide_opening(opening=opening, approver=users["kfzg"])
    op.decide_opening(opening=opening, approver=users["jingli"])
    if called:
        op.log_resident_call(opening=opening, called_by=users["kefu1"], outcome="业主同意")
    opening.refresh_from_db()
    return opening


def witnesses(users, names=("kefu1", "kefu2", "baoan1")):
    return [(users[n], PASSWORD) for n in names]


@pytest.fixture
def sealed_deposit(project, users) -> KeyDeposit:
    return make_deposit(project, users)
