"""Attachments and signatures that hang off any record (CORE-6, CORE-9)."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .tenancy import Project


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    SCAN = "scan", _("Scanned document")
    ID_COPY = "id_copy", _("Identity document copy")
    AUTHORIZATION = "authorization", _("Authorization letter")
    OTHER = "other", _("Other")


# Kinds that are always encrypted at rest (CORE-3).
SENSITIVE_KINDS = frozenset({AttachmentKind.ID_COPY, AttachmentKind.AUTHORIZATION})


class Attachment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.PHOTO)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=200)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    encrypted = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["content_type", "object_id"])]


class SignatureMethod(models.TextChoices):
    CREDENTIALS = "credentials", _("Own credentials")
    ON_SCREEN = "on_screen", _("Signed on screen")


class Signature(models.Model):
    """One person's confirmation of one record in one capacity (borrower, issuer, witness …)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    capacity = models.CharField(_("capacity"), max_length=40)
    method = models.CharField(max_length=20, choices=SignatureMethod.choices)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signer_name = models.CharField(_("signer"), max_length=100)
    image = models.TextField(blank=True, help_text="PNG data URL of an on-screen signature")
    signed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "capacity"], name="one_signature_per_capacity"),
        ]
