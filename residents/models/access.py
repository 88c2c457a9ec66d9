"""The residents' door (RES-1): a code posted in each building's lobby, one-time codes to the phone on file.

A one-time code is kept only as a salted hash, lives minutes, allows a few tries; every request is a row (also
for a phone nobody has on file — the answer is the same), so requests are limited per phone and per address."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Building, Project, Resident, Unit


class EntryPoint(models.Model):
    """The printable code for one building: the short code in the lobby's QR and under it in words."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    building = models.OneToOneField(Building, on_delete=models.PROTECT, related_name="resident_entry")
    code = models.CharField(_("short code"), max_length=12, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("residents' entry code")
        verbose_name_plural = _("residents' entry codes")

    def __str__(self) -> str:
        return self.code


class OneTimeCode(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    phone_digest = models.CharField(max_length=64, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    code_hash = models.CharField(max_length=128, blank=True)
    requested_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")


class HouseholdSession(models.Model):
    """A resident signed in for one household; the browser holds only a signed key naming this row, which the
    resident (or a later sign-in) can end."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("resident session")
        verbose_name_plural = _("resident sessions")
