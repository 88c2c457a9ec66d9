"""Preparing a project for a holiday: notices, calls to households under decoration, noise-free work requests,
move-in guest parking (HOLIDAY-1) and the safety inspection before a long break (HOLIDAY-2)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.models import Project, Unit, User
from core.notifications import notify, resolve
from core.permissions import has_role, require_member
from core.retention import retain_until
from duty.models import (
    DecorationCall,
    DecorationHousehold,
    HolidayGuestParking,
    HolidayInspection,
    HolidayNotice,
    HolidayPrep,
    InspectionFinding,
    NoticeChannel,
    NoticeKind,
    QuietWorkRequest,
)
from duty.selectors import holidays as sel


def _require_policy_role(user: User, project: Project, key: str, *, rule: str, message) -> None:
    require_member(user, project)
    if user.is_superuser or has_role(user, project, *policies.value(key, project)):
        return
    raise NotAllowed(message, code="role_not_allowed", rule=rule, clause=policies.resolve(key, project).clause)


def _desk(user: User, project: Project, rule: str = "HOLIDAY-1") -> None:
    _require_policy_role(user, project, "duty.holidays.desk_roles", rule=rule,
                         message=_("Your role does not allow recording holiday preparations."))


def _required(model, name: str, value: str, label, rule: str = "HOLIDAY-1") -> str:
    """Required text for the model's column `name`: refused, never cut, when it does not fit."""
    return limits.fit(model, name, value, required=True, rule=rule, label=label)


def _unit(project: Project, unit: Unit | int | None) -> Unit:
    pk = getattr(unit, "pk", unit)
    found = Unit.objects.filter(project=project, pk=pk).first() if pk else None
    if found is None:
        raise NotFound(_("No such unit in this project."), code="unit_not_found", rule="HOLIDAY-1")
    return found


def _locked(prep: HolidayPrep) -> HolidayPrep:
    return HolidayPrep.objects.select_for_update().select_related("project").get(pk=prep.pk)


@audit.atomic()
def open_prep(*, project: Project, opened_by: User, start: dt.date) -> HolidayPrep:
    """Open (or return the already open) preparation record of the holiday period beginning on `start`
    (HOLIDAY-1, HOLIDAY-2). Opening twice gives the same record: there is one per project and period."""
    _desk(opened_by, project)
    period = sel.period_starting(start) if start is not None else None  # no date typed (or an impossible one)
    if period is None:
        raise NotFound(_("No holiday period starts on this day."), code="no_such_holiday", rule="HOLIDAY-1")
    existing = HolidayPrep.objects.select_for_update().filter(project=project, start=period.start).first()
    if existing is not None:
        return existing
    prep = HolidayPrep.objects.create(
        project=project, holiday_name=period.name, start=period.start, end=period.end, days=period.days,
        created_by=opened_by, created_at=clock.now(),
        retain_until=retain_until(int(policies.value("core.retention.years", project)), period.end))
    audit.record(actor=opened_by, action="duty.holidays.prep_opened", target=prep, project=project,
                 data={"name": period.name, "start": period.start, "end": period.end, "days": period.days})
    return prep


@audit.atomic()
def record_notice(*, prep: HolidayPrep, kind: str, channel: str, posted_by: User, note: str = "") -> HolidayNotice:
    """Record that a decoration-stop or safety notice was posted on one channel, at the server's time; posted
    after the due day (3 or 4 days ahead by policy) it is flagged late (HOLIDAY-1)."""
    prep = _locked(prep)
    project = prep.project
    _desk(posted_by, project)
    if kind not in NoticeKind.values:
        raise DomainError(_("Unknown notice."), code="invalid_kind", rule="HOLIDAY-1")
    if channel not in policies.value("duty.holidays.notice_channels", project) or channel not in NoticeChannel.values:
        raise DomainError(pgettext("holiday notice", "Unknown channel."), code="invalid_channel", rule="HOLIDAY-1")
    if clock.today() > prep.end:
        raise Conflict(_("This holiday is over."), code="holiday_over", rule="HOLIDAY-1")
    if HolidayNotice.objects.filter(prep=prep, kind=kind, channel=channel).exists():
        raise Conflict(_("This notice is already recorded on this channel."), code="notice_already_posted",
                       rule="HOLIDAY-1")
    note = limits.fit(HolidayNotice, "note", note)
    due = sel.notice_due(project=project, name=prep.holiday_name, start=prep.start, days=prep.days)
    notice = HolidayNotice.objects.create(prep=prep, kind=kind, channel=channel, due=due, posted_at=clock.now(),
                                          posted_by=posted_by, late=clock.today() > due, note=note)
    audit.record(actor=posted_by, action="duty.holidays.notice_posted", target=notice, project=project,
                 data={"prep": prep.pk, "kind": kind, "channel": channel, "due": due, "late": notice.late})
    return notice


@audit.atomic()
def register_household(*, project: Project, registered_by: User, unit: Unit | int | None, contact_name: str,
                       contact_phone: str, contractor: str = "", starts: dt.date | None,
                       ends: dt.date | None) -> DecorationHousehold:
    """Add a household under decoration to the register the holiday calls are made from (HOLIDAY-1)."""
    _desk(registered_by, project)
    unit = _unit(project, unit)
    contact_name = _required(DecorationHousehold, "contact_name", contact_name, _("resident / contact"))
    contact_phone = _required(DecorationHousehold, "contact_phone", contact_phone, _("phone"))
    contractor = limits.fit(DecorationHousehold, "contractor", contractor)
    if starts is None or ends is None or ends < starts:
        raise DomainError(_("The decoration period is not valid."), code="invalid_period", rule="HOLIDAY-1")
    household = DecorationHousehold.objects.create(
        project=project, unit=unit, contact_name=contact_name, contact_phone=contact_phone,
        contractor=contractor, starts=starts, ends=ends, created_by=registered_by,
        created_at=clock.now())
    audit.record(actor=registered_by, action="duty.holidays.household_registered", target=household,
                 project=project, data={"unit": unit.pk, "starts": starts, "ends": ends})
    return household


@audit.atomic()
def record_call(*, prep: HolidayPrep, household: DecorationHousehold, called_by: User, reached: bool,
                note: str = "") -> DecorationCall:
    """Record one call to a household under decoration: the server's time, reached or not, a note and who
    called. Due 3 days before the holiday; a later call is flagged late (HOLIDAY-1)."""
    prep = _locked(prep)
    project = prep.project
    _desk(called_by, project)
    if household.project_id != project.pk:
        raise NotFound(_("No such record."), code="not_found")
    if not sel.households_under_decoration(project=project, start=prep.start, end=prep.end).filter(
            pk=household.pk).exists():
        raise DomainError(_("This household is not under decoration over the holiday."),
                          code="not_under_decoration", rule="HOLIDAY-1")
    if clock.today() > prep.end:
        raise Conflict(_("This holiday is over."), code="holiday_over", rule="HOLIDAY-1")
    note = limits.fit(DecorationCall, "note", note)
    due = sel.call_due(project=project, start=prep.start)
    call = DecorationCall.objects.create(prep=prep, household=household, called_at=clock.now(), called_by=called_by,
                                         reached=bool(reached), note=note,
                                         late=clock.today() > due)
    audit.record(actor=called_by, action="duty.holidays.call_recorded", target=call, project=project,
                 data={"prep": prep.pk, "household": household.pk, "reached": call.reached, "late": call.late})
    return call


def _hand_over(project: Project, *, kind: str, title: str, dedupe_key: str, link: str = "", subject: str = "") -> int:
    """Tell 秩序维护部 (the department named by policy) about what the desk accepted."""
    codes = policies.value("duty.holidays.handover_departments", project)
    people = User.objects.filter(department__code__in=codes, is_active=True, memberships__project=project).distinct()
    return sum(notify(project=project, recipient=p, kind=kind, title=title, dedupe_key=f"{dedupe_key}:{p.pk}",
                      link=link, subject=subject) for p in people)


@audit.atomic()
def receive_quiet_request(*, prep: HolidayPrep, received_by: User, unit: Unit | int | None, applicant: str,
                          work: str, work_from: dt.date | None, work_to: dt.date | None) -> QuietWorkRequest:
    """Accept a household's request for noise-free work over the holiday, only until the day before the holiday,
    and hand it to 秩序维护部 (HOLIDAY-1)."""
    prep = _locked(prep)
    project = prep.project
    _desk(received_by, project)
    last_day = prep.start - dt.timedelta(days=int(policies.value("duty.holidays.quiet_request_days_ahead", project)))
    if clock.today() > last_day:
        raise Conflict(_("Noise-free work requests are accepted only until %(day)s.") % {"day": last_day},
                       code="quiet_request_too_late", rule="HOLIDAY-1",
                       clause=policies.resolve("duty.holidays.quiet_request_days_ahead", project).clause)
    unit = _unit(project, unit)
    applicant = _required(QuietWorkRequest, "applicant", applicant, _("applicant"))
    work = _required(QuietWorkRequest, "work", work, _("work"))
    if work_from is None or work_to is None or work_to < work_from:
        raise DomainError(_("The work dates are not valid."), code="invalid_period", rule="HOLIDAY-1")
    request = QuietWorkRequest.objects.create(
        prep=prep, unit=unit, applicant=applicant, work=work, work_from=work_from, work_to=work_to,
        received_at=clock.now(), received_by=received_by,
        handed_to=(policies.value("duty.holidays.handover_departments", project) or ["order"])[0])
    audit.record(actor=received_by, action="duty.holidays.quiet_request_received", target=request, project=project,
                 data={"prep": prep.pk, "unit": unit.pk, "from": work_from, "to": work_to,
                       "handed_to": request.handed_to})
    title = _("Noise-free work over %(holiday)s: %(unit)s, %(work)s") % {
        "holiday": prep.holiday_name, "unit": unit, "work": work}
    transaction.on_commit(lambda: _hand_over(project, kind="duty.holidays.quiet_request", title=title,
                                             dedupe_key=f"duty.holidays.quiet:{request.pk}",
                                             subject=f"duty.quiet_request:{request.pk}"))
    return request


@audit.atomic()
def register_guest_parking(*, prep: HolidayPrep, registered_by: User, unit: Unit | int | None, plate: str,
                           guest: str, day: dt.date | None) -> HolidayGuestParking:
    """Register parking for guests of a household moving in over the holiday: in advance only, refused once the
    holiday has started; handed to 秩序维护部 (HOLIDAY-1)."""
    prep = _locked(prep)
    project = prep.project
    _desk(registered_by, project)
    if clock.today() >= prep.start:
        raise Conflict(_("Guest parking for the holiday must be registered before it starts (%(day)s).")
                       % {"day": prep.start}, code="holiday_started", rule="HOLIDAY-1",
                       clause=policies.resolve("duty.holidays.parking_before_start", project).clause)
    unit = _unit(project, unit)
    plate = _required(HolidayGuestParking, "plate", plate, _("plate number")).upper()
    guest = _required(HolidayGuestParking, "guest", guest, _("guest"))
    if day is None or not prep.start <= day <= prep.end:
        raise DomainError(_("The day must fall within the holiday."), code="invalid_day", rule="HOLIDAY-1")
    parking = HolidayGuestParking.objects.create(prep=prep, unit=unit, plate=plate, guest=guest, day=day,
                                                 registered_at=clock.now(), registered_by=registered_by)
    audit.record(actor=registered_by, action="duty.holidays.parking_registered", target=parking, project=project,
                 data={"prep": prep.pk, "unit": unit.pk, "plate": plate, "day": day})
    title = _("Holiday guest parking on %(day)s: %(plate)s for %(unit)s") % {"day": day, "plate": plate, "unit": unit}
    transaction.on_commit(lambda: _hand_over(project, kind="duty.holidays.parking", title=title,
                                             dedupe_key=f"duty.holidays.parking:{parking.pk}",
                                             subject=f"duty.holiday_parking:{parking.pk}"))
    return parking


@audit.atomic()
def record_inspection(*, prep: HolidayPrep, organised_by: User, participants: str = "", summary: str = "",
                      findings: list[dict] | None = None) -> HolidayInspection:
    """Record the safety inspection the project manager organises before a break of three days or more, with
    its hazards and fixes; recorded on or after the first day off it is flagged late (HOLIDAY-2)."""
    prep = _locked(prep)
    project = prep.project
    _require_policy_role(organised_by, project, "duty.holidays.inspection_roles", rule="HOLIDAY-2",
                         message=_("The safety inspection is organised by the project manager."))
    if HolidayInspection.objects.filter(prep=prep).exists():
        raise Conflict(_("The safety inspection is already recorded."), code="inspection_already_recorded",
                       rule="HOLIDAY-2")
    if clock.today() > prep.end:
        raise Conflict(_("This holiday is over."), code="holiday_over", rule="HOLIDAY-2")
    rows = []
    for item in findings or []:
        hazard = limits.fit(InspectionFinding, "hazard", item.get("hazard"))
        if not hazard:
            continue
        rows.append(InspectionFinding(place=limits.fit(InspectionFinding, "place", item.get("place")), hazard=hazard,
                                      fix=limits.fit(InspectionFinding, "fix", item.get("fix")),
                                      fixed=bool(item.get("fixed"))))
    participants = limits.fit(HolidayInspection, "participants", participants)
    inspection = HolidayInspection.objects.create(
        prep=prep, organised_by=organised_by, done_at=clock.now(), participants=participants,
        summary=(summary or "").strip(), late=clock.today() >= prep.start)
    for row in rows:
        row.inspection = inspection
    InspectionFinding.objects.bulk_create(rows)
    audit.record(actor=organised_by, action="duty.holidays.inspection_recorded", target=inspection, project=project,
                 data={"prep": prep.pk, "findings": [(r.hazard, r.fix, r.fixed) for r in rows],
                       "late": inspection.late})
    resolve(subject=f"duty.holiday:{prep.project_id}:{prep.start}", kinds=["duty.holidays.inspection"])
    return inspection


@audit.atomic()
def fix_finding(*, finding: InspectionFinding, fixed_by: User, fix: str = "") -> InspectionFinding:
    """Mark a hazard found by the inspection as fixed (HOLIDAY-2)."""
    finding = InspectionFinding.objects.select_for_update().select_related("inspection__prep__project").get(
        pk=finding.pk)
    project = finding.inspection.prep.project
    _require_policy_role(fixed_by, project, "duty.holidays.inspection_roles", rule="HOLIDAY-2",
                         message=_("The safety inspection is organised by the project manager."))
    if finding.fixed:
        raise Conflict(_("This hazard is already fixed."), code="already_fixed", rule="HOLIDAY-2")
    fix = limits.fit(InspectionFinding, "fix", fix)
    finding.fixed = True
    if fix:
        finding.fix = fix
    finding.save(update_fields=["fixed", "fix"])
    audit.record(actor=fixed_by, action="duty.holidays.finding_fixed", target=finding, project=project,
                 data={"fix": finding.fix})
    return finding


def may_see_phone(user: User, project: Project) -> bool:
    """Residents' phones are masked unless the role needs them: the desk that makes the calls does (CORE-3)."""
    return user.is_superuser or has_role(user, project, *policies.value("duty.holidays.phone_roles", project))


