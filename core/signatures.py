"""Confirmation by the person's own credentials (CORE-6).

The service is told *who* must sign; it only checks that person's password. So a second person can
never sign for the first: there is no way to name a different signer.
"""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _

from core import audit, clock, directory, lockout
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, Signature, SignatureMethod, User


def check_credentials(*, person: User, password: str) -> None:
    """The person's own password; wrong ones count towards the lockout shared with sign-in."""
    attempt = lockout.begin(person.get_username())  # counted before the password is checked
    if isinstance(attempt, lockout.Refusal):
        raise NotAllowed(_("Too many wrong passwords for %(name)s: locked for %(minutes)s minutes. Try again later.")
                         % {"name": person.display_name, "minutes": lockout.minutes_left(attempt.until)},
                         code="account_locked", rule="CORE-6")
    ok = bool(password) and person.is_active and (
        person.check_password(password) or (directory.enabled() and directory.check_password(person, password)))
    attempt.settle(ok=ok)
    if not ok:
        raise NotAllowed(_("The password of %(name)s is not correct.") % {"name": person.display_name},
                         code="bad_credentials", rule="CORE-6")


def _signature(target: models.Model, project: Project, capacity: str, **fields) -> Signature:
    sig = Signature(project=project, content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk),
                    capacity=capacity, signed_at=clock.now(), **fields)
    if not _insert_unless_signed(sig):
        raise Conflict(_("This record has already been signed as %(capacity)s.") % {"capacity": capacity},
                       code="already_signed")
    return sig


def _insert_unless_signed(sig: Signature) -> bool:
    """Insert the signature unless this record already has one in this capacity (one_signature_per_capacity).

    One `INSERT … ON CONFLICT DO NOTHING RETURNING id` (PostgreSQL; SQLite 3.35+) instead of a savepoint,
    an insert and a release: a second signature leaves the caller's transaction usable."""
    if not connection.features.can_return_columns_from_insert:
        try:
            with transaction.atomic():
                sig.save(force_insert=True)
            return True
        except IntegrityError:
            return False
    meta = Signature._meta
    columns = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT DO NOTHING RETURNING {quote(meta.pk.column)}")
    params = [f.get_db_prep_save(getattr(sig, f.attname), connection) for f in columns]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    sig.pk = row[0]
    sig._state.adding, sig._state.db = False, connection.alias
    return True


def sign_with_credentials(*, target: models.Model, project: Project, capacity: str, person: User,
                          password: str) -> Signature:
    check_credentials(person=person, password=password)
    sig = _signature(target, project, capacity, method=SignatureMethod.CREDENTIALS, signer=person,
                     signer_name=person.display_name)
    audit.record(actor=person, action="core.signature.signed", target=target, project=project,
                 data={"capacity": capacity, "method": "credentials"})
    return sig


def sign_on_screen(*, target: models.Model, project: Project, capacity: str, name: str, image: str,
                   witnessed_by: User) -> Signature:
    """For a resident without an account: a signature drawn on the desk's screen."""
    if not name.strip() or not image.startswith("data:image/png;base64,") or len(image) < 200:
        raise DomainError(_("A drawn signature and the signer's name are required."), code="signature_required",
                          rule="CORE-6")
    sig = _signature(target, project, capacity, method=SignatureMethod.ON_SCREEN, signer=None,
                     signer_name=name.strip()[:100], image=image)
    audit.record(actor=witnessed_by, action="core.signature.signed", target=target, project=project,
                 data={"capacity": capacity, "method": "on_screen", "name": name.strip()[:100]})
    return sig


def signatures_of(target: models.Model) -> models.QuerySet[Signature]:
    return Signature.objects.filter(content_type=ContentType.objects.get_for_model(target),
                                    object_id=str(target.pk)).order_by("signed_at")


def sign_as_session_user(*, target: models.Model, project: Project, capacity: str, person: User) -> Signature:
    """The person at the keyboard signs with the session they logged in with (their own credentials)."""
    sig = _signature(target, project, capacity, method=SignatureMethod.CREDENTIALS, signer=person,
                     signer_name=person.display_name)
    audit.record(actor=person, action="core.signature.signed", target=target, project=project,
                 data={"capacity": capacity, "method": "session"})
    return sig
