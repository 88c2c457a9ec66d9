import pytest

from core.errors import Conflict, DomainError, NotAllowed
from keys.categories import Category
from keys.models import InventoryStatus, LineResult
from keys.services import inventory
from keys.states import KeyStatus
from keys.tests.helpers import lend, make_key


@pytest.fixture
def keys(project, users):
    return {
        "unit": make_key(project, users, Category.UNIT, name="101", pieces=3),
        "vacant": make_key(project, users, Category.VACANT, name="301"),
        "public": make_key(project, users, Category.PUBLIC, name="东门"),
    }


@pytest.mark.req("KEY-DAILY-2")
def test_the_weekly_self_check_is_customer_services_and_covers_unit_keys(project, users, keys):
    with pytest.raises(NotAllowed):
        inventory.start_inventory(project=project, kind="weekly", started_by=users["xingzheng"])
    count = inventory.start_inventory(project=project, kind="weekly", started_by=users["kefu1"])
    assert {line.key.name for line in count.lines.all()} == {"101", "301"}
    monthly = inventory.start_inventory(project=project, kind="monthly", started_by=users["xingzheng"])
    assert monthly.lines.count() == 3


@pytest.mark.req("KEY-DAILY-2")
def test_discrepancies_are_followed_to_resolution_before_the_count_closes(project, users, keys):
    lend(keys["vacant"], users)
    count = inventory.start_inventory(project=project, kind="weekly", started_by=users["kefu1"])
    lines = {line.key.name: line for line in count.lines.all()}
    with pytest.raises(DomainError) as err:
        inventory.submit_inventory(count=count, counted_by=users["kefu1"], counts={lines["101"].pk: 3})
    assert err.value.code == "lines_uncounted"
    count = inventory.submit_inventory(count=count, counted_by=users["kefu1"],
                                       counts={lines["101"].pk: 2, lines["301"].pk: None})
    assert count.status == InventoryStatus.RECONCILING
    results = {line.key.name: (line.result, line.discrepancy) for line in count.lines.all()}
    assert results == {"101": (LineResult.PIECES_MISMATCH, True), "301": (LineResult.OUT_ON_LOAN, False)}
    line = count.lines.get(key=keys["unit"])
    with pytest.raises(DomainError):
        inventory.resolve_discrepancy(line=line, resolved_by=users["kefu1"], resolution=" ")
    inventory.resolve_discrepancy(line=line, resolved_by=users["kfzg"], resolution="一把在维修处,已取回")
    count.refresh_from_db()
    assert count.status == InventoryStatus.CLOSED and count.closed_at


@pytest.mark.req("KEY-DAILY-2")
def test_a_missing_key_can_be_marked_lost_in_the_ledger(project, users, keys):
    count = inventory.start_inventory(project=project, kind="monthly", started_by=users["xingzheng"])
    counts = {line.pk: (None if line.key_id == keys["public"].pk else line.expected_pieces)
              for line in count.lines.all()}
    count = inventory.submit_inventory(count=count, counted_by=users["xingzheng"], counts=counts)
    line = count.lines.get(key=keys["public"])
    assert line.result == LineResult.MISSING
    inventory.resolve_discrepancy(line=line, resolved_by=users["xzzg"], resolution="确认遗失,按丢失处理",
                                  key_status=KeyStatus.LOST)
    keys["public"].refresh_from_db()
    assert keys["public"].status == KeyStatus.LOST
    with pytest.raises(Conflict):
        inventory.resolve_discrepancy(line=line, resolved_by=users["xzzg"], resolution="again")
