"""Named hand-offs between rooms (core.handoffs): every slot this installation needs is provided by exactly one
room; a slot nobody provides fails loudly instead of silently doing nothing (CORE-5)."""
import pytest

from core import handoffs
from core.handoffs import HandOffMissing, Sections, Slot


@pytest.mark.req("CORE-5")
def test_every_slot_is_provided_by_its_room():
    slots = {name: value for name, value in vars(handoffs).items() if isinstance(value, Slot)}
    assert set(slots) == {"log_key_custody", "resolve_logged", "open_lock_change_repair", "keys_on_hook",
                          "households_under_decoration",
                          # a patrol finding made a repair or a duty-log entry (safety, PATROL-1)
                          "open_repair_from_finding", "log_duty_note",
                          # the store room: working days from the duty desk, repair materials from stock (issue 19)
                          "is_workday", "issue_materials_for_repair", "materials_on_hand",
                          # a draw from the technician's phone names an open repair of the project (STOCK-2)
                          "repair_open_for_materials",
                          # the residents' door (RES-1, RES-2, SURVEY-2)
                          "open_resident_contact", "resident_matters", "confirm_resident_repair", "deposited_keys",
                          "record_key_consent", "resident_ratings", "tell_household",
                          # the duty desk's rounds walk the safety room's checkpoints (DUTY-LOG-6, issue 20)
                          "open_patrol_walk", "patrol_walk"}
    assert all(slot.provided for slot in slots.values())
    assert {slot._owner for slot in slots.values()} == {"duty", "desk", "keys", "siteoffice", "stores", "residents",
                                                        "safety"}
    assert handoffs.handover_sections.keys()[:2] == ["key_loans", "shift_keys"]
    # The front desk: items held for others, the last close of the desk, lost property (FRONT-3, FRONT-4, LOST-1).
    assert {"desk_held_items", "desk_close", "lost_property"} <= set(handoffs.handover_sections.keys())


@pytest.mark.req("CORE-5")
def test_a_slot_nobody_provides_refuses_loudly():
    orphan = Slot("orphan", "no room answers this")
    with pytest.raises(HandOffMissing):
        orphan(project=None)


@pytest.mark.req("CORE-5")
def test_a_slot_has_one_provider():
    slot = Slot("one", "")
    slot.provide(lambda: 1, owner="keys")
    slot.provide(lambda: 2, owner="keys")  # the same room may re-register (a reloaded app)
    with pytest.raises(RuntimeError):
        slot.provide(lambda: 3, owner="desk")
    assert slot() == 2


@pytest.mark.req("HANDOVER-2")
def test_sections_gather_in_registration_order():
    sections = Sections("test")
    sections.register("b", lambda project: [project, "b"])
    sections.register("a", lambda project: [project, "a"])
    assert list(sections.gather("p")) == ["b", "a"] and sections.gather("p")["a"] == ["p", "a"]


@pytest.mark.req("HANDOVER-1")
def test_the_handover_counts_keys_on_the_hook_through_the_key_room(project, users, public_key):
    from duty.models import HandoverItem
    from duty.services.handover import expected_quantity

    item = HandoverItem(project=project, name="前台抽屉钥匙", quantity=9, key_category=public_key.category)
    assert expected_quantity(item) == 1  # the ledger's count wins over the list's own quantity
