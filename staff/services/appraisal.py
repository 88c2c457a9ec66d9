"""The monthly appraisal card (月度考评表, STAFF-3; 004 篇3 §4; 003 篇10 §4.8; 003 篇14 §4.4.3).

The card is gathered from what the rooms already record, through core's `appraisal_measures` sections (each room
counts its own records; the appraisal never reaches into a room), weighted by the policy's scheme. The supervisor
adjusts it with a reason; the employee reads and signs it with their own password (core.signatures); the manager
approves or rejects it through core.approvals — never the employee, the preparer or an adjuster of the card."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import approvals, audit, clock, handoffs, limits, numbering, policies, signatures
from core.errors import Conflict, DomainError, NotFound
from core.models import Project, User
from core.retention import retain_until
from staff.models import Appraisal, AppraisalAdjustment
from staff.permissions import is_staff_member, require_preparer
from staff.states import APPRAISAL_FLOW, AppraisalStatus

RULE = "STAFF-3"
EMPLOYEE = "employee"


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return clock.day_bounds(first)[0], clock.day_bounds(following)[0]


def gather(project: Project, person: User, month: dt.date) -> list[dict]:
    """Every room's measures for the person's month, as rows of the card."""
    start, end = month_bounds(month)
    rows = []
    for room, measures in handoffs.appraisal_measures.gather(project, person, start, end).items():
        for m in measures:
            rows.append({"room": room, "code": m.code, "label": str(m.label), "count": int(m.count),
                         "documents": list(m.documents)[:50]})
    return rows


def score(rows: list[dict], scheme: dict, adjusted: int = 0) -> tuple[list[dict], int, int, dict]:
    """(rows with weight and points, computed score, total, band) under the scheme."""
    weights = scheme.get("weights", {})
    scored = [{**row, "weight": int(weights.get(row["code"], 0)),
               "points": int(weights.get(row["code"], 0)) * int(row["count"])} for row in rows]
    computed = int(scheme["base"]) + sum(row["points"] for row in scored)
    total = computed + adjusted
    return scored, computed, total, band_for(total, scheme)


def band_for(total: int, scheme: dict) -> dict:
    """The result band (with its reward or penalty) a total falls in."""
    bands = sorted(scheme.get("bands", []), key=lambda b: -int(b["from"]))
    return next((b for b in bands if total >= int(b["from"])), {"label": "", "consequence": ""})


def _apply_band(appraisal: Appraisal, band: dict) -> None:
    appraisal.band = str(band.get("label", ""))[:100]
    appraisal.consequence = str(band.get("consequence", ""))[:200]


@transaction.atomic
def prepare(*, project: Project, by: User, person: User | None, month: dt.date | None) -> Appraisal:
    """The card of a past (or the current) month, gathered from the rooms' records."""
    require_preparer(by, project)
    if person is None or not person.is_active or not is_staff_member(person, project):
        raise DomainError(_("Choose a staff member of this project."), code="invalid_choice", rule=RULE,
                          details={"field": "person"})
    if person.pk == by.pk:
        raise DomainError(_("Nobody prepares their own appraisal."), code="same_person", rule=RULE)
    if month is None or month.replace(day=1) > clock.today().replace(day=1):
        raise DomainError(_("A month not yet begun cannot be appraised."), code="future_period", rule=RULE)
    month = month.replace(day=1)
    policy = policies.resolve("staff.appraisal.scheme", project)
    rows, computed, total, band = score(gather(project, person, month), policy.value)
    steps, clause = approvals.resolve("staff.appraisal.approval", project)
    appraisal = Appraisal(project=project, person=person, month=month, measures=rows,
                          base=int(policy.value["base"]), computed=computed, total=total,
                          scheme_clause=policy.clause[:300], chain=steps, chain_clause=clause[:300], prepared_by=by,
                          prepared_at=clock.now(), retain_until=retain_until(3))
    _apply_band(appraisal, band)
    period = f"{month:%Y%m}"
    appraisal.serial = f"KP-{period}-{numbering.take(project, 'staff.appraisal', period):03d}"
    try:
        with transaction.atomic():
            appraisal.save()
    except IntegrityError as exc:
        raise Conflict(_("This person's card of that month is already prepared."), code="already_prepared",
                       rule=RULE) from exc
    audit.record(actor=by, action="staff.appraisal.prepared", target=appraisal, project=project,
                 data={"person": person.pk, "month": month, "computed": computed,
                       "measures": {row["code"]: row["count"] for row in rows}})
    return appraisal


def lock(appraisal: Appraisal | int) -> Appraisal:
    pk = getattr(appraisal, "pk", appraisal)
    found = Appraisal.objects.select_for_update(of=("self",)).select_related("project", "person").filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


@transaction.atomic
def adjust(*, appraisal: Appraisal, by: User, points: int, reason: str) -> Appraisal:
    """The supervisor's adjustment, with its reason, before the employee signs."""
    appraisal = lock(appraisal)
    project = appraisal.project
    require_preparer(by, project)
    if by.pk == appraisal.person_id:
        raise DomainError(_("Nobody adjusts their own appraisal."), code="same_person", rule=RULE)
    if appraisal.status != AppraisalStatus.DRAFT:
        raise Conflict(_("The card is signed; it can no longer be adjusted."), code="not_draft", rule=RULE)
    scheme = policies.value("staff.appraisal.scheme", project)
    try:
        points = int(points)
    except (TypeError, ValueError) as exc:
        raise DomainError(_("Give the adjustment in whole points."), code="invalid_points", rule=RULE) from exc
    limit = int(scheme.get("max_adjustment", 10))
    if points == 0 or abs(appraisal.adjusted + points) > limit:
        raise DomainError(_("The adjustment must be non-zero and at most %(limit)s points in all.")
                          % {"limit": limit}, code="adjustment_out_of_range", rule=RULE, details={"limit": limit})
    reason = limits.fit(AppraisalAdjustment, "reason", reason, required=True, rule=RULE)
    AppraisalAdjustment.objects.create(appraisal=appraisal, points=points, reason=reason, adjusted_by=by,
                                       adjusted_at=clock.now())
    appraisal.adjusted += points
    appraisal.total = appraisal.computed + appraisal.adjusted
    _apply_band(appraisal, band_for(appraisal.total, scheme))
    appraisal.save(update_fields=["adjusted", "total", "band", "consequence"])
    audit.record(actor=by, action="staff.appraisal.adjusted", target=appraisal, project=project,
                 data={"points": points, "reason": reason, "total": appraisal.total})
    return appraisal


@transaction.atomic
def sign(*, appraisal: Appraisal, person: User, password: str) -> Appraisal:
    """The employee has seen the card and signs it with their own password; nobody signs for them."""
    appraisal = lock(appraisal)
    if person.pk != appraisal.person_id:
        raise DomainError(_("Only the appraised employee signs the card."), code="not_own_card", rule=RULE)
    APPRAISAL_FLOW.check(appraisal.status, AppraisalStatus.SIGNED)
    signatures.sign_with_credentials(target=appraisal, project=appraisal.project, capacity=EMPLOYEE, person=person,
                                     password=password)
    appraisal.status, appraisal.signed_at = AppraisalStatus.SIGNED, clock.now()
    appraisal.save(update_fields=["status", "signed_at"])
    audit.record(actor=person, action="staff.appraisal.signed", target=appraisal, project=appraisal.project,
                 data={"total": appraisal.total})
    return appraisal


def parties(appraisal: Appraisal) -> list[int]:
    """Who may not decide the card: the employee, the preparer, whoever adjusted it."""
    return [appraisal.person_id, appraisal.prepared_by_id,
            *appraisal.adjustments.values_list("adjusted_by_id", flat=True)]


@transaction.atomic
def decide(*, appraisal: Appraisal, approver: User, approve: bool, comment: str = "") -> Appraisal:
    """The manager approves the signed card, or rejects it with a reason (a new card is then prepared)."""
    appraisal = lock(appraisal)
    if appraisal.status != AppraisalStatus.SIGNED:
        raise Conflict(_("The card awaits the employee's signature or is already decided."), code="not_pending",
                       rule=RULE)
    index, step = approvals.pending_step(appraisal)
    approvals.check_approver(appraisal, approver, step, parties=parties(appraisal), rule=RULE,
                             own_message=_("You are the employee or prepared this card; another manager decides."))
    comment = limits.fit(appraisal.approvals.model, "comment", comment, required=not approve, rule=RULE)
    approvals.record(appraisal, index=index, step=step, approver=approver, approved=approve, comment=comment)
    if not approve:
        APPRAISAL_FLOW.check(appraisal.status, AppraisalStatus.REJECTED)
        appraisal.status, appraisal.decided_at = AppraisalStatus.REJECTED, clock.now()
    elif approvals.next_step(appraisal) is None:
        APPRAISAL_FLOW.check(appraisal.status, AppraisalStatus.APPROVED)
        appraisal.status, appraisal.decided_at = AppraisalStatus.APPROVED, clock.now()
    appraisal.save(update_fields=["status", "decided_at"])
    audit.record(actor=approver, target=appraisal, project=appraisal.project,
                 action="staff.appraisal.approved" if approve else "staff.appraisal.rejected",
                 approved_by=approver.display_name if approve else "",
                 data={"step": step["code"], "comment": comment})
    return appraisal
