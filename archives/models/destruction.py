"""Destruction of archives (ARCH-10; 002 篇1 §1.5, 篇4 §1.7): the archivist's destruction list (档案销毁清册) of
volumes past their retention, approved through the house's approval chain (core.approvals), then carried out and
recorded — who, when, how (shredded for confidential ones), before whom."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from archives.states import DestructionMethod, DestructionStatus
from core.lending.models import ApprovalRecord

from .catalogue import Volume

__all__ = ["DestructionApproval", "DestructionLine", "DestructionList"]

USER = settings.AUTH_USER_MODEL


class DestructionList(models.Model):
    project = models.ForeignKey("core.Project", on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("list number"), max_length=30, unique=True)
    reason = models.CharField(_("reason for destruction"), max_length=300)
    early = models.BooleanField(_("before the end of retention"), default=False)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DestructionStatus.choices,
                              default=DestructionStatus.PENDING)
    drafted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("drawn up by"))
    drafted_at = models.DateTimeField(_("drawn up at"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    method = models.CharField(_("how destroyed"), max_length=10, choices=DestructionMethod.choices, blank=True)
    destroyed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("destroyed by"))
    witness = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("witness"))
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        ordering = ["-drafted_at", "-pk"]
        indexes = [models.Index(fields=["project", "status", "drafted_at"])]

    def __str__(self) -> str:
        return self.serial


class DestructionLine(models.Model):
    """One volume on a list, with what it was when listed. `active` while the list is not rejected: a volume is on
    one live list at a time, held by the database (two archivists listing it at once, one wins)."""

    destruction = models.ForeignKey(DestructionList, on_delete=models.PROTECT, related_name="lines")
    volume = models.ForeignKey(Volume, on_delete=models.PROTECT, related_name="destruction_lines",
                               verbose_name=_("volume"))
    active = models.BooleanField(default=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    retain_until = models.DateField(_("retain until"))
    items = models.PositiveIntegerField(_("items"), default=0)
    place = models.CharField(_("place"), max_length=80, blank=True)

    class Meta:
        ordering = ["destruction", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["destruction", "volume"], name="archives_destruction_line_once"),
            models.UniqueConstraint(fields=["volume"], condition=Q(active=True), name="archives_one_live_destruction"),
        ]


class DestructionApproval(ApprovalRecord):
    destruction = models.ForeignKey(DestructionList, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["destruction", "step_index"],
                                               name="one_decision_per_destruction_step")]
