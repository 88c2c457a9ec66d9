"""Close of the desk (FRONT-4): cabinet locked, front-desk keys put back (counted against the key room's ledger),
unfinished work and desk items handed to a named next clerk; once a day per clerk; never oneself; the shift
handover reads the latest close."""
import datetime as dt

import pytest

from core import handoffs
from core.errors import DomainError
from desk.models import DeskClose
from desk.services import closing
from desk.tests.front_helpers import morning


def close(project, users, clerk="kefu1", **overrides):
    expected = handoffs.keys_on_hook(project.pk, "front_desk")
    spec = {"next_clerk": users["kefu2"], "cabinet_locked": True, "keys_returned": True, "keys_counted": expected,
            "unfinished": "1-201 报修待回访", "items_handed": "前台钥匙一串、印章"}
    spec.update(overrides)
    return closing.close_desk(project=project, clerk=users[clerk], **spec)


@pytest.mark.req("FRONT-4")
def test_the_clerk_closes_the_desk_and_the_handover_reads_it(project, users, travel, audited):
    moment = morning(travel)
    done = close(project, users)
    assert done.day == dt.date(2026, 11, 10) and done.closed_at == moment and done.next_clerk == users["kefu2"]
    assert done.keys_expected == handoffs.keys_on_hook(project.pk, "front_desk")
    section = handoffs.handover_sections.gather(project)["desk_close"]
    assert section["id"] == done.pk and section["unfinished"] == "1-201 报修待回访"
    assert audited("desk.closing.closed", done).data["next"] == users["kefu2"].pk


@pytest.mark.req("FRONT-4")
def test_a_clerk_closes_once_a_day(project, users, travel, unchanged):
    morning(travel)
    first = close(project, users)
    with unchanged(first), pytest.raises(DomainError) as refused:
        close(project, users)
    assert refused.value.code == "already_closed" and DeskClose.objects.count() == 1
    morning(travel, dt.date(2026, 11, 11))
    assert close(project, users).day == dt.date(2026, 11, 11)


@pytest.mark.req("FRONT-4")
@pytest.mark.parametrize("overrides, code", [
    ({"next_clerk": "self"}, "next_clerk_self"),
    ({"next_clerk": None}, "next_clerk_required"),
    ({"next_clerk": "baoan1"}, "next_clerk_not_desk"),
    ({"next_clerk": "bj_kefu1"}, "next_clerk_not_desk"),
    ({"cabinet_locked": False}, "cabinet_not_locked"),
    ({"keys_returned": False}, "keys_not_returned"),
    ({"keys_counted": 999}, "keys_count_mismatch"),
    ({"keys_counted": "x"}, "invalid_count"),
])
def test_an_incomplete_close_is_refused(project, users, travel, unchanged, overrides, code):
    morning(travel)
    if overrides.get("next_clerk") == "self":
        overrides["next_clerk"] = users["kefu1"]
    elif isinstance(overrides.get("next_clerk"), str):
        overrides["next_clerk"] = users[overrides["next_clerk"]]
    with unchanged(), pytest.raises(DomainError) as refused:
        close(project, users, **overrides)
    assert refused.value.code == code and refused.value.rule == "FRONT-4"


@pytest.mark.req("FRONT-4")
def test_the_database_refuses_a_second_close_and_oneself_as_next(project, users, travel):
    from django.db import IntegrityError, transaction

    morning(travel)
    done = close(project, users)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeskClose.objects.create(project=project, clerk=done.clerk, day=done.day, closed_at=done.closed_at,
                                 cabinet_locked=True, keys_returned=True, next_clerk=users["kfzg"])
    with pytest.raises(IntegrityError), transaction.atomic():
        DeskClose.objects.filter(pk=done.pk).update(next_clerk=done.clerk)
