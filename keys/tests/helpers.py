"""Factories for the key room, built through the services so every object is a legal one."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.models import Unit
from core.testing.fixtures import PASSWORD
from keys.categories import Category
from keys.models import KeyLoan, KeySet, PurposeKind
from keys.services import desk, ledger, loans

FORM_FIELDS = {"address": "1栋1201", "owner_name": "业主1-1201", "key_name": "钥匙", "room_number": "201"}


def make_key(project, users, category: str = Category.PUBLIC, **overrides) -> KeySet:
    spec = {"category": category, "name": f"{category} key", "pieces": 2, "storage": "A-01-01"}
    if category in {Category.UNIT, Category.DEPOSITED, Category.VACANT, Category.REPAIR}:
        spec["unit"] = Unit.objects.filter(project=project).order_by("pk").first()
    spec.update(overrides)
    return ledger.create_key(project=project, actor=users["kefu1"], **spec)


def apply(key: KeySet, users, applicant: str = "gongcheng1", *, hours: int = 2, **overrides) -> KeyLoan:
    now = clock.now()
    args = dict(key=key, applicant=users[applicant], registered_by=users["kefu1"], purpose_kind=PurposeKind.REPAIR,
                purpose="维修", period_start=now, period_end=now + dt.timedelta(hours=hours), **FORM_FIELDS)
    args.update(overrides)
    return loans.apply_for_loan(**args)


def approve_all(loan: KeyLoan, users) -> KeyLoan:
    """Walk the chain with the right approver for each step, as in the demo."""
    candidates = ["gczg", "kfzg", "xzzg", "zongjingli", "baz", "xingzheng", "jingli"]
    for _ in range(len(loan.chain)):
        step = loans.next_step(loan)
        if step is None:
            break
        approver = next(users[name] for name in candidates
                        if loans.may_decide(users[name], loan, step[1]) and users[name].pk != loan.applicant_id
                        and not loan.approvals.filter(approver=users[name]).exists())
        loan = loans.approve_loan(loan=loan, approver=approver)
    return loan


def issuer_for(key: KeySet, users):
    return users["kefu1"] if key.category in {Category.UNIT, Category.DEPOSITED, Category.VACANT, Category.REPAIR,
                                              Category.MAILBOX, Category.FRONT_DESK, Category.MODEL_UNIT} \
        else users["xingzheng"]


def lend(key: KeySet, users, applicant: str = "gongcheng1", **overrides) -> KeyLoan:
    loan = approve_all(apply(key, users, applicant, **overrides), users)
    return desk.checkout_key(loan=loan, issuer=issuer_for(key, users), scanned=key.tag_token,
                             pieces_counted=key.pieces, borrower_password=PASSWORD)


@pytest.fixture
def public_key(project, users) -> KeySet:
    return make_key(project, users, Category.PUBLIC, name="1栋12层消防通道门", key_name="消防通道门")


@pytest.fixture
def unit_key(project, users) -> KeySet:
    return make_key(project, users, Category.UNIT, name="1栋101入户门", pieces=3)
