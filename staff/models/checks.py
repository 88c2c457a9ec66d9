"""The supervisor's daily check of each staff member on duty: dress, appearance, work (STAFF-2; 003 篇11 §4.1.1,
篇12), written in 《工作日记》."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project
from core.retention import Retained

__all__ = ["DailyCheck"]

USER = settings.AUTH_USER_MODEL


class DailyCheck(Retained):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member"))
    day = models.DateField(_("day"))
    dress_ok = models.BooleanField(_("dress"))
    appearance_ok = models.BooleanField(_("appearance"))
    work_ok = models.BooleanField(_("work"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("daily check")
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["project", "day"]), models.Index(fields=["project", "person", "day"])]

    @property
    def all_ok(self) -> bool:
        return self.dress_ok and self.appearance_ok and self.work_ok
