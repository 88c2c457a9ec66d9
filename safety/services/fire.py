"""Fire safety (FIRE-1..6; 001 篇10): hazards with deadlines followed to closure, the fire authority's orders
answered in writing (复函) by their deadline, hazards the site cannot fix reported upward with a plan, the
monthly inspection signed with the inspector's password, the equipment test calendar, training, drills, new
staff's test before fire duty and the volunteer brigade."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, numbering, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.models import Project, User
from core.permissions import is_member
from safety.models import BrigadeMember, Equipment, EquipmentTest, Exercise, FireTest, Hazard, Inspection
from safety.permissions import require_fire_officer
from safety.states import HAZARD_FLOW, DueStatus, EquipmentKind, ExerciseKind, HazardSource, HazardStatus

INSPECTOR = "safety_inspection_inspector"


def _number(project: Project, series: str) -> str:
    year = clock.today().year
    return f"{series}-{year}-{numbering.take(project, series, str(year)):04d}"


@transaction.atomic
def register_hazard(*, project: Project, by: User, source: str, location: str, description: str,
                    deadline: dt.date | None, order_number: str = "", reply_due: dt.date | None = None) -> Hazard:
    """A hazard with the day it is to be rectified by (隐患整改通知书). One ordered by the fire authority names the
    order and the day the written reply is due (FIRE-6)."""
    rule = "FIRE-6" if source == HazardSource.FIRE_AUTHORITY else "FIRE-1"
    if source not in HazardSource.values:
        raise DomainError(_("Say where the hazard comes from."), code="invalid_choice", rule=rule,
                          details={"field": "source"})
    if source != HazardSource.PATROL:
        require_fire_officer(by, project)
    location = limits.fit(Hazard, "location", location, required=True, rule=rule)
    description = limits.fit(Hazard, "description", description, required=True, rule=rule)
    if not isinstance(deadline, dt.date) or deadline < clock.today():
        raise DomainError(_("Give the day it is to be rectified by."), code="invalid_date", rule=rule,
                          details={"field": "deadline"})
    if source == HazardSource.FIRE_AUTHORITY:
        order_number = limits.fit(Hazard, "order_number", order_number, required=True, rule=rule)
        if not isinstance(reply_due, dt.date) or reply_due < clock.today():
            raise DomainError(_("Give the day the written reply is due."), code="invalid_date", rule=rule,
                              details={"field": "reply_due"})
    else:
        order_number, reply_due = "", None
    hazard = Hazard.objects.create(project=project, number=_number(project, "YH"), source=source, location=location,
                                   description=description, deadline=deadline, found_by=by, found_at=clock.now(),
                                   order_number=order_number, reply_due=reply_due)
    audit.record(actor=by, action="safety.hazard.registered", target=hazard, project=project,
                 data={"number": hazard.number, "source": source, "deadline": deadline.isoformat(),
                       "order": order_number, "description": description})
    return hazard


def _lock(hazard: Hazard) -> Hazard:
    found = Hazard.objects.select_for_update().select_related("project").filter(pk=hazard.pk).first()
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def _move(hazard: Hazard, target: str, rule: str = "FIRE-1") -> None:
    if target not in HAZARD_FLOW.transitions.get(hazard.status, set()):
        raise Conflict(_("This hazard cannot move to that state now."), code="invalid_state", rule=rule)
    hazard.status = target


@transaction.atomic
def report_up(*, hazard: Hazard, by: User, plan: str) -> Hazard:
    """A hazard the site cannot fix itself, reported upward with a plan (FIRE-6; 001 篇10 二(五)4)."""
    hazard = _lock(hazard)
    require_fire_officer(by, hazard.project)
    plan = limits.fit(Hazard, "plan", plan, required=True, rule="FIRE-6")
    _move(hazard, HazardStatus.REPORTED_UP, "FIRE-6")
    hazard.plan, hazard.reported_up_at = plan, clock.now()
    hazard.save(update_fields=["status", "plan", "reported_up_at"])
    audit.record(actor=by, action="safety.hazard.reported_up", target=hazard, project=hazard.project,
                 data={"plan": plan})
    return hazard


@transaction.atomic
def rectify(*, hazard: Hazard, by: User, note: str) -> Hazard:
    hazard = _lock(hazard)
    if not is_member(by, hazard.project):
        raise NotAllowed(_("You are not a member of this project."), code="not_member")
    note = limits.fit(Hazard, "rectification", note, required=True, rule="FIRE-1")
    _move(hazard, HazardStatus.RECTIFIED)
    hazard.rectification, hazard.rectified_at, hazard.rectified_by = note, clock.now(), by
    hazard.save(update_fields=["status", "rectification", "rectified_at", "rectified_by"])
    audit.record(actor=by, action="safety.hazard.rectified", target=hazard, project=hazard.project,
                 data={"note": note})
    return hazard


@transaction.atomic
def reply_in_writing(*, hazard: Hazard, by: User, text: str) -> Hazard:
    """The written reply (复函) to the fire authority, once the hazard is rectified (FIRE-6)."""
    hazard = _lock(hazard)
    require_fire_officer(by, hazard.project)
    if hazard.source != HazardSource.FIRE_AUTHORITY:
        raise Conflict(_("Only a hazard ordered by the fire authority is answered in writing."), code="not_ordered",
                       rule="FIRE-6")
    if hazard.status not in {HazardStatus.RECTIFIED, HazardStatus.CLOSED}:
        raise Conflict(_("Rectify the hazard before replying."), code="not_rectified", rule="FIRE-6")
    if hazard.replied_at:
        raise Conflict(_("The reply has been sent."), code="already_replied", rule="FIRE-6")
    hazard.reply = limits.fit(Hazard, "reply", text, required=True, rule="FIRE-6")
    hazard.replied_at, hazard.replied_by = clock.now(), by
    hazard.save(update_fields=["reply", "replied_at", "replied_by"])
    audit.record(actor=by, action="safety.hazard.replied", target=hazard, project=hazard.project,
                 data={"order": hazard.order_number, "late": clock.today() > hazard.reply_due})
    return hazard


@transaction.atomic
def recheck(*, hazard: Hazard, by: User, passed: bool, note: str = "") -> Hazard:
    """The fire officer re-checks (never the one who rectified it): passed closes, failed reopens. An
    authority's hazard closes only once answered in writing."""
    hazard = _lock(hazard)
    require_fire_officer(by, hazard.project)
    if hazard.status != HazardStatus.RECTIFIED:
        raise Conflict(_("This hazard is not awaiting a re-check."), code="not_rectified", rule="FIRE-1")
    if hazard.rectified_by_id == by.pk:
        raise NotAllowed(_("You rectified this hazard; someone else re-checks it."), code="own_rectification",
                         rule="FIRE-1")
    if passed and hazard.source == HazardSource.FIRE_AUTHORITY and not hazard.replied_at:
        raise Conflict(_("Reply to the fire authority in writing before closing."), code="reply_missing",
                       rule="FIRE-6")
    hazard.check_note = limits.fit(Hazard, "check_note", note, required=not passed, rule="FIRE-1")
    _move(hazard, HazardStatus.CLOSED if passed else HazardStatus.OPEN)
    if passed:
        hazard.closed_at, hazard.closed_by = clock.now(), by
    hazard.save(update_fields=["status", "check_note", "closed_at", "closed_by"])
    audit.record(actor=by, action="safety.hazard.closed" if passed else "safety.hazard.reopened", target=hazard,
                 project=hazard.project, data={"note": hazard.check_note})
    return hazard


@transaction.atomic
def record_inspection(*, project: Project, by: User, password: str, areas: str, findings: str = "",
                      hazards: list[dict] | None = None) -> Inspection:
    """The month's fire inspection (防火检查记录), signed with the inspector's own password; its hazards are
    registered with their deadlines (FIRE-1)."""
    require_fire_officer(by, project)
    areas = limits.fit(Inspection, "areas", areas, required=True, rule="FIRE-1")
    findings = limits.fit(Inspection, "findings", findings)
    month = clock.today().replace(day=1)
    if Inspection.objects.filter(project=project, month=month).exists():
        raise Conflict(_("This month's inspection is recorded."), code="already_inspected", rule="FIRE-1")
    inspection = Inspection.objects.create(project=project, number=_number(project, "FHJC"), month=month,
                                           inspected_at=clock.now(), inspected_by=by, areas=areas, findings=findings)
    signatures.sign_with_credentials(target=inspection, project=project, capacity=INSPECTOR, person=by,
                                     password=password)
    for item in hazards or []:
        register_hazard(project=project, by=by, source=HazardSource.INSPECTION, location=item.get("location"),
                        description=item.get("description"), deadline=item.get("deadline"))
    audit.record(actor=by, action="safety.inspection.recorded", target=inspection, project=project,
                 data={"number": inspection.number, "hazards": len(hazards or [])})
    return inspection


# --- Equipment test calendar (FIRE-2) -------------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    import calendar

    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def interval_months(project: Project, kind: str) -> int:
    return int(policies.value("safety.fire.test_months", project)[kind])


@transaction.atomic
def add_equipment(*, project: Project, by: User, kind: str, label: str, location: str,
                  installed_on: dt.date) -> Equipment:
    require_fire_officer(by, project)
    if kind not in EquipmentKind.values:
        raise DomainError(_("Choose the kind of equipment."), code="invalid_choice", rule="FIRE-2",
                          details={"field": "kind"})
    label = limits.fit(Equipment, "label", label, required=True, rule="FIRE-2")
    if Equipment.objects.filter(project=project, label=label).exists():
        raise Conflict(_("Equipment of this name exists."), code="duplicate", rule="FIRE-2")
    equipment = Equipment.objects.create(project=project, kind=kind, label=label, installed_on=installed_on,
                                         location=limits.fit(Equipment, "location", location, required=True,
                                                             rule="FIRE-2"))
    audit.record(actor=by, action="safety.equipment.added", target=equipment, project=project,
                 data={"kind": kind, "label": label})
    return equipment


def schedule_tests(project: Project, until: dt.date) -> int:
    """Every test due by the calendar up to `until` (the first one interval after the equipment entered service,
    then every interval); idempotent. Answers how many were new."""
    made = 0
    for equipment in Equipment.objects.filter(project=project, active=True):
        months = interval_months(project, equipment.kind)
        step, due = 1, add_months(equipment.installed_on, months)
        while due <= until:
            made += EquipmentTest.objects.get_or_create(equipment=equipment, due_on=due,
                                                        defaults={"project": project})[1]
            step += 1
            due = add_months(equipment.installed_on, months * step)
    return made


def flag_missed(project: Project) -> int:
    """Tests whose day passed untested are missed (they can still be done, and stay flagged)."""
    return EquipmentTest.objects.filter(project=project, status=DueStatus.DUE,
                                        due_on__lt=clock.today()).update(status=DueStatus.MISSED)


@transaction.atomic
def record_test(*, test: EquipmentTest, by: User, passed: bool, result: str) -> EquipmentTest:
    """A test done (消防设施测试记录); a failed one becomes a hazard to rectify within the week."""
    test = EquipmentTest.objects.select_for_update().select_related("equipment", "project").get(pk=test.pk)
    require_fire_officer(by, test.project)
    if test.status == DueStatus.DONE:
        raise Conflict(_("This test is recorded."), code="already_tested", rule="FIRE-2")
    if test.due_on > clock.today() + dt.timedelta(days=31):
        raise Conflict(_("This test is not due yet."), code="not_due", rule="FIRE-2")
    result = limits.fit(EquipmentTest, "result", result, required=not passed, rule="FIRE-2")
    late = test.status == DueStatus.MISSED
    test.status, test.tested_at, test.tested_by, test.passed, test.result = (DueStatus.DONE, clock.now(), by,
                                                                             bool(passed), result)
    test.save(update_fields=["status", "tested_at", "tested_by", "passed", "result"])
    audit.record(actor=by, action="safety.equipment.tested", target=test, project=test.project,
                 data={"equipment": test.equipment.label, "passed": bool(passed), "late": late})
    if not passed:
        register_hazard(project=test.project, by=by, source=HazardSource.INSPECTION,
                        location=test.equipment.location, deadline=clock.today() + dt.timedelta(days=7),
                        description=f"{test.equipment.label}: {result}"[:500])
    return test


# --- Training, drills, new staff's test, the volunteer brigade (FIRE-3, FIRE-4) -----------------------------
@transaction.atomic
def record_exercise(*, project: Project, by: User, kind: str, held_on: dt.date, topic: str,
                    attendees: int) -> Exercise:
    rule = "FIRE-4" if kind in {ExerciseKind.BRIGADE_TRAINING, ExerciseKind.BRIGADE_DRILL} else "FIRE-3"
    require_fire_officer(by, project)
    if kind not in ExerciseKind.values:
        raise DomainError(_("Choose the kind of exercise."), code="invalid_choice", rule=rule,
                          details={"field": "kind"})
    if not isinstance(held_on, dt.date) or held_on > clock.today():
        raise DomainError(_("The day it was held cannot be in the future."), code="invalid_date", rule=rule,
                          details={"field": "held_on"})
    if not isinstance(attendees, int) or attendees < 1:
        raise DomainError(_("Give the number of attendees."), code="invalid_number", rule=rule,
                          details={"field": "attendees"})
    exercise = Exercise.objects.create(project=project, kind=kind, held_on=held_on, attendees=attendees,
                                       topic=limits.fit(Exercise, "topic", topic, required=True, rule=rule),
                                       recorded_by=by, recorded_at=clock.now())
    audit.record(actor=by, action="safety.exercise.recorded", target=exercise, project=project,
                 data={"kind": kind, "held_on": held_on.isoformat(), "attendees": attendees})
    return exercise


def exercises_overdue(project: Project) -> list[str]:
    """The kinds of exercise not held within their policy months (FIRE-3, FIRE-4)."""
    months = policies.value("safety.fire.exercise_months", project)
    today, overdue = clock.today(), []
    for kind in ExerciseKind.values:
        last = Exercise.objects.filter(project=project, kind=kind).order_by("-held_on").first()
        if last is None or add_months(last.held_on, int(months[kind])) < today:
            overdue.append(kind)
    return overdue


@transaction.atomic
def record_fire_test(*, project: Project, examiner: User, person: User, score: int) -> FireTest:
    require_fire_officer(examiner, project)
    if person is None or not is_member(person, project):
        raise DomainError(_("Choose a member of this project."), code="invalid_choice", rule="FIRE-3",
                          details={"field": "person"})
    if not isinstance(score, int) or not 0 <= score <= 100:
        raise DomainError(_("The score is from 0 to 100."), code="invalid_number", rule="FIRE-3",
                          details={"field": "score"})
    test = FireTest.objects.create(project=project, person=person, tested_on=clock.today(), score=score,
                                   passed=score >= int(policies.value("safety.fire.pass_score", project)),
                                   examiner=examiner)
    audit.record(actor=examiner, action="safety.fire_test.recorded", target=test, project=project,
                 data={"person": person.display_name, "score": score, "passed": test.passed})
    return test


def cleared_for_fire_duty(person: User, project: Project) -> bool:
    return FireTest.objects.filter(project=project, person=person, passed=True).exists()


def require_cleared_for_fire_duty(person: User, project: Project) -> None:
    """New staff pass the fire-safety test before fire duty (FIRE-3)."""
    if not person.is_superuser and not cleared_for_fire_duty(person, project):
        raise NotAllowed(_("Pass the fire-safety test before fire duty."), code="fire_test_required", rule="FIRE-3",
                         clause="001 篇10 二(二) 新员工上岗前须经消防考试合格")


@transaction.atomic
def add_brigade_member(*, project: Project, by: User, person: User, duty: str) -> BrigadeMember:
    """A volunteer brigade member: staff of the project who passed the fire-safety test (FIRE-4)."""
    require_fire_officer(by, project)
    if person is None or not is_member(person, project):
        raise DomainError(_("Choose a member of this project."), code="invalid_choice", rule="FIRE-4",
                          details={"field": "person"})
    require_cleared_for_fire_duty(person, project)
    if BrigadeMember.objects.filter(project=project, person=person, left_on__isnull=True).exists():
        raise Conflict(_("Already a member of the brigade."), code="duplicate", rule="FIRE-4")
    member = BrigadeMember.objects.create(project=project, person=person, joined_on=clock.today(),
                                          duty=limits.fit(BrigadeMember, "duty", duty, required=True, rule="FIRE-4"))
    audit.record(actor=by, action="safety.brigade.joined", target=member, project=project,
                 data={"person": person.display_name, "duty": member.duty})
    return member
