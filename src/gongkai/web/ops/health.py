"""``/healthz`` (liveness: the process answers; no database) and ``/readyz`` (readiness: the
database answers, every migration is applied and this year's working-day calendar is loaded).

Both answer JSON, to anyone, with no cookie. :class:`~gongkai.web.ops.middleware.HealthMiddleware`
serves them before host validation and the HTTPS redirect, so that a probe on the machine itself
(``http://127.0.0.1:8000/readyz``) works behind the proxy too.
"""

from __future__ import annotations

import threading
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

_migrated = threading.Event()  # once every migration is applied, it stays so in this process


def _migrations_applied() -> bool:
    if _migrated.is_set():
        return True
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    _migrated.set()
    return True


def readiness() -> tuple[bool, dict[str, str]]:
    from django.db import DatabaseError, connection
    from django.utils import timezone

    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError as exc:
        checks["database"] = f"不可用：{type(exc).__name__}"
        return False, checks
    checks["migrations"] = "ok" if _migrations_applied() else "有未应用的迁移"
    from gongkai.web.calendar.services import work_calendar

    year = timezone.localdate().year
    checks["calendar"] = "ok" if year in work_calendar().years else f"缺少 {year} 年的工作日历"
    return all(v == "ok" for v in checks.values()), checks


def _json(status: int, body: dict[str, Any]) -> JsonResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return _json(200, {"status": "ok"})


@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    ready, checks = readiness()
    return _json(200 if ready else 503, {"status": "ready" if ready else "not ready", "checks": checks})
