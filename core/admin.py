"""Django admin is for configuration: companies, projects, people, roles and policies."""
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext_lazy as _

from core import clearance
from core.errors import Conflict
from core.models import AuditEvent, Building, Company, Department, Membership, Policy, Project, Resident, Unit, User


class StaffChangeForm(UserChangeForm):
    def clean(self):
        data = super().clean()
        person = self.instance
        if person.pk and person.is_active and data.get("is_active") is False:
            items = clearance.outstanding(person)
            if items:  # ARCH-7: cleared only when nothing is out, in any room
                raise forms.ValidationError(str(clearance.not_cleared(person, items)), code="not_cleared")
        return data


@admin.register(User)
class StaffAdmin(UserAdmin):
    form = StaffChangeForm
    actions = ["deactivate_cleared"]

    @admin.action(description=_("Deactivate (only those with nothing out)"))
    def deactivate_cleared(self, request, queryset):
        for person in queryset:
            try:
                clearance.deactivate(person=person, by=request.user, reason="admin")
            except Conflict as exc:
                self.message_user(request, str(exc), level=messages.ERROR)
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
