"""Decoration patrols by zone (组团) and violations followed to closure (DECOR-2; 003 篇9 四.1–四.2: 装修巡视按组团
分工; 及时将工作发现的装修违章事件报客服中心，严重违章上报客服主管)."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import audit, clock, limits
from core.errors import Conflict, DomainError, NotFound
from core.models import Project, User
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from siteoffice.models import Patrol, Violation
from siteoffice.permissions import require_patroller
from siteoffice.selectors.decoration import in_zone
from siteoffice.states import VIOLATION_FLOW, Severity, ViolationStatus

RULE = "DECOR-2"


@audit.atomic()
def record_patrol(*, project: Project, zone: str, by: User, note: str = "",
                  violations: list[dict] | None = None) -> Patrol:
    """One patrol of a zone; each violation names a decoration under way in that zone, what is wrong, how serious,
    and the day it is to be rectified by. A serious one is reported to the supervisor at once."""
    require_patroller(by, project)
    zone = limits.fit(Patrol, "zone", zone, required=True, rule=RULE)
    note = limits.fit(Patrol, "note", note)
    under_way = {d.pk: d for d in in_zone(project=project, zone=zone, day=clock.today())}
    rows = []
    for item in violations or []:
        decoration = under_way.get(getattr(item.get("decoration"), "pk", item.get("decoration")))
        if decoration is None:
            raise DomainError(_("Choose a decoration under way in this zone."), code="invalid_choice", rule=RULE,
                              details={"field": "decoration"})
        if item.get("severity") not in Severity.values:
            raise DomainError(_("Say how serious the violation is."), code="invalid_choice", rule=RULE,
                              details={"field": "severity"})
        deadline = item.get("deadline")
        if not isinstance(deadline, dt.date) or deadline < clock.today():
            raise DomainError(_("Give the day it is to be rectified by."), code="invalid_date", rule=RULE,
                              details={"field": "deadline"})
        rows.append((decoration, limits.fit(Violation, "description", item.get("description"), required=True,
                                            rule=RULE), item["severity"], deadline))
    now = clock.now()
    patrol = Patrol.objects.create(project=project, zone=zone, patrolled_by=by, patrolled_at=now,
                                   households=len(under_way), note=note)
    audit.record(actor=by, action="siteoffice.patrol.recorded", target=patrol, project=project,
                 data={"zone": zone, "households": len(under_way), "violations": len(rows)})
    for decoration, description, severity, deadline in rows:
        violation = Violation.objects.create(project=project, decoration=decoration, patrol=patrol,
                                             description=description, severity=severity, deadline=deadline,
                                             found_by=by, found_at=now)
        audit.record(actor=by, action="siteoffice.violation.found", target=violation, project=project,
                     data={"decoration": decoration.serial, "severity": severity, "deadline": deadline.isoformat(),
                           "description": description})
        if severity == Severity.SERIOUS:
            notify_each(project=project, people=staff_in_policy_roles(project, "siteoffice.decoration.serious_roles"),
                        kind="siteoffice.violation_serious", link=reverse("siteoffice:decoration", args=[decoration.pk]),
                        title=_("Serious decoration violation at %(unit)s: %(what)s") % {
                            "unit": str(decoration.unit), "what": description},
                        subject=f"siteoffice.violation:{violation.pk}",
                        dedupe_key=f"siteoffice.violation_serious:{violation.pk}")
    return patrol


def _lock(violation: Violation) -> Violation:
    found = Violation.objects.select_for_update().filter(pk=violation.pk).first()
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


@audit.atomic()
def rectify(*, violation: Violation, by: User, note: str) -> Violation:
    """The household has put it right (as seen or told): awaiting the re-check."""
    violation = _lock(violation)
    require_patroller(by, violation.project)
    if violation.status != ViolationStatus.OPEN:
        raise Conflict(_("This violation is not open."), code="not_open", rule=RULE)
    VIOLATION_FLOW.check(violation.status, ViolationStatus.RECTIFIED)
    violation.rectification = limits.fit(Violation, "rectification", note, required=True, rule=RULE)
    violation.status, violation.rectified_at, violation.rectified_by = ViolationStatus.RECTIFIED, clock.now(), by
    violation.save(update_fields=["status", "rectification", "rectified_at", "rectified_by"])
    audit.record(actor=by, action="siteoffice.violation.rectified", target=violation, project=violation.project,
                 data={"note": violation.rectification})
    return violation


@audit.atomic()
def recheck(*, violation: Violation, by: User, passed: bool, note: str = "") -> Violation:
    """The re-check on site: passed, the violation is closed; failed, it is open again."""
    violation = _lock(violation)
    require_patroller(by, violation.project)
    if violation.status != ViolationStatus.RECTIFIED:
        raise Conflict(_("This violation is not awaiting a re-check."), code="not_rectified", rule=RULE)
    target = ViolationStatus.CLOSED if passed else ViolationStatus.OPEN
    VIOLATION_FLOW.check(violation.status, target)
    violation.check_note = limits.fit(Violation, "check_note", note, required=not passed, rule=RULE)
    violation.status, violation.checked_at, violation.checked_by = target, clock.now(), by
    violation.save(update_fields=["status", "check_note", "checked_at", "checked_by"])
    audit.record(actor=by, target=violation, project=violation.project,
                 action="siteoffice.violation.closed" if passed else "siteoffice.violation.reopened",
                 data={"note": violation.check_note})
    return violation
