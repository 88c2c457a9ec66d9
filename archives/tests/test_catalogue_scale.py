"""The general catalogue at a million volumes (issue 15 "Scale"): its order is one index (the category's shelf
order copied onto each volume and kept when the category is reordered), and its pages count up to a cap and then
say "more than", so a page costs the same in a small project and a large one (bench/archives.py measures it)."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archives.models import Volume
from archives.services import catalogue
from archives.tests.helpers import categories, volume
from core import clock
from core.pagination import CappedCountPagination, CappedPaginator

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0))
API = "/api/archives/volumes/"


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


def _numbers(answer) -> list[str]:
    return [row["number"] for row in answer.json()["results"]]


@pytest.mark.req("ARCH-2", "ARCH-4")
def test_reordering_a_category_reorders_the_general_catalogue(project, users, api_as):
    cats = categories(project, users)
    cleaning, greening = volume(project, users, "QJ"), volume(project, users, "LH")
    assert cats["QJ"].order < cats["LH"].order
    api = api_as(users["dangan"])
    first = _numbers(api.get(f"{API}?project={project.pk}"))
    assert first.index(cleaning.number) < first.index(greening.number)
    catalogue.edit_category(category=cats["QJ"], by=users["dangan"], name=cats["QJ"].name,
                            order=cats["LH"].order + 1, read_only=False, confidential=False, active=True)
    assert Volume.objects.get(pk=cleaning.pk).category_order == cats["LH"].order + 1
    after = _numbers(api.get(f"{API}?project={project.pk}"))
    assert after.index(greening.number) < after.index(cleaning.number)


@pytest.mark.req("ARCH-2")
def test_a_new_volume_carries_its_categorys_shelf_order(project, users):
    cats = categories(project, users)
    made = volume(project, users, "HT")
    assert made.category_order == cats["HT"].order != 0


@pytest.mark.req("ARCH-2")
def test_the_catalogue_api_counts_up_to_the_cap_then_says_more_than(project, users, api_as, monkeypatch):
    for n in range(5):
        volume(project, users, "QJ", title=f"卷{n}")
    api = api_as(users["dangan"])
    whole = api.get(f"{API}?project={project.pk}&limit=2").json()
    assert (whole["count"], whole["count_capped"]) == (5, False)
    monkeypatch.setattr(CappedCountPagination, "count_cap", 3)
    capped = api.get(f"{API}?project={project.pk}&limit=2").json()
    assert (capped["count"], capped["count_capped"]) == (3, True)
    assert capped["next"] and "offset=2" in capped["next"]
    # Past the cap the rows go on: the next link is given while another row exists, and not after the last.
    third = api.get(f"{API}?project={project.pk}&limit=2&offset=4").json()
    assert len(third["results"]) == 1 and third["next"] is None and third["count"] == 5
    middle = api.get(f"{API}?project={project.pk}&limit=1&offset=3").json()
    assert middle["next"] and "offset=4" in middle["next"]


@pytest.mark.req("ARCH-2")
def test_a_capped_count_reads_no_more_rows_than_the_cap(project, users):
    for n in range(4):
        volume(project, users, "QJ", title=f"卷{n}")
    paginator = CappedPaginator(Volume.objects.filter(project=project).order_by("pk"), 2)
    paginator.cap = 3
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 3
    assert paginator.capped is True and paginator.num_pages == 2
    assert "LIMIT 4" in queries.captured_queries[0]["sql"].upper()
    small = CappedPaginator(Volume.objects.filter(project=project).order_by("pk"), 2)
    assert small.count == 4 and small.capped is False


@pytest.mark.req("ARCH-2")
def test_the_catalogue_page_says_more_than_when_capped(project, users, client, monkeypatch):
    for n in range(3):
        volume(project, users, "QJ", title=f"卷{n}")
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    client.force_login(users["dangan"])
    page = client.get(reverse("archives:catalogue"))
    assert page.status_code == 200
    assert page.context["page"].paginator.capped is True
    assert page.context["page"].paginator.count == 2
    assert len(page.context["page"].object_list) == 3  # the page still shows every row it holds
