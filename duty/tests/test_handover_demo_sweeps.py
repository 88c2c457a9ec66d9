"""Demo data and reminders of the handover area."""
import pytest

from core.models import Notification
from core.testing.fixtures import PASSWORD
from duty.demo import handover as demo
from duty.models import CarryItem, Handover, HandoverStatus
from duty.sweeps import handover as sweeps
from duty.tests.handover_helpers import start


def test_the_demo_has_one_completed_handover_in_cuihu_between_kefu1_and_kefu2(world, settings):
    settings.PROPDESK_DEMO_PASSWORD = PASSWORD
    demo.build(world)
    demo.build(world)
    handover = Handover.objects.get()
    assert handover.project == world.projects[0] and handover.status == HandoverStatus.COMPLETED
    assert (handover.outgoing.username, handover.incoming.username) == ("kefu1", "kefu2")
    assert CarryItem.objects.filter(handover=handover, done_at__isnull=True).count() == 1


@pytest.mark.req("HANDOVER-6")
def test_a_missed_takeover_is_told_to_the_outgoing_person_and_supervisors_once(project, users):
    start(project, users, minutes=-120)
    start(project, users, outgoing="kfzg", incoming="kefu1", minutes=30)
    queued = sweeps.sweep_project(project)
    assert queued >= 2 and sweeps.sweep_project(project) == 0
    recipients = set(Notification.objects.filter(kind="duty.handover.missed").values_list("recipient__username",
                                                                                           flat=True))
    assert {"kefu1", "kfzg"} <= recipients
