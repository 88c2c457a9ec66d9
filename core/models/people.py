"""Staff, departments, project memberships and residents (CORE-2, CORE-3)."""
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.roles import DepartmentCode, Role

from .tenancy import Company, Project, Unit


class Department(models.Model):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="departments")
    code = models.CharField(_("code"), max_length=20, choices=DepartmentCode.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="department_code_unique")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff account. Residents are not users; they sign on the desk's screen (CORE-6)."""

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, null=True, blank=True, related_name="staff")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="staff")
    employee_no = models.CharField(_("employee number"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_username()

    def __str__(self) -> str:
        return self.display_name


class Membership(models.Model):
    """A role a user holds in one project; a user sees only projects they are a member of (CORE-1)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "project", "role"], name="membership_unique")]
        indexes = [models.Index(fields=["project", "role"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.project}: {self.get_role_display()}"


class ResidentKind(models.TextChoices):
    OWNER = "owner", _("Owner")
    TENANT = "tenant", _("Tenant")
    FAMILY = "family", _("Family member")


class Resident(models.Model):
    """An owner, tenant or household member (业户). Phone masked, ID number encrypted (CORE-3)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="residents")
    units = models.ManyToManyField(Unit, related_name="residents", blank=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=ResidentKind.choices, default=ResidentKind.OWNER)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    id_number_cipher = models.TextField(blank=True, editable=False)
    id_number_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_hint = models.CharField(max_length=8, blank=True, editable=False)
    is_vip = models.BooleanField(_("important customer"), default=False)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self) -> str:
        return self.name
