from django.contrib import admin

from gongkai.web.admin_audit import AuditedModelAdmin
from gongkai.web.security.forms import CleanModelForm

from .models import Agency, AgencySuccession


class SuccessionInline(admin.TabularInline):  # type: ignore[type-arg]
    form = CleanModelForm
    model = AgencySuccession
    fk_name = "predecessor"
    extra = 0
    verbose_name = "承继机关"
    verbose_name_plural = "机构改革：由以下机关承继"


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "level", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    search_fields = ("name", "short_name", "short_code", "code", "credit_code")
    autocomplete_fields = ("parent",)
    inlines = (SuccessionInline,)
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "short_code", "parent", "level", "kind")}),
        ("代码", {"fields": ("credit_code", "division_code")}),
        (
            "政府信息公开工作机构",
            {
                "fields": (
                    "office_name",
                    "office_address",
                    "office_postcode",
                    "office_phone",
                    "office_fax",
                    "office_email",
                    "office_hours",
                    "website",
                )
            },
        ),
        ("存续期间", {"fields": ("valid_from", "valid_to")}),
    )


@admin.register(AgencySuccession)
class AgencySuccessionAdmin(AuditedModelAdmin):
    list_display = ("predecessor", "successor", "kind", "date", "basis")
    list_filter = ("kind",)
    autocomplete_fields = ("predecessor", "successor")
