"""Django admin is for configuration: companies, projects, people, roles and policies."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core.models import (AuditEvent, Building, Company, Department, Membership, Policy, Project, Resident, Unit,
                         User)


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("PropDesk", {"fields": ("full_name", "company", "department", "employee_no",
                                                                 "phone")}),)
    list_display = ("username", "full_name", "department", "is_active")
    list_filter = ("department", "is_active")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "company")
    inlines = [MembershipInline]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    """Every rule's parameters, with the clause it comes from; override per company or project."""

    list_display = ("key", "company", "project", "clause", "updated_at")
    list_filter = ("company", "project")
    search_fields = ("key", "clause", "description")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records changed only through services (so they are audited) are shown read-only here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "occurred_at", "actor_name", "action", "target_type", "target_id")
    list_filter = ("action",)
    search_fields = ("target_id", "actor_name")


admin.site.register([Company, Department, Membership, Building, Unit])


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "kind", "is_vip")
    exclude = ("phone",)
    list_filter = ("project", "kind", "is_vip")
