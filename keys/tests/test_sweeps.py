import datetime as dt

import pytest
from django.core.management import call_command

from core.models import Notification
from keys.sweeps.loans import sweep_project
from keys.tests.helpers import lend


@pytest.mark.req("KEY-LOAN-7")
def test_an_overdue_key_notifies_its_holder_and_the_custodians_once_a_day(project, users, public_key):
    loan = lend(public_key, users)
    assert sweep_project(project) == 0
    loan.due_at = loan.checked_out_at - dt.timedelta(minutes=5)
    loan.save(update_fields=["due_at"])
    sent = sweep_project(project)
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert sent == len(recipients) and {"gongcheng1", "xingzheng"} <= recipients
    assert sweep_project(project) == 0
    call_command("run_sweeps")
    assert Notification.objects.filter(kind__in=["keys.overdue", "keys.paperwork"]).count() == sent
