from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from gongkai.web.admin_audit import AuditedModelAdmin

from .models import ApplicantProfile, Membership, User


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ("agency",)


class ApplicantProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = ApplicantProfile
    extra = 0
    max_num = 1


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedModelAdmin):  # type: ignore[type-arg,misc]
    list_display = ("username", "display_name", "email", "is_active", "is_superuser", "last_login")
    search_fields = ("username", "display_name", "email", "phone")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("联系方式", {"fields": ("display_name", "phone")}),
    )
    inlines = (MembershipInline, ApplicantProfileInline)


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "agency", "role", "is_active", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__display_name", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency")
