"""A deactivated account's password signs nothing at the front desk: a public-facility repair slip is not signed
by staff whose account was deactivated (CORE-6, REPAIR-3)."""
import pytest

from core.errors import NotAllowed
from core.testing.fixtures import PASSWORD, unchanged
from desk.models import Closure, Repair, RepairStatus
from desk.services import repairs_sign
from desk.tests.test_repairs_factories import completed, public

pytestmark = pytest.mark.django_db


@pytest.mark.req("CORE-6", "REPAIR-3")
def test_a_deactivated_supervisor_cannot_sign_a_public_slip_with_their_old_password(project, users):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    signer = users["kfzg"]
    signer.is_active = False
    signer.save(update_fields=["is_active"])
    with unchanged(Repair, Closure), pytest.raises(NotAllowed) as err:
        repairs_sign.sign_by_staff(repair=repair, signer=signer, password=PASSWORD, actor=users["kefu1"])
    assert err.value.code == "signer_not_allowed" and err.value.rule == "REPAIR-3"
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.COMPLETED
