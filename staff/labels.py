"""The staff room's words for its codes (CORE-8): audit event kinds, signer roles and record references."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "staff.training.recorded": _("Training session recorded"),
    "staff.induction.started": _("New-staff programme started"),
    "staff.induction.completed": _("New-staff programme completed"),
    "staff.diary.written": _("Work diary written"),
    "staff.diary.read": _("Work diary read by the mentor"),
    "staff.daily_check.recorded": _("Daily check recorded"),
    "staff.appraisal.prepared": _("Monthly appraisal prepared"),
    "staff.appraisal.adjusted": _("Monthly appraisal adjusted"),
    "staff.appraisal.signed": _("Monthly appraisal signed by the employee"),
    "staff.appraisal.approved": _("Monthly appraisal approved"),
    "staff.appraisal.rejected": _("Monthly appraisal rejected"),
}

SIGNER_ROLES = {"employee": _("Employee")}

RECORD_KINDS = {
    "staff_training": ("staff.TrainingSession", "serial", "staff:session"),
    "staff_appraisal": ("staff.Appraisal", "serial", "staff:appraisal"),
}


def register() -> None:
    from django.apps import apps

    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    for kind, (model, field, url_name) in RECORD_KINDS.items():
        labels.register_record_kind(kind, labels.model_ref(apps.get_model(model), field, url_name))
