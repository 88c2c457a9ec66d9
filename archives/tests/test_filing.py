"""Filing through a transfer record: both sign, counted together, originals only, late filing recorded, the
person handing over is not the archivist receiving (ARCH-3); a sealed volume takes nothing (ARCH-9)."""
import datetime as dt

import pytest

from archives.models import Item, Transfer
from archives.services import access, sealing
from archives.tests.helpers import categories, file, rows, volume
from core import clock
from core.errors import DomainError
from core.models import Policy
from core.signatures import signatures_of

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0))


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.mark.req("ARCH-3", "CORE-6")
def test_records_are_filed_with_a_transfer_record_both_sides_sign(project, users, audited):
    vol = volume(project, users)
    transfer = file(vol, users, rows(3))
    assert transfer.number == "YJ-20260512-001" and transfer.counted == 3 and transfer.late_items == 0
    signed = {s.capacity: s.signer for s in signatures_of(transfer)}
    assert signed == {"archives_handed_by": users["kefu1"], "archives_received_by": users["dangan"]}
    vol.refresh_from_db()
    assert vol.item_count == 3 and list(vol.items.values_list("seq", flat=True)) == [1, 2, 3]
    assert audited("archives.transfer.filed", transfer).data["items"] == 3
    again = file(vol, users, rows(1))
    assert again.number == "YJ-20260512-002" and Item.objects.get(transfer=again).seq == 4


@pytest.mark.req("ARCH-3")
def test_the_archivist_cannot_hand_over_to_themselves(project, users, two_hats, unchanged):
    vol = volume(project, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users, by="dangan")
    assert (refused.value.code, refused.value.rule) == ("same_person", "ARCH-3")


@pytest.mark.req("ARCH-3")
def test_only_the_archivist_receives(project, users, unchanged):
    vol = volume(project, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users, by="kefu2", receiver="kefu1")
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("ARCH-3")
def test_a_copy_is_refused_unless_the_policy_allows_copies_in_its_category(project, users, unchanged):
    vol = volume(project, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users, rows(2, original=False))
    assert refused.value.code == "copy_not_accepted" and "原件" in str(refused.value.clause)
    Policy.objects.create(key="archives.filing.copy_categories", project=project, value=["QJ"], clause="本项目规定")
    transfer = file(vol, users, rows(1, original=False))
    assert not transfer.items.get().original


@pytest.mark.req("ARCH-3")
def test_a_count_that_does_not_match_the_list_is_refused(project, users, unchanged):
    vol = volume(project, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users, rows(3), counted=2)
    assert refused.value.code == "count_mismatch"


@pytest.mark.req("ARCH-3", "CORE-6")
def test_a_wrong_password_of_the_person_handing_over_files_nothing(project, users, unchanged):
    vol = volume(project, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users, password="wrong")
    assert refused.value.code == "bad_credentials"


@pytest.mark.req("ARCH-3")
@pytest.mark.parametrize("change,code", [
    ({"pages": 0}, "invalid_pages"), ({"title": ""}, "required"),
    ({"doc_date": dt.date(2026, 5, 13)}, "invalid_date"), ({"doc_date": "2026-05-01"}, "invalid_date"),
])
def test_an_item_that_is_not_right_files_nothing(project, users, unchanged, change, code):
    vol = volume(project, users)
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users, [{**rows(1)[0], **change}])
    assert refused.value.code == code


@pytest.mark.req("ARCH-3")
def test_a_record_filed_later_than_the_policy_allows_is_recorded_as_late(project, users):
    vol = volume(project, users)
    transfer = file(vol, users, [*rows(1, days_ago=30), *rows(1, days_ago=31)])
    late = dict(transfer.items.values_list("doc_date", "late"))
    assert late == {dt.date(2026, 4, 12): False, dt.date(2026, 4, 11): True}
    assert transfer.late_items == 1
    Policy.objects.create(key="archives.filing.days_after_event", project=project, value=60, clause="本项目规定")
    assert file(vol, users, rows(1, days_ago=31)).late_items == 0


@pytest.mark.req("ARCH-9")
def test_a_sealed_volume_refuses_new_items(project, users, unchanged):
    vol = sealing.seal_volume(volume=volume(project, users), by=users["dangan"])
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users)
    assert (refused.value.code, refused.value.status, refused.value.rule) == ("volume_sealed", 409, "ARCH-9")


@pytest.mark.req("ARCH-11")
def test_personal_files_are_filed_only_by_an_archivist_with_the_managers_permission(project, users, unchanged):
    vol = volume(project, users, "RS", title="员工个人档案")
    with unchanged(vol), pytest.raises(DomainError) as refused:
        file(vol, users)
    assert refused.value.code == "confidential_not_allowed"
    access.grant_confidential(project=project, granted_by=users["jingli"], person=users["dangan"],
                              until=dt.date(2026, 6, 30), reason="员工档案归档")
    assert file(vol, users).items.filter(confidential=True).count() == 2


@pytest.mark.req("ARCH-3")
def test_the_transfer_page_files_and_prints_the_record_with_both_signatures(client, project, users):
    vol = volume(project, users)
    client.force_login(users["dangan"])
    page = client.get(f"/archives/volumes/{vol.pk}/file/")
    assert page.status_code == 200
    form = {"handed_by": users["kefu1"].pk, "password": "test-pass-2026", "counted": "2",
            "title_0": "一月检查表", "date_0": "2026-05-01", "pages_0": "3",
            "title_1": "二月检查表", "date_1": "2026-05-02", "pages_1": "2", "copy_1": ""}
    response = client.post(f"/archives/volumes/{vol.pk}/file/", form)
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    printed = client.get(f"/archives/transfers/{transfer.pk}/print/").content.decode()
    assert "一月检查表" in printed and users["kefu1"].display_name in printed and users["dangan"].display_name in printed
    bad = client.post(f"/archives/volumes/{vol.pk}/file/", {**form, "counted": "5"})
    assert bad.status_code == 400 and Transfer.objects.count() == 1
    copy = client.post(f"/archives/volumes/{vol.pk}/file/", {**form, "copy_1": "on"})
    assert copy.status_code == 400 and copy.context["err"]["code"] == "copy_not_accepted"


@pytest.mark.req("ARCH-3")
def test_the_api_files_records_and_refuses_another_projects_volume(project, users, api_as, unchanged):
    vol = volume(project, users)
    body = {"volume": vol.pk, "handed_by": users["kefu1"].pk, "handed_by_password": "test-pass-2026", "counted": 1,
            "items": [{"title": "检查表", "doc_date": "2026-05-01", "pages": 2}]}
    response = api_as(users["dangan"]).post("/api/archives/transfers/", body, format="json")
    assert response.status_code == 201 and response.json()["items"][0]["seq"] == 1
    with unchanged(vol):
        assert api_as(users["bj_dangan"]).post("/api/archives/transfers/", body, format="json").status_code == 404
    assert categories(project, users)  # the categories stay the company's
