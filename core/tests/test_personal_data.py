import pytest
from django.db import connection

from core import pii
from core.audit import history
from core.errors import NotAllowed
from core.models import Resident


@pytest.fixture
def resident(world, project):
    return Resident.objects.filter(project=project).exclude(id_number_hint="").first()


@pytest.mark.req("CORE-3")
def test_phone_and_id_are_masked_by_default(resident):
    masked = pii.masked(resident)
    assert resident.phone not in masked["phone"] and masked["phone"].count("*") == 4
    assert masked["id_number"].endswith(resident.id_number_hint) and "*" in masked["id_number"]


@pytest.mark.req("CORE-3")
def test_id_numbers_are_ciphertext_at_rest(resident):
    clear = pii.reveal(user=resident.project.memberships.get(role="cs_supervisor").user, resident=resident,
                       field="id_number")
    with connection.cursor() as cur:
        cur.execute("SELECT id_number_cipher FROM core_resident WHERE id = %s", [resident.pk])
        stored = cur.fetchone()[0]
    assert clear not in stored and len(clear) == 18


@pytest.mark.req("CORE-3")
def test_only_roles_that_need_it_see_the_number_and_every_reveal_is_audited(resident, users):
    with pytest.raises(NotAllowed) as err:
        pii.reveal(user=users["gongcheng1"], resident=resident, field="phone")
    assert err.value.rule == "CORE-3"
    assert pii.reveal(user=users["kfzg"], resident=resident, field="phone", reason="回访") == resident.phone
    events = list(history(resident))
    assert [e.action for e in events] == ["core.pii.revealed"] and events[0].actor_id == users["kfzg"].pk


@pytest.mark.req("CORE-3")
def test_another_projects_staff_cannot_reveal(resident, users):
    from core.errors import NotFound

    with pytest.raises(NotFound):
        pii.reveal(user=users["bj_kfzg"], resident=resident, field="phone")
