"""Each department and each external unit its own series, sealed a year after its year (ARCH-9); confidential
archives seen only with the manager's permission (ARCH-11)."""
import datetime as dt

import pytest

from archives.models import ConfidentialGrant, Volume
from archives.services import access, catalogue
from archives.states import Owner, VolumeStatus
from archives.sweeps import sweep_project
from archives.tests.helpers import categories, department, file, volume
from core import clock
from core.errors import DomainError
from core.models import AuditEvent

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0))


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.mark.req("ARCH-9")
def test_each_department_and_each_external_unit_has_its_own_series(project, users, api_as):
    water = catalogue.add_external_unit(project=project, by=users["dangan"], name="市自来水公司")
    ours = volume(project, users, "HT", title="保洁合同", department=department(project, "admin"))
    theirs = volume(project, users, "HT", title="供水合同", external_unit=water)
    assert (ours.owner, theirs.owner, theirs.series) == (Owner.DEPARTMENT, Owner.EXTERNAL, "市自来水公司")
    listed = api_as(users["dangan"]).get("/api/archives/volumes/", {"project": project.pk, "unit": water.pk}).json()
    assert [v["number"] for v in listed["results"]] == [theirs.number]
    with pytest.raises(DomainError) as refused:
        catalogue.add_external_unit(project=project, by=users["dangan"], name="市自来水公司")
    assert refused.value.code == "duplicate_unit"


@pytest.mark.req("ARCH-9")
def test_a_volume_belongs_to_one_series_only(project, users, unchanged):
    water = catalogue.add_external_unit(project=project, by=users["dangan"], name="市自来水公司")
    categories(project, users)
    with unchanged(), pytest.raises(DomainError) as refused:
        volume(project, users, "HT", department=department(project), external_unit=water)
    assert refused.value.code == "owner_required" and not Volume.objects.exists()


@pytest.mark.req("ARCH-9")
def test_the_yearly_sweep_seals_last_years_volumes_and_a_sealed_one_takes_no_items(project, users, travel,
                                                                                   unchanged):
    last_year = volume(project, users, year=2025, title="去年")
    this_year = volume(project, users, title="今年")
    sweep_project(project)  # in 2026 last year's volume is due
    last_year.refresh_from_db()
    this_year.refresh_from_db()
    assert (last_year.status, this_year.status) == (VolumeStatus.SEALED, VolumeStatus.OPEN)
    event = AuditEvent.objects.get(action="archives.volume.sealed", target_id=str(last_year.pk))
    assert event.actor_id is None and event.data["reason"] == "yearly"
    sweep_project(project)  # idempotent
    assert AuditEvent.objects.filter(action="archives.volume.sealed").count() == 1
    with unchanged(last_year), pytest.raises(DomainError) as refused:
        file(last_year, users)
    assert refused.value.code == "volume_sealed"
    travel(clock.at_beijing(dt.date(2027, 1, 1), dt.time(1, 0)))
    sweep_project(project)
    this_year.refresh_from_db()
    assert this_year.status == VolumeStatus.SEALED


@pytest.mark.req("ARCH-9")
def test_the_api_seals_a_volume_once(project, users, api_as):
    vol = volume(project, users)
    client = api_as(users["dangan"])
    assert client.post(f"/api/archives/volumes/{vol.pk}/seal/").json()["status"] == "sealed"
    again = client.post(f"/api/archives/volumes/{vol.pk}/seal/")
    assert (again.status_code, again.json()["code"]) == (409, "illegal_transition")
    assert api_as(users["kefu1"]).post(f"/api/archives/volumes/{vol.pk}/seal/").status_code == 403


@pytest.mark.req("ARCH-11")
def test_personal_files_are_listed_but_their_contents_shown_only_with_the_managers_permission(
        project, users, api_as, client):
    staff = volume(project, users, "RS", title="员工个人档案")
    grant = access.grant_confidential(project=project, granted_by=users["jingli"], person=users["dangan"],
                                      until=dt.date(2026, 5, 31), reason="归档")
    file(staff, users, [{"title": "陈静 劳动合同", "doc_date": dt.date(2026, 5, 1), "pages": 4}])
    access.revoke_confidential(grant=grant, revoked_by=users["jingli"])
    url = f"/api/archives/volumes/{staff.pk}/"
    hidden = api_as(users["dangan"]).get(url).json()
    assert hidden["items"] is None and hidden["items_hidden"] and not hidden["lendable"]
    assert api_as(users["kfzg"]).get(url).json()["items"] is None
    assert api_as(users["jingli"]).get(url).json()["items"][0]["title"] == "陈静 劳动合同"
    client.force_login(users["dangan"])
    page = client.get(f"/archives/volumes/{staff.pk}/").content.decode()
    assert "劳动合同" not in page and staff.number in page
    assert "劳动合同" not in client.get(f"/archives/volumes/{staff.pk}/print/").content.decode()
    client.force_login(users["jingli"])
    assert "劳动合同" in client.get(f"/archives/volumes/{staff.pk}/").content.decode()


@pytest.mark.req("ARCH-11")
def test_a_permission_runs_out_on_its_day(project, users, travel):
    access.grant_confidential(project=project, granted_by=users["jingli"], person=users["kfzg"],
                              until=dt.date(2026, 5, 20), reason="年度检查")
    assert access.may_see_confidential(users["kfzg"], project)
    travel(clock.at_beijing(dt.date(2026, 5, 21), dt.time(9, 0)))
    assert not access.may_see_confidential(users["kfzg"], project)


@pytest.mark.req("ARCH-11")
@pytest.mark.parametrize("by,until,code", [
    ("dangan", dt.date(2026, 5, 20), "role_not_allowed"),
    ("kfzg", dt.date(2026, 5, 20), "role_not_allowed"),
    ("jingli", dt.date(2026, 9, 1), "invalid_until"),
    ("jingli", dt.date(2026, 5, 1), "invalid_until"),
])
def test_only_the_manager_gives_a_limited_permission(project, users, unchanged, by, until, code):
    with unchanged(), pytest.raises(DomainError) as refused:
        access.grant_confidential(project=project, granted_by=users[by], person=users["dangan"], until=until,
                                  reason="查阅")
    assert refused.value.code == code and not ConfidentialGrant.objects.exists()


@pytest.mark.req("ARCH-11")
def test_the_manager_gives_and_withdraws_permission_on_the_page(client, project, users):
    client.force_login(users["jingli"])
    assert client.get("/archives/permissions/").status_code == 200
    response = client.post("/archives/permissions/", {"person": users["dangan"].pk, "until": "2026-06-01",
                                                      "reason": "员工档案归档"})
    assert response.status_code == 302
    grant = ConfidentialGrant.objects.get()
    assert client.post("/archives/permissions/", {"action": "revoke", "grant": grant.pk}).status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    client.force_login(users["dangan"])
    assert client.get("/archives/permissions/").status_code == 403
