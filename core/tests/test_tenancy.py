import pytest

from core.errors import NotFound
from core.permissions import projects_for, require_member
from keys.selectors.loans import keys_for, loans_for
from keys.tests.helpers import make_key


@pytest.mark.req("CORE-1")
def test_a_user_sees_only_the_projects_they_are_assigned_to(world, project, other_project, users):
    assert list(projects_for(users["kefu1"])) == [project]
    assert set(projects_for(users["zongjingli"])) == {project, other_project}
    with pytest.raises(NotFound):
        require_member(users["kefu1"], other_project)


@pytest.mark.req("CORE-1")
def test_records_belong_to_one_project_and_stay_there(world, project, other_project, users):
    mine = make_key(project, users, name="mine")
    theirs = make_key(other_project, {"kefu1": users["bj_kefu1"]}, name="theirs")
    assert list(keys_for(users["kefu1"])) == [mine]
    assert list(keys_for(users["bj_kefu1"])) == [theirs]
    assert not loans_for(users["kefu1"]).exists()


@pytest.mark.req("CORE-1")
def test_the_hierarchy_runs_company_project_building_unit(world, project):
    unit = project.units.select_related("building__project__company").first()
    assert unit.building.project == project and project.company == world.company


@pytest.mark.req("CORE-2")
def test_staff_have_departments_and_roles_per_project(world, project, other_project, users):
    from core.permissions import roles_in

    assert users["kefu1"].department.code == "cs"
    assert roles_in(users["kefu1"], project) == {"cs_assistant", "key_keeper"}
    assert roles_in(users["kefu1"], other_project) == frozenset()
    every_role = {"cs_assistant", "cs_supervisor", "site_manager", "general_manager", "admin_staff", "key_keeper",
                  "archivist", "storekeeper", "technician", "security_guard"}
    held = set(project.memberships.values_list("role", flat=True))
    assert every_role <= held


@pytest.mark.req("CORE-2")
def test_residents_have_units_and_contacts(world, project):
    resident = project.residents.prefetch_related("units").first()
    assert resident.units.exists() and resident.phone
