"""Admin mixin: every change made through the admin is written to the audit log in its transaction.

The admin's add/change/delete views run inside ``transaction.atomic``, so recording in
``save_model``/``delete_model`` keeps the change and its event together.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from gongkai.web import audit
from gongkai.web.security.forms import CleanModelForm


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = CleanModelForm  # control characters are cleaned in the admin too (security/forms.py)
    # Django 6 assumes https for scheme-less URLs; say so now (and avoid its deprecation warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # noqa: RUF012

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        before = None
        if change and obj.pk is not None:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = audit.snapshot(old) if old is not None else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                request.user,
                f"admin.{'change' if change else 'add'}",
                obj,
                before=before,
                after=audit.snapshot(obj),
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Inline rows (an agency's successions, a user's memberships) are changes too. Deletions are
        # recorded first, while the rows still have their ids; all of it is in the admin's transaction.
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                audit.record(
                    request.user, "admin.delete", deleted.instance, before=audit.snapshot(deleted.instance)
                )
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit.record(request.user, "admin.add", obj, after=audit.snapshot(obj))
        for obj, fields in formset.changed_objects:
            audit.record(request.user, "admin.change", obj, after=audit.snapshot(obj), note="、".join(fields))

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            audit.record(request.user, "admin.delete", obj, before=audit.snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit.record(request.user, "admin.delete", obj, before=audit.snapshot(obj))
            super().delete_queryset(request, queryset)
