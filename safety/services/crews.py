"""Outsourced crews (CREW-1..3; 001 篇14; 003 篇6): members without staff accounts sign the pre-shift meeting on
the screen; the meeting briefs the day's hazards, confirms the notices are posted and admits only members whose
protective equipment is valid; meetings are spot-checked by someone else; an accident is reported within 24 h
and closed by 四不放过; performance comes from quantified daily results through the policy's bands."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import audit, clock, limits, numbering, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.models import Project, User
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from safety.models import Accident, Crew, CrewMember, DailyResult, Meeting, MeetingAttendance, Protection, SpotCheck
from safety.permissions import require_crew_checker, require_crew_lead
from safety.states import AccidentStatus, MeetingStatus


def member_capacity(member: CrewMember) -> str:
    return f"safety_crew_member_{member.pk}"


@transaction.atomic
def add_crew(*, project: Project, by: User, name: str, contractor: str, work: str) -> Crew:
    require_crew_checker(by, project)
    name = limits.fit(Crew, "name", name, required=True, rule="CREW-1")
    if Crew.objects.filter(project=project, name=name).exists():
        raise Conflict(_("A crew of this name exists."), code="duplicate", rule="CREW-1")
    crew = Crew.objects.create(project=project, name=name,
                               contractor=limits.fit(Crew, "contractor", contractor, required=True, rule="CREW-1"),
                               work=limits.fit(Crew, "work", work, required=True, rule="CREW-1"))
    audit.record(actor=by, action="safety.crew.added", target=crew, project=project, data={"name": name})
    return crew


@transaction.atomic
def add_member(*, crew: Crew, by: User, name: str, phone: str = "",
               protections: list[tuple[str, dt.date]] = ()) -> CrewMember:
    require_crew_checker(by, crew.project)
    member = CrewMember.objects.create(crew=crew, name=limits.fit(CrewMember, "name", name, required=True,
                                                                  rule="CREW-1"),
                                       phone=limits.fit(CrewMember, "phone", phone))
    for item, valid_until in protections:
        set_protection(member=member, by=by, item=item, valid_until=valid_until)
    audit.record(actor=by, action="safety.crew_member.added", target=member, project=crew.project,
                 data={"crew": crew.name, "name": member.name})
    return member


@transaction.atomic
def set_protection(*, member: CrewMember, by: User, item: str, valid_until: dt.date) -> Protection:
    require_crew_checker(by, member.crew.project)
    item = limits.fit(Protection, "item", item, required=True, rule="CREW-2")
    if not isinstance(valid_until, dt.date):
        raise DomainError(_("Give the day it is valid until."), code="invalid_date", rule="CREW-2",
                          details={"field": "valid_until"})
    protection, _created = Protection.objects.update_or_create(member=member, item=item,
                                                               defaults={"valid_until": valid_until})
    audit.record(actor=by, action="safety.protection.set", target=member, project=member.crew.project,
                 data={"item": item, "valid_until": valid_until.isoformat()})
    return protection


def protection_valid(member: CrewMember, day: dt.date) -> bool:
    """Every item of the member's protective equipment valid on the day, and at least one item (CREW-2)."""
    items = list(member.protections.all())
    return bool(items) and all(p.valid_until >= day for p in items)


@transaction.atomic
def hold_meeting(*, crew: Crew, by: User, hazards: str, tasks: str, notices_posted: bool,
                 members: list) -> Meeting:
    """The day's pre-shift meeting: the hazards briefed, notices posted before work, members present."""
    project = crew.project
    require_crew_lead(by, project)
    hazards = limits.fit(Meeting, "hazards", hazards, required=True, rule="CREW-2")
    tasks = limits.fit(Meeting, "tasks", tasks, required=True, rule="CREW-1")
    if not notices_posted:
        raise DomainError(_("Post the notices before work starts."), code="notices_not_posted", rule="CREW-2",
                          clause="001 篇14 §4.1 作业前张贴告示")
    ids = {getattr(m, "pk", m) for m in members}
    present = list(CrewMember.objects.filter(crew=crew, active=True, pk__in=ids))
    if not ids:
        raise DomainError(_("Name the members present."), code="members_required", rule="CREW-1")
    if len(present) != len(ids):
        raise DomainError(_("Choose members of this crew."), code="invalid_choice", rule="CREW-1",
                          details={"field": "members"})
    day = clock.today()
    unprotected = [m.name for m in present if not protection_valid(m, day)]
    if unprotected:
        raise DomainError(_("Protective equipment missing or expired: %(names)s") % {"names": "、".join(unprotected)},
                          code="protection_invalid", rule="CREW-2", details={"members": unprotected})
    if Meeting.objects.filter(crew=crew, day=day).exists():
        raise Conflict(_("Today's meeting of this crew is recorded."), code="duplicate", rule="CREW-1")
    meeting = Meeting.objects.create(project=project, crew=crew, day=day, held_at=clock.now(), held_by=by,
                                     hazards=hazards, tasks=tasks, notices_posted=True)
    MeetingAttendance.objects.bulk_create([MeetingAttendance(meeting=meeting, member=m) for m in present])
    audit.record(actor=by, action="safety.meeting.held", target=meeting, project=project,
                 data={"crew": crew.name, "members": len(present), "hazards": hazards})
    return meeting


@transaction.atomic
def sign_meeting(*, meeting: Meeting, member: CrewMember, name: str, image: str, witnessed_by: User) -> Meeting:
    """A present member signs the ledger on the screen; signed by all, the meeting is complete."""
    meeting = Meeting.objects.select_for_update().select_related("project").get(pk=meeting.pk)
    require_crew_lead(witnessed_by, meeting.project)
    row = MeetingAttendance.objects.filter(meeting=meeting, member=member).first()
    if row is None:
        raise DomainError(_("This member was not at the meeting."), code="not_present", rule="CREW-1")
    if meeting.day != clock.today():
        raise Conflict(_("The meeting is signed on its day."), code="meeting_closed", rule="CREW-1")
    signatures.sign_on_screen(target=meeting, project=meeting.project, capacity=member_capacity(member),
                              name=name, image=image, witnessed_by=witnessed_by)
    row.signed_at = clock.now()
    row.save(update_fields=["signed_at"])
    if not meeting.attendance.filter(signed_at__isnull=True).exists():
        meeting.status = MeetingStatus.SIGNED
        meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def spot_check(*, meeting: Meeting, by: User, passed: bool, note: str = "") -> SpotCheck:
    """A spot check of a meeting by someone other than who held it (CREW-1)."""
    require_crew_checker(by, meeting.project)
    if meeting.held_by_id == by.pk:
        raise NotAllowed(_("You held this meeting; someone else checks it."), code="own_meeting", rule="CREW-1")
    note = limits.fit(SpotCheck, "note", note, required=not passed, rule="CREW-1")
    check = SpotCheck.objects.create(meeting=meeting, checked_by=by, checked_at=clock.now(), passed=bool(passed),
                                     note=note)
    audit.record(actor=by, action="safety.meeting.checked", target=meeting, project=meeting.project,
                 data={"passed": bool(passed), "note": note})
    return check


def sampling(project: Project, month: dt.date) -> dict:
    """The month's meetings, how many were spot-checked, the rate and whether it meets the policy (CREW-1)."""
    first = month.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    meetings = Meeting.objects.filter(project=project, day__gte=first, day__lt=nxt)
    total = meetings.count()
    checked = meetings.filter(spot_checks__isnull=False).distinct().count()
    rate = Decimal(checked * 100) / total if total else Decimal(0)
    target = Decimal(int(policies.value("safety.crew.sampling_rate", project)))
    return {"meetings": total, "checked": checked, "rate": rate.quantize(Decimal("0.1"), ROUND_HALF_UP),
            "target": target, "met": total == 0 or rate >= target}


@transaction.atomic
def report_accident(*, crew: Crew, by: User, occurred_at: dt.datetime, description: str) -> Accident:
    """An accident, reported within the policy's 24 h; reported later it is marked late and the checkers told."""
    project = crew.project
    require_crew_lead(by, project)
    now = clock.now()
    if not isinstance(occurred_at, dt.datetime) or occurred_at > now:
        raise DomainError(_("When did it happen? Not in the future."), code="invalid_date", rule="CREW-2",
                          details={"field": "occurred_at"})
    hours = int(policies.value("safety.crew.report_hours", project))
    year = clock.today().year
    accident = Accident.objects.create(
        project=project, crew=crew, occurred_at=occurred_at, reported_at=now, reported_by=by,
        number=f"SG-{year}-{numbering.take(project, 'SG', str(year)):04d}",
        reported_late=now - occurred_at > dt.timedelta(hours=hours),
        description=limits.fit(Accident, "description", description, required=True, rule="CREW-2"))
    audit.record(actor=by, action="safety.accident.reported", target=accident, project=project,
                 data={"crew": crew.name, "late": accident.reported_late, "number": accident.number})
    notify_each(project=project, people=staff_in_policy_roles(project, "safety.crew.checker_roles"),
                kind="safety.accident", link=reverse("safety:crew", args=[crew.pk]),
                title=_("Crew accident %(number)s (%(crew)s)") % {"number": accident.number, "crew": crew.name},
                subject=f"safety.accident:{accident.pk}", dedupe_key=f"safety.accident:{accident.pk}")
    return accident


@transaction.atomic
def close_accident(*, accident: Accident, by: User, cause: str, responsibility: str, measures: str,
                   education: str) -> Accident:
    """Closed by 四不放过: the cause found, those responsible dealt with, measures in place, people educated."""
    accident = Accident.objects.select_for_update().select_related("project").filter(pk=accident.pk).first()
    if accident is None:
        raise NotFound(_("No such record."), code="not_found")
    require_crew_checker(by, accident.project)
    if accident.status != AccidentStatus.REPORTED:
        raise Conflict(_("This accident is closed."), code="already_closed", rule="CREW-2")
    values = {"cause": cause, "responsibility": responsibility, "measures": measures, "education": education}
    missing = [k for k, v in values.items() if not str(v or "").strip()]
    if missing:
        raise DomainError(_("An accident is closed only when all four are done (四不放过)."),
                          code="four_not_done", rule="CREW-2", details={"missing": missing},
                          clause="001 篇14 §6 四不放过")
    for key, value in values.items():
        setattr(accident, key, limits.fit(Accident, key, value, required=True, rule="CREW-2"))
    accident.status, accident.closed_at, accident.closed_by = AccidentStatus.CLOSED, clock.now(), by
    accident.save()
    audit.record(actor=by, action="safety.accident.closed", target=accident, project=accident.project, data=values)
    return accident


@transaction.atomic
def record_result(*, crew: Crew, by: User, day: dt.date, tasks: int, succeeded: int, overrun_minutes: int = 0,
                  samples: int = 0, samples_passed: int = 0) -> DailyResult:
    require_crew_lead(by, crew.project)
    numbers = (tasks, succeeded, overrun_minutes, samples, samples_passed)
    if not all(isinstance(n, int) and n >= 0 for n in numbers) or succeeded > tasks or samples_passed > samples:
        raise DomainError(_("The day's figures are not consistent."), code="invalid_number", rule="CREW-3")
    if not isinstance(day, dt.date) or day > clock.today():
        raise DomainError(_("The day cannot be in the future."), code="invalid_date", rule="CREW-3")
    if DailyResult.objects.filter(crew=crew, day=day).exists():
        raise Conflict(_("This day's results are recorded."), code="duplicate", rule="CREW-3")
    result = DailyResult.objects.create(project=crew.project, crew=crew, day=day, tasks=tasks, succeeded=succeeded,
                                        overrun_minutes=overrun_minutes, samples=samples,
                                        samples_passed=samples_passed, recorded_by=by)
    audit.record(actor=by, action="safety.result.recorded", target=result, project=crew.project,
                 data={"day": day.isoformat(), "tasks": tasks, "succeeded": succeeded})
    return result


def performance(crew: Crew, month: dt.date) -> dict:
    """The month's success rate, its band's bonus or deduction, overrun and sampling deductions (CREW-3)."""
    project = crew.project
    first = month.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    rows = DailyResult.objects.filter(crew=crew, day__gte=first, day__lt=nxt)
    tasks = sum(r.tasks for r in rows)
    succeeded = sum(r.succeeded for r in rows)
    overrun = sum(r.overrun_minutes for r in rows)
    samples = sum(r.samples for r in rows)
    passed = sum(r.samples_passed for r in rows)
    rate = (Decimal(succeeded * 100) / tasks) if tasks else Decimal(0)
    bands = sorted(policies.value("safety.crew.bands", project), key=lambda b: -Decimal(str(b["min"])))
    band = next((b for b in bands if rate >= Decimal(str(b["min"]))), bands[-1])
    over = policies.value("safety.crew.overrun_deduction", project)
    overrun_amount = -(overrun // int(over["per_minutes"])) * Decimal(str(over["amount"]))
    sample_rule = policies.value("safety.crew.sample_pass_rate", project)
    sample_rate = (Decimal(passed * 100) / samples) if samples else None
    sample_amount = (-Decimal(str(sample_rule["deduction"]))
                     if sample_rate is not None and sample_rate < Decimal(str(sample_rule["min"])) else Decimal(0))
    band_amount = Decimal(str(band["amount"]))
    q = Decimal("0.1")
    return {"tasks": tasks, "succeeded": succeeded, "rate": rate.quantize(q, ROUND_HALF_UP),
            "band_min": band["min"], "band_amount": band_amount, "overrun_minutes": overrun,
            "overrun_amount": overrun_amount, "sample_rate": sample_rate.quantize(q, ROUND_HALF_UP)
            if sample_rate is not None else None, "sample_amount": sample_amount,
            "total": band_amount + overrun_amount + sample_amount}
