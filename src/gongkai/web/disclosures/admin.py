"""The register's vocabularies (主题分类, 体裁) and 公开制度 pages in the admin (system administrators)."""

from django.contrib import admin

from gongkai.web.admin_audit import AuditedModelAdmin

from .models import Page, Term


@admin.register(Term)
class TermAdmin(AuditedModelAdmin):
    list_display = ("kind", "code", "label", "position")
    list_filter = ("kind",)
    search_fields = ("code", "label")


@admin.register(Page)
class PageAdmin(AuditedModelAdmin):
    list_display = ("agency", "kind", "title", "updated_at")
    list_filter = ("kind",)
    search_fields = ("title",)
