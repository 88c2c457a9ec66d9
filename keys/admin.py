from django.contrib import admin

from keys.models import KeySet


@admin.register(KeySet)
class KeySetAdmin(admin.ModelAdmin):
    """Read-only view of the ledger; changes go through the key-room pages so they are audited."""

    list_display = ("number", "name", "category", "status", "project", "storage")
    list_filter = ("project", "category", "status")
    search_fields = ("number", "name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
