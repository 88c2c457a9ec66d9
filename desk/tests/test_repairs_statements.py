"""What reporting a repair and issuing its slip cost (REPAIR-1, REPAIR-5): statements per request, never a timer.

Numbered from one counter row, one audit append as the last write, one notification insert without a savepoint:
a repair slip no longer scans its day's numbers or locks the audit tip mid-transaction (issue 17)."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import clock
from desk.models import Repair, RepairStatus
from desk.tests.test_repairs_factories import unit_of

# Session, user with their roles, project, unit, BEGIN, the counter (one UPDATE … RETURNING), the insert, the audit
# tip (lock, insert, move), COMMIT.
REPORT_BUDGET = 11
# Session, user with their roles, the repair with its project, the technician with theirs, BEGIN, the lock, the
# counter, the update, the notification, its resolution, the audit tip (three), COMMIT.
DISPATCH_BUDGET = 14


def _report(api, project, unit):
    return api.post("/api/desk/repairs/", {"project": project.pk, "person_name": "业主", "phone": "138",
                                           "unit": unit.pk, "content": "漏水", "category": "水电"}, format="json")


@pytest.mark.req("REPAIR-1", "REPAIR-5")
def test_reporting_and_dispatching_stay_within_their_statement_budget(api_as, project, users, travel):
    travel(clock.at_beijing(dt.date(2026, 11, 30), dt.time(10, 0)))
    api = api_as(users["kefu1"])
    technician = {"technician": users["gongcheng1"].pk}
    # A desk that has worked a while: one repair first, so policies and today's counters exist.
    unit = unit_of(project)
    warm = _report(api, project, unit).json()["id"]
    api.post(f"/api/desk/repairs/{warm}/dispatch/", technician, format="json")
    with CaptureQueriesContext(connection) as reported:
        response = _report(api, project, unit)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    with CaptureQueriesContext(connection) as dispatched:
        response = api.post(f"/api/desk/repairs/{pk}/dispatch/", technician, format="json")
    assert response.status_code == 200 and response.json()["slip_number"].startswith("RW-")
    assert Repair.objects.get(pk=pk).status == RepairStatus.DISPATCHED
    sql = [q["sql"] for q in reported.captured_queries]
    assert len(sql) <= REPORT_BUDGET, "\n".join(s[:120] for s in sql)
    assert not any("LIKE" in s for s in sql), "a number was found by scanning the day's records"
    sql = [q["sql"] for q in dispatched.captured_queries]
    assert len(sql) <= DISPATCH_BUDGET, "\n".join(s[:120] for s in sql)
    # The audit tip is locked by the block's last statements, after every other write of the request.
    tip = next(i for i, s in enumerate(sql) if "core_auditchainhead" in s)
    writes = [i for i, s in enumerate(sql) if s.lstrip().upper().startswith(("INSERT", "UPDATE"))
              and "core_audit" not in s]
    assert writes and max(writes) < tip
