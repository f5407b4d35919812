"""Applications in the admin: read-only for system administrators.

Cases change only through the services (style.md habit 8), never through the admin, so every admin
view here is a view: no add, no change, no delete.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Application, Consultation, FeeNotice, Letter, Reminder


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = (
        "tracking_number",
        "agency",
        "applicant_name",
        "channel",
        "received_on",
        "state",
        "outcome",
    )
    list_filter = ("state", "channel", "applicant_category", "agency")
    search_fields = ("tracking_number", "applicant_name", "description")
    date_hierarchy = "received_on"
    exclude = ("access_secret_hash",)


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ("title", "application", "sent_at", "sha256")
    list_filter = ("kind",)
    search_fields = ("application__tracking_number", "title")
    exclude = ("docx",)


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("application", "kind", "party_name", "sent_on", "reply_due", "answered_on")


@admin.register(FeeNotice)
class FeeNoticeAdmin(ReadOnlyAdmin):
    list_display = ("application", "method", "amount", "issued_on", "payment_due", "paid_on", "lapsed_on")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("application", "kind", "for_date", "due", "recipients", "sent_at")
