"""Shared builders for the return-visit tests. Time is moved by updating rows, never by patching."""
import datetime as dt

from core import clock
from core.models import Unit
from desk.kinds import MatterKind
from desk.models import ReturnVisit
from desk.services import visits as svc
from desk.services import visits_record

SIGNATURE = "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAA" * 12
_counter = {"n": 0}


def closure(project, users, kind=MatterKind.COMPLAINT, closed_at=None, **kw):
    _counter["n"] += 1
    data = {"source_ref": f"test:{_counter['n']}", "source_number": f"N-{_counter['n']}", "person_name": "业主甲",
            "phone": "13812345678", "unit": Unit.objects.filter(project=project).order_by("pk").first(),
            "subject": "环境卫生", "department": "admin"}
    data.update(kw)
    return svc.register_closure(project=project, kind=kind, closed_at=closed_at or clock.now(),
                                actor=users["kefu1"], **data)


def open_window(visit):
    """Move the visit's window so it is open now (as if days had passed since closing)."""
    ReturnVisit.objects.filter(pk=visit.pk).update(window_start=clock.now() - dt.timedelta(hours=1))
    visit.refresh_from_db()
    return visit


def planned_visit(project, users, **kw):
    return closure(project, users, **kw).visits.get()


def recorded(project, users, satisfaction="satisfied", **kw):
    visit = planned_visit(project, users, **kw)
    return visits_record.record_visit(visit=visit, visitor=visit.assignee, method="phone", quality="好",
                                      effect="已解决", satisfaction=satisfaction, shortcomings="", suggestions="",
                                      resident_name="业主甲", verbal_confirmed=True)
