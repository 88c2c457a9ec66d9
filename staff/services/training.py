"""Training records (STAFF-1; 003 篇9 一; 000 §7): a session with each attendee's presence and test result, and the
new-staff programme with its mentor, the swap of desk and site after a week and the daily work diary."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, numbering, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.permissions import is_member, require_member
from core.retention import retain_until
from staff.models import Attendance, DiaryEntry, Induction, TrainingSession
from staff.permissions import require_recorder
from staff.states import INDUCTION_FLOW, InductionStatus, Place, TrainingKind

RULE = "STAFF-1"


def _staff_of(project: Project, person: User | None, field: str) -> User:
    if person is None or not person.is_active or not is_member(person, project):
        raise DomainError(_("Choose a staff member of this project."), code="invalid_choice", rule=RULE,
                          details={"field": field})
    return person


@transaction.atomic
def record_session(*, project: Project, by: User, kind: str, title: str, held_on: dt.date | None, hours,
                   trainer: str, content: str = "", tested: bool = False,
                   attendees: list[dict]) -> TrainingSession:
    """One session (培训记录) with every attendee: {"person": User, "attended": bool, "score": int | None}."""
    require_recorder(by, project)
    if kind not in TrainingKind.values:
        raise DomainError(_("Unknown kind of training."), code="invalid_kind", rule=RULE)
    if held_on is None or held_on > clock.today():
        raise DomainError(_("A session is recorded once it has been held."), code="future_date", rule=RULE,
                          details={"field": "held_on"})
    try:
        hours = Decimal(str(hours).strip())
        hours = hours.quantize(Decimal("0.1")) if hours.is_finite() else None
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("Give the hours as a number."), code="invalid_hours", rule=RULE) from exc
    if hours is None or not Decimal(0) < hours <= Decimal(99):
        raise DomainError(_("Give the hours as a number."), code="invalid_hours", rule=RULE)
    fields = {name: limits.fit(TrainingSession, name, value, required=required, rule=RULE)
              for name, value, required in (("title", title, True), ("trainer", trainer, True),
                                            ("content", content, False))}
    if not attendees:
        raise DomainError(_("List who attended."), code="attendees_required", rule=RULE)
    limits.count(attendees, field="attendees", limit=500)
    pass_score = int(policies.value("staff.training.pass_score", project))
    rows, seen = [], set()
    for entry in attendees:
        person = _staff_of(project, entry.get("person"), "attendees")
        if person.pk in seen:
            raise DomainError(_("A person is listed twice."), code="duplicate_attendee", rule=RULE)
        seen.add(person.pk)
        attended, score = bool(entry.get("attended")), entry.get("score")
        if score is not None and (not tested or not attended or not 0 <= int(score) <= 100):
            raise DomainError(_("A test score (0–100) is given only for a tested session attended."),
                              code="invalid_score", rule=RULE)
        if tested and attended and score is None:
            raise DomainError(_("Give the test score of everyone who attended."), code="score_required", rule=RULE)
        rows.append((person, attended, None if score is None else int(score)))
    year = held_on.year
    session = TrainingSession(project=project, kind=kind, held_on=held_on, hours=hours, tested=bool(tested),
                              recorded_by=by, recorded_at=clock.now(), retain_until=retain_until(3), **fields)
    session.serial = f"PX-{year}-{numbering.take(project, 'staff.training', str(year)):04d}"
    session.save()
    Attendance.objects.bulk_create([
        Attendance(session=session, person=person, attended=attended, score=score,
                   passed=(score >= pass_score) if score is not None else None)
        for person, attended, score in rows])
    audit.record(actor=by, action="staff.training.recorded", target=session, project=project,
                 data={"kind": kind, "held_on": held_on, "attendees": len(rows),
                       "absent": sum(1 for r in rows if not r[1])})
    return session


def place_on(induction: Induction, day: dt.date) -> str:
    """Desk or site on that day: the first place for the first week, then swapped (003 篇9 一)."""
    days = int(policies.value("staff.training.induction", induction.project)["shadow_days"])
    first = induction.first_place
    other = Place.SITE if first == Place.DESK else Place.DESK
    return first if (day - induction.starts).days < days else other


@transaction.atomic
def start_induction(*, project: Project, by: User, person: User, mentor: User,
                    starts: dt.date | None = None) -> Induction:
    require_recorder(by, project)
    person = _staff_of(project, person, "person")
    mentor = _staff_of(project, mentor, "mentor")
    if mentor.pk == person.pk:
        raise DomainError(_("The mentor is another, experienced staff member."), code="same_person", rule=RULE)
    if Induction.objects.filter(project=project, person=person, status=InductionStatus.ACTIVE).exists():
        raise Conflict(_("This person's programme is already under way."), code="already_started", rule=RULE)
    spec = policies.value("staff.training.induction", project)
    induction = Induction.objects.create(project=project, person=person, mentor=mentor,
                                         starts=starts or clock.today(), first_place=spec["first_place"],
                                         created_by=by, created_at=clock.now(), retain_until=retain_until(3))
    audit.record(actor=by, action="staff.induction.started", target=induction, project=project,
                 data={"person": person.pk, "mentor": mentor.pk, "starts": induction.starts})
    return induction


def _lock(induction: Induction) -> Induction:
    return Induction.objects.select_for_update(of=("self",)).select_related("project").get(pk=induction.pk)


@transaction.atomic
def write_diary(*, induction: Induction, by: User, text: str) -> DiaryEntry:
    """Today's work diary, written by the new staff member themselves; the place follows the swap."""
    induction = _lock(induction)
    require_member(by, induction.project)
    if by.pk != induction.person_id:
        raise NotAllowed(_("Only the new staff member writes their own diary."), code="not_own_diary", rule=RULE)
    if induction.status != InductionStatus.ACTIVE:
        raise Conflict(_("This programme is completed."), code="induction_completed", rule=RULE)
    text = limits.fit(DiaryEntry, "text", text, required=True, rule=RULE)
    day = clock.today()
    if day < induction.starts:
        raise DomainError(_("The programme has not started yet."), code="not_started", rule=RULE)
    if DiaryEntry.objects.filter(induction=induction, day=day).exists():
        raise Conflict(_("Today's diary is already written."), code="already_written", rule=RULE)
    entry = DiaryEntry.objects.create(induction=induction, day=day, place=place_on(induction, day), text=text,
                                      written_at=clock.now())
    audit.record(actor=by, action="staff.diary.written", target=induction, project=induction.project,
                 data={"day": day, "place": entry.place})
    return entry


@transaction.atomic
def read_diary(*, entry: DiaryEntry, by: User, note: str = "") -> DiaryEntry:
    """The mentor reads the day's diary and may comment."""
    entry = DiaryEntry.objects.select_for_update(of=("self",)).select_related("induction__project").get(pk=entry.pk)
    induction = entry.induction
    require_member(by, induction.project)
    if by.pk != induction.mentor_id:
        raise NotAllowed(_("The diary is read by the mentor."), code="not_mentor", rule=RULE)
    if entry.read_at is not None:
        raise Conflict(_("This diary entry has already been read."), code="already_read", rule=RULE)
    entry.mentor_note = limits.fit(DiaryEntry, "mentor_note", note, rule=RULE)
    entry.read_by, entry.read_at = by, clock.now()
    entry.save(update_fields=["mentor_note", "read_by", "read_at"])
    audit.record(actor=by, action="staff.diary.read", target=induction, project=induction.project,
                 data={"day": entry.day, "note": entry.mentor_note})
    return entry


@transaction.atomic
def complete_induction(*, induction: Induction, by: User) -> Induction:
    """Completed after the programme's days, with an induction session attended and every diary day read."""
    induction = _lock(induction)
    project = induction.project
    require_member(by, project)
    if by.pk != induction.mentor_id:
        require_recorder(by, project)
    INDUCTION_FLOW.check(induction.status, InductionStatus.COMPLETED)
    spec = policies.value("staff.training.induction", project)
    if (clock.today() - induction.starts).days + 1 < int(spec["programme_days"]):
        raise DomainError(_("The programme is not over yet."), code="programme_not_over", rule=RULE)
    if not Attendance.objects.filter(session__project=project, session__kind=TrainingKind.INDUCTION,
                                     person=induction.person, attended=True).exists():
        raise DomainError(_("The new staff member has not attended the new-staff sessions."),
                          code="sessions_missing", rule=RULE)
    if induction.diary.filter(read_at__isnull=True).exists() or not induction.diary.exists():
        raise DomainError(_("Every diary day must be written and read by the mentor."), code="diary_unread",
                          rule=RULE)
    induction.status, induction.completed_by, induction.completed_at = InductionStatus.COMPLETED, by, clock.now()
    induction.save(update_fields=["status", "completed_by", "completed_at"])
    audit.record(actor=by, action="staff.induction.completed", target=induction, project=project, data={})
    return induction
