"""The households under decoration reach the duty desk's holiday calls from the site office's permits, beside
those typed in by hand; a decoration accepted before the holiday is no longer called (HOLIDAY-1, DECOR-2)."""
from __future__ import annotations

import datetime as dt

import pytest

from duty.models import DecorationHousehold
from duty.selectors import holidays as sel
from duty.services import holidays as duty_svc
from duty.services.holidays_calendar import load_from_package
from siteoffice.services import decoration
from siteoffice.tests.decoration_helpers import permitted, prices
from siteoffice.tests.helpers import at, unit

NATIONAL_DAY = dt.date(2026, 10, 1)


@pytest.fixture
def prep(db, project, users, travel):
    load_from_package(year=2026)
    travel(at(NATIONAL_DAY - dt.timedelta(days=10)))
    prices(project, users)
    return duty_svc.open_prep(project=project, opened_by=users["kefu1"], start=NATIONAL_DAY)


@pytest.mark.req("HOLIDAY-1", "DECOR-2")
def test_the_holiday_checklist_calls_the_permitted_households_and_the_hand_typed_ones(prep, project, users):
    d = permitted(project, users, days=40)
    typed = duty_svc.register_household(project=project, registered_by=users["kefu1"], unit=unit(project, 8),
                                        contact_name="王业主", contact_phone="13812345678", contractor="美家装饰",
                                        starts=dt.date(2026, 9, 1), ends=dt.date(2026, 12, 31))
    rows = [row["household"] for row in sel.checklist(prep)["households"]]
    copied = DecorationHousehold.objects.get(source=f"siteoffice.decoration:{d.pk}")
    assert set(rows) == {typed, copied}
    assert (copied.unit, copied.contact_name, copied.ends) == (d.unit, "赵先生", d.ends)
    sel.checklist(prep)  # read again: copied once
    assert DecorationHousehold.objects.filter(source__startswith="siteoffice.").count() == 1
    call = duty_svc.record_call(prep=prep, household=copied, called_by=users["kefu2"], reached=True, note="已告知停工")
    assert call.household == copied and not call.late


@pytest.mark.req("HOLIDAY-1", "DECOR-2")
def test_a_decoration_accepted_before_the_holiday_is_not_called(prep, project, users):
    d = permitted(project, users, days=40)
    assert len(sel.checklist(prep)["households"]) == 1
    decoration.accept(decoration=d, inspector=users["gongcheng1"], passed=True, note="提前完工验收合格")
    assert sel.checklist(prep)["households"] == []
