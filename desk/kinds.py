"""Kinds of closed matter that a return visit follows (003 篇10 §4.1.1), shared by every desk area."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatterKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REPAIR = "repair", _("Repair")
    SERVICE = "service", _("Special or paid service")
    HELP = "help", _("Request for help")
    EMERGENCY_PATIENT = "emergency_patient", _("Emergency patient")
    PUBLICATION = "publication", _("Publication or community activity")
    OTHER = "other", _("Other")


DESK_KINDS = (MatterKind.HELP, MatterKind.EMERGENCY_PATIENT, MatterKind.PUBLICATION, MatterKind.OTHER)
