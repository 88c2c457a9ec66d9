"""The safety room's words for its codes (CORE-8): its audit event kinds, signer roles and record references."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "safety.route.created": _("Patrol route created"),
    "safety.checkpoint.signed_in": _("Checkpoint signed in"),
    "safety.round.closed": _("Patrol round closed"),
    "safety.round.opened": _("Patrol round opened for a duty round"),
    "safety.finding.acted": _("Patrol finding acted on"),
    "safety.hazard.registered": _("Fire hazard registered"),
    "safety.hazard.reported_up": _("Fire hazard reported upward with a plan"),
    "safety.hazard.rectified": _("Fire hazard rectified"),
    "safety.hazard.replied": _("Written reply sent to the fire authority"),
    "safety.hazard.closed": _("Fire hazard closed after re-check"),
    "safety.hazard.reopened": _("Fire hazard reopened after re-check"),
    "safety.inspection.recorded": _("Monthly fire inspection recorded"),
    "safety.equipment.added": _("Fire equipment added"),
    "safety.equipment.tested": _("Fire equipment tested"),
    "safety.exercise.recorded": _("Fire training or drill recorded"),
    "safety.fire_test.recorded": _("Fire-safety test recorded"),
    "safety.brigade.joined": _("Volunteer brigade member added"),
    "safety.crew.added": _("Outsourced crew added"),
    "safety.crew_member.added": _("Crew member added"),
    "safety.protection.set": _("Protective equipment recorded"),
    "safety.meeting.held": _("Pre-shift meeting held"),
    "safety.meeting.checked": _("Pre-shift meeting spot-checked"),
    "safety.accident.reported": _("Crew accident reported"),
    "safety.accident.closed": _("Crew accident closed"),
    "safety.result.recorded": _("Crew daily result recorded"),
}

SIGNER_ROLES = {
    "safety_inspection_inspector": _("Inspector"),
}

RECORD_KINDS = {
    "safety_hazard": ("safety.Hazard", "number", "safety:hazard"),
    "safety_inspection": ("safety.Inspection", "number", "safety:inspection-print"),
}


def register() -> None:
    from django.apps import apps

    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    for kind, (model, field, url_name) in RECORD_KINDS.items():
        labels.register_record_kind(kind, labels.model_ref(apps.get_model(model), field, url_name))
