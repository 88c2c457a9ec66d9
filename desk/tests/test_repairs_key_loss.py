"""A lock change ordered by the key room opens a repair for engineering in the same transaction
(KEY-LOSS-1, REPAIR-1)."""
import pytest

from core.errors import DomainError
from core.models import Unit
from desk.models import Repair, RepairStatus
from keys.categories import Category
from keys.models import LossMeasure
from keys.services import loss
from keys.tests.helpers import make_key


def _report(project, users):
    unit = Unit.objects.get(project=project, building__code="1", number="101")
    key = make_key(project, users, Category.UNIT, name="1栋101入户门", pieces=3)
    if key.unit_id is None:
        key.unit = unit
        key.save(update_fields=["unit"])
    return loss.report_loss(key=key, reported_by=users["kefu1"], kind="lost", place="1栋大堂",
                            occurred_when="今天上午", circumstances="维修后发现钥匙不见了")


@pytest.mark.req("REPAIR-1", "KEY-LOSS-1")
def test_a_lock_change_opens_a_repair_for_the_keys_unit(project, users):
    report = _report(project, users)
    measure = loss.request_lock_change(report=report, requested_by=users["kfzg"], description="更换入户门锁芯")
    repair = Repair.objects.get(source_ref=f"keys.loss:{report.pk}:measure:{measure.pk}")
    assert repair.status == RepairStatus.REPORTED and repair.unit == report.key.unit
    assert "更换入户门锁芯" in repair.content and repair.reported_by == users["kfzg"]
    assert repair.category == "门窗" and not repair.public_area


@pytest.mark.req("REPAIR-1", "KEY-LOSS-1")
def test_when_the_repair_cannot_be_opened_the_measure_is_not_recorded_either(project, users):
    from core.models import Policy

    report = _report(project, users)
    Policy.objects.filter(key="desk.repairs.categories").update(value=[])  # a broken policy: no category
    with pytest.raises(DomainError) as exc:
        loss.request_lock_change(report=report, requested_by=users["kfzg"], description="更换入户门锁芯")
    assert exc.value.code == "invalid_category"
    assert not LossMeasure.objects.filter(report=report).exists() and not Repair.objects.exists()
