"""Background tasks in the system administrators' admin: django-tasks-db registers its task results
itself (list filtered by status — 失败 shows the failed tasks with their traceback); the workers'
heartbeats are listed here."""

from __future__ import annotations

from django.contrib import admin

from .models import WorkerBeat


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "host", "pid", "started_at", "seen_at")
    ordering = ("-seen_at",)

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        return False
