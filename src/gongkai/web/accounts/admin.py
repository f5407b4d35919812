from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest, HttpResponse

from gongkai.web.admin_audit import AuditedModelAdmin
from gongkai.web.security.forms import CleanModelForm

from .forms import ADMIN_ACTOR, AuditedAdminPasswordChangeForm, CleanInputMixin
from .models import ApplicantProfile, Membership, User


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    form = CleanModelForm
    model = Membership
    extra = 0
    autocomplete_fields = ("agency",)


class ApplicantProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    form = CleanModelForm
    model = ApplicantProfile
    extra = 0
    max_num = 1


class UserCreationAdminForm(CleanInputMixin, AdminUserCreationForm):  # type: ignore[type-arg]
    # Django's forms name auth.User, which is swapped out here (AUTH_USER_MODEL = accounts.User).
    class Meta(AdminUserCreationForm.Meta):  # type: ignore[name-defined,misc]
        model = User


class UserChangeAdminForm(CleanInputMixin, UserChangeForm):  # type: ignore[type-arg]
    class Meta(UserChangeForm.Meta):  # type: ignore[name-defined,misc]
        model = User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedModelAdmin):  # type: ignore[type-arg,misc]
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    list_display = ("username", "display_name", "email", "is_active", "is_superuser", "last_login")
    search_fields = ("username", "display_name", "email", "phone")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("联系方式", {"fields": ("display_name", "phone")}),
    )
    inlines = (MembershipInline, ApplicantProfileInline)
    change_password_form = AuditedAdminPasswordChangeForm

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        token = ADMIN_ACTOR.set(request.user)  # the form's save names the administrator in the event
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            ADMIN_ACTOR.reset(token)


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "agency", "role", "is_active", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__display_name", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency")
