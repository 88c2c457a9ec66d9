"""Revealing a resident's personal data: the refusals, each with nothing revealed and nothing audited (CORE-3)."""
import pytest

from core import pii
from core.errors import NotAllowed
from core.models import Resident
from core.testing.fixtures import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(world, project):
    return Resident.objects.filter(project=project).exclude(id_number_hint="").first()


@pytest.mark.req("CORE-3")
def test_a_field_that_is_not_personal_data_is_not_revealed(resident, users):
    with unchanged(Resident), pytest.raises(NotAllowed) as err:
        pii.reveal(user=users["kfzg"], resident=resident, field="name")
    assert err.value.code == "invalid_field"


@pytest.mark.req("CORE-3")
@pytest.mark.parametrize("field", ["phone", "id_number"])
def test_a_role_without_the_need_sees_nothing_and_nothing_is_audited(resident, users, field):
    with unchanged(Resident), pytest.raises(NotAllowed) as err:
        pii.reveal(user=users["kefu1"], resident=resident, field=field, reason="好奇")
    assert err.value.code == "pii_not_allowed" and err.value.rule == "CORE-3"
