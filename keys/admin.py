from django.contrib import admin

from core.admin import ReadOnlyAdmin
from keys.models import KeySet


@admin.register(KeySet)
class KeySetAdmin(ReadOnlyAdmin):
    """Read-only view of the ledger; changes go through the key-room pages so they are audited."""

    list_display = ("number", "name", "category", "status", "project", "storage")
    list_filter = ("project", "category", "status")
    search_fields = ("number", "name")
