"""Management's unannounced spot checks (KEY-CHECK-2) and a key that does not work taken out of service until
repaired or replaced (KEY-DAILY-3)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification
from core.testing.fixtures import rows_unchanged
from keys.categories import Category
from keys.models import CheckKind, CheckStatus, CustodyCheck, FindingStatus, InventoryStatus, LineResult
from keys.services import custody_checks, inventory
from keys.states import KeyStatus
from keys.tests.helpers import apply, make_key

MORNING = dt.datetime(2026, 3, 10, 10, 0)
unchanged = rows_unchanged("keys")


@pytest.fixture
def morning(travel):
    return travel(clock.at_beijing(MORNING.date(), MORNING.time()))


# --- KEY-CHECK-2 ------------------------------------------------------------------------------------------------
@pytest.mark.req("KEY-CHECK-2")
def test_a_spot_check_is_made_by_management_unannounced_any_day_and_again(project, users, morning):
    with unchanged(), pytest.raises(NotAllowed) as refused:
        custody_checks.start_spot_check(project=project, started_by=users["kefu1"])  # the key keeper herself
    assert refused.value.code == "not_management"
    with unchanged(), pytest.raises(DomainError) as refused:
        custody_checks.start_check(project=project, kind=CheckKind.SPOT, started_by=users["jingli"])
    assert refused.value.code == "invalid_kind"
    first = custody_checks.start_spot_check(project=project, started_by=users["jingli"])
    second = custody_checks.start_spot_check(project=project, started_by=users["zongjingli"])
    assert first.kind == second.kind == CheckKind.SPOT and first.period_start == clock.today()
    assert [i["code"] for i in first.checklist] == ["lending", "safekeeping"]
    assert not Notification.objects.filter(kind__startswith="keys.custody_checks").exists()  # nobody warned


@pytest.mark.req("KEY-CHECK-2")
def test_a_spot_checks_findings_are_followed_up_like_the_scheduled_checks(project, users, morning):
    check = custody_checks.start_spot_check(project=project, started_by=users["jingli"])
    wanting = {"lending": {"ok": True}, "safekeeping": {"ok": False, "note": "钥匙柜未上锁"}}
    with unchanged(check), pytest.raises(DomainError) as refused:
        custody_checks.complete_check(check=check, completed_by=users["jingli"], results=wanting)
    assert refused.value.code == "finding_required"
    with unchanged(check), pytest.raises(NotAllowed) as refused:
        custody_checks.add_finding(check=check, added_by=users["kefu1"], description="x", owner=users["kefu1"])
    assert refused.value.code == "not_management"
    finding = custody_checks.add_finding(check=check, added_by=users["jingli"], description="钥匙柜未上锁",
                                         owner=users["kefu1"], item="safekeeping")
    check = custody_checks.complete_check(check=check, completed_by=users["jingli"], results=wanting)
    assert check.status == CheckStatus.DONE and check.results["safekeeping"]["ok"] is False
    with unchanged(finding), pytest.raises(NotAllowed) as refused:
        custody_checks.close_finding(finding=finding, closed_by=users["kefu2"], action_taken="已锁")
    assert refused.value.code == "not_owner"
    finding = custody_checks.close_finding(finding=finding, closed_by=users["kefu1"], action_taken="已加锁并每日检查")
    assert finding.status == FindingStatus.CLOSED
    assert CustodyCheck.objects.filter(kind=CheckKind.SPOT, status=CheckStatus.DONE).count() == 1


# --- KEY-DAILY-3 ------------------------------------------------------------------------------------------------
@pytest.fixture
def keys(project, users):
    return {"east": make_key(project, users, Category.PUBLIC, name="东门", pieces=2),
            "west": make_key(project, users, Category.PUBLIC, name="西门", pieces=1)}


def _submit(project, users, keys, faulty=("east",)):
    count = inventory.start_inventory(project=project, kind="monthly", started_by=users["xingzheng"])
    lines = {line.key_id: line for line in count.lines.all()}
    counts = {line.pk: line.expected_pieces for line in lines.values()}
    bad = [lines[keys[name].pk].pk for name in faulty]
    return inventory.submit_inventory(count=count, counted_by=users["xingzheng"], counts=counts, faulty=bad)


@pytest.mark.req("KEY-DAILY-3")
def test_every_key_found_is_marked_working_or_not_and_a_broken_one_leaves_service(project, users, keys, morning):
    count = _submit(project, users, keys)
    lines = {line.key_id: line for line in count.lines.all()}
    east, west = lines[keys["east"].pk], lines[keys["west"].pk]
    assert (east.works, east.result, east.discrepancy) == (False, LineResult.FAULTY, True)
    assert (west.works, west.result, west.discrepancy) == (True, LineResult.PRESENT, False)
    assert count.status == InventoryStatus.RECONCILING
    keys["east"].refresh_from_db()
    assert keys["east"].status == KeyStatus.DAMAGED
    with pytest.raises(Conflict) as refused:  # out of service: it cannot be lent
        apply(keys["east"], users)
    assert refused.value.code == "key_not_available"


@pytest.mark.req("KEY-DAILY-3")
def test_a_key_not_found_cannot_be_marked_broken(project, users, keys, morning):
    count = inventory.start_inventory(project=project, kind="monthly", started_by=users["xingzheng"])
    lines = {line.key_id: line for line in count.lines.all()}
    counts = {line.pk: line.expected_pieces for line in lines.values()}
    counts[lines[keys["east"].pk].pk] = None
    with unchanged(count, keys["east"]), pytest.raises(DomainError) as refused:
        inventory.submit_inventory(count=count, counted_by=users["xingzheng"], counts=counts,
                                   faulty=[lines[keys["east"].pk].pk])
    assert refused.value.code == "faulty_not_found"
    with unchanged(count, keys["east"]), pytest.raises(DomainError) as refused:
        inventory.submit_inventory(count=count, counted_by=users["xingzheng"], counts=counts, faulty=[999999])
    assert refused.value.code == "invalid_line"


@pytest.mark.req("KEY-DAILY-3")
def test_a_broken_key_comes_back_only_repaired_or_is_retired_when_replaced(project, users, keys, morning):
    count = _submit(project, users, keys, faulty=("east", "west"))
    lines = {line.key_id: line for line in count.lines.all()}
    east = lines[keys["east"].pk]
    with unchanged(east, keys["east"]), pytest.raises(DomainError) as refused:
        inventory.resolve_discrepancy(line=east, resolved_by=users["xzzg"], resolution="看过了")
    assert refused.value.code == "repair_or_replace"
    with unchanged(east, keys["east"]), pytest.raises(DomainError) as refused:
        inventory.resolve_discrepancy(line=east, resolved_by=users["xzzg"], resolution="丢了",
                                      key_status=KeyStatus.LOST)
    assert refused.value.code == "repair_or_replace"
    inventory.resolve_discrepancy(line=east, resolved_by=users["xzzg"], resolution="已修复",
                                  key_status=KeyStatus.IN_STORE)
    keys["east"].refresh_from_db()
    assert keys["east"].status == KeyStatus.IN_STORE
    inventory.resolve_discrepancy(line=lines[keys["west"].pk], resolved_by=users["xzzg"], resolution="已另配新钥匙",
                                  key_status=KeyStatus.RETIRED)
    keys["west"].refresh_from_db()
    count.refresh_from_db()
    assert keys["west"].status == KeyStatus.RETIRED and count.status == InventoryStatus.CLOSED


# --- pages and API ----------------------------------------------------------------------------------------------
@pytest.mark.req("KEY-CHECK-2")
def test_the_spot_check_is_started_on_the_checks_page_and_over_the_api(client, api_as, project, users, morning):
    client.force_login(users["jingli"])
    assert client.post("/keys/custody/checks/", {"kind": "spot"}).status_code == 302
    client.force_login(users["kefu1"])
    assert client.post("/keys/custody/checks/", {"kind": "spot"}).status_code in {400, 403}
    refused = api_as(users["kefu1"]).post("/api/keys/custody-checks/checks/", {"project": project.pk, "kind": "spot"},
                                          format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "not_management"
    done = api_as(users["zongjingli"]).post("/api/keys/custody-checks/checks/", {"project": project.pk, "kind": "spot"},
                                            format="json")
    assert done.status_code == 201 and CustodyCheck.objects.filter(kind=CheckKind.SPOT).count() == 2


@pytest.mark.req("KEY-DAILY-3")
def test_the_count_page_marks_a_key_that_does_not_work(client, project, users, keys, morning):
    count = inventory.start_inventory(project=project, kind="monthly", started_by=users["xingzheng"])
    lines = {line.key_id: line for line in count.lines.all()}
    form = {f"line-{line.pk}": str(line.expected_pieces) for line in lines.values()}
    form["faulty"] = [str(lines[keys["west"].pk].pk)]
    client.force_login(users["xingzheng"])
    assert client.post(f"/keys/inventory/{count.pk}/", form).status_code == 302
    keys["west"].refresh_from_db()
    assert keys["west"].status == KeyStatus.DAMAGED
    assert client.get(f"/keys/inventory/{count.pk}/").status_code == 200
