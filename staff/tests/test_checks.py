"""The supervisor's daily check of dress, appearance and work of each staff member (STAFF-2): at least once a day,
a fault needs a note, missed days flagged to the supervisors."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.errors import DomainError, NotAllowed
from core.models import Notification
from staff.models import DailyCheck
from staff.selectors import checks as selectors
from staff.services import checks
from staff.sweeps import sweep_project
from staff.tests.helpers import at

pytestmark = pytest.mark.req("STAFF-2")


def check(project, users, who="kefu1", by="kfzg", **kw):
    flags = {"dress_ok": True, "appearance_ok": True, "work_ok": True, **kw}
    return checks.record_check(project=project, by=users[by], person=users[who], **flags)


def test_the_supervisor_checks_each_staff_member_at_the_servers_time(project, users, audited):
    c = check(project, users)
    assert c.day == clock.today() and c.checked_at == clock.now() and c.all_ok
    again = check(project, users, work_ok=False, note="接听电话不规范")  # more than once a day is allowed
    assert not again.all_ok and DailyCheck.objects.filter(person=users["kefu1"], day=c.day).count() == 2
    assert audited("staff.daily_check.recorded", again).data["work"] is False


def test_a_check_is_refused_to_a_clerk_for_oneself_or_a_fault_without_a_note(project, users, unchanged, two_hats):
    with unchanged(), pytest.raises(NotAllowed) as refused:
        check(project, users, who="kefu2", by="kefu1")
    assert refused.value.code == "role_not_allowed"
    with unchanged(), pytest.raises(DomainError) as refused:
        check(project, users, dress_ok=False)
    assert refused.value.code == "required"
    two_hats("kefu1", "cs_supervisor")  # a supervisor who is also on the desk does not check herself
    with unchanged(), pytest.raises(DomainError) as refused:
        check(project, users, who="kefu1", by="kefu1")
    assert refused.value.code == "same_person"
    with unchanged(), pytest.raises(DomainError) as refused:
        check(project, users, who="gongcheng1")  # not desk staff
    assert refused.value.code == "invalid_choice"


def test_a_day_without_a_check_is_flagged_to_the_supervisors(project, users, travel):
    yesterday = clock.today() - dt.timedelta(days=1)
    travel(at(yesterday, 10))
    check(project, users, who="kefu1")
    travel(at(yesterday + dt.timedelta(days=1), 10))
    missed = {(m["person"].username, m["day"]) for m in selectors.missed(project=project)}
    assert ("kefu2", yesterday) in missed and ("kefu1", yesterday) not in missed
    assert sweep_project(project) > 0
    note = Notification.objects.filter(recipient=users["kfzg"], kind="staff.daily_check_missed")
    assert note.filter(subject=f"staff.daily_check:{users['kefu2'].pk}:{yesterday.isoformat()}").exists()
    assert not note.filter(subject=f"staff.daily_check:{users['kefu1'].pk}:{yesterday.isoformat()}").exists()
    before = Notification.objects.count()
    sweep_project(project)
    assert Notification.objects.count() == before  # once per person and day
