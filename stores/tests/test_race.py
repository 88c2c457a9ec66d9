"""Two storekeepers issuing the last unit at once: one wins, the other is refused, the balance is 0 and equals its
journal — real threads, real connections, on SQLite and PostgreSQL alike (STOCK-2, STOCK-4)."""
import threading

import pytest
from django.db import connections

from core.errors import Conflict
from stores.demo.stock import catalogue, warehouses
from stores.models import Movement
from stores.selectors import stock as sel
from stores.services import stock
from stores.states import DocKind
from stores.tests.helpers import MORNING, at, stocked

ISSUERS = 4


@pytest.mark.req("STOCK-2", "STOCK-4")
@pytest.mark.django_db(transaction=True)
def test_of_issues_of_the_last_unit_at_once_exactly_one_wins(world, travel):
    travel(at(MORNING))
    users, project = world.users, world.projects[0]
    site, part = warehouses(project)["site"], catalogue(world.company)["M-003"]
    stocked(project, users, site, part, 1, location=None)
    docs = [stock.create(project=project, by=users["cangguan"], kind=DocKind.OWN_USE, warehouse=site,
                         lines=[{"item": part, "quantity": 1}]) for _ in range(ISSUERS)]
    barrier, outcomes, lock = threading.Barrier(ISSUERS), [], threading.Lock()

    def attempt(doc):
        try:
            barrier.wait()
            stock.audit_document(document=doc, auditor=users["gczg"])
            result = "ok"
        except Conflict as exc:
            result = exc.code
        except Exception as exc:  # noqa: BLE001 - a database error here is a failure of the design
            result = f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(doc,)) for doc in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["insufficient_stock"] * (ISSUERS - 1) + ["ok"], outcomes
    assert sel.quantity(site, part) == 0
    assert sel.check_balances(site) == []
    assert Movement.objects.filter(warehouse=site, delta__lt=0).count() == 1


@pytest.mark.req("STOCK-7", "STOCK-2")
@pytest.mark.django_db(transaction=True)
def test_two_forms_for_the_last_tool_lent_at_once_have_one_winner(world, travel):
    from core.lending.states import LoanStatus
    from core.testing.fixtures import PASSWORD
    from stores.models import ToolLoan
    from stores.services import tools

    travel(at(MORNING))
    users, project = world.users, world.projects[0]
    site, drill = warehouses(project)["site"], catalogue(world.company)["T-001"]
    stocked(project, users, site, drill, 1, location=None)
    loans = [tools.apply(warehouse=site, tool=drill, holder=users[holder], registered_by=users["cangguan"],
                         team="维修一组", purpose="更换灯具", days=2) for holder in ("gongcheng1", "gczg")]
    barrier, outcomes, lock = threading.Barrier(len(loans)), [], threading.Lock()

    def attempt(loan):
        try:
            barrier.wait()
            tools.lend(loan=loan, issuer=users["cangguan"], holder_password=PASSWORD, counted=1)
            result = "ok"
        except Conflict as exc:
            result = exc.code
        except Exception as exc:  # noqa: BLE001 - a database error here is a failure of the design
            result = f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(loan,)) for loan in loans]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["insufficient_stock", "ok"], outcomes
    assert ToolLoan.objects.filter(tool=drill, status=LoanStatus.LENT).count() == 1
