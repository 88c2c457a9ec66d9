"""The archive room's words for its codes (CORE-8): its audit event kinds, signer roles and record references."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "archives.category.seeded": _("Archive categories created"),
    "archives.category.added": _("Archive category added"),
    "archives.category.edited": _("Archive category changed"),
    "archives.unit.added": _("External unit's file series opened"),
    "archives.volume.opened": _("Archive volume opened"),
    "archives.volume.shelved": _("Archive volume shelved"),
    "archives.volume.sealed": _("Archive volume sealed"),
    "archives.transfer.filed": _("Records filed with a transfer record"),
    "archives.check.started": _("Shelf check begun"),
    "archives.check.recorded": _("Shelf check results recorded"),
    "archives.check.completed": _("Shelf check completed"),
    "archives.finding.closed": _("Shelf-check finding closed"),
    "archives.grant.given": _("Permission to see confidential archives given"),
    "archives.grant.revoked": _("Permission to see confidential archives withdrawn"),
    # Loans, incidents and outsiders (ARCH-5, -6, -8)
    "archives.loan.applied": _("Archive loan applied for"),
    "archives.loan.approved": _("Archive loan approved"),
    "archives.loan.rejected": _("Archive loan rejected"),
    "archives.loan.cancelled": _("Archive loan cancelled"),
    "archives.loan.lent": _("Archive volume lent"),
    "archives.loan.returned": _("Archive volume returned"),
    "archives.incident.reported": _("Archive loss, damage or leak reported"),
    "archives.incident.decided": _("Accountability decided"),
    "archives.outsider.registered": _("Outsider's reading registered"),
    "archives.outsider.approved": _("Outsider's reading approved"),
    "archives.outsider.rejected": _("Outsider's reading rejected"),
    "archives.outsider.began": _("Outsider began reading"),
    "archives.outsider.finished": _("Outsider finished reading"),
    "archives.document.signed_in": _("Incoming document signed in and registered"),
    "archives.document.instructed": _("GM's instruction given"),
    "archives.document.read": _("Circulated document read"),
    "archives.document.handled": _("Result of handling recorded"),
    "archives.document.archived": _("Document archived"),
    "archives.document.drafted": _("Document drafted"),
    "archives.document.revised": _("Draft document revised"),
    "archives.document.signed": _("Document signed"),
    "archives.document.rejected": _("Document returned for revision"),
    "archives.document.registered": _("Outgoing document numbered and registered"),
    "archives.document.sent": _("Outgoing document sent"),
    "archives.document.opened": _("Secret document opened"),
    "archives.document.copied": _("Document copied"),
    "archives.document_loan.applied": _("Document loan registered"),
    "archives.document_loan.approved": _("Document loan approved"),
    "archives.document_loan.rejected": _("Document loan rejected"),
    "archives.document_loan.lent": _("Document taken out"),
    "archives.document_loan.returned": _("Document returned"),
    # Destruction (ARCH-10) and the catalogue import (issue 15)
    "archives.destruction.drawn_up": _("Archive destruction list drawn up"),
    "archives.destruction.approved": _("Archive destruction list approved"),
    "archives.destruction.rejected": _("Archive destruction list rejected"),
    "archives.destruction.carried_out": _("Archive destruction carried out"),
    "archives.volume.destroyed": _("Archive volume destroyed"),
    "archives.catalogue.imported": _("Archive catalogue imported"),
}

SIGNER_ROLES = {
    "archives_handed_by": _("Handed over by"),
    "archives_received_by": _("Received by (archivist)"),
    "archives_returned_by": _("Returned by (borrower)"),
    "archives_taken_back_by": _("Taken back by (archivist)"),
    "archives_outsider": _("Visitor from another unit"),
    "documents_signed_in": _("Signed in by (clerk)"),
    "documents_signed_by": _("Signed and issued by"),
    "archives_destroyed_by": _("Destroyed by (archivist)"),
    "archives_destruction_witness": _("Witness of the destruction"),
}

RECORD_KINDS = {
    "archive_volume": ("archives.Volume", "number", "archives:volume"),
    "archive_transfer": ("archives.Transfer", "number", "archives:transfer"),
    "archive_loan": ("archives.ArchiveLoan", "serial", "archives:loan"),
    "archive_destruction": ("archives.DestructionList", "serial", "archives:destruction"),
}


def register() -> None:
    from django.apps import apps

    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    for kind, (model, field, url_name) in RECORD_KINDS.items():
        labels.register_record_kind(kind, labels.model_ref(apps.get_model(model), field, url_name))
