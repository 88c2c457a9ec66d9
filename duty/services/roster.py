"""Shift patterns, teams and the monthly roster: draft → review → approve → issue, revisions (ROSTER-1/2/5)."""
from __future__ import annotations

import calendar
import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit, clock, limits, notifications, policies
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.models import Department, Project, User
from core.permissions import has_role, is_member, require_member
from duty.models import Roster, RosterAssignment, ShiftPattern
from duty.models.roster import TeamMember
from duty.states import ROSTER_FLOW, RosterStatus

TEAM_LABELS = {"front_desk": gettext_lazy("Front desk"), "duty_desk": gettext_lazy("Duty desk")}
OPEN_STATES = (RosterStatus.DRAFT, RosterStatus.REVIEWED, RosterStatus.APPROVED)


def team_label(team: str) -> str:
    return str(TEAM_LABELS.get(team, team))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(day: dt.date) -> dt.date:
    return month_end(day) + dt.timedelta(days=1)


def deadline_for_month(*, project: Project, month: dt.date) -> dt.date:
    """Next month's roster is drafted by the policy day of the month before (ROSTER-2, 003 篇14 §4.1.1)."""
    previous = month_start(month) - dt.timedelta(days=1)
    day = int(policies.value("duty.roster.draft_by_day", project))
    return previous.replace(day=min(day, calendar.monthrange(previous.year, previous.month)[1]))


def _require_policy_role(user: User, project: Project, key: str, *, rule: str, message) -> None:
    require_member(user, project)
    policy = policies.resolve(key, project)
    if not (user.is_superuser or has_role(user, project, *policy.value)):
        raise NotAllowed(message, code="role_not_allowed", rule=rule, clause=policy.clause)


def _lock(roster: Roster) -> Roster:
    return Roster.objects.select_for_update().select_related("project").get(pk=roster.pk)


def _text(model, name: str, value: str, field: str, rule: str) -> str:
    """Required text for the model's column `name`: refused, never cut, when it does not fit."""
    return limits.fit(model, name, value, required=True, rule=rule, label=field)


# ---------------------------------------------------------------- shift patterns and teams (ROSTER-1)

@audit.atomic()
def ensure_default_patterns(*, project: Project, actor: User | None = None) -> list[ShiftPattern]:
    """Create the policy's default shifts a project lacks (three-shift desk, front desk, holidays) (ROSTER-1)."""
    created = []
    for order, spec in enumerate(policies.value("duty.roster.default_patterns", project)):
        if ShiftPattern.objects.filter(project=project, code=spec["code"]).exists():
            continue
        created.append(ShiftPattern.objects.create(
            project=project, team=spec["team"], code=spec["code"], name=spec["name"],
            starts=clock.parse_hhmm(spec["starts"]), ends=clock.parse_hhmm(spec["ends"]),
            is_holiday=bool(spec.get("is_holiday")), order=order))
    if created:
        audit.record(actor=actor, action="duty.roster.patterns_created", target=("core.project", project.pk),
                     project=project, data={"codes": [p.code for p in created]})
    return created


@audit.atomic()
def update_pattern(*, pattern: ShiftPattern, actor: User, name: str | None = None, starts: dt.time | None = None,
                   ends: dt.time | None = None, active: bool | None = None) -> ShiftPattern:
    """The supervisor adjusts a shift's hours or retires it; issued rosters keep pointing at it (ROSTER-1)."""
    pattern = ShiftPattern.objects.select_for_update().get(pk=pattern.pk)
    _require_policy_role(actor, pattern.project, "duty.roster.reviewer_roles", rule="ROSTER-1",
                         message=_("Only the customer-service supervisor may edit shift patterns."))
    before = {"name": pattern.name, "starts": pattern.starts, "ends": pattern.ends, "active": pattern.active}
    if name is not None:
        pattern.name = _text(ShiftPattern, "name", name, _("name"), "ROSTER-1")
    if starts is not None:
        pattern.starts = starts
    if ends is not None:
        pattern.ends = ends
    if active is not None:
        pattern.active = active
    if pattern.starts == pattern.ends:
        raise DomainError(_("A shift cannot start and end at the same time."), code="invalid_hours", rule="ROSTER-1")
    pattern.save()
    audit.record(actor=actor, action="duty.roster.pattern_updated", target=pattern, project=pattern.project,
                 data={"before": before, "after": {"name": pattern.name, "starts": pattern.starts,
                                                   "ends": pattern.ends, "active": pattern.active}})
    return pattern


def team_people(*, project: Project, team: str) -> list[User]:
    return [m.person for m in TeamMember.objects.filter(project=project, team=team).select_related("person")]


@audit.atomic()
def set_team(*, project: Project, team: str, people: list[User], actor: User) -> list[User]:
    """The team's rota order: rows of the grid and the order holiday duty rotates in (ROSTER-4)."""
    _require_policy_role(actor, project, "duty.roster.drafter_roles", rule="ROSTER-2",
                         message=_("Your role does not allow drafting rosters."))
    for person in people:
        if not is_member(person, project):
            raise NotFound(_("No such staff member in this project."), code="not_found")
    TeamMember.objects.filter(project=project, team=team).delete()
    for position, person in enumerate(people):
        TeamMember.objects.create(project=project, team=team, person=person, position=position)
    audit.record(actor=actor, action="duty.roster.team_set", target=("core.project", project.pk), project=project,
                 data={"team": team, "people": [p.pk for p in people]})
    return people


# ---------------------------------------------------------------- drafting (ROSTER-2)

def _create(*, project: Project, team: str, month: dt.date, start: dt.date, end: dt.date, drafted_by: User,
            holiday_name: str = "", late: bool = False) -> Roster:
    if Roster.objects.filter(project=project, team=team, period_start=start, holiday_name=holiday_name).exists():
        raise Conflict(_("A roster for this period already exists; revise it instead."), code="roster_exists",
                       rule="ROSTER-5")
    return Roster.objects.create(project=project, team=team, month=month, holiday_name=holiday_name,
                                 period_start=start, period_end=end, drafted_by=drafted_by,
                                 drafted_at=clock.now(), drafted_late=late)


@audit.atomic()
def create_draft(*, project: Project, team: str, month: dt.date, drafted_by: User) -> Roster:
    """Draft a team's roster for a month; drafted after the policy day of the month before, it is flagged
    late (ROSTER-2)."""
    _require_policy_role(drafted_by, project, "duty.roster.drafter_roles", rule="ROSTER-2",
                         message=_("Your role does not allow drafting rosters."))
    if not ShiftPattern.objects.filter(project=project, team=team, active=True).exists():
        raise DomainError(_("This team has no shift patterns yet."), code="no_patterns", rule="ROSTER-1")
    month = month_start(month)
    late = clock.today() > deadline_for_month(project=project, month=month)
    roster = _create(project=project, team=team, month=month, start=month, end=month_end(month),
                     drafted_by=drafted_by, late=late)
    audit.record(actor=drafted_by, action="duty.roster.drafted", target=roster, project=project,
                 data={"team": team, "month": month, "late": late})
    notifications.resolve(subject=f"duty.roster_month:{project.pk}:{team}:{month}")
    return roster


def _pattern(project: Project, team: str, code: str) -> ShiftPattern:
    pattern = ShiftPattern.objects.filter(project=project, code=code).first()
    if pattern is None or (pattern.team != team and not pattern.is_holiday):
        raise DomainError(_("Unknown shift code “%(code)s”.") % {"code": code}, code="invalid_shift",
                          rule="ROSTER-1")
    return pattern


@audit.atomic()
def save_cells(*, roster: Roster, actor: User, cells: dict[tuple[int, dt.date], str]) -> Roster:
    """Set the grid's cells of a draft: (person id, day) → shift code, "" for a day off (ROSTER-2)."""
    roster = _lock(roster)
    if roster.status != RosterStatus.DRAFT:
        raise Conflict(_("Only a draft can be edited; revise an issued roster instead."), code="not_draft",
                       rule="ROSTER-5")
    _require_policy_role(actor, roster.project, "duty.roster.drafter_roles", rule="ROSTER-2",
                         message=_("Your role does not allow drafting rosters."))
    people = {}
    changed = 0
    for (person_id, day), code in cells.items():
        if not roster.period_start <= day <= roster.period_end:
            raise DomainError(_("%(day)s is outside the roster's period.") % {"day": day}, code="invalid_day",
                              rule="ROSTER-2")
        if person_id not in people:
            person = User.objects.filter(pk=person_id).first()
            if person is None or not is_member(person, roster.project):
                raise NotFound(_("No such staff member in this project."), code="not_found")
            people[person_id] = person
        current = RosterAssignment.objects.filter(roster=roster, person_id=person_id, day=day)
        code = (code or "").strip()
        if sorted(current.values_list("shift__code", flat=True)) == ([code] if code else []):
            continue
        current.delete()
        if code:
            RosterAssignment.objects.create(roster=roster, day=day, person=people[person_id],
                                            shift=_pattern(roster.project, roster.team, code))
        changed += 1
    if changed:
        audit.record(actor=actor, action="duty.roster.edited", target=roster, project=roster.project,
                     data={"cells": changed})
    return roster


# ---------------------------------------------------------------- review, approval, issue (ROSTER-2/4/5)

def _not_own(roster: Roster, actor: User, *, also: tuple = ()) -> None:
    """Where roles overlap, nobody reviews or approves their own draft, nor approves what they reviewed."""
    if actor.pk == roster.drafted_by_id or actor.pk in also:
        raise NotAllowed(_("You cannot review or approve a roster you drafted or reviewed yourself."),
                         code="self_approval", rule="ROSTER-2")


@audit.atomic()
def review_roster(*, roster: Roster, reviewer: User, comment: str = "") -> Roster:
    """The supervisor reviews the draft (ROSTER-2, 003 篇15 §4.1.1)."""
    roster = _lock(roster)
    ROSTER_FLOW.check(roster.status, RosterStatus.REVIEWED)
    _require_policy_role(reviewer, roster.project, "duty.roster.reviewer_roles", rule="ROSTER-2",
                         message=_("Rosters are reviewed by the customer-service supervisor."))
    _not_own(roster, reviewer)
    if not roster.assignments.exists():
        raise DomainError(_("The roster has no shifts assigned."), code="empty_roster", rule="ROSTER-2")
    comment = limits.fit(Roster, "comment", comment)
    roster.status, roster.reviewed_by, roster.reviewed_at = RosterStatus.REVIEWED, reviewer, clock.now()
    roster.comment = comment
    roster.save()
    audit.record(actor=reviewer, action="duty.roster.reviewed", target=roster, project=roster.project,
                 data={"comment": roster.comment})
    notifications.resolve(subject=f"duty.roster:{roster.pk}", kinds=["duty.roster.waiting"])
    return roster


@audit.atomic()
def approve_roster(*, roster: Roster, approver: User, comment: str = "") -> Roster:
    """The site manager approves the reviewed roster (ROSTER-2, 003 篇14 §4.1.1 报物业服务中心经理)."""
    roster = _lock(roster)
    ROSTER_FLOW.check(roster.status, RosterStatus.APPROVED)
    _require_policy_role(approver, roster.project, "duty.roster.approver_roles", rule="ROSTER-2",
                         message=_("Rosters are approved by the site manager."))
    _not_own(roster, approver, also=(roster.reviewed_by_id,))
    comment = limits.fit(Roster, "comment", comment)
    roster.status, roster.approved_by, roster.approved_at = RosterStatus.APPROVED, approver, clock.now()
    roster.comment = comment or roster.comment
    roster.save()
    audit.record(actor=approver, action="duty.roster.approved", target=roster, project=roster.project,
                 approved_by=approver.display_name, data={"comment": comment})
    notifications.resolve(subject=f"duty.roster:{roster.pk}", kinds=["duty.roster.waiting"])
    return roster


@audit.atomic()
def return_roster(*, roster: Roster, actor: User, comment: str) -> Roster:
    """The manager sends a reviewed roster back to its drafter with a reason (ROSTER-2)."""
    roster = _lock(roster)
    ROSTER_FLOW.check(roster.status, RosterStatus.DRAFT)
    _require_policy_role(actor, roster.project, "duty.roster.approver_roles", rule="ROSTER-2",
                         message=_("Rosters are approved by the site manager."))
    roster.comment = _text(Roster, "comment", comment, _("comment"), "ROSTER-2")
    roster.status, roster.reviewed_by, roster.reviewed_at = RosterStatus.DRAFT, None, None
    roster.save()
    audit.record(actor=actor, action="duty.roster.returned", target=roster, project=roster.project,
                 data={"comment": roster.comment})
    notifications.resolve(subject=f"duty.roster:{roster.pk}", kinds=["duty.roster.waiting"])
    return roster


def _department_names(project: Project, codes: list[str]) -> list[str]:
    names = dict(Department.objects.filter(company_id=project.company_id, code__in=codes).values_list("code", "name"))
    return [names.get(code, code) for code in codes]


def holiday_issue_deadline(roster: Roster) -> dt.date:
    days = int(policies.value("duty.roster.holiday_notice_days", roster.project))
    return roster.period_start - dt.timedelta(days=days)


@audit.atomic()
def issue_roster(*, roster: Roster, actor: User, late_reason: str = "") -> Roster:
    """Issue an approved roster to the staff and departments, withdrawing the version it replaces
    (ROSTER-2, ROSTER-5). A statutory-holiday roster goes to HR a week ahead; later needs a reason and is
    flagged (ROSTER-4)."""
    roster = _lock(roster)
    ROSTER_FLOW.check(roster.status, RosterStatus.ISSUED)
    _require_policy_role(actor, roster.project, "duty.roster.issuer_roles", rule="ROSTER-2",
                         message=_("Your role does not allow issuing rosters."))
    project = roster.project
    codes = list(policies.value("duty.roster.issue_to", project))
    if roster.holiday_name:
        notice = policies.resolve("duty.roster.holiday_notice_days", project)
        if clock.today() > holiday_issue_deadline(roster):
            late_reason = limits.fit(Roster, "late_reason", late_reason)
            if not late_reason:
                raise Conflict(_("A statutory-holiday roster must reach HR %(days)s days before the holiday; "
                                 "give the reason it is late.") % {"days": notice.value},
                               code="holiday_roster_late", rule="ROSTER-4", clause=notice.clause)
            roster.issued_late, roster.late_reason = True, late_reason
        hr = policies.value("duty.roster.hr_department", project)
        codes = [hr] + [c for c in codes if c != hr]
    previous = Roster.objects.select_for_update().filter(
        project=project, team=roster.team, period_start=roster.period_start, holiday_name=roster.holiday_name,
        status=RosterStatus.ISSUED).exclude(pk=roster.pk).first()
    if previous is not None:
        ROSTER_FLOW.check(previous.status, RosterStatus.WITHDRAWN)
        previous.status, previous.withdrawn_at = RosterStatus.WITHDRAWN, clock.now()
        previous.save(update_fields=["status", "withdrawn_at"])
        audit.record(actor=actor, action="duty.roster.withdrawn", target=previous, project=project,
                     data={"replaced_by": roster.pk, "version": roster.version})
    roster.status, roster.issued_at = RosterStatus.ISSUED, clock.now()
    roster.issued_to = "、".join(_department_names(project, codes))[:300]
    roster.save()
    audit.record(actor=actor, action="duty.roster.issued", target=roster, project=project,
                 data={"issued_to": roster.issued_to, "withdrew": previous.pk if previous else None,
                       "late": roster.issued_late})
    _notify_issue(roster, codes)
    notifications.resolve(subject=f"duty.roster:{roster.pk}", kinds=["duty.roster.waiting"])
    if roster.holiday_name:
        notifications.resolve(subject=f"duty.roster_holiday:{project.pk}:{roster.holiday_name}:{roster.period_start}")
    return roster


def _notify_issue(roster: Roster, codes: list[str]) -> None:
    """Every person on the roster gets their copy; for a holiday roster, HR's staff too."""
    project = roster.project
    title = _("Roster issued: %(team)s %(period)s (version %(version)s)") % {
        "team": team_label(roster.team), "period": roster.holiday_name or f"{roster.period_start:%Y-%m}",
        "version": roster.version}
    link = f"/duty/roster/{roster.pk}/"
    recipients = {a.person for a in roster.assignments.select_related("person")}
    if roster.holiday_name:
        hr = policies.value("duty.roster.hr_department", project)
        recipients |= set(User.objects.filter(department__code=hr, memberships__project=project).distinct())
    for person in recipients:
        notifications.notify(project=project, recipient=person, kind="duty.roster.issued", title=title,
                             dedupe_key=f"duty.roster.issued:{roster.pk}:{person.pk}", link=link,
                             subject=f"duty.roster:{roster.pk}")


@audit.atomic()
def revise_roster(*, roster: Roster, actor: User, reason: str) -> Roster:
    """Start a new version of an issued roster, copying its shifts; the old one stays in force until the
    new one is issued, then it is withdrawn (ROSTER-5, 001 篇11 §1.1.7)."""
    roster = _lock(roster)
    _require_policy_role(actor, roster.project, "duty.roster.drafter_roles", rule="ROSTER-5",
                         message=_("Your role does not allow drafting rosters."))
    if roster.status != RosterStatus.ISSUED:
        raise Conflict(_("Only the issued version can be revised."), code="not_issued", rule="ROSTER-5")
    reason = _text(Roster, "revision_reason", reason, _("reason for revision"), "ROSTER-5")
    siblings = Roster.objects.filter(project=roster.project, team=roster.team, period_start=roster.period_start,
                                     holiday_name=roster.holiday_name)
    if siblings.filter(status__in=OPEN_STATES).exists():
        raise Conflict(_("A revision of this roster is already in progress."), code="revision_open",
                       rule="ROSTER-5")
    version = max(siblings.values_list("version", flat=True)) + 1
    new = Roster.objects.create(project=roster.project, team=roster.team, month=roster.month,
                                holiday_name=roster.holiday_name, period_start=roster.period_start,
                                period_end=roster.period_end, version=version, supersedes=roster,
                                revision_reason=reason, drafted_by=actor, drafted_at=clock.now())
    RosterAssignment.objects.bulk_create([RosterAssignment(roster=new, day=a.day, shift_id=a.shift_id,
                                                           person_id=a.person_id)
                                          for a in roster.assignments.all()])
    audit.record(actor=actor, action="duty.roster.revised", target=new, project=roster.project,
                 data={"supersedes": roster.pk, "version": version, "reason": reason})
    return new


def allowed_actions(roster: Roster, user: User) -> set[str]:
    """What the page offers this user on this roster (the services still check everything)."""
    project = roster.project

    def role(key: str) -> bool:
        return user.is_superuser or has_role(user, project, *policies.value(key, project))

    out = set()
    if roster.status == RosterStatus.DRAFT and role("duty.roster.drafter_roles"):
        out.add("edit")
    if roster.status == RosterStatus.DRAFT and role("duty.roster.reviewer_roles"):
        out.add("review")
    if roster.status == RosterStatus.REVIEWED and role("duty.roster.approver_roles"):
        out |= {"approve", "return"}
    if roster.status == RosterStatus.APPROVED and role("duty.roster.issuer_roles"):
        out.add("issue")
    if roster.status == RosterStatus.ISSUED and role("duty.roster.drafter_roles"):
        out.add("revise")
    return out
