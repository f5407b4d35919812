"""/healthz, /readyz, the Content-Security-Policy header and the request log."""

from __future__ import annotations

import json
import logging

import pytest
from django.db import DatabaseError
from django.test import Client

from gongkai.web.calendar.models import CalendarDay
from gongkai.web.ops import health
from gongkai.web.ops.logs import ClientErrorFilter, JsonFormatter


def test_healthz_needs_no_database(client: Client) -> None:
    response = client.get("/healthz")  # no django_db mark: any query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_answers_on_any_host_and_without_the_https_redirect(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["gongkai.example.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/readyz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "calendar": "ok"},
    }
    assert Client().get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400  # other pages: hosts checked


@pytest.mark.django_db
def test_readyz_is_503_without_this_years_calendar() -> None:
    from django.utils import timezone

    CalendarDay.objects.filter(date__year=timezone.localdate().year).delete()
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready" and "工作日历" in body["checks"]["calendar"]


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection

    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("down")

    monkeypatch.setattr(connection, "cursor", broken)
    ready, checks = health.readiness()
    assert not ready and checks["database"].startswith("不可用")


@pytest.mark.django_db
def test_every_page_has_the_content_security_policy(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline' " not in policy.split("style-src-attr")[0]  # only style attributes
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_a_plain_403_logs_one_line_without_traceback(client: Client, django_user_model, caplog) -> None:  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user(username="visitor", password="pw-123456-abc")
    client.force_login(user)
    with caplog.at_level(logging.INFO):
        response = client.get("/admin/")  # not staff: a redirect; the desk: a 403 for a non-member
        response = client.get("/applications/")
    assert response.status_code == 403
    lines = [r for r in caplog.records if getattr(r, "status", None) == 403 or "Forbidden" in r.getMessage()]
    assert len(lines) == 1
    record = lines[0]
    assert record.name == "gongkai.request" and record.user_id == user.pk
    assert record.exc_info is None
    entry = json.loads(JsonFormatter().format(record))
    assert entry["status"] == 403 and entry["path"] == "/applications/" and entry["user_id"] == user.pk
    assert len(entry["request_id"]) == 32 and "traceback" not in entry
    assert response["X-Request-ID"] == entry["request_id"]


def test_django_4xx_records_are_dropped_and_5xx_kept_with_traceback() -> None:
    def record(status: int) -> logging.LogRecord:
        try:
            raise PermissionError("x")
        except PermissionError:
            import sys

            made = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "m", (), sys.exc_info())
        made.status_code = status
        return made

    assert not ClientErrorFilter().filter(record(403))
    assert ClientErrorFilter().filter(record(500))
    entry = json.loads(JsonFormatter().format(record(500)))
    assert entry["exception"] == "PermissionError: x" and "Traceback" in entry["traceback"]
