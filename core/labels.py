"""Words for the codes the program keeps (CORE-8): what a user reads instead of `keys.loan.applied`,
`borrower` or `repair:9`.

Each room fills these registries from its own `AppConfig.ready()`:

  register_event_labels({"keys.loan.applied": _("Applied to borrow the key"), ...})
  register_signer_roles({"borrower": _("Borrower"), ...})
  register_record_kind("repair", resolve)   # resolve(pk) -> RecordRef | None

and pages, print views and exports ask:

  event_label("keys.loan.applied")   -> "申请借用钥匙"; an unknown kind -> a generic word, never the code
  signer_role_label("borrower")      -> "借用人"
  record_ref("repair:9")             -> RecordRef(number="BX-…", url="/desk/repairs/9/") or None

Templates use the filters of `core/templatetags/words.py` (`{% load words %}`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

_EVENTS: dict[str, object] = {}
_ROLES: dict[str, object] = {}
_RECORDS: dict[str, Callable[[int], RecordRef | None]] = {}

GENERIC_EVENT = _("Record changed")
# The events core records itself (signatures, attachments, showing personal data).
CORE_EVENT_LABELS = {
    "core.attachment.added": _("Attachment added"),
    "core.attachment.opened": _("Attachment opened"),
    "core.login.locked": _("Sign-in locked after wrong passwords"),
    "core.login.directory_roles": _("Roles taken from the company directory"),
    "core.person.deactivated": _("Account deactivated after clearance"),
    "core.pii.revealed": _("Phone number shown"),
    "core.signature.signed": _("Signature given"),
    "core.job.submitted": _("Import or export submitted"),
    "core.job.finished": _("Import or export finished"),
    "core.job.failed": _("Import or export stopped"),
}
GENERIC_ROLE = _("Signer")


@dataclass(frozen=True)
class RecordRef:
    number: str
    url: str = ""

    def __str__(self) -> str:
        return self.number


def register_event_labels(labels: Mapping[str, object]) -> None:
    """Audit event kind -> label (a lazy translation). A kind registered twice keeps the last label."""
    _EVENTS.update(labels)


def register_signer_roles(labels: Mapping[str, object]) -> None:
    """Signature capacity (signer role) -> label (a lazy translation)."""
    _ROLES.update(labels)


def register_record_kind(kind: str, resolve: Callable[[int], RecordRef | None]) -> None:
    """A record kind named in references such as "repair:9" (also written "desk.repair:9"), and how to
    find the document number and page of record 9. `resolve` returns None for a record it cannot find."""
    _RECORDS[kind] = resolve


def event_label(kind: str) -> str:
    label = _EVENTS.get(kind or "")
    return str(label) if label is not None else str(GENERIC_EVENT)


def signer_role_label(role: str) -> str:
    label = _ROLES.get(role or "")
    return str(label) if label is not None else str(GENERIC_ROLE)


def known_event_kinds() -> set[str]:
    return set(_EVENTS)


def known_signer_roles() -> set[str]:
    return set(_ROLES)


_REF = re.compile(r"^(?P<kind>[a-z_.]+):(?P<pk>\d+)")


def record_ref(ref: str) -> RecordRef | None:
    """The document number (and page) of the record a reference names; None when the reference names
    no registered kind or no existing record (a demo tag, a deleted record)."""
    match = _REF.match((ref or "").strip())
    if not match:
        return None
    kind = match.group("kind")
    resolve = _RECORDS.get(kind) or _RECORDS.get(kind.rsplit(".", 1)[-1])
    if resolve is None:
        return None
    return resolve(int(match.group("pk")))


def record_number(ref: str) -> str:
    """What a page shows for a reference: the record's number, or nothing for a reference it cannot name."""
    found = record_ref(ref)
    return found.number if found else ""


# A reference the program wrote ("repair:9", "keys.loss:3:measure:4", a demo's "demo:tag"), as opposed
# to a document number a person reads ("BX-2026-0001") or free text.
_REF_LIKE = re.compile(r"^[a-z][a-z_.]*:[A-Za-z0-9_:.-]+$")


def ref_words(value) -> str:
    """`value` as a person should read it: a reference becomes its record's number (nothing when it names
    no record); anything else (a number already, a name) is left as it is."""
    text = "" if value is None else str(value)
    if _REF_LIKE.match(text.strip()):
        return record_number(text)
    return text


def model_ref(model, number_field: str, url_name: str | None = None) -> Callable[[int], RecordRef | None]:
    """A resolver for records whose number is a field of `model` and whose page is `url_name` (pk argument)."""
    def resolve(pk: int) -> RecordRef | None:
        from django.urls import NoReverseMatch, reverse

        number = model.objects.filter(pk=pk).values_list(number_field, flat=True).first()
        if not number:
            return None
        url = ""
        if url_name:
            try:
                url = reverse(url_name, args=[pk])
            except NoReverseMatch:
                url = ""
        return RecordRef(number=str(number), url=url)
    return resolve


def refusal_text(message: str, rule: str = "", clause: str = "") -> str:
    """A refusal as one sentence: the message, then the rule and the regulation's words it rests on."""
    if not rule:
        return str(message)
    if clause:
        return gettext("%(message)s (rule %(rule)s: %(clause)s)") % {"message": message, "rule": rule,
                                                                      "clause": clause}
    return gettext("%(message)s (rule %(rule)s)") % {"message": message, "rule": rule}
