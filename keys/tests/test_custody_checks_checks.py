"""Supervisory custody checks with findings followed to closure (KEY-CHECK-1)."""
import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.models import Notification
from keys.models import CheckFinding, CheckKind, CheckStatus, CustodyCheck, FindingStatus
from keys.selectors import custody_checks as sel
from keys.services import custody_checks, inventory
from keys.sweeps import custody_checks as sweeps_custody_checks
from keys.tests.custody_checks_helpers import monthly_check

pytestmark = pytest.mark.req("KEY-CHECK-1")
ALL_OK = {"ledger": {"ok": True}, "storage": {"ok": True}, "returns": {"ok": True}}


def test_the_monthly_check_is_made_by_administration_and_the_weekly_by_customer_service(project, users):
    with pytest.raises(DomainError) as exc:
        custody_checks.start_check(project=project, kind=CheckKind.MONTHLY, started_by=users["kefu1"])
    assert exc.value.code == "wrong_department" and not CustodyCheck.objects.exists()
    check = monthly_check(project, users)
    assert check.department == "admin" and check.period_start == clock.today().replace(day=1)
    assert [i["code"] for i in check.checklist] == ["ledger", "storage", "returns"]
    weekly = custody_checks.start_check(project=project, kind=CheckKind.WEEKLY, started_by=users["kefu1"])
    assert weekly.period_start.weekday() == 0 and weekly.department == "cs"
    with pytest.raises(DomainError) as exc:
        monthly_check(project, users)
    assert exc.value.code == "already_started" and CustodyCheck.objects.count() == 2


def test_an_item_found_wanting_needs_a_finding_with_owner_and_deadline(project, users):
    check = monthly_check(project, users)
    wanting = {**ALL_OK, "storage": {"ok": False, "note": "柜未锁"}}
    with pytest.raises(DomainError) as exc:
        custody_checks.complete_check(check=check, completed_by=users["xingzheng"], results=wanting)
    assert exc.value.code == "finding_required"
    check.refresh_from_db()
    assert check.status == CheckStatus.OPEN
    with pytest.raises(DomainError) as exc:
        custody_checks.add_finding(check=check, added_by=users["xingzheng"], description="柜未锁", owner=None)
    assert exc.value.code == "owner_required" and not CheckFinding.objects.exists()
    finding = custody_checks.add_finding(check=check, added_by=users["xingzheng"], description="柜未锁",
                                         owner=users["kefu1"], item="storage")
    assert finding.deadline == clock.today() + dt.timedelta(days=7)
    check = custody_checks.complete_check(check=check, completed_by=users["xingzheng"], results=wanting)
    assert check.status == CheckStatus.DONE and check.results["storage"]["ok"] is False


def test_a_finding_is_closed_only_with_what_was_done_by_its_owner_or_the_checkers(project, users):
    check = monthly_check(project, users)
    finding = custody_checks.add_finding(check=check, added_by=users["xingzheng"], description="挂牌缺失",
                                         owner=users["kefu1"])
    with pytest.raises(DomainError) as exc:
        custody_checks.close_finding(finding=finding, closed_by=users["gongcheng1"], action_taken="补了")
    assert exc.value.code == "not_owner"
    with pytest.raises(DomainError) as exc:
        custody_checks.close_finding(finding=finding, closed_by=users["kefu1"], action_taken="")
    assert exc.value.code == "required"
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    finding = custody_checks.close_finding(finding=finding, closed_by=users["kefu1"], action_taken="已补挂牌")
    assert finding.status == FindingStatus.CLOSED and finding.action_taken == "已补挂牌"
    with pytest.raises(DomainError) as exc:
        custody_checks.close_finding(finding=finding, closed_by=users["kefu1"], action_taken="again")
    assert exc.value.code == "illegal_transition"


def test_overdue_findings_and_checks_not_done_are_flagged_and_reminded(project, users):
    check = monthly_check(project, users)
    finding = custody_checks.add_finding(check=check, added_by=users["xingzheng"], description="台账缺页",
                                         owner=users["kefu1"])
    CheckFinding.objects.filter(pk=finding.pk).update(deadline=clock.today() - dt.timedelta(days=1))
    assert list(sel.overdue_findings(project=project)) == [finding]
    missed = sel.missed_checks(project=project)
    assert {m["kind"] for m in missed} == {"weekly", "monthly"}
    sent = sweeps_custody_checks.sweep_project(project)
    assert sent > 0
    assert Notification.objects.filter(recipient=users["kefu1"], kind="keys.custody_checks.finding_overdue").count() == 1
    assert Notification.objects.filter(recipient=users["xingzheng"], kind="keys.custody_checks.check_missed").exists()
    assert sweeps_custody_checks.sweep_project(project) == 0  # never twice


def test_a_past_period_done_is_no_longer_flagged(project, users):
    last_month = clock.today().replace(day=1) - dt.timedelta(days=1)
    check = custody_checks.start_check(project=project, kind=CheckKind.MONTHLY, started_by=users["xingzheng"],
                                       day=last_month)
    custody_checks.complete_check(check=check, completed_by=users["xingzheng"], results=ALL_OK)
    starts = [m["period_start"] for m in sel.missed_checks(project=project) if m["kind"] == "monthly"]
    assert last_month.replace(day=1) not in starts and len(starts) == 2


def test_the_check_links_the_inventory_of_its_period(project, users):
    count = inventory.start_inventory(project=project, kind="monthly", started_by=users["xingzheng"])
    check = custody_checks.complete_check(check=monthly_check(project, users), completed_by=users["xingzheng"],
                                          results=ALL_OK)
    assert check.inventory_id == count.pk


def test_the_check_pages_start_add_a_finding_and_show_a_refusal(client, project, users):
    client.force_login(users["xingzheng"])
    with translation.override("zh-hans"):
        heading = _("Key custody checks")
    assert heading in client.get("/keys/custody/checks/").content.decode()
    done = client.post("/keys/custody/checks/", {"kind": "monthly"})
    check = CustodyCheck.objects.get()
    assert done.status_code == 302
    refused = client.post(f"/keys/custody/checks/{check.pk}/", {"action": "complete", "ok-ledger": "yes"})
    assert refused.status_code == 400 and "KEY-CHECK-1" in refused.content.decode()
    check.refresh_from_db()
    assert check.status == CheckStatus.OPEN
    added = client.post(f"/keys/custody/checks/{check.pk}/", {"action": "finding", "description": "柜未锁",
                                                              "owner": users["kefu1"].pk, "item": "storage"})
    assert added.status_code == 302 and CheckFinding.objects.get().owner == users["kefu1"]
    client.force_login(users["kefu1"])
    client.post(f"/keys/custody/findings/{CheckFinding.objects.get().pk}/close/", {"action_taken": "已上锁"})
    assert CheckFinding.objects.get().status == FindingStatus.CLOSED
    client.force_login(users["kefu2"])
    assert client.post("/keys/custody/checks/", {"kind": "monthly"}).status_code == 400


def test_the_check_api_works_refuses_and_hides_other_projects(api_as, project, users):
    api = api_as(users["xingzheng"])
    created = api.post("/api/keys/custody-checks/checks/", {"project": project.pk, "kind": "monthly"}, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    bad = api.post(f"/api/keys/custody-checks/checks/{pk}/complete/", {"results": {}}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "items_unanswered"
    finding = api.post(f"/api/keys/custody-checks/checks/{pk}/findings/",
                       {"description": "台账缺页", "owner": users["kefu1"].pk}, format="json")
    assert finding.status_code == 201
    denied = api_as(users["gongcheng1"]).post(f"/api/keys/custody-checks/findings/{finding.json()['id']}/close/",
                                               {"action_taken": "x"}, format="json")
    assert denied.status_code == 403 and denied.json()["code"] == "not_owner"
    closed = api_as(users["kefu1"]).post(f"/api/keys/custody-checks/findings/{finding.json()['id']}/close/",
                                         {"action_taken": "已补"}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert api_as(users["bj_xingzheng"]).get(f"/api/keys/custody-checks/checks/{pk}/").status_code == 404
