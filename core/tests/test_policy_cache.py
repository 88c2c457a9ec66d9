"""The per-worker policy cache: fewer reads, and a change is seen at once in the process that made it."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import policies
from core.models import Policy

KEY = "keys.end_of_working_day"


def _override(project, value):
    return Policy.objects.create(key=KEY, project=project, value=value, clause="test clause")


@pytest.mark.req("CORE-1")
def test_a_second_read_within_the_cache_time_asks_the_database_nothing(project):
    first = policies.resolve(KEY, project)
    with CaptureQueriesContext(connection) as ctx:
        again = policies.resolve(KEY, project)
    assert again == first and len(ctx.captured_queries) == 0


@pytest.mark.req("CORE-1")
def test_a_project_override_saved_here_is_seen_at_once_and_only_by_that_project(world, project):
    other = world.projects[1]
    default = policies.value(KEY, project)
    row = _override(project, "16:30")
    assert policies.resolve(KEY, project).value == "16:30" and policies.resolve(KEY, project).scope == "project"
    assert policies.value(KEY, other) == default
    row.delete()
    assert policies.value(KEY, project) == default


@pytest.mark.req("CORE-1")
def test_a_company_override_applies_to_its_projects_unless_a_project_row_wins(world, project):
    Policy.objects.create(key=KEY, company_id=project.company_id, value="17:00", clause="company")
    assert policies.resolve(KEY, project).scope == "company" and policies.value(KEY, project) == "17:00"
    _override(project, "18:00")
    assert policies.value(KEY, project) == "18:00"


@pytest.mark.req("CORE-1")
def test_a_queryset_update_empties_the_cache_too(project):
    policies.value(KEY, None)
    Policy.objects.filter(key=KEY, project__isnull=True, company__isnull=True).update(value="19:15")
    assert policies.value(KEY, project) == "19:15"


@pytest.mark.req("CORE-1")
def test_a_caller_changing_the_value_it_got_does_not_change_the_policy(project):
    chain = policies.value("keys.approval.unit", project)
    original = list(chain)
    chain.append({"code": "tampered"})
    assert policies.value("keys.approval.unit", project) == original


@pytest.mark.req("CORE-1")
def test_with_the_cache_off_every_read_asks_the_database(project, settings):
    settings.POLICY_CACHE_SECONDS = 0
    policies.forget_cached()
    policies.value(KEY, project)
    with CaptureQueriesContext(connection) as ctx:
        policies.value(KEY, project)
    assert len(ctx.captured_queries) == 1
