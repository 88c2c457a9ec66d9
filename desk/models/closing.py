"""Close of the desk at the end of each clerk's day: every desk item locked in the desk cabinet, the front-desk
keys put back in their place, unfinished work and desk items handed to the named next clerk (FRONT-4; 002 篇6
§5, §6, §7, §9; 001 篇10 (十)). A loss from an unlocked cabinet is the clerk's: the close names who locked it."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project

__all__ = ["DeskClose"]

USER = settings.AUTH_USER_MODEL


class DeskClose(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    clerk = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("clerk"))
    day = models.DateField(_("day"))
    closed_at = models.DateTimeField(_("closed at"))
    cabinet_locked = models.BooleanField(_("desk items locked in the desk cabinet"))
    keys_returned = models.BooleanField(_("front-desk keys put back in their place"))
    keys_counted = models.PositiveSmallIntegerField(_("front-desk keys counted"), null=True, blank=True)
    keys_expected = models.PositiveSmallIntegerField(_("front-desk keys on the ledger"), null=True, blank=True)
    mail_held = models.PositiveIntegerField(_("mail items held"), default=0)
    deposits_held = models.PositiveIntegerField(_("deposited items held"), default=0)
    next_clerk = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("next clerk"))
    unfinished = models.TextField(_("unfinished work handed over"), blank=True)
    items_handed = models.TextField(_("desk items handed over"), blank=True)

    class Meta:
        verbose_name = _("close of the desk")
        verbose_name_plural = _("closes of the desk")
        ordering = ["-closed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "clerk", "day"], name="desk_close_once_a_day"),
            models.CheckConstraint(condition=~models.Q(next_clerk=models.F("clerk")), name="desk_close_next_not_self"),
        ]
        indexes = [models.Index(fields=["project", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.clerk} {self.day}"
