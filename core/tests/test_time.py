import datetime as dt

import pytest
from django.conf import settings

from core import clock


@pytest.mark.req("CORE-4")
def test_record_times_are_the_servers_in_beijing_time(project, users, public_key):
    from keys.tests.helpers import lend

    before = clock.now()
    loan = lend(public_key, users)
    assert before <= loan.checked_out_at <= clock.now()
    assert clock.beijing(loan.checked_out_at).utcoffset() == dt.timedelta(hours=8)
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ


@pytest.mark.req("CORE-4")
def test_the_beijing_day_turns_at_beijing_midnight():
    utc_evening = dt.datetime(2026, 11, 22, 16, 30, tzinfo=dt.timezone.utc)  # 00:30 in Beijing
    assert clock.beijing(utc_evening).date() == dt.date(2026, 11, 23)
    start, end = clock.day_bounds(dt.date(2026, 11, 23))
    assert start == dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.timezone.utc) and end - start == dt.timedelta(days=1)


@pytest.mark.req("CORE-4")
def test_services_take_no_time_of_the_record_from_the_user():
    import inspect

    from keys.services import daily, desk, followups, inventory, loans, requests

    for module in (desk, loans, requests, followups, daily, inventory):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__:
                continue
            params = inspect.signature(fn).parameters
            assert not {"now", "at", "checked_out_at", "returned_at", "occurred_at"} & set(params), name
