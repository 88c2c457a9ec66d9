"""The workspace per role: the navigation each room registers, filtered by the user's roles, never shows a link
that answers 403; each role gets its own home; head office sees every project (CORE-2)."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from core import clock, workspace
from core.models import Membership, User

ROOM_LINK = re.compile(r'<details class="room" data-room="(\w+)">.*?</details>', re.S)
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def demo(db, settings, travel):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    travel(clock.at_beijing(dt.date(2026, 11, 26), dt.time(9, 0)))  # a weekday morning after the 25th
    call_command("demo_data", stdout=io.StringIO())


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _nav_links(body: str) -> dict[str, list[str]]:
    return {m.group(1): HREF.findall(m.group(0)) for m in ROOM_LINK.finditer(body)}


@pytest.mark.req("CORE-2")
def test_no_role_is_shown_a_link_that_refuses_it(demo):
    """Every demo login of the first project: every link in its navigation opens (no 403, no error)."""
    checked, shown = 0, {}
    for user in User.objects.filter(is_active=True, memberships__project__code="cuihu").distinct().order_by("pk"):
        client = _signed_in(user)
        home = client.get("/")
        assert home.status_code == 200, user.username
        links = _nav_links(home.content.decode())
        shown[user.username] = sum(len(v) for v in links.values())
        for room, hrefs in links.items():
            for href in hrefs:
                status = client.get(href).status_code
                assert status == 200, f"{user.username} sees {href} ({room}) but it answers {status}"
                checked += 1
    assert checked > 100
    # The navigation is filtered: a security guard sees fewer links, and neither the key ledger nor the contacts.
    assert shown["baoan1"] < min(shown["kefu1"], shown["kfzg"], shown["jingli"])
    guard = _nav_links(_signed_in(User.objects.get(username="baoan1")).get("/").content.decode())
    assert "/keys/ledger/" not in sum(guard.values(), []) and "/desk/contacts/" not in sum(guard.values(), [])


@pytest.mark.req("CORE-2")
def test_links_are_grouped_by_room_in_the_rooms_order(demo):
    body = _signed_in(User.objects.get(username="jingli")).get("/").content.decode()
    assert [m.group(1) for m in ROOM_LINK.finditer(body)] == ["keys", "duty", "desk", "archives", "siteoffice",
                                                                  "safety", "stores", "staff", "residents"]
    clerk = _signed_in(User.objects.get(username="kefu1")).get("/").content.decode()
    assert "钥匙借还" in clerk and "前台借还" not in clerk  # the key counter is not confused with the front desk


@pytest.mark.req("CORE-2")
def test_each_role_gets_its_own_home(demo):
    clerk = _signed_in(User.objects.get(username="kefu1")).get("/").content.decode()
    supervisor = _signed_in(User.objects.get(username="kfzg")).get("/").content.decode()
    manager = _signed_in(User.objects.get(username="jingli")).get("/").content.decode()
    figures = re.compile(r'data-figure="([\w.]+)"')
    assert "desk.complaints_overdue" not in figures.findall(clerk)  # the clerk's desk tasks only
    assert {"desk.complaints_overdue", "duty.rosters_late", "keys.approvals"} <= set(figures.findall(supervisor))
    # The manager's morning overview gathers every room, including what only a manager sees.
    assert {"keys.overdue", "duty.serious_open", "duty.unsigned_days", "desk.repairs_late",
            "desk.complaints_overdue", "desk.visits_due", "duty.rosters_late"} <= set(figures.findall(manager))
    assert "duty.unsigned_days" not in figures.findall(supervisor)


@pytest.mark.req("CORE-2")
def test_every_figure_of_the_overview_links_to_a_page_the_manager_may_open(demo):
    manager = _signed_in(User.objects.get(username="jingli"))
    body = manager.get("/").content.decode()
    cards = re.findall(r'<a class="card figure[^"]*" href="([^"]+)" data-figure="([\w.]+)">', body)
    assert len(cards) >= 15
    for href, code in cards:
        assert manager.get(href).status_code == 200, code


@pytest.mark.req("CORE-2")
def test_the_overview_counts_what_it_says(demo):
    from desk.selectors import complaints
    from duty.selectors import roster

    user = User.objects.get(username="jingli")
    project = Membership.objects.filter(user=user).first().project
    counts = {f.code: n for f, n in workspace.figures_for(user, project, workspace.MANAGER)}
    assert counts["desk.complaints_overdue"] == complaints.overdue(project=project).count()
    # On the 26th, a next month's roster that is not approved is late (ROSTER-1: approved by the 25th).
    assert counts["duty.rosters_late"] == len(roster.next_month_not_approved(project=project))


@pytest.mark.req("ROSTER-1")
def test_a_next_months_roster_still_a_draft_after_the_25th_shows_to_the_supervisor(db, settings, travel, world):
    from duty.models import Roster, ShiftPattern
    from duty.selectors.roster import next_month_not_approved
    from duty.states import RosterStatus

    project = world.projects[0]
    ShiftPattern.objects.create(project=project, code="E", team="front_desk", name="早班", starts=dt.time(8),
                                ends=dt.time(16))
    travel(clock.at_beijing(dt.date(2027, 1, 25), dt.time(17, 0)))
    assert next_month_not_approved(project=project) == []  # the 25th itself is still in time
    travel(clock.at_beijing(dt.date(2027, 1, 26), dt.time(9, 0)))
    assert next_month_not_approved(project=project) == ["front_desk"]
    Roster.objects.create(project=project, team="front_desk", month=dt.date(2027, 2, 1),
                          period_start=dt.date(2027, 2, 1), period_end=dt.date(2027, 2, 28),
                          status=RosterStatus.APPROVED, drafted_by=world.users["kfzg"], drafted_at=clock.now())
    assert next_month_not_approved(project=project) == []


@pytest.mark.req("CORE-1")
def test_head_office_sees_every_project_and_a_site_manager_does_not(demo):
    head = _signed_in(User.objects.get(username="zongjingli"))
    page = head.get("/company/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "翠湖花园管理处" in body
    assert _signed_in(User.objects.get(username="jingli")).get("/company/").status_code == 403
