"""The site office's words for its codes (CORE-8): its audit event kinds, signer roles and record references."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "siteoffice.price.published": _("Price published"),
    "siteoffice.receipt.issued": _("Receipt issued"),
    "siteoffice.reversal.requested": _("Reversal of a receipt asked for"),
    "siteoffice.reversal.approved": _("Reversal of a receipt approved"),
    "siteoffice.reversal.rejected": _("Reversal of a receipt rejected"),
    "siteoffice.receipt.reversed": _("Receipt reversed by a counter-entry"),
    "siteoffice.deposit.refunded": _("Deposit refunded"),
    "siteoffice.day.closed": _("Day's collection closed"),
    "siteoffice.day.received": _("Day's collection received and signed"),
    "siteoffice.due.recorded": _("Fee due recorded"),
    "siteoffice.due.reminded": _("Overdue fee reminded"),
    "siteoffice.decoration.applied": _("Decoration application taken"),
    "siteoffice.decoration.approved": _("Decoration application checked and approved"),
    "siteoffice.decoration.rejected": _("Decoration application rejected"),
    "siteoffice.decoration.charged": _("Decoration fee and deposit charged"),
    "siteoffice.decoration.permitted": _("Decoration permit issued"),
    "siteoffice.decoration.accepted": _("Decoration accepted"),
    "siteoffice.decoration.acceptance_failed": _("Decoration failed its acceptance inspection"),
    "siteoffice.decoration.closed": _("Decoration deposit refunded and closed"),
    "siteoffice.patrol.recorded": _("Decoration patrol recorded"),
    "siteoffice.violation.found": _("Decoration violation recorded"),
    "siteoffice.violation.rectified": _("Decoration violation rectified"),
    "siteoffice.violation.closed": _("Decoration violation closed after re-check"),
    "siteoffice.violation.reopened": _("Decoration violation reopened after re-check"),
}

SIGNER_ROLES = {
    "siteoffice_close_handed_by": _("Handed over by (fee clerk)"),
    "siteoffice_close_received_by": _("Received by (cashier / supervisor)"),
}

RECORD_KINDS = {
    "siteoffice_receipt": ("siteoffice.Receipt", "number", "siteoffice:receipt"),
    "siteoffice_decoration": ("siteoffice.Decoration", "serial", "siteoffice:decoration"),
}


def register() -> None:
    from django.apps import apps

    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    for kind, (model, field, url_name) in RECORD_KINDS.items():
        labels.register_record_kind(kind, labels.model_ref(apps.get_model(model), field, url_name))
