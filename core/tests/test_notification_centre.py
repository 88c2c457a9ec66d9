"""The notification centre: unread count in the header, notes resolved when their task is done, marking read
exactly what was asked, only one's own notifications, never an open redirect (NOTIFY-1)."""
import datetime as dt

import pytest

from core import clock, notifications
from core.models import Notification
from core.testing.fixtures import PASSWORD
from keys.services import desk as key_desk
from keys.services import loans
from keys.sweeps.loans import sweep_project as keys_sweep
from keys.tests.helpers import apply, lend

pytestmark = pytest.mark.req("NOTIFY-1")

MOMENT = dt.datetime(2026, 6, 10, 9, 0, tzinfo=dt.timezone.utc)  # a Wednesday, 17:00 in Beijing


def note(project, person, n, *, kind="keys.overdue", link="", subject="") -> Notification:
    notifications.notify(project=project, recipient=person, kind=kind, title=f"提醒 {n}", link=link,
                         subject=subject, dedupe_key=f"test:{kind}:{n}:{person.pk}")
    return Notification.objects.get(dedupe_key=f"test:{kind}:{n}:{person.pk}")


def snapshot():
    return list(Notification.objects.order_by("pk").values_list("pk", "read_at", "resolved_at"))


def signed_in(client, user):
    client.force_login(user)
    return client


# -- the header and the home page ---------------------------------------------------------------------------

def test_the_header_shows_the_unread_count_on_every_page(client, project, users, travel):
    travel(MOMENT)
    me = users["kefu1"]
    for n in range(3):
        note(project, me, n)
    note(project, me, 3, subject="desk.repair:1", kind="desk.repair.slip")
    notifications.resolve(subject="desk.repair:1")
    notifications.mark_read(user=me, ids=[note(project, me, 4).pk])
    note(project, users["kefu2"], 5)  # someone else's
    signed_in(client, me)
    for path in ("/", "/notifications/", "/duty/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'data-unread="3"' in response.content.decode(), path
    home = client.get("/").content.decode()
    assert "全部通知 (3)" in home
    assert "/notifications/" in home


def test_the_home_page_shows_the_newest_five_unread_and_marks_only_those(client, project, users, travel):
    travel(MOMENT)
    me = users["kefu1"]
    made = []
    for n in range(7):
        travel(MOMENT + dt.timedelta(minutes=n))
        made.append(note(project, me, n))
    response = signed_in(client, me).get("/")
    shown = [n.pk for n in response.context["notifications"]]
    assert shown == [n.pk for n in reversed(made[2:])]
    client.post("/notifications/read/", {"ids": shown, "next": "/"})
    assert set(notifications.unread_for(me).values_list("pk", flat=True)) == {made[0].pk, made[1].pk}


def test_the_badge_costs_one_count_and_is_left_out_of_api_answers(rf, project, users, django_assert_num_queries):
    from core.context_processors import propdesk

    note(project, users["kefu1"], 1)
    note(project, users["kefu1"], 2)
    request = rf.get("/keys/")
    request.user, request.project = users["kefu1"], None
    context = propdesk(request)
    with django_assert_num_queries(1):
        assert context["notification_unread"] == 2
    api = rf.get("/api/notifications/")
    api.user, api.project = users["kefu1"], None
    assert propdesk(api)["notification_unread"] is None


# -- resolved when the task is done ------------------------------------------------------------------------

def test_the_paperwork_reminder_of_an_emergency_loan_is_resolved_when_its_approvals_are_decided(
        project, users, unit_key, travel):
    travel(MOMENT)
    loan = apply(unit_key, users, is_emergency=True, purpose_kind="emergency", purpose="楼上漏水,紧急关阀")
    loan = loans.release_emergency(loan=loan, approver=users["jingli"])
    loan = key_desk.checkout_key(loan=loan, issuer=users["kefu1"], scanned=unit_key.tag_token, pieces_counted=3,
                                 borrower_password=PASSWORD)
    travel(loan.paperwork_due_at + dt.timedelta(minutes=5))
    keys_sweep(project)
    reminder = Notification.objects.get(kind="keys.paperwork")
    assert reminder.subject == f"keys.loan:{loan.pk}" and reminder.resolved_at is None
    assert notifications.unread_for(loan.applicant).filter(pk=reminder.pk).exists()
    loan = loans.approve_loan(loan=loan, approver=users["gczg"])
    reminder.refresh_from_db()
    assert reminder.resolved_at is None  # one step is not the paperwork done
    for name in ("kfzg", "xzzg"):
        loan = loans.approve_loan(loan=loan, approver=users[name])
    reminder.refresh_from_db()
    assert loan.paperwork_completed_at is not None and reminder.resolved_at == clock.now()
    assert not notifications.unread_for(loan.applicant).filter(pk=reminder.pk).exists()


def test_the_overdue_reminders_of_a_loan_are_resolved_when_the_key_comes_back(project, users, public_key, travel):
    travel(MOMENT)
    loan = lend(public_key, users)
    travel(loan.due_at + dt.timedelta(hours=1))
    keys_sweep(project)
    overdue = Notification.objects.filter(kind="keys.overdue", subject=f"keys.loan:{loan.pk}")
    assert overdue.count() >= 2 and not overdue.filter(resolved_at__isnull=False).exists()
    unrelated = note(project, loan.holder, 1, kind="keys.overdue", subject="keys.loan:999999")
    key_desk.return_key(loan=loan, receiver=users["xingzheng"], scanned=public_key.tag_token,
                        pieces_returned=public_key.pieces)
    assert not overdue.filter(resolved_at__isnull=True).exists()
    unrelated.refresh_from_db()
    assert unrelated.resolved_at is None


def test_a_roster_waiting_reminder_is_resolved_when_the_roster_is_reviewed(project, users, travel):
    from duty.services import roster as roster_svc
    from duty.sweeps import roster as roster_sweep
    from duty.tests.roster_helpers import draft

    travel(MOMENT)
    roster = draft(project, users)
    roster_sweep.sweep_project(project)
    waiting = Notification.objects.filter(kind="duty.roster.waiting", subject=f"duty.roster:{roster.pk}")
    assert waiting.exists()
    roster_svc.review_roster(roster=roster, reviewer=users["kfzg"])
    assert not waiting.filter(resolved_at__isnull=True).exists()


def test_a_shift_change_waiting_for_approval_is_resolved_when_it_is_decided(project, users, travel):
    from duty.models import RosterAssignment
    from duty.services import roster_changes
    from duty.tests.roster_helpers import issued

    travel(MOMENT)
    roster = issued(project, users)
    shift = RosterAssignment.objects.get(roster=roster, person=users["kefu1"], day=roster.period_start)
    req = roster_changes.request_change(assignment=shift, requested_by=users["kefu1"], kind="leave", reason="看病")
    asked = Notification.objects.filter(kind="duty.roster.change_requested", subject=f"duty.shift_change:{req.pk}")
    assert asked.exists() and not asked.filter(resolved_at__isnull=False).exists()
    roster_changes.reject_change(request=req, approver=users["kfzg"], comment="人手不足")
    assert not asked.filter(resolved_at__isnull=True).exists()
    decided = Notification.objects.get(kind="duty.roster.change_decided", recipient=users["kefu1"])
    assert decided.resolved_at is None  # the answer to the requester stays until read


def test_a_repair_slip_is_resolved_when_the_technician_sets_out(project, users, travel):
    from desk.services import repairs
    from desk.tests.test_repairs_factories import household

    travel(MOMENT)
    repair = repairs.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"],
                                     technician=users["gongcheng1"])
    slip = Notification.objects.get(kind="desk.repair.slip", recipient=users["gongcheng1"])
    assert slip.subject == f"desk.repair:{repair.pk}" and notifications.unread_count(users["gongcheng1"]) == 1
    repairs.set_out(repair=repair, technician=users["gongcheng1"])
    slip.refresh_from_db()
    assert slip.resolved_at is not None and notifications.unread_count(users["gongcheng1"]) == 0


# -- the page: filters, marking read ---------------------------------------------------------------------

def test_the_page_filters_by_state_room_and_project_and_names_rooms_in_words(
        client, project, other_project, users, travel):
    travel(MOMENT)
    me = users["kefu1"]
    keys_note = note(project, me, 1, kind="keys.overdue")
    desk_note = note(project, me, 2, kind="desk.repair.slip", subject="desk.repair:5")
    duty_note = note(other_project, me, 3, kind="duty.roster.waiting")
    notifications.resolve(subject="desk.repair:5")
    signed_in(client, me)

    def ids(query):
        return {row["n"].pk for row in client.get(f"/notifications/?{query}").context["rows"]}

    assert ids("") == {keys_note.pk, desk_note.pk, duty_note.pk}
    assert ids("state=unread") == {keys_note.pk, duty_note.pk}
    assert ids("state=resolved") == {desk_note.pk}
    assert ids("room=desk") == {desk_note.pk}
    assert ids(f"project={other_project.pk}") == {duty_note.pk}
    html = client.get("/notifications/").content.decode()
    assert "钥匙间" in html and "值班台" in html and "前台" in html
    assert "keys.overdue" not in html and "desk.repair.slip" not in html
    assert "2026-06-10 17:00" in html  # Beijing time


def test_the_page_is_paginated_by_fifty(client, project, users, travel):
    travel(MOMENT)
    for n in range(55):
        note(project, users["kefu1"], n)
    response = signed_in(client, users["kefu1"]).get("/notifications/")
    assert len(response.context["rows"]) == 50
    assert len(client.get("/notifications/?page=2").context["rows"]) == 5


def test_mark_these_read_marks_exactly_the_rows_shown(client, project, users, travel):
    travel(MOMENT)
    me = users["kefu1"]
    shown = [note(project, me, n, kind="keys.overdue") for n in range(3)]
    hidden = [note(project, me, n, kind="desk.repair.slip") for n in range(2)]
    signed_in(client, me)
    page = client.get("/notifications/?room=keys&state=unread")
    assert set(page.context["unread_shown"]) == {n.pk for n in shown}
    response = client.post("/notifications/read/", {"ids": page.context["unread_shown"],
                                                    "next": "/notifications/?room=keys"})
    assert response.status_code == 302 and response["Location"] == "/notifications/?room=keys"
    assert not Notification.objects.filter(pk__in=[n.pk for n in shown], read_at__isnull=True).exists()
    assert Notification.objects.filter(pk__in=[n.pk for n in hidden], read_at__isnull=True).count() == 2


def test_mark_all_read_only_with_all_1_and_never_touches_resolved_ones(client, project, users, travel):
    travel(MOMENT)
    me = users["kefu1"]
    unread = [note(project, me, n) for n in range(3)]
    done = note(project, me, 9, kind="desk.repair.slip", subject="desk.repair:7")
    notifications.resolve(subject="desk.repair:7")
    signed_in(client, me)
    before = snapshot()
    client.post("/notifications/read/", {})
    client.post("/notifications/read/", {"all": "0"})
    assert snapshot() == before
    client.post("/notifications/read/", {"all": "1"})
    assert not Notification.objects.filter(pk__in=[n.pk for n in unread], read_at__isnull=True).exists()
    done.refresh_from_db()
    assert done.read_at is None and done.resolved_at is not None


def test_mark_one_row_read(client, project, users):
    mine = note(project, users["kefu1"], 1)
    other = note(project, users["kefu1"], 2)
    response = signed_in(client, users["kefu1"]).post(f"/notifications/{mine.pk}/read/")
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.read_at is not None and other.read_at is None


def test_another_users_notification_cannot_be_opened_or_marked(client, project, users):
    mine = note(project, users["kefu1"], 1, link="/keys/")
    theirs = note(project, users["kefu2"], 2, link="/keys/")
    signed_in(client, users["kefu1"])
    before = snapshot()
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    assert client.get(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert client.post("/notifications/read/", {"ids": [mine.pk, theirs.pk]}).status_code == 404
    assert snapshot() == before
    assert theirs.pk not in {row["n"].pk for row in client.get("/notifications/").context["rows"]}


def test_opening_a_notification_marks_it_read_and_follows_only_a_link_on_this_site(client, project, users):
    me = users["kefu1"]
    good = note(project, me, 1, link="/keys/loans/1/")
    signed_in(client, me)
    response = client.get(f"/notifications/{good.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/keys/loans/1/"
    good.refresh_from_db()
    assert good.read_at is not None
    for n, link in enumerate(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]):
        bad = note(project, me, 10 + n, link=link)
        response = client.get(f"/notifications/{bad.pk}/open/")
        assert response.status_code == 302 and response["Location"] == "/notifications/", link
    page = client.get("/notifications/").content.decode()
    assert 'href="https://evil.example/' not in page and 'href="//evil.example' not in page


def test_a_next_address_off_this_site_is_ignored(client, project, users):
    mine = note(project, users["kefu1"], 1)
    response = signed_in(client, users["kefu1"]).post("/notifications/read/", {"ids": [mine.pk],
                                                                               "next": "https://evil.example/"})
    assert response["Location"] == "/notifications/"


# -- the API ---------------------------------------------------------------------------------------------------

def test_the_api_lists_only_my_notifications_with_the_same_filters(api_as, project, other_project, users):
    me = users["kefu1"]
    keys_note = note(project, me, 1, kind="keys.overdue", link="/keys/loans/3/")
    desk_note = note(other_project, me, 2, kind="desk.repair.slip", subject="desk.repair:8", link="//evil.example")
    note(project, users["kefu2"], 3)
    notifications.resolve(subject="desk.repair:8")
    api = api_as(me)
    body = api.get("/api/notifications/").json()
    assert body["count"] == 2
    by_id = {row["id"]: row for row in body["results"]}
    assert by_id[keys_note.pk]["room"] == "keys" and by_id[keys_note.pk]["state"] == "unread"
    assert by_id[keys_note.pk]["link"] == "/keys/loans/3/" and "kind" not in by_id[keys_note.pk]
    assert by_id[desk_note.pk]["state"] == "resolved" and by_id[desk_note.pk]["link"] == ""
    assert [r["id"] for r in api.get("/api/notifications/?state=unread").json()["results"]] == [keys_note.pk]
    assert [r["id"] for r in api.get("/api/notifications/?room=desk").json()["results"]] == [desk_note.pk]
    assert [r["id"] for r in api.get(f"/api/notifications/?project={other_project.pk}").json()["results"]] == [
        desk_note.pk]


@pytest.mark.parametrize("query, code", [("state=gone", "invalid_state"), ("room=lostfound", "invalid_room"),
                                         ("project=x", "invalid_project")])
def test_the_api_refuses_an_unknown_filter_with_its_code(api_as, users, query, code):
    response = api_as(users["kefu1"]).get(f"/api/notifications/?{query}")
    assert response.status_code == 400 and response.json()["code"] == code


def test_the_api_marks_ids_or_all(api_as, project, users):
    me = users["kefu1"]
    first, second, third = (note(project, me, n) for n in range(3))
    api = api_as(me)
    response = api.post("/api/notifications/read/", {"ids": [first.pk]}, format="json")
    assert response.status_code == 200 and response.json() == {"marked": 1, "unread": 2}
    response = api.post("/api/notifications/read/", {"all": True}, format="json")
    assert response.json() == {"marked": 2, "unread": 0}


@pytest.mark.parametrize("payload, status, code", [
    ({}, 400, "ids_or_all"),
    ({"all": False}, 400, "ids_or_all"),
    ({"ids": []}, 400, "ids_or_all"),
    ({"ids": [1], "all": True}, 400, "ids_or_all"),
    ({"ids": ["one"]}, 400, "validation_error"),
    ({"ids": "THEIRS"}, 404, "not_found"),
    ({"ids": "MINE+THEIRS"}, 404, "not_found"),
    ({"ids": [987654321]}, 404, "not_found"),
])
def test_the_api_refusals_carry_a_code_and_change_nothing(api_as, project, users, payload, status, code):
    mine = note(project, users["kefu1"], 1)
    theirs = note(project, users["kefu2"], 2)
    if payload.get("ids") == "THEIRS":
        payload = {"ids": [theirs.pk]}
    elif payload.get("ids") == "MINE+THEIRS":
        payload = {"ids": [mine.pk, theirs.pk]}
    elif payload.get("ids") == [1]:
        payload = {"ids": [mine.pk], "all": True}
    before = snapshot()
    response = api_as(users["kefu1"]).post("/api/notifications/read/", payload, format="json")
    assert response.status_code == status and response.json()["code"] == code
    assert snapshot() == before


def test_resolving_stamps_only_the_open_notes_of_its_subject_and_kinds(project, users, travel):
    travel(MOMENT)
    me, other = users["kefu1"], users["kefu2"]
    slip = note(project, me, 1, subject="desk.repair:9", kind="desk.repair.slip")
    late = note(project, other, 2, subject="desk.repair:9", kind="desk.repair.undispatched")
    elsewhere = note(project, me, 3, subject="desk.repair:10", kind="desk.repair.undispatched")
    assert notifications.resolve(subject="desk.repair:9", kinds=[]) == 0
    assert notifications.resolve(subject="desk.repair:9", kinds=["desk.repair.undispatched"]) == 1
    late.refresh_from_db(), slip.refresh_from_db(), elsewhere.refresh_from_db()
    assert late.resolved_at == MOMENT and slip.resolved_at is None and elsewhere.resolved_at is None
    travel(MOMENT + dt.timedelta(hours=1))
    assert notifications.resolve(subject="desk.repair:9") == 1  # the slip; the late note keeps its first stamp
    late.refresh_from_db(), slip.refresh_from_db()
    assert late.resolved_at == MOMENT and slip.resolved_at == MOMENT + dt.timedelta(hours=1)
    assert notifications.resolve(subject="") == 0 and elsewhere.resolved_at is None
