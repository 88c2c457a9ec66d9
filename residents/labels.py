"""The residents' room's words for its codes (CORE-8): its audit event kinds."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "residents.signed_in": _("Resident signed in to the portal"),
    "residents.notice.sent": _("Notice sent to households"),
    "residents.key_consent.asked": _("Household asked to consent to a use of its deposited key"),
    "residents.key_consent.answered": _("Household answered a request for consent"),
    "residents.matter.rated": _("Household rated a closed matter"),
    "residents.questionnaire.created": _("Satisfaction questionnaire created"),
    "residents.campaign.started": _("Satisfaction survey started"),
    "residents.survey.answered": _("Satisfaction survey answered"),
}


def register() -> None:
    from core import labels

    labels.register_event_labels(EVENT_LABELS)
