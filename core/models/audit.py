"""Append-only, hash-chained audit trail (CORE-5).

The database itself refuses UPDATE and DELETE on AuditEvent (triggers in migration 0002), unless a
maintenance flag is set in AuditGuard — which only restore and the test flush use, and which
`verify_audit` would expose anyway because the chain no longer verifies.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    # Plain ids, no foreign keys: deleting a user or project must never touch the trail.
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=150, blank=True)
    project_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    approved_by = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"])]
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"


class AuditChainHead(models.Model):
    """One row holding the chain's tip; locking it serialises appends on every database."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)


class AuditGuard(models.Model):
    """While a row with maintenance=True exists the append-only triggers stand aside."""

    maintenance = models.BooleanField(default=False)
    reason = models.CharField(max_length=200, blank=True)
