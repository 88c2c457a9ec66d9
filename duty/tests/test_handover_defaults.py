"""The form starting a handover defaults to what the issued roster says: the shift change of the outgoing
person's shift and the person on the next shift, the staff rostered that day listed first (HANDOVER-3)."""
import datetime as dt

import pytest

from duty.models import Handover, RosterAssignment, ShiftPattern
from duty.selectors import handover as selectors
from duty.selectors import roster as roster_selectors
from duty.services import handover as svc
from duty.states import RosterStatus
from duty.tests.attendance_helpers import DAY, beijing, roster_with
from duty.tests.form_html import form_values
from duty.tests.handover_helpers import shows


def open_form(client, users, travel, when, *, as_user="kefu1"):
    """The handover list page at `when` (signed in afresh: a session idles out between test instants)."""
    travel(when)
    client.logout()
    client.force_login(users[as_user])
    response = client.get("/duty/handover/")
    assert response.status_code == 200
    html = response.content.decode()
    return html, form_values(html, "start-form")


def early_and_late(project, users, **kwargs):
    """kefu1 on the early shift (7:30–15:30), kefu2 on the late shift (12:00–20:00) of DAY."""
    return roster_with(project, users, [("kefu1", DAY, "E"), ("kefu2", DAY, "L")], **kwargs)


@pytest.mark.req("HANDOVER-3")
@pytest.mark.parametrize("hh, mm", [(10, 0), (15, 0), (15, 40)])
def test_the_form_defaults_to_the_shift_change_and_the_person_on_the_next_shift(client, project, users, travel,
                                                                                 hh, mm):
    early_and_late(project, users)
    html, form = open_form(client, users, travel, beijing(DAY, hh, mm))
    # Opened during the shift or just after its end, the handover belongs to the 15:30 shift change.
    assert form["shift_change_at"]["value"] == "2026-03-10T15:30"
    assert form["incoming"]["value"] == str(users["kefu2"].pk)
    assert 'id="roster-note"' not in html


@pytest.mark.req("HANDOVER-3")
def test_the_staff_rostered_that_day_come_first_and_the_rest_follow(client, project, users, travel):
    early_and_late(project, users)
    _html, form = open_form(client, users, travel, beijing(DAY, 15))
    options = form["incoming"]["options"]
    assert options[0]["value"] == ""  # the placeholder: a choice is never made by the list's order
    assert options[1]["value"] == str(users["kefu2"].pk) and "晚班 12:00–20:00" in options[1]["label"]
    assert options[1]["group"] != options[2]["group"]
    rest = {o["value"] for o in options[2:]}
    assert str(users["baoan1"].pk) in rest and str(users["kefu1"].pk) not in rest  # a substitute can be anyone else
    assert str(users["kefu2"].pk) not in rest


@pytest.mark.req("HANDOVER-3")
def test_the_person_whose_shift_starts_at_the_change_is_preferred(client, project, users, travel):
    roster = early_and_late(project, users)
    evening = ShiftPattern.objects.create(project=project, team="front_desk", code="S", name="小夜班",
                                          starts=dt.time(15, 30), ends=dt.time(23, 30))
    RosterAssignment.objects.create(roster=roster, day=DAY, shift=evening, person=users["xingzheng"])
    _html, form = open_form(client, users, travel, beijing(DAY, 15))
    assert form["incoming"]["value"] == str(users["xingzheng"].pk)


@pytest.mark.req("HANDOVER-3", "HANDOVER-6")
def test_taking_the_defaults_and_arriving_fifteen_minutes_early_is_not_late(client, project, users, travel):
    early_and_late(project, users)
    _html, form = open_form(client, users, travel, beijing(DAY, 15))
    response = client.post("/duty/handover/", {"action": "start", "incoming": form["incoming"]["value"],
                                               "shift_change_at": form["shift_change_at"]["value"]})
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert handover.incoming == users["kefu2"] and handover.shift_change_at == beijing(DAY, 15, 30)
    travel(beijing(DAY, 15, 10))
    handover = svc.check_in(handover=handover, actor=users["kefu2"])
    assert handover.arrived_late is False


@pytest.mark.req("HANDOVER-3")
@pytest.mark.parametrize("status", [None, RosterStatus.DRAFT])
def test_without_an_issued_roster_the_form_says_so_and_preselects_nothing(client, project, users, travel, status):
    if status:
        early_and_late(project, users, status=status)
    html, form = open_form(client, users, travel, beijing(DAY, 15))
    assert form["shift_change_at"]["value"] == "" and form["shift_change_at"]["required"]
    assert form["incoming"]["value"] == ""
    assert shows(html, "No roster is issued for today: choose the time of the shift change.")


@pytest.mark.req("HANDOVER-3")
def test_a_clerk_without_a_shift_on_the_issued_roster_is_told_so(client, project, users, travel):
    roster_with(project, users, [("kefu2", DAY, "L")])
    html, form = open_form(client, users, travel, beijing(DAY, 15))
    assert form["shift_change_at"]["value"] == "" and form["incoming"]["value"] == ""
    assert shows(html, "You have no shift on the roster issued for today: choose the time of the shift change.")
    assert form["incoming"]["options"][1]["value"] == str(users["kefu2"].pk)  # still listed first


@pytest.mark.req("HANDOVER-3")
def test_an_explicit_choice_wins_over_the_roster(client, project, users, travel):
    early_and_late(project, users)
    open_form(client, users, travel, beijing(DAY, 15))
    response = client.post("/duty/handover/", {"action": "start", "incoming": users["baoan1"].pk,
                                               "shift_change_at": "2026-03-10T16:00"})
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert handover.incoming == users["baoan1"] and handover.shift_change_at == beijing(DAY, 16)


@pytest.mark.req("HANDOVER-3")
def test_a_refused_start_shows_the_clerks_own_choice_again(client, project, users, travel):
    early_and_late(project, users)
    open_form(client, users, travel, beijing(DAY, 15))
    svc.start_handover(project=project, outgoing=users["kefu1"], incoming=users["kefu2"])  # one in progress
    response = client.post("/duty/handover/", {"action": "start", "incoming": users["baoan1"].pk,
                                               "shift_change_at": "2026-03-10T16:00"})
    form = form_values(response.content.decode(), "start-form")
    assert Handover.objects.count() == 1
    assert form["incoming"]["value"] == str(users["baoan1"].pk)
    assert form["shift_change_at"]["value"] == "2026-03-10T16:00"


@pytest.mark.req("HANDOVER-3")
def test_a_handover_started_after_the_shift_ended_takes_that_shifts_change(project, users, travel):
    early_and_late(project, users)
    travel(beijing(DAY, 15, 50))
    handover = svc.start_handover(project=project, outgoing=users["kefu1"], incoming=users["kefu2"])
    assert handover.shift_change_at == beijing(DAY, 15, 30) and handover.shift_code == "E"


@pytest.mark.req("HANDOVER-3")
def test_a_night_shift_ending_this_morning_is_the_shift_of_the_day(project, users):
    roster_with(project, users, [("kefu1", DAY, "N"), ("kefu1", DAY + dt.timedelta(days=1), "L")])
    morning = beijing(DAY + dt.timedelta(days=1), 6, 20)
    found = roster_selectors.shift_of_day(project=project, person=users["kefu1"], at=morning)
    assert found.day == DAY and found.shift.code == "N"
    suggestion = selectors.suggested_next(project=project, outgoing=users["kefu1"], at=morning)
    assert suggestion["shift_change_at"] == beijing(DAY + dt.timedelta(days=1), 6)
    assert roster_selectors.shift_of_day(project=project, person=users["kefu1"],
                                         at=beijing(DAY + dt.timedelta(days=2), 9)) is None


def test_start_defaults_read_nothing_without_a_roster(project, users):
    defaults = selectors.start_defaults(project=project, outgoing=users["kefu1"], at=beijing(DAY, 15))
    assert defaults["rostered"] == [] and defaults["roster_issued"] is False and "shift_change_at" not in defaults
