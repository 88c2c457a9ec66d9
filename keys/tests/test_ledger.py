import pytest

from core.errors import Conflict, DomainError, NotAllowed
from core.models import Building
from keys.categories import Category
from keys.models import KeySet
from keys.services import ledger
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import apply, lend, make_key


@pytest.mark.req("KEY-LEDGER-1")
def test_a_key_set_records_number_category_what_it_opens_pieces_storage_and_status(project, users):
    key = make_key(project, users, Category.OFFICE, name="财务室", pieces=2, storage="D-01-02", number="BG-001",
                   room_number="201")
    key.refresh_from_db()
    assert (key.number, key.category, key.name, key.pieces, key.storage, key.status) == (
        "BG-001", "office", "财务室", 2, "D-01-02", KeyStatus.IN_STORE)


@pytest.mark.req("KEY-LEDGER-1")
def test_a_key_number_is_unique_in_its_project(project, other_project, users):
    make_key(project, users, number="GQ-1")
    with pytest.raises(Conflict) as err:
        make_key(project, users, number="GQ-1")
    assert err.value.code == "duplicate_number"
    assert KeySet.objects.filter(project=project, number="GQ-1").count() == 1
    ledger.create_key(project=other_project, actor=users["bj_kefu1"], category="public", name="x", pieces=1,
                      storage="A", number="GQ-1")


@pytest.mark.req("KEY-LEDGER-1")
def test_the_ledger_keeps_the_full_history_of_borrow_and_return(project, users, public_key):
    from keys.services import desk
    loan = lend(public_key, users)
    desk.return_key(loan=loan, receiver=users["xingzheng"], scanned=public_key.number, pieces_returned=2)
    history = list(public_key.loans.all())
    assert len(history) == 1
    assert history[0].checked_out_at and history[0].returned_at and history[0].holder == users["gongcheng1"]


@pytest.mark.req("KEY-LEDGER-1")
def test_a_resident_key_must_name_its_unit_and_pieces_are_positive(project, users):
    with pytest.raises(DomainError) as err:
        ledger.create_key(project=project, actor=users["kefu1"], category="unit", name="x", pieces=1, storage="A")
    assert err.value.code == "unit_required"
    with pytest.raises(DomainError) as err:
        ledger.create_key(project=project, actor=users["kefu1"], category="public", name="x", pieces=0, storage="A")
    assert err.value.code == "invalid_pieces"
    assert not KeySet.objects.filter(project=project).exists()


@pytest.mark.req("KEY-LEDGER-2")
def test_public_doors_are_numbered_by_floor_and_equipment_rooms_by_equipment(project, users):
    b1 = Building.objects.get(project=project, code="1")
    door = ledger.create_key(project=project, actor=users["kefu1"], category="public", name="12F fire door",
                             building=b1, floor=12, pieces=1, storage="C")
    door2 = ledger.create_key(project=project, actor=users["kefu1"], category="public", name="12F other door",
                              building=b1, floor=12, pieces=1, storage="C")
    pump = ledger.create_key(project=project, actor=users["kefu1"], category="equipment", name="pump room",
                             equipment="水泵房", pieces=1, storage="C")
    assert door.number == "GQ-1-12F-01"
    assert door2.number == "GQ-1-12F-02"
    assert pump.number == "SB-水泵房-01"


@pytest.mark.req("KEY-LEDGER-2")
def test_a_tag_code_opens_the_key_without_revealing_its_unit(project, users, unit_key):
    payload = ledger.tag_payload(unit_key)
    assert unit_key.unit.number not in payload and "1栋" not in payload
    assert ledger.find_by_scan(project=project, scanned=payload) == unit_key
    assert ledger.find_by_scan(project=project, scanned=f"http://intranet/keys/t/{unit_key.tag_token}") == unit_key
    assert "<svg" in ledger.tag_svg(unit_key)


@pytest.mark.req("KEY-LEDGER-2")
def test_an_unknown_tag_is_refused_clearly(project, users):
    with pytest.raises(DomainError) as err:
        ledger.find_by_scan(project=project, scanned="KDEADBEEF00")
    assert err.value.code == "unknown_tag"


@pytest.mark.req("KEY-LEDGER-3")
def test_the_emergency_spare_is_lent_only_under_the_emergency_procedure(project, users):
    spare = make_key(project, users, Category.PUBLIC, name="东大门(紧急备用)", is_emergency_spare=True)
    with pytest.raises(NotAllowed) as err:
        apply(spare, users)
    assert err.value.code == "spare_only_in_emergency" and err.value.rule == "KEY-LEDGER-3"
    loan = apply(spare, users, is_emergency=True)
    assert loan.status == LoanStatus.PENDING and loan.is_emergency


@pytest.mark.req("KEY-LEDGER-3")
def test_the_demo_keeps_an_emergency_spare(world):
    from core.testing.fixtures import PASSWORD
    from keys.demo import loans as demo_loans

    demo_loans.build(world, password=PASSWORD)
    assert KeySet.objects.filter(project=world.projects[0], is_emergency_spare=True).exists()


@pytest.mark.req("KEY-LEDGER-4")
def test_ledger_changes_are_audited_and_kept_current(project, users, public_key):
    from core.audit import history

    ledger.update_key(key=public_key, actor=users["xingzheng"], storage="C-09-09")
    public_key.refresh_from_db()
    assert public_key.storage == "C-09-09"
    actions = [e.action for e in history(public_key)]
    assert actions == ["keys.key.created", "keys.key.updated"]


@pytest.mark.req("KEY-LEDGER-4")
def test_only_the_custodian_department_edits_a_key(project, users, public_key):
    with pytest.raises(NotAllowed):
        ledger.update_key(key=public_key, actor=users["gongcheng1"], storage="X")
    public_key.refresh_from_db()
    assert public_key.storage == "A-01-01"


@pytest.mark.req("KEY-LEDGER-1")
def test_a_lent_key_cannot_be_retired(project, users, public_key):
    lend(public_key, users)
    with pytest.raises(Conflict):
        ledger.retire_key(key=public_key, actor=users["xingzheng"], reason="old")
