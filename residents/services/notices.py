"""Telling households what concerns them (RES-2): repair progress (a sweep compares what the desk answers with what
the household was last told), visit invitations and holiday notices sent by staff to buildings, and the key room's
requests for consent. Each notice is shown in the portal and queued on the company's residents' channel
(core.channels, policy core.channels.resident_channel) for every phone on file of the household — once."""
from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, channels, clock, handoffs, limits, policies
from core.errors import Conflict, DomainError, NotFound
from core.models import Building, Project, Unit, User
from residents.models import KeyConsent, MatterWatch, Notice, NoticeKind
from residents.permissions import require_key_consent, require_notice_staff

BROADCAST_KINDS = (NoticeKind.VISIT_INVITATION, NoticeKind.HOLIDAY, NoticeKind.OTHER)


def phones_of(unit: Unit) -> list[str]:
    return sorted({r.phone for r in unit.residents.all() if r.phone})


def tell_household(project: Project, unit: Unit, kind: str, text: str, source: str, by: User | None = None) -> int:
    """One notice to one household for `source` (never twice); answers how many messages were queued."""
    if unit.project_id != project.pk:
        raise NotFound(_("No such record."), code="not_found")
    try:
        with transaction.atomic():
            notice = Notice.objects.create(project=project, unit=unit, kind=kind, text=text[:500], source=source[:120],
                                           sent_at=clock.now(), sent_by=by)
    except IntegrityError:
        return 0
    channel = str(policies.value("core.channels.resident_channel", project))
    return sum(channels.queue(project=project, channel=channel, kind=f"residents.{kind}", to=phone,
                              text=f"{project.name}: {text}"[:500], dedupe_key=f"residents.notice:{notice.pk}")
               for phone in phones_of(unit))


@transaction.atomic
def send_to_buildings(*, project: Project, by: User, kind: str, text: str, buildings: list[Building]) -> int:
    """Staff send a visit invitation or a holiday notice (HOLIDAY-1) to every occupied household of the buildings."""
    require_notice_staff(by, project)
    if kind not in BROADCAST_KINDS:
        raise DomainError(_("Choose what kind of notice this is."), code="invalid_kind", rule="RES-2",
                          details={"field": "kind"})
    text = limits.text(text, field=_("text"), required=True, rule="RES-2")[:500]
    if not buildings or any(b.project_id != project.pk for b in buildings):
        raise DomainError(_("Choose the buildings of this project."), code="invalid_buildings", rule="RES-2",
                          details={"field": "buildings"})
    source = f"broadcast:{uuid.uuid4().hex}"
    units = Unit.objects.filter(project=project, building__in=buildings, is_vacant=False,
                                residents__isnull=False).distinct().prefetch_related("residents")
    queued = households = 0
    for unit in units:
        queued += tell_household(project, unit, kind, text, source, by)
        households += 1
    audit.record(actor=by, action="residents.notice.sent", target=("residents.Notice", source), project=project,
                 data={"kind": kind, "buildings": [b.pk for b in buildings], "households": households,
                       "messages": queued})
    return households


def watch(project: Project, unit: Unit) -> None:
    """Remember where each of the household's matters stands now (what the resident has seen)."""
    for matter in handoffs.resident_matters(project, unit):
        MatterWatch.objects.update_or_create(unit=unit, ref=matter.ref, defaults={
            "project": project, "status": matter.status[:100], "closed": matter.closed})


def sweep_progress(project: Project) -> int:
    """Tell each household that used the portal when one of its matters moved on (repair progress, RES-2)."""
    told = 0
    unit_ids = MatterWatch.objects.filter(project=project, closed=False).values_list("unit", flat=True).distinct()
    for unit in Unit.objects.filter(pk__in=list(unit_ids)[:500]).prefetch_related("residents"):
        known = {w.ref: w for w in MatterWatch.objects.filter(unit=unit)}
        for matter in handoffs.resident_matters(project, unit):
            seen = known.get(matter.ref)
            if seen is not None and seen.status == matter.status[:100]:
                continue
            with transaction.atomic():
                text = _("%(kind)s %(number)s: %(status)s") % {"kind": matter.kind, "number": matter.number,
                                                              "status": matter.status}
                if matter.can_confirm:
                    text += " " + _("Please confirm the completed work and rate it in the residents' portal.")
                told += bool(tell_household(project, unit, NoticeKind.REPAIR_PROGRESS, text,
                                            f"progress:{matter.ref}:{matter.status}"[:120]))
                MatterWatch.objects.update_or_create(unit=unit, ref=matter.ref, defaults={
                    "project": project, "status": matter.status[:100], "closed": matter.closed})
    return told


@transaction.atomic
def ask_key_consent(*, project: Project, by: User, unit: Unit, deposit_ref: str, purpose: str) -> KeyConsent:
    """The key room asks the household to consent to a use of its deposited key (KEY-DEPOSIT-5; RES-2)."""
    require_key_consent(by, project)
    if unit.project_id != project.pk:
        raise NotFound(_("No such record."), code="not_found")
    deposit = next((k for k in handoffs.deposited_keys(project, unit) if k.ref == deposit_ref), None)
    if deposit is None:
        raise NotFound(_("No such deposited key."), code="not_found")
    purpose = limits.text(purpose, field=_("purpose"), required=True, rule="RES-2")[:200]
    if KeyConsent.objects.filter(unit=unit, deposit_ref=deposit_ref, answered_at__isnull=True).exists():
        raise Conflict(_("The household has not answered the last request yet."), code="consent_pending",
                       rule="RES-2")
    consent = KeyConsent.objects.create(project=project, unit=unit, deposit_ref=deposit_ref,
                                        key_number=deposit.number[:40], purpose=purpose, asked_by=by,
                                        asked_at=clock.now())
    tell_household(project, unit, NoticeKind.CONSENT,
                   _("The key room asks your consent to use your deposited key %(key)s: %(purpose)s. Answer in the "
                     "residents' portal.") % {"key": deposit.number, "purpose": purpose},
                   f"consent:{consent.pk}", by)
    audit.record(actor=by, action="residents.key_consent.asked", target=consent, project=project,
                 data={"unit": unit.pk, "deposit": deposit_ref, "purpose": purpose})
    return consent
