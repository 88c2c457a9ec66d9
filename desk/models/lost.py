"""Lost property (失物招领) found on the premises: registered, kept, returned to its owner against their ID with
a signature, or disposed of before a witness once the keeping period is over (LOST-1; 001 篇7 s)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project

__all__ = ["LOST_FLOW", "DisposalMethod", "LostItem", "LostStatus"]

USER = settings.AUTH_USER_MODEL


class LostStatus(models.TextChoices):
    HELD = "held", _("Held at the desk")
    RETURNED = "returned", _("Returned to the owner")
    DISPOSED = "disposed", _("Disposed of")


LOST_FLOW = Flow("desk.lost", {LostStatus.HELD: {LostStatus.RETURNED, LostStatus.DISPOSED}})


class DisposalMethod(models.TextChoices):
    POLICE = "police", _("Handed to the police")
    CHARITY = "charity", _("Given to charity")
    DESTROYED = "destroyed", _("Destroyed")
    OTHER = "other", _("Other")


class LostItem(models.Model):
    """One found item: who found it, when and where, what it is, where it is kept; then who claimed it (their ID
    encrypted and masked, their signature) or how it was disposed of (who, witness, reason)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("register number"), max_length=30)
    description = models.CharField(_("item"), max_length=300)
    found_at = models.DateTimeField(_("found at"))
    place = models.CharField(_("place found"), max_length=100)
    finder_name = models.CharField(_("finder"), max_length=60)
    finder_phone = models.CharField(_("finder's phone"), max_length=30, blank=True)
    kept_at = models.CharField(_("kept at"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=LostStatus.choices, default=LostStatus.HELD)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("registered by"))
    registered_at = models.DateTimeField(_("registered at"))
    claimant_name = models.CharField(_("claimed by"), max_length=60, blank=True)
    claimant_phone = models.CharField(_("claimant's phone"), max_length=30, blank=True)
    claimant_id_cipher = models.TextField(blank=True)
    claimant_id_hint = models.CharField(_("ID number (last four)"), max_length=4, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("returned by"))
    disposed_at = models.DateTimeField(_("disposed of at"), null=True, blank=True)
    disposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("disposed of by"))
    disposal_witness = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                         verbose_name=_("witness"))
    disposal_method = models.CharField(_("disposal"), max_length=10, choices=DisposalMethod.choices, blank=True)
    disposal_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lost property item")
        verbose_name_plural = _("lost property")
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="desk_lost_serial_unique"),
            # The witness of a disposal is never the person disposing of the item.
            models.CheckConstraint(condition=~models.Q(disposed_by=models.F("disposal_witness"))
                                   | models.Q(disposed_by__isnull=True), name="desk_lost_witness_not_disposer"),
        ]
        indexes = [models.Index(fields=["project", "status", "found_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.description}"

    @property
    def ref(self) -> str:
        return f"lost:{self.pk}"
