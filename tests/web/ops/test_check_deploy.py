"""`gongkai check-deploy`: each rule fails on the setting it names, and passes when it is right."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gongkai.web.ops.deploy import ERROR, OK, WARNING, exit_status, run_checks

NOW = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)  # 2026 is loaded (bundled), 2027 is not yet


def _production(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    settings.SECRET_KEY = "k" * 20 + "Q7x!m-" + "z" * 30
    settings.ALLOWED_HOSTS = ["gongkai.example.gov.cn"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.GONGKAI_SITE_URL = "https://gongkai.example.gov.cn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "smtp.example.gov.cn", 587
    settings.DEFAULT_FROM_EMAIL = "gongkai@example.gov.cn"
    backups = tmp_path / "backups"
    backups.mkdir()
    archive = backups / "gongkai-backup-20260601-010000.tar.gz"
    archive.write_bytes(b"x")
    os.utime(archive, (NOW.timestamp() - 3600, NOW.timestamp() - 3600))
    settings.GONGKAI_BACKUP_DIR = str(backups)
    return archive


def _messages(level: str, now: dt.datetime = NOW) -> list[str]:
    return [r.message for r in run_checks(now) if r.level == level]


@pytest.mark.django_db
def test_a_production_configuration_passes(settings, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GONGKAI_SECRET_KEY", settings.SECRET_KEY)
    _production(settings, tmp_path)
    assert _messages(ERROR) == []
    warnings = _messages(WARNING)
    assert all("SQLite" in w or "2027" in w for w in warnings), warnings
    assert any("gongkai-backup-20260601" in m for m in _messages(OK))


@pytest.mark.django_db
def test_each_rule_names_what_is_wrong(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    archive = _production(settings, tmp_path)
    settings.DEBUG = True
    settings.SECRET_KEY = "django-insecure-" + "a" * 40
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    del settings.SECURE_PROXY_SSL_HEADER
    settings.SECURE_HSTS_SECONDS = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    os.utime(archive, (NOW.timestamp() - 5 * 86400,) * 2)
    errors = " ".join(_messages(ERROR))
    for expected in ("GONGKAI_DEBUG", "密钥太弱", "只有本机地址", "GONGKAI_BEHIND_TLS_PROXY", "已有 5 天"):
        assert expected in errors
    warnings = " ".join(_messages(WARNING))
    assert "HSTS" in warnings and "SMTP" in warnings
    assert exit_status(run_checks(NOW)) == 2


@pytest.mark.django_db
def test_backups_not_configured_and_next_years_calendar(settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_BACKUP_DIR = ""
    assert any("GONGKAI_BACKUP_DIR" in m for m in _messages(ERROR))
    # 2027 missing: a warning in June, an error from December (cases then run into January).
    assert any("2027" in m for m in _messages(WARNING))
    december = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)
    assert any("2027" in m for m in _messages(ERROR, december))
    assert any("2026" in m for m in _messages(OK, dt.datetime(2025, 6, 1, tzinfo=dt.UTC)))


def test_exit_status_is_the_worst_level() -> None:
    from gongkai.web.ops.deploy import Result

    assert exit_status([Result(OK, "a")]) == 0
    assert exit_status([Result(OK, "a"), Result(WARNING, "b")]) == 1
    assert exit_status([Result(WARNING, "b"), Result(ERROR, "c")]) == 2


def test_the_command_prints_one_line_per_check_and_exits_2(tmp_path: Path) -> None:
    from .helpers import gongkai

    migrated = gongkai(tmp_path, None, "manage", "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    result = gongkai(tmp_path, None, "check-deploy")
    assert result.returncode == 2, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("[错误] 未配置备份") for line in lines)
    assert any(line.startswith("[OK] 数据库结构是最新的") for line in lines)
    assert lines[-1].startswith("共 ") and "Traceback" not in result.stderr
    # `gongkai backup` without FILE writes into GONGKAI_BACKUP_DIR (made if absent); then the check passes.
    backups = {"GONGKAI_BACKUP_DIR": str(tmp_path / "backups")}
    made = gongkai(tmp_path, None, "backup", env=backups)
    assert made.returncode == 0, made.stderr
    assert [p.name.startswith("gongkai-backup-") for p in (tmp_path / "backups").iterdir()] == [True]
    again = gongkai(tmp_path, None, "check-deploy", env=backups)
    assert any(line.startswith("[OK] 最新的备份 gongkai-backup-") for line in again.stdout.splitlines())
