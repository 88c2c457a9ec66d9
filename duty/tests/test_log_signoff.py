"""The manager signs each day's log, the supervisor reads it daily (DUTY-LOG-4)."""
import datetime as dt

import pytest

from core import clock, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification
from core.testing.fixtures import PASSWORD
from duty.models import DaySignoff, DutyEntry
from duty.selectors import log as selectors
from duty.services.log_signoff import sign_day
from duty.states import SignoffKind
from duty.sweeps.log import sweep_project
from duty.tests.log_helpers import entry

M, R = SignoffKind.MANAGER_SIGNOFF, SignoffKind.SUPERVISOR_READ


@pytest.mark.req("DUTY-LOG-4")
def test_the_manager_signs_a_day_once_with_his_own_signature(project, users):
    entry(project, users["kefu1"])
    day = clock.today()
    signoff = sign_day(project=project, day=day, kind=M, signer=users["jingli"], password=PASSWORD)
    assert signoff.entries_seen == 1
    sig = signatures.signatures_of(signoff).get()
    assert sig.signer == users["jingli"] and sig.capacity == M
    with pytest.raises(Conflict) as info:
        sign_day(project=project, day=day, kind=M, signer=users["jingli"])
    assert info.value.code == "already_signed" and DaySignoff.objects.count() == 1


@pytest.mark.req("DUTY-LOG-4")
def test_only_the_policy_roles_sign_and_read(project, users):
    day = clock.today()
    for user, kind in ((users["kfzg"], M), (users["kefu1"], M), (users["jingli"], R)):
        with pytest.raises(NotAllowed) as info:
            sign_day(project=project, day=day, kind=kind, signer=user)
        assert info.value.code == "role_not_allowed" and info.value.rule == "DUTY-LOG-4"
    assert not DaySignoff.objects.exists()
    assert sign_day(project=project, day=day, kind=R, signer=users["kfzg"]).signed_by == users["kfzg"]


@pytest.mark.req("DUTY-LOG-4")
def test_a_future_day_cannot_be_signed(project, users):
    with pytest.raises(DomainError) as info:
        sign_day(project=project, day=clock.today() + dt.timedelta(days=1), kind=M, signer=users["jingli"])
    assert info.value.code == "future_day" and not DaySignoff.objects.exists()


@pytest.mark.req("DUTY-LOG-4")
def test_a_wrong_password_signs_nothing(project, users):
    with pytest.raises(NotAllowed) as info:
        sign_day(project=project, day=clock.today(), kind=M, signer=users["jingli"], password="wrong")
    assert info.value.code == "bad_credentials" and not DaySignoff.objects.exists()


@pytest.mark.req("DUTY-LOG-4")
def test_unsigned_days_are_listed_and_reminded(project, users):
    yesterday = clock.today() - dt.timedelta(days=1)
    e = entry(project, users["kefu1"])
    DutyEntry.objects.filter(pk=e.pk).update(day=yesterday)
    assert selectors.unsigned_days(project=project) == [yesterday]
    assert selectors.unsigned_days(project=project, kind=R) == [yesterday]
    sweep_project(project)
    assert Notification.objects.filter(recipient=users["jingli"], kind=f"duty.log.{M}").count() == 1
    assert Notification.objects.filter(recipient=users["kfzg"], kind=f"duty.log.{R}").count() == 1
    sign_day(project=project, day=yesterday, kind=M, signer=users["jingli"])
    assert selectors.unsigned_days(project=project) == []
    assert selectors.unsigned_days(project=project, kind=R) == [yesterday]
