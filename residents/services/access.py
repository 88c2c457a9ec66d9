"""How a resident gets in (RES-1): the building's entry code, a one-time code to the phone on file, a household
session. The answer to "send me a code" is the same whether or not the phone is on file (no enumeration); codes
are stored hashed, expire in minutes, allow a few tries, and are limited per phone and per client address."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, channels, clock, policies
from core.errors import DomainError, NotFound
from core.models import Building, Project, Resident, Unit
from core.portal import portal_account
from residents.models import EntryPoint, HouseholdSession, OneTimeCode

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
COOKIE = "propdesk_resident"
SALT = "residents.session"


class TooMany(DomainError):
    status = 429
    code = "too_many_codes"


def entry_point(building: Building) -> EntryPoint:
    existing = EntryPoint.objects.filter(building=building).first()
    if existing:
        return existing
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        if not EntryPoint.objects.filter(code=code).exists():
            return EntryPoint.objects.create(project=building.project, building=building, code=code,
                                             created_at=clock.now())


def entry_by_code(code: str) -> EntryPoint:
    entry = EntryPoint.objects.select_related("project", "building").filter(code=(code or "").upper()[:12]).first()
    if entry is None:
        raise NotFound(_("No such entry code."), code="not_found")
    return entry


def normalise_phone(raw: str) -> str:
    digits = "".join(ch for ch in (raw or "") if ch.isdigit())
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not 7 <= len(digits) <= 15:
        raise DomainError(_("Enter the mobile number on file with the management office."), code="invalid_phone",
                          rule="RES-1", details={"field": "phone"})
    return digits


def _digest(project: Project, phone: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"residents:{project.pk}:{phone}".encode(), hashlib.sha256).hexdigest()


def _hash(code: str, salt: str) -> str:
    return salt + "$" + hmac.new(settings.SECRET_KEY.encode(), f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


def _matches(code: str, stored: str) -> bool:
    salt = stored.split("$", 1)[0]
    return bool(stored) and hmac.compare_digest(_hash(code, salt), stored)


def residents_with_phone(project: Project, phone: str) -> list[Resident]:
    return [r for r in Resident.objects.filter(project=project, phone=phone).order_by("pk")
            if r.units.filter(project=project).exists()]


@transaction.atomic
def request_code(*, project: Project, phone: str, address: str) -> None:
    """Send a one-time code to the phone if it is on file; answers nothing either way (RES-1)."""
    phone = normalise_phone(phone)
    now = clock.now()
    hour_ago = now - dt.timedelta(hours=1)
    digest = _digest(project, phone)
    recent = OneTimeCode.objects.filter(project=project, requested_at__gt=hour_ago)
    if recent.filter(phone_digest=digest).count() >= int(policies.value("residents.codes_per_phone_hour", project)) \
            or recent.filter(address=address[:64]).count() >= int(
                policies.value("residents.codes_per_address_hour", project)):
        raise TooMany(_("Too many codes asked for. Try again in an hour."), rule="RES-1")
    minutes = int(policies.value("residents.code_minutes", project))
    found = residents_with_phone(project, phone)
    code = f"{secrets.randbelow(10**6):06d}"
    row = OneTimeCode.objects.create(project=project, phone_digest=digest, address=address[:64],
                                     resident=found[0] if found else None,
                                     code_hash=_hash(code, secrets.token_hex(8)) if found else "",
                                     requested_at=now, expires_at=now + dt.timedelta(minutes=minutes))
    if found:
        # Queued in this transaction and sent by the outbox relay (`relay_outbox`, the Celery beat task) like every
        # other message: a slow or failing SMS provider never holds the resident's request, and a provider that
        # is down gets the code retried with back-off (NOTIFY-1).
        channels.queue(project=project, channel=str(policies.value("core.channels.resident_channel", project)),
                       kind="residents.code", to=phone, dedupe_key=f"residents.code:{row.pk}",
                       text=_("%(project)s: your sign-in code is %(code)s, valid for %(minutes)s minutes. "
                              "Never tell it to anyone.") % {"project": project.name, "code": code,
                                                             "minutes": minutes})


def verify_code(*, project: Project, phone: str, code: str, address: str,
                building: Building | None = None) -> HouseholdSession:
    """The right code, in time, within its tries: a household session (RES-1). Wrong or unknown reads the same."""
    phone = normalise_phone(phone)
    now = clock.now()
    with transaction.atomic():
        row = OneTimeCode.objects.select_for_update().filter(
            project=project, phone_digest=_digest(project, phone), used_at__isnull=True,
            expires_at__gt=now).order_by("-requested_at").first()
        ok = bool(row and row.resident_id and row.tries < int(policies.value("residents.code_tries", project))
                  and _matches((code or "").strip(), row.code_hash))
        if row is not None and not ok:
            row.tries += 1
            row.save(update_fields=["tries"])
        if ok:
            row.used_at = now
            row.save(update_fields=["used_at"])
            return _open_session(project, row.resident, building)
    raise DomainError(_("The code is wrong or has expired. Ask for a new one."), code="bad_code", rule="RES-1")


def _open_session(project: Project, resident: Resident, building: Building | None) -> HouseholdSession:
    units = list(resident.units.filter(project=project).order_by("building__code", "number"))
    unit = next((u for u in units if building is not None and u.building_id == building.pk), units[0])
    now = clock.now()
    session = HouseholdSession.objects.create(
        project=project, resident=resident, unit=unit, key=secrets.token_urlsafe(32), started_at=now,
        expires_at=now + dt.timedelta(days=int(policies.value("residents.session_days", project))))
    audit.record(actor=portal_account(project.company), action="residents.signed_in", target=resident,
                 project=project, data={"unit": unit.pk, "session": session.pk})
    return session


def cookie_value(session: HouseholdSession) -> str:
    return signing.dumps(session.key, salt=SALT)


def session_from_cookie(value: str | None) -> HouseholdSession | None:
    if not value:
        return None
    try:
        key = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None
    return HouseholdSession.objects.select_related("project__company", "resident", "unit__building").filter(
        key=str(key), ended_at__isnull=True, expires_at__gt=clock.now()).first()


def end_session(session: HouseholdSession) -> None:
    HouseholdSession.objects.filter(pk=session.pk).update(ended_at=clock.now())


def switch_unit(session: HouseholdSession, unit_id: int) -> HouseholdSession:
    """A resident of several units picks one of their own; any other unit is not found."""
    unit = session.resident.units.filter(project=session.project, pk=unit_id).first()
    if unit is None:
        raise NotFound(_("No such record."), code="not_found")
    HouseholdSession.objects.filter(pk=session.pk).update(unit=unit)
    session.unit = unit
    return session


def units_of(session: HouseholdSession) -> list[Unit]:
    return list(session.resident.units.filter(project=session.project).select_related("building"))
