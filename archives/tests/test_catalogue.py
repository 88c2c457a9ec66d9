"""Categories, volumes and their numbers, retention, the general catalogue (ARCH-1, ARCH-2)."""
import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from archives.models import Category, Volume
from archives.services import catalogue
from archives.states import Retention
from archives.tests.helpers import categories, department, volume
from core import clock
from core.errors import DomainError
from core.models import AuditEvent

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0))
API = "/api/archives/volumes/"


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.mark.req("ARCH-1", "ARCH-11")
def test_the_regulations_categories_are_seeded_once_per_company(project, users):
    cats = categories(project, users)
    assert len(cats) == 15
    assert {"YH", "QJ", "LH", "ZB", "XJ", "WX", "ZL", "WS", "JH", "AF", "JK", "HT", "YX", "QT"} <= set(cats)
    assert cats["RS"].confidential and cats["RS"].read_only and cats["WS"].read_only and not cats["QJ"].read_only
    assert catalogue.seed_categories(company=project.company, by=users["dangan"]) == 0
    assert Category.objects.filter(company=project.company).count() == 15


@pytest.mark.req("ARCH-1")
def test_the_archivist_renames_and_reorders_a_category(project, users):
    qj = categories(project, users)["QJ"]
    catalogue.edit_category(category=qj, by=users["dangan"], name="保洁管理", order=5, read_only=False,
                            confidential=False, active=True)
    qj.refresh_from_db()
    assert (qj.name, qj.order, qj.code) == ("保洁管理", 5, "QJ")
    assert AuditEvent.objects.filter(action="archives.category.edited", target_id=str(qj.pk)).exists()


@pytest.mark.req("ARCH-1")
def test_a_clerk_may_not_edit_categories(project, users, unchanged):
    qj = categories(project, users)["QJ"]
    with unchanged(qj), pytest.raises(DomainError) as refused:
        catalogue.edit_category(category=qj, by=users["kefu1"], name="x", order=1, read_only=False,
                                confidential=False, active=True)
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("ARCH-11")
def test_only_the_manager_makes_personal_files_ordinary(project, users, unchanged):
    rs = categories(project, users)["RS"]
    with unchanged(rs), pytest.raises(DomainError) as refused:
        catalogue.edit_category(category=rs, by=users["dangan"], name=rs.name, order=rs.order, read_only=True,
                                confidential=False, active=True)
    assert refused.value.code == "confidential_not_allowed" and refused.value.rule == "ARCH-11"


@pytest.mark.req("ARCH-2")
def test_volumes_are_numbered_per_project_category_and_year_and_a_number_is_never_given_twice(
        project, other_project, users):
    first = volume(project, users, "QJ")
    second = volume(project, users, "QJ", title="第二卷")
    other_category = volume(project, users, "ZB", title="值班记录")
    last_year = volume(project, users, "QJ", year=2025, title="去年")
    assert [first.number, second.number, other_category.number, last_year.number] == [
        "DA-2026-QJ-0001", "DA-2026-QJ-0002", "DA-2026-ZB-0001", "DA-2025-QJ-0001"]
    bj = {k.replace("bj_", ""): v for k, v in users.items() if k.startswith("bj_")}
    assert volume(other_project, bj, "QJ").number == "DA-2026-QJ-0001"  # each project its own series
    with pytest.raises(IntegrityError), transaction.atomic():
        Volume.objects.filter(pk=second.pk).update(number=first.number)
    # The counter, not a count of rows, gives the next number: it would not fall back if a volume went.
    Volume.objects.filter(pk=second.pk).update(seq=99, number="DA-2026-QJ-0099")
    assert volume(project, users, "QJ", title="第三卷").number == "DA-2026-QJ-0003"


@pytest.mark.req("ARCH-2")
def test_retention_follows_the_category_policy_or_the_archivists_choice(project, users):
    resident = volume(project, users, "YH", title="业户资料")
    cleaning = volume(project, users, "QJ")
    contract = volume(project, users, "HT", title="合同", retention=Retention.YEARS, retention_years=5)
    assert (resident.retention, resident.retain_until) == (Retention.PERMANENT, dt.date(9999, 12, 31))
    assert (cleaning.retention, cleaning.retain_until) == (Retention.SHORT, dt.date(2036, 12, 31))
    assert contract.retain_until == dt.date(2031, 12, 31)


@pytest.mark.req("ARCH-2")
@pytest.mark.parametrize("change,code", [
    ({"title": "  "}, "required"),
    ({"year": 2027}, "invalid_year"),
    ({"retention": "forever"}, "invalid_retention"),
    ({"retention": Retention.YEARS}, "invalid_retention"),
    ({"department": None}, "owner_required"),
    ({"by": "kefu1"}, "role_not_allowed"),
])
def test_a_volume_that_is_not_right_is_refused_and_nothing_is_opened(project, users, unchanged, change, code):
    cats = categories(project, users)
    args = {"project": project, "by": users["dangan"], "category": cats["QJ"], "year": 2026, "title": "清洁",
            "department": department(project)}
    args.update({k: (users[v] if k == "by" else v) for k, v in change.items()})
    with unchanged(), pytest.raises(DomainError) as refused:
        catalogue.open_volume(**args)
    assert refused.value.code == code
    assert not Volume.objects.exists()


@pytest.mark.req("ARCH-1")
def test_a_retired_category_takes_no_new_volume(project, users, unchanged):
    qj = categories(project, users)["QJ"]
    catalogue.edit_category(category=qj, by=users["dangan"], name=qj.name, order=qj.order, read_only=False,
                            confidential=False, active=False)
    with unchanged(), pytest.raises(DomainError) as refused:
        volume(project, users, "QJ")
    assert refused.value.code == "invalid_category"


@pytest.mark.req("ARCH-2")
def test_the_general_catalogue_is_paged_filtered_and_searched(project, users, api_as):
    for i in range(3):
        volume(project, users, "QJ", title=f"清洁卫生 第{i + 1}卷")
    volume(project, users, "ZB", title="值班记录")
    volume(project, users, "QJ", year=2025, title="去年清洁")
    client = api_as(users["kfzg"])
    page = client.get(API, {"project": project.pk, "limit": 2}).json()
    assert page["count"] == 5 and len(page["results"]) == 2 and page["next"]
    qj = categories(project, users)["QJ"]
    assert client.get(API, {"project": project.pk, "category": qj.pk, "year": 2026}).json()["count"] == 3
    assert [v["number"] for v in client.get(API, {"project": project.pk, "q": "值班"}).json()["results"]] == [
        "DA-2026-ZB-0001"]
    assert client.get(API, {"project": project.pk, "q": "DA-2025-QJ-0001"}).json()["count"] == 1
    assert client.get(API, {"project": project.pk, "year": "abc"}).status_code == 400


@pytest.mark.req("ARCH-2", "CORE-1")
def test_the_catalogue_is_closed_to_other_roles_and_other_projects(project, users, api_as):
    vol = volume(project, users)
    assert api_as(users["baoan1"]).get(API, {"project": project.pk}).status_code == 403
    assert api_as(users["bj_dangan"]).get(f"{API}{vol.pk}/").status_code == 404


@pytest.mark.req("ARCH-2")
def test_the_archivist_opens_a_volume_over_the_api_and_the_page(client, project, users, api_as):
    cats = categories(project, users)
    response = api_as(users["dangan"]).post(API, {"project": project.pk, "category": cats["ZB"].pk, "year": 2026,
                                                  "title": "值班记录", "department": department(project).pk},
                                            format="json")
    assert response.status_code == 201 and response.json()["number"] == "DA-2026-ZB-0001"
    client.force_login(users["dangan"])
    response = client.post("/archives/volumes/new/", {"category": cats["ZB"].pk, "year": "2026", "title": "值班记录二",
                                                      "owner": f"d{department(project).pk}"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    bad = client.post("/archives/volumes/new/", {"category": cats["ZB"].pk, "year": "abc", "title": "x", "owner": "d"})
    assert bad.status_code == 400 and Volume.objects.count() == 2
