"""A deactivated account's password signs nothing in the duty room: neither the shift handover nor the
manager's sign-off of a day's log (CORE-6, HANDOVER-4, DUTY-LOG-4)."""
import pytest

from core import clock
from core.errors import NotAllowed
from core.testing.fixtures import PASSWORD, unchanged
from duty.models import DaySignoff, Handover, HandoverRefusal
from duty.models.handover import HandoverStatus
from duty.services import handover as svc
from duty.services.log_signoff import sign_day
from duty.states import SignoffKind
from duty.tests.handover_helpers import prepare, start

pytestmark = pytest.mark.django_db


def deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.mark.req("CORE-6", "HANDOVER-4")
def test_a_deactivated_incoming_person_cannot_sign_the_handover(project, users):
    handover = prepare(start(project, users), users)
    deactivate(users["kefu2"])
    with unchanged(Handover, HandoverRefusal), pytest.raises(NotAllowed) as err:
        svc.complete_handover(handover=handover, actor=users["kefu1"], outgoing_password=PASSWORD,
                              incoming_password=PASSWORD)
    assert err.value.code == "bad_credentials" and err.value.rule == "CORE-6"
    assert Handover.objects.get(pk=handover.pk).status != HandoverStatus.COMPLETED


@pytest.mark.req("CORE-6", "DUTY-LOG-4")
def test_a_deactivated_manager_cannot_sign_off_a_day(project, users):
    deactivate(users["jingli"])
    with unchanged(DaySignoff), pytest.raises(NotAllowed) as err:
        sign_day(project=project, day=clock.today(), kind=SignoffKind.MANAGER_SIGNOFF, signer=users["jingli"],
                 password=PASSWORD)
    assert err.value.code == "bad_credentials" and err.value.rule == "CORE-6"
