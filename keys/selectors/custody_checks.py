"""Reads of shift key slips, custody checks and the key usage register (KEY-SHIFT-1, KEY-CHECK-1, KEY-REPORT-1)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from core import clock, policies
from core.models import Project
from keys.categories import Category
from keys.models import (
    CheckFinding,
    CheckKind,
    CheckStatus,
    CustodyCheck,
    FindingStatus,
    KeyLoan,
    KeySet,
    ShiftKeyItem,
    ShiftKeySlip,
    SlipKind,
    SlipStatus,
)
from keys.states import FollowStatus, KeyStatus


def slips(*, project: Project) -> QuerySet[ShiftKeySlip]:
    return (ShiftKeySlip.objects.filter(project=project)
            .select_related("handed_by", "received_by", "recorded_by", "collected").order_by("-recorded_at", "-pk"))


def shift_key_items(*, project: Project) -> QuerySet[ShiftKeyItem]:
    return ShiftKeyItem.objects.filter(project=project, active=True).select_related("key").order_by("key__number")


def open_collect_slips(*, project: Project) -> QuerySet[ShiftKeySlip]:
    """Area keys the early shift collected and the middle shift has not yet returned."""
    return slips(project=project).filter(kind=SlipKind.COLLECT, status=SlipStatus.OUT)


def open_slip_followups(*, project: Project) -> QuerySet[ShiftKeySlip]:
    return slips(project=project).filter(follow_status=FollowStatus.OPEN)


def front_desk_required(project: Project) -> bool:
    return bool(policies.value("keys.custody_checks.front_desk_daily", project)) and KeySet.objects.filter(
        project=project, category=Category.FRONT_DESK).exclude(status=KeyStatus.RETIRED).exists()


def front_desk_slip(*, project: Project, day: dt.date) -> ShiftKeySlip | None:
    return slips(project=project).filter(kind=SlipKind.FRONT_DESK, day=day).first()


def front_desk_missing_days(*, project: Project, start: dt.date, end: dt.date) -> list[dt.date]:
    """Days in [start, end] without a front-desk handover slip (002 篇6 §7)."""
    if not front_desk_required(project) or end < start:
        return []
    done = set(ShiftKeySlip.objects.filter(project=project, kind=SlipKind.FRONT_DESK, day__gte=start, day__lte=end)
               .values_list("day", flat=True))
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)
            if start + dt.timedelta(days=n) not in done]


def for_handover_sheet(*, project: Project) -> dict:
    """What the duty handover must cover about shift keys (KEY-SHIFT-1)."""
    today = clock.today()
    return {
        "open_slips": [{"id": s.pk, "serial": s.serial, "handed_by": s.handed_by.display_name,
                        "received_by": s.received_by.display_name, "day": s.day.isoformat(),
                        "pieces": s.counted_pieces} for s in open_collect_slips(project=project)[:50]],
        "followups": [{"id": s.pk, "serial": s.serial, "explanation": s.explanation}
                      for s in open_slip_followups(project=project)[:50]],
        "front_desk_missing": bool(front_desk_required(project) and front_desk_slip(project=project, day=today) is None),
    }


def cs_categories(project: Project) -> list[str]:
    """Categories whose keys 客服部 keeps (by the custodian policy)."""
    return [cat for cat in Category.values if policies.value(f"keys.custodian.{cat}", project) == "cs"]


def usage_events(*, project: Project, start: dt.date, end: dt.date) -> list[dict]:
    """Every lend and every return of a 客服部 key in the period, in time order (客服钥匙使用登记表)."""
    lo, _ignored = clock.day_bounds(start)
    _ignored, hi = clock.day_bounds(end)
    loans = (KeyLoan.objects.filter(project=project, category__in=cs_categories(project))
             .filter(Q(checked_out_at__gte=lo, checked_out_at__lt=hi) | Q(returned_at__gte=lo, returned_at__lt=hi))
             .select_related("key", "holder", "issued_by", "received_by")[:5000])
    events = []
    for loan in loans:
        if loan.checked_out_at and lo <= loan.checked_out_at < hi:
            events.append({"at": loan.checked_out_at, "kind": "lend", "loan": loan, "pieces": loan.pieces_out,
                           "staff": loan.issued_by, "person": loan.holder})
        if loan.returned_at and lo <= loan.returned_at < hi:
            events.append({"at": loan.returned_at, "kind": "return", "loan": loan, "pieces": loan.pieces_in,
                           "staff": loan.received_by, "person": loan.holder})
    return sorted(events, key=lambda e: (e["at"], e["loan"].pk))


def checks(*, project: Project) -> QuerySet[CustodyCheck]:
    return (CustodyCheck.objects.filter(project=project).select_related("started_by", "completed_by", "inventory")
            .order_by("-period_start", "kind"))


def open_findings(*, project: Project) -> QuerySet[CheckFinding]:
    return (CheckFinding.objects.filter(check_record__project=project, status=FindingStatus.OPEN)
            .select_related("owner", "check_record").order_by("deadline", "pk"))


def overdue_findings(*, project: Project, today: dt.date | None = None) -> QuerySet[CheckFinding]:
    return open_findings(project=project).filter(deadline__lt=today or clock.today())


def missed_checks(*, project: Project, today: dt.date | None = None) -> list[dict]:
    """Past periods (within the lookback) whose check was not done (KEY-CHECK-1)."""
    from keys.services.custody_checks import period_of

    today = today or clock.today()
    lookback = policies.value("keys.custody_checks.lookback", project)
    done = set(CustodyCheck.objects.filter(project=project, status=CheckStatus.DONE)
               .values_list("kind", "period_start"))
    missed = []
    for kind in CheckKind.values:
        start, _end = period_of(kind, today)
        for _n in range(int(lookback.get(kind, 0))):
            start, end = period_of(kind, start - dt.timedelta(days=1))
            if (kind, start) not in done:
                missed.append({"kind": kind, "kind_display": str(CheckKind(kind).label), "period_start": start,
                               "period_end": end})
    return missed
