"""The calendar table in the admin (system administrators add next year's schedule here)."""

from django.contrib import admin

from gongkai.web.admin_audit import AuditedModelAdmin

from .models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin):
    list_display = ("date", "weekday", "kind", "name", "source")
    list_filter = ("kind", "name")
    search_fields = ("name", "source")
    date_hierarchy = "date"

    @admin.display(description="星期")
    def weekday(self, obj: CalendarDay) -> str:
        return "一二三四五六日"[obj.date.weekday()]
