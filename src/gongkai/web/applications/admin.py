"""Applications in the admin: read-only for system administrators.

Cases change only through the services (style.md habit 8), never through the admin, so every admin
view here is a view: no add, no change, no delete. The one exception is the remedy clause policy
(:class:`RemedyClausePolicy`): the system administrator edits it here, through
:func:`.letter_services.save_remedy_policy` (validated and audited); and the 统一受理 flag
(:class:`UnifiedIntake`, D47), set through :func:`.services.set_unified_intake` (audited).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from . import letter_services, services
from .models import (
    Application,
    Consultation,
    FeeNotice,
    Letter,
    LetterSettings,
    RemedyClausePolicy,
    Reminder,
    Routing,
    UnifiedIntake,
)


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


@admin.register(RemedyClausePolicy)
class RemedyClausePolicyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """救济途径告知政策: one row per outcome kind; rows are seeded, never added or deleted."""

    list_display = (
        "kind",
        "review_first",
        "review_body",
        "review_days",
        "suit_after_review_days",
        "direct_suit_months",
    )
    readonly_fields = ("kind", "updated_at")
    fields = (
        "kind",
        "review_first",
        "review_body",
        "review_days",
        "suit_after_review_days",
        "direct_suit_months",
        "source",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        letter_services.save_remedy_policy(obj, request.user)


@admin.register(LetterSettings)
class LetterSettingsAdmin(ReadOnlyAdmin):
    """Read-only here: each agency's administrator edits its own on the letter settings page."""

    list_display = ("agency", "letterhead", "number_pattern", "seal_sha256")
    exclude = ("seal_png",)
    # The payment link is https (Django 6 default; no deprecation warning from the form field).
    formfield_overrides: ClassVar[dict[Any, dict[str, Any]]] = {models.URLField: {"assume_scheme": "https"}}


@admin.register(UnifiedIntake)
class UnifiedIntakeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """统一受理机关 (D47): the system administrator flags a portal and the area it serves, through
    :func:`.services.set_unified_intake` (audited); removing the row removes the flag."""

    list_display = ("agency", "area", "note", "created_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("agency",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.set_unified_intake(obj.agency, request.user, area=obj.area, note=obj.note)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.set_unified_intake(obj.agency, request.user, enabled=False)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset.select_related("agency"):
            self.delete_model(request, obj)


@admin.register(Routing)
class RoutingAdmin(ReadOnlyAdmin):
    list_display = ("application", "kind", "from_agency", "to_agency", "sent_on", "signed_on", "returned_on")
