"""Policies as data: each rule's parameters with the clause it comes from."""
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.policy_cache import forget_cached

from .tenancy import Company, Project


class PolicyQuerySet(models.QuerySet):
    """Bulk writes bypass the save signals; they empty the policy cache themselves (core.policies)."""

    def update(self, **kwargs):
        done = super().update(**kwargs)
        forget_cached()
        transaction.on_commit(forget_cached)
        return done

    def bulk_create(self, *args, **kwargs):
        done = super().bulk_create(*args, **kwargs)
        forget_cached()
        transaction.on_commit(forget_cached)
        return done


class Policy(models.Model):
    """A policy value; the most specific row wins: project, then company, then the shipped default."""

    objects = PolicyQuerySet.as_manager()

    company = models.ForeignKey(Company, on_delete=models.CASCADE, null=True, blank=True, related_name="policies")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="policies")
    key = models.CharField(_("key"), max_length=120)
    value = models.JSONField(_("value"))
    clause = models.CharField(_("clause"), max_length=300, help_text=_("The regulation clause this rule comes from."))
    description = models.CharField(_("description"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=Q(company__isnull=True, project__isnull=True), name="policy_default_unique"),
            models.UniqueConstraint(fields=["company", "key"], condition=Q(project__isnull=True), name="policy_company_unique"),
            models.UniqueConstraint(fields=["project", "key"], condition=Q(project__isnull=False), name="policy_project_unique"),
        ]

    def __str__(self) -> str:
        scope = self.project or self.company or _("default")
        return f"{self.key} [{scope}]"
