"""Closed matters and the return visits they get (VISIT-1, VISIT-2, VISIT-3).

Every closed repair, complaint or paid service calls `register_closure` in its closing transaction;
this module decides whether the matter is sampled (rate per kind), when the visit is due (window per
kind) and who makes it (roles per kind), numbers the 《回访记录表》 and tells the visitors.

Sampling (VISIT-2), per project, kind and calendar quarter of `closed_at`: let `n` be the closures of
that kind in the quarter including this one and `s` those already selected. The closure is selected
when `s / n` would otherwise fall below the rate (`100·s < rate·n`, reason "rate"), otherwise by a
random draw with probability rate (reason "draw"). So after every closure the running rate is at
least the target, and which matters are visited beyond the minimum is random. A 100 % kind is always
selected. The project row is locked while deciding, so two closures at once cannot both skip."""
from __future__ import annotations

import datetime as dt
import random

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from core import audit, clock, limits, notifications, policies
from core.errors import DomainError, NotAllowed
from core.models import Project, Unit, User
from core.permissions import has_role, require_member, require_role, staff_with_roles
from core.retention import retain_until
from desk.kinds import MatterKind
from desk.models import Closure, ReturnVisit, VisitStage, VisitStatus
from desk.selectors.visits_periods import bounds, quarter_of, quarter_period

_draw = random.SystemRandom()


def window_for(project: Project, kind: str, base: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """(window opens, due by) of a visit of `kind` for a matter closed on Beijing date `base` (VISIT-1)."""
    window = policies.value(f"desk.visits.window.{kind}", project)
    start = clock.day_bounds(base + dt.timedelta(days=int(window["start_days"])))[0]
    due = clock.day_bounds(base + dt.timedelta(days=int(window["end_days"])))[1]
    return start, due


def visitor_policy(closure: Closure) -> str:
    """The policy naming who visits this closure (VISIT-3)."""
    if closure.kind == MatterKind.COMPLAINT:
        return "desk.visits.visitor_roles." + ("major_complaint" if closure.major else "general_complaint")
    return "desk.visits.visitor_roles.default"


def _least_loaded(project: Project, people: list[User]) -> User | None:
    if not people:
        return None
    planned = ReturnVisit.objects.filter(project=project, status=VisitStatus.PLANNED)
    load: dict[int, int] = {}
    for field in ("assignee", "co_assignee"):
        for pk, n in (planned.filter(**{f"{field}__in": people}).values_list(field)
                      .annotate(n=Count("pk")).order_by()):
            load[pk] = load.get(pk, 0) + n
    return min(people, key=lambda person: (load.get(person.pk, 0), person.pk))


def department_heads(project: Project, department: str) -> list[User]:
    """Heads of the complained department in this project (VISIT-3 b)."""
    if not department:
        return []
    roles = policies.value("desk.visits.dept_head_roles", project)
    return [p for p in staff_with_roles(project, roles) if p.department and p.department.code == department]


def choose_visitors(closure: Closure) -> tuple[User | None, User | None]:
    """(assignee, co-visitor): the manager for a major complaint; CS staff with the complained
    department's head for a general complaint; CS staff otherwise (VISIT-3)."""
    project = closure.project
    assignee = _least_loaded(project, staff_with_roles(project, policies.value(visitor_policy(closure), project)))
    co = None
    if closure.kind == MatterKind.COMPLAINT and not closure.major:
        heads = [p for p in department_heads(project, closure.department) if p != assignee]
        co = _least_loaded(project, heads)
    return assignee, co


def _should_select(closure: Closure) -> str:
    """"rate", "draw" or "" (not selected), per the method in the module's docstring (VISIT-2)."""
    rate = int(policies.value(f"desk.visits.rate.{closure.kind}", closure.project))
    start, end = bounds(quarter_period(*quarter_of(clock.beijing(closure.closed_at).date())))
    same = Closure.objects.filter(project=closure.project, kind=closure.kind, closed_at__gte=start,
                                  closed_at__lt=end).exclude(pk=closure.pk)
    total = same.count() + 1
    selected = same.filter(selected=True).count()
    if 100 * selected < rate * total:
        return "rate"
    if _draw.random() * 100 < rate:
        return "draw"
    return ""


def _next_number(project: Project, year: int) -> str:
    prefix = f"HF-{year}-"
    count = ReturnVisit.objects.filter(project=project, number__startswith=prefix).count()
    return f"{prefix}{count + 1:04d}"


def _stages(closure: Closure) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """The visits of a closure and their windows: two for a service with a term (mid-term and after
    the end), one otherwise (VISIT-1)."""
    project = closure.project
    closed = clock.beijing(closure.closed_at).date()
    if closure.kind == MatterKind.SERVICE and closure.term_start and closure.term_end \
            and closure.term_end > closure.term_start:
        middle = closure.term_start + (closure.term_end - closure.term_start) / 2
        days = int(policies.value("desk.visits.window.service_midterm_days", project))
        mid = (VisitStage.MIDTERM, clock.day_bounds(middle)[0], clock.day_bounds(middle + dt.timedelta(days=days))[1])
        return [mid, (VisitStage.AFTER_END, *window_for(project, closure.kind, max(closure.term_end, closed)))]
    return [(VisitStage.SINGLE, *window_for(project, closure.kind, closed))]


def visit_link(visit: ReturnVisit) -> str:
    return reverse("desk:visits-detail", args=[visit.pk])


def _notify_visitors(visit: ReturnVisit) -> None:
    """The named visitors; when nobody holds the visiting role, the supervisor, to assign someone (§4.2)."""
    people = [p for p in (visit.assignee, visit.co_assignee) if p is not None]
    if visit.assignee is None:
        people += staff_with_roles(visit.project, policies.value("desk.visits.supervisor_roles", visit.project))
    notifications.notify_each(
        project=visit.project, people=people, kind="desk.visit.assigned",
        title=_("Return visit %(number)s assigned to you, due %(due)s")
        % {"number": visit.number, "due": f"{clock.beijing(visit.due_at):%Y-%m-%d %H:%M}"},
        dedupe_key=f"desk.visit.assigned:{visit.pk}:{visit.assignee_id}:{visit.co_assignee_id}",
        link=visit_link(visit), subject=f"desk.visit:{visit.pk}")


@audit.atomic()
def register_closure(*, project: Project, kind: MatterKind | str, source_ref: str, source_number: str,
                     closed_at: dt.datetime, person_name: str, phone: str, unit: Unit | None = None,
                     subject: str = "", department: str = "", major: bool = False, actor: User,
                     term_start: dt.date | None = None, term_end: dt.date | None = None) -> Closure:
    """Record a closed matter and, if sampled, plan its numbered return visit(s) (VISIT-1..3).

    Called by every area in its closing transaction. The same `source_ref` registered twice returns
    the first closure unchanged. `term_start`/`term_end` give a special service's term (two visits)."""
    require_member(actor, project)
    if kind not in MatterKind.values:
        raise DomainError(_("Unknown kind of matter."), code="invalid_kind", rule="VISIT-1")
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("The unit is not in this project."), code="unit_not_in_project", rule="CORE-1")
    now = clock.now()
    if closed_at is None or closed_at > now + dt.timedelta(minutes=1):
        raise DomainError(_("A matter cannot be closed in the future."), code="future_time", rule="VISIT-1")
    if term_start and term_end and term_end < term_start:
        raise DomainError(_("The term cannot end before it starts."), code="invalid_term", rule="VISIT-1")
    fitted = {name: limits.fit(Closure, name, value) for name, value in (
        ("source_number", source_number), ("person", person_name), ("phone", phone), ("subject", subject),
        ("department", department))}
    Project.objects.select_for_update().get(pk=project.pk)  # serialises sampling and numbering per project
    source_ref = (source_ref or "").strip()[:80]
    if source_ref:
        existing = Closure.objects.filter(project=project, source_ref=source_ref).first()
        if existing is not None:
            return existing
    closure = Closure.objects.create(
        project=project, kind=kind, source_ref=source_ref, source_number=fitted["source_number"],
        closed_at=closed_at, registered_at=now, registered_by=actor, person=fitted["person"],
        phone=fitted["phone"], unit=unit, subject=fitted["subject"], department=fitted["department"],
        major=bool(major), term_start=term_start, term_end=term_end)
    closure.selection = _should_select(closure)
    closure.selected = bool(closure.selection)
    closure.save(update_fields=["selection", "selected"])
    audit.record(actor=actor, action="desk.visits.closure_registered", target=closure, project=project,
                 data={"kind": str(kind), "source_ref": source_ref, "selected": closure.selected,
                       "selection": closure.selection})
    if closure.selected:
        plan_visits(closure=closure, actor=actor)
    return closure


def plan_visits(*, closure: Closure, actor: User) -> list[ReturnVisit]:
    """Number and schedule the visits of a selected closure, assign and notify the visitors (VISIT-3)."""
    project = closure.project
    assignee, co = choose_visitors(closure)
    keep = retain_until(int(policies.value("desk.visits.retention_years", project)))
    visits = []
    for stage, start, due in _stages(closure):
        visit = ReturnVisit.objects.create(
            project=project, closure=closure, number=_next_number(project, clock.beijing(clock.now()).year),
            stage=stage, window_start=start, due_at=due, assignee=assignee, co_assignee=co,
            planned_at=clock.now(), retain_until=keep)
        audit.record(actor=actor, action="desk.visits.planned", target=visit, project=project,
                     data={"number": visit.number, "stage": stage, "due_at": due.isoformat(),
                           "assignee": assignee.pk if assignee else None, "co_assignee": co.pk if co else None})
        _notify_visitors(visit)
        visits.append(visit)
    return visits


def require_supervisor(user: User, project: Project, *, rule: str) -> None:
    require_member(user, project)
    roles = policies.resolve("desk.visits.supervisor_roles", project)
    if not user.is_superuser:
        require_role(user, project, roles.value, rule=rule, clause=roles.clause)


def may_read_visits(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.visits.staff_roles", project))


def require_visits_reader(user: User, project: Project) -> None:
    require_member(user, project)
    if not may_read_visits(user, project):
        rule = policies.resolve("desk.visits.staff_roles", project)
        raise NotAllowed(_("Your role does not allow this."), code="role_not_allowed", rule="VISIT-3",
                         clause=rule.clause)


@audit.atomic()
def assign_visit(*, visit: ReturnVisit, assignee: User, co_assignee: User | None = None, actor: User) -> ReturnVisit:
    """The supervisor names who makes a planned visit; they are notified (VISIT-3, 003 篇10 §4.2)."""
    visit = ReturnVisit.objects.select_for_update().get(pk=visit.pk)
    require_supervisor(actor, visit.project, rule="VISIT-3")
    if visit.status != VisitStatus.PLANNED:
        raise DomainError(_("Only a planned visit can be reassigned."), code="not_planned", rule="VISIT-3")
    for person in (assignee, co_assignee):
        if person is not None and not has_role(person, visit.project, *policies.value("desk.visits.staff_roles",
                                                                                       visit.project)):
            raise DomainError(_("The person named is not staff of this project who may make visits."),
                              code="invalid_assignee", rule="VISIT-3")
    visit.assignee, visit.co_assignee = assignee, co_assignee
    visit.save(update_fields=["assignee", "co_assignee"])
    audit.record(actor=actor, action="desk.visits.assigned", target=visit, project=visit.project,
                 data={"assignee": assignee.pk, "co_assignee": co_assignee.pk if co_assignee else None})
    _notify_visitors(visit)
    return visit
