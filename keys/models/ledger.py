"""The key ledger (KEY-LEDGER-1..3)."""
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Building, Project, Unit
from keys.categories import Category
from keys.states import KeyStatus


def new_tag_token() -> str:
    """An opaque tag code: says nothing about the unit, needs no network to resolve (KEY-LEDGER-2)."""
    return "K" + secrets.token_hex(6).upper()


class KeySet(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="keys")
    number = models.CharField(_("key number"), max_length=40)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name = models.CharField(_("what it opens"), max_length=200)
    building = models.ForeignKey(Building, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="keys")
    floor = models.IntegerField(_("floor"), null=True, blank=True)
    equipment = models.CharField(_("equipment"), max_length=100, blank=True)
    room_number = models.CharField(_("room number"), max_length=40, blank=True)
    pieces = models.PositiveSmallIntegerField(_("pieces"))
    storage = models.CharField(_("storage place"), max_length=60, help_text=_("Cabinet and hook, e.g. A-03-12"))
    status = models.CharField(_("status"), max_length=20, choices=KeyStatus.choices, default=KeyStatus.IN_STORE)
    is_emergency_spare = models.BooleanField(_("emergency spare"), default=False)
    tag_token = models.CharField(max_length=20, unique=True, default=new_tag_token, editable=False)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("key set")
        verbose_name_plural = _("key sets")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="key_number_unique"),
            models.CheckConstraint(condition=models.Q(pieces__gte=1), name="key_pieces_positive"),
        ]
        # (project, status): the morning register counts the keys that should hang on their hooks.
        indexes = [models.Index(fields=["project", "category", "status"]),
                   models.Index(fields=["project", "status"], name="key_project_status")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"
