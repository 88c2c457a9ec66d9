"""What a signed-in household does in the portal (RES-1, SURVEY-2). Every call takes the household session and
acts on that household only; a matter, consent or survey of another household is "not found"."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, handoffs, limits, policies
from core.errors import Conflict, DomainError, NotFound
from core.portal import portal_account
from residents.models import HouseholdSession, KeyConsent, MatterRating, Notice
from residents.services import notices

KINDS = ("repair", "complaint", "suggestion", "enquiry", "praise")


def _actor(session: HouseholdSession):
    return portal_account(session.project.company)


@transaction.atomic
def report(session: HouseholdSession, *, kind: str, content: str, photos: list | tuple = ()) -> str:
    """A repair or complaint (or suggestion …) with photos: a contact at the desk with channel "online"."""
    if kind not in KINDS:
        raise DomainError(_("Choose what the report is about."), code="invalid_kind", rule="RES-1",
                          details={"field": "kind"})
    number = handoffs.open_resident_contact(session.project, session.resident, session.unit, kind, content,
                                            list(photos))
    notices.watch(session.project, session.unit)
    return number


def matters(session: HouseholdSession) -> list[handoffs.ResidentMatter]:
    return handoffs.resident_matters(session.project, session.unit)


def matter(session: HouseholdSession, ref: str) -> handoffs.ResidentMatter:
    found = next((m for m in matters(session) if m.ref == ref), None)
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def confirm(session: HouseholdSession, *, ref: str, name: str, image: str, is_adult: bool) -> str:
    """An adult of the household confirms the completed repair with a drawn signature (REPAIR-3, RES-1)."""
    matter(session, ref)
    return handoffs.confirm_resident_repair(session.project, session.unit, ref, name, image, is_adult)


@transaction.atomic
def rate(session: HouseholdSession, *, ref: str, score, comment: str = "") -> MatterRating:
    """The household rates its own closed matter once (SURVEY-2, 在线评价)."""
    found = matter(session, ref)
    if not found.closed:
        raise Conflict(_("A matter is rated once it is closed."), code="not_closed", rule="SURVEY-2")
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise DomainError(_("Give a rating from 1 to 5."), code="invalid_score", rule="SURVEY-2",
                          details={"field": "score"})
    if MatterRating.objects.filter(project=session.project, matter_ref=ref).exists():
        raise Conflict(_("This matter is already rated."), code="already_rated", rule="SURVEY-2")
    rating = MatterRating.objects.create(
        project=session.project, unit=session.unit, resident=session.resident, matter_ref=ref, number=found.number,
        service=found.kind[:40], department=found.department[:20], score=score,
        comment=limits.text(comment or "", field=_("comment"))[:500], rated_at=clock.now())
    audit.record(actor=_actor(session), action="residents.matter.rated", target=rating, project=session.project,
                 data={"matter": ref, "score": score, "resident": session.resident_id})
    return rating


def ratings_of(session: HouseholdSession) -> dict[str, int]:
    return dict(MatterRating.objects.filter(project=session.project, unit=session.unit).values_list(
        "matter_ref", "score"))


def household_notices(session: HouseholdSession):
    return Notice.objects.filter(project=session.project, unit=session.unit).order_by("-sent_at", "-pk")[:50]


def consents(session: HouseholdSession):
    return KeyConsent.objects.filter(project=session.project, unit=session.unit).order_by("-asked_at")[:20]


@transaction.atomic
def answer_consent(session: HouseholdSession, *, consent_id: int, consent: bool) -> KeyConsent:
    """The household consents to or refuses the use of its deposited key; the key room's duty log records it."""
    row = KeyConsent.objects.select_for_update().filter(project=session.project, unit=session.unit,
                                                        pk=consent_id).first()
    if row is None:
        raise NotFound(_("No such record."), code="not_found")
    if row.answered_at is not None:
        raise Conflict(_("This request is already answered."), code="already_answered", rule="RES-2")
    row.answered_at, row.consent, row.answered_by = clock.now(), bool(consent), session.resident
    row.save(update_fields=["answered_at", "consent", "answered_by"])
    handoffs.record_key_consent(session.project, session.unit, row.deposit_ref, bool(consent),
                                session.resident.name, row.asked_by, row.purpose)
    audit.record(actor=_actor(session), action="residents.key_consent.answered", target=row,
                 project=session.project, data={"consent": bool(consent), "resident": session.resident_id})
    return row


def satisfied_from(project) -> int:
    return int(policies.value("residents.satisfied_from", project))
