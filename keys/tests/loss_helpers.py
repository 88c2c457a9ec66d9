"""Factories for the loss area (lost/damaged keys, repair-period and vacant-unit keys)."""
from __future__ import annotations

import pytest

from core.models import Department, Membership, User
from core.roles import Role
from core.testing.fixtures import PASSWORD
from keys.categories import Category
from keys.services import loss
from keys.tests.helpers import lend, make_key


def finance_user(project, username: str = "caiwu") -> User:
    """The demo world has no finance staff; compensation is received by 财务部 (000 §5(一)4)."""
    department = Department.objects.get(company=project.company, code="finance")
    user, made = User.objects.get_or_create(username=username, defaults={
        "full_name": "钱财务", "company": project.company, "department": department})
    if made:
        user.set_password(PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, project=project, role=Role.ADMIN_STAFF)
    return user


def report(key, users, kind="lost", by="kefu1", **extra):
    args = {"key": key, "reported_by": users[by], "kind": kind, "place": "1栋大堂",
            "occurred_when": "今天上午10点左右", "circumstances": "维修后发现钥匙不见了"}
    args.update(extra)
    return loss.report_loss(**args)


@pytest.fixture
def finance(project):
    return finance_user(project)


@pytest.fixture
def lent_unit_key(project, users):
    key = make_key(project, users, Category.UNIT, name="1栋101入户门", pieces=3)
    lend(key, users)
    key.refresh_from_db()
    return key


@pytest.fixture
def repair_key(project, users):
    return make_key(project, users, Category.REPAIR, name="2栋202返修钥匙")


@pytest.fixture
def vacant_key(project, users):
    return make_key(project, users, Category.VACANT, name="1栋301空房钥匙")
