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
}

SIGNER_ROLES = {
    "archives_handed_by": _("Handed over by"),
    "archives_received_by": _("Received by (archivist)"),
}

RECORD_KINDS = {
    "archive_volume": ("archives.Volume", "number", "archives:volume"),
    "archive_transfer": ("archives.Transfer", "number", "archives:transfer"),
}


def register() -> None:
    from django.apps import apps

    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    for kind, (model, field, url_name) in RECORD_KINDS.items():
        labels.register_record_kind(kind, labels.model_ref(apps.get_model(model), field, url_name))
