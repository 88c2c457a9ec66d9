"""Two clerks at once never get the same receipt number nor skip one — real threads, real connections (FEE-1)."""
import threading

import pytest
from django.db import connections

from core import clock
from siteoffice.models import Receipt
from siteoffice.services import prices, receipts
from siteoffice.states import FeeKind, PayMethod

CLERKS = 8


@pytest.mark.req("FEE-1")
@pytest.mark.django_db(transaction=True)
def test_clerks_issuing_at_once_get_consecutive_distinct_numbers(world):
    users, project = world.users, world.projects[0]
    price = prices.publish(project=project, by=users["kfzg"], kind=FeeKind.SERVICE, name="物业服务费",
                           unit_label="元", unit_price="1.00", effective_from=clock.today())
    barrier = threading.Barrier(CLERKS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(clerk):
        try:
            barrier.wait()
            receipts.issue(project=project, clerk=clerk, price=price, quantity="1", payer="甲",
                           method=PayMethod.CASH)
            result = "ok"
        except Exception as exc:  # noqa: BLE001 - a database error here is a failure of the design
            result = f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(users["kefu1" if i % 2 else "kefu2"],))
               for i in range(CLERKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert outcomes == ["ok"] * CLERKS, outcomes
    seqs = sorted(Receipt.objects.filter(project=project).values_list("seq", flat=True))
    assert seqs == list(range(1, CLERKS + 1))
