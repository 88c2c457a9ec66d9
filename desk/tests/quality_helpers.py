"""Shared builders for the quality tests."""
import datetime as dt

from core import clock
from desk.services import quality as svc


def nc(users, item="值班记录", person="kefu1", days=2, **kw):
    row = {"item": item, "person": users[person], "description": "未记录处理结果", "correction": "补记",
           "deadline": clock.today() + dt.timedelta(days=days)}
    row.update(kw)
    return row


def check(project, users, *, by="kfzg", kind="spot", failed=(), rows=(), handover=None, note=""):
    return svc.record_check(project=project, checked_by=users[by], kind=kind, failed_items=list(failed),
                            nonconformities=list(rows), handover=handover, note=note)


def completed_handover(project, users):
    from duty.tests.handover_helpers import complete, prepare, start

    handover = prepare(start(project, users, minutes=-5), users)
    complete(handover)
    handover.refresh_from_db()
    return handover
