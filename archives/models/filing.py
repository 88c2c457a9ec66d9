"""Transfer records (档案移交清单): filing needs one — who hands over, the archivist who receives, both signing,
the items counted face to face (ARCH-3; 002 篇1 §1.1.2 ⑵⑥, §1.1.5)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project
from core.retention import Retained

__all__ = ["Transfer"]

USER = settings.AUTH_USER_MODEL


class Transfer(Retained):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("transfer number"), max_length=30)
    volume = models.ForeignKey("archives.Volume", on_delete=models.PROTECT, related_name="transfers")
    handed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("handed over by"))
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("received by"))
    handed_at = models.DateTimeField(_("handed over at"))
    counted = models.PositiveIntegerField(_("items counted"))
    late_items = models.PositiveIntegerField(_("items filed late"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("archive transfer record")
        verbose_name_plural = _("archive transfer records")
        ordering = ["-handed_at", "-pk"]
        indexes = [models.Index(fields=["project", "handed_at"])]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="archives_transfer_number_unique")]

    def __str__(self) -> str:
        return self.number
