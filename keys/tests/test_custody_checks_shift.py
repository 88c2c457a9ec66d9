"""Shift key handover slips and the daily front-desk handover (KEY-SHIFT-1)."""
import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.models import AuditEvent
from core.signatures import signatures_of
from core.testing.fixtures import PASSWORD
from duty.models import DutyEntry
from keys.categories import Category
from keys.models import ShiftKeySlip, SlipKind, SlipStatus
from keys.services import shift_keys
from keys.states import FollowStatus
from keys.tests.custody_checks_helpers import collect, listed_keys
from keys.tests.helpers import make_key

pytestmark = pytest.mark.req("KEY-SHIFT-1")


def test_the_early_shift_collects_the_listed_keys_and_both_sign(project, users):
    keys = listed_keys(project, users)
    slip = collect(project, users, keys)
    assert slip.status == SlipStatus.OUT and slip.serial.startswith("JJL")
    assert sorted(line.key_id for line in slip.lines.all()) == sorted(k.pk for k in keys)
    assert slip.expected_pieces == slip.counted_pieces == 4
    assert {s.capacity: s.signer_id for s in signatures_of(slip)} == {
        "handed_by": users["baoan1"].pk, "received_by": users["kefu2"].pk}
    assert AuditEvent.objects.filter(action="keys.shift_slip.recorded").count() == 1


def test_a_count_that_differs_from_the_ledger_is_refused_unless_explained(project, users):
    keys = listed_keys(project, users)
    counts = {keys[0].pk: 1, keys[1].pk: 2}
    with pytest.raises(DomainError) as exc:
        collect(project, users, keys, counts=counts)
    assert exc.value.code == "count_mismatch_needs_explanation" and exc.value.rule == "KEY-SHIFT-1"
    assert not ShiftKeySlip.objects.exists()
    slip = collect(project, users, keys, counts=counts, explanation="一片在保安队长处")
    assert slip.follow_status == FollowStatus.OPEN and slip.counted_pieces == 3
    entry = DutyEntry.objects.get(source=f"keys.shift_slip:{slip.pk}")
    assert entry.kind == "key_custody" and entry.status == "open" and entry.handling == "一片在保安队长处"
    with pytest.raises(DomainError) as exc:
        shift_keys.resolve_slip_followup(slip=slip, resolved_by=users["kfzg"], resolution=" ")
    assert exc.value.code == "required"
    slip = shift_keys.resolve_slip_followup(slip=slip, resolved_by=users["kfzg"], resolution="已取回")
    assert slip.follow_status == FollowStatus.RESOLVED
    entry.refresh_from_db()
    assert entry.status == "resolved" and entry.result == "已取回"


def test_a_wrong_password_of_either_person_writes_no_slip(project, users):
    keys = listed_keys(project, users)
    with pytest.raises(DomainError) as exc:
        collect(project, users, keys, received_password="wrong")
    assert exc.value.code == "bad_credentials"
    assert not ShiftKeySlip.objects.exists()


def test_one_person_cannot_hand_over_to_themselves(project, users):
    keys = listed_keys(project, users)
    with pytest.raises(DomainError) as exc:
        collect(project, users, keys, received_by=users["baoan1"])
    assert exc.value.code == "same_person" and not ShiftKeySlip.objects.exists()


def test_the_middle_shift_returns_the_collected_keys_and_closes_the_collect_slip(project, users):
    keys = listed_keys(project, users)
    out = collect(project, users, keys)
    back = shift_keys.record_slip(project=project, kind=SlipKind.RETURN, recorded_by=users["kefu1"],
                                  handed_by=users["kefu1"], received_by=users["baoan1"],
                                  counts={k.pk: 2 for k in keys}, handed_password=PASSWORD,
                                  received_password=PASSWORD, collected=out)
    out.refresh_from_db()
    assert out.status == SlipStatus.RETURNED and back.collected_id == out.pk
    with pytest.raises(DomainError) as exc:  # a collect slip is returned once
        shift_keys.record_slip(project=project, kind=SlipKind.RETURN, recorded_by=users["kefu1"],
                               handed_by=users["kefu1"], received_by=users["baoan1"], counts={k.pk: 2 for k in keys},
                               handed_password=PASSWORD, received_password=PASSWORD, collected=out)
    assert exc.value.code == "illegal_transition"
    assert ShiftKeySlip.objects.filter(kind=SlipKind.RETURN).count() == 1


def test_the_shift_key_list_is_editable(project, users):
    keys = listed_keys(project, users)
    item = shift_keys.add_shift_key(project=project, key=make_key(project, users, Category.EQUIPMENT), actor=users["kfzg"])
    assert len(shift_keys.slip_keys(project=project, kind=SlipKind.COLLECT)) == 3
    shift_keys.remove_shift_key(item=item, actor=users["kfzg"])
    assert shift_keys.slip_keys(project=project, kind=SlipKind.COLLECT) == sorted(keys, key=lambda k: k.number)
    with pytest.raises(DomainError) as exc:
        shift_keys.add_shift_key(project=project, key=keys[0], actor=users["kfzg"])
    assert exc.value.code == "already_listed"


def test_a_day_without_a_front_desk_handover_is_flagged(project, users):
    import datetime as dt

    from core import clock
    from keys.selectors import custody_checks as sel

    desk_key = make_key(project, users, Category.FRONT_DESK, name="前台抽屉", pieces=2)
    today = clock.today()
    assert sel.front_desk_missing_days(project=project, start=today, end=today) == [today]
    shift_keys.record_slip(project=project, kind=SlipKind.FRONT_DESK, recorded_by=users["kefu1"],
                           handed_by=users["kefu1"], received_by=users["kefu2"], counts={desk_key.pk: 2},
                           handed_password=PASSWORD, received_password=PASSWORD)
    assert sel.front_desk_missing_days(project=project, start=today - dt.timedelta(days=1), end=today) == [
        today - dt.timedelta(days=1)]


def test_the_duty_handover_sheet_shows_open_slips_and_a_missing_front_desk_handover(client, project, users):
    from duty.selectors.handover import build_sheet
    from duty.services.handover import start_handover

    make_key(project, users, Category.FRONT_DESK, name="前台抽屉", pieces=2)
    slip = collect(project, users, listed_keys(project, users))
    from core import clock

    h = start_handover(project=project, outgoing=users["kefu1"], incoming=users["kefu2"],
                       shift_change_at=clock.now())
    sheet = build_sheet(h)
    assert [s["serial"] for s in sheet["shift_keys"]["open_slips"]] == [slip.serial]
    assert sheet["shift_keys"]["front_desk_missing"] is True
    client.force_login(users["kefu1"])
    html = client.get(f"/duty/handover/{h.pk}/").content.decode()
    assert slip.serial in html and 'id="sheet-shift-keys"' in html


def test_the_shift_page_records_a_slip_and_shows_a_refusal(client, project, users):
    keys = listed_keys(project, users)
    client.force_login(users["kefu1"])
    with translation.override("zh-hans"):
        heading, none = _("Shift key handover"), _("None.")
    page = client.get("/keys/custody/shift/").content.decode()
    assert heading in page and "无" in none and none in page
    form = {f"count-{k.pk}": "1" for k in keys}
    form.update(handed_by=users["baoan1"].pk, received_by=users["kefu2"].pk, handed_password=PASSWORD,
                received_password=PASSWORD)
    refused = client.post("/keys/custody/shift/new/collect/", form)
    assert refused.status_code == 400
    assert 'class="error-box"' in refused.content.decode() and "KEY-SHIFT-1" in refused.content.decode()
    assert not ShiftKeySlip.objects.exists()
    form.update({f"count-{k.pk}": "2" for k in keys})
    done = client.post("/keys/custody/shift/new/collect/", form)
    slip = ShiftKeySlip.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"/custody/shift/{slip.pk}/")
    assert slip.serial in client.get(done["Location"]).content.decode()


def test_the_slip_api_records_refuses_and_hides_other_projects(api_as, project, other_project, users):
    keys = listed_keys(project, users)
    api = api_as(users["kefu1"])
    body = {"project": project.pk, "kind": "collect", "handed_by": users["baoan1"].pk, "received_by": users["kefu2"].pk,
            "counts": {str(k.pk): 2 for k in keys}, "handed_password": PASSWORD, "received_password": PASSWORD}
    created = api.post("/api/keys/custody-checks/slips/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "out"
    bad = api.post("/api/keys/custody-checks/slips/", {**body, "counts": {str(keys[0].pk): 2}}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "uncounted"
    other = api_as(users["bj_kefu1"])
    assert other.get(f"/api/keys/custody-checks/slips/{created.json()['id']}/").status_code == 404
    refused = other.post("/api/keys/custody-checks/slips/", body, format="json")
    assert refused.status_code == 404
