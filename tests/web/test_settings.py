"""The settings as loaded: Chinese, Shanghai time, CSRF on, bounded uploads, admin for sysadmins only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_language_and_time_zone() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ


def test_csrf_and_security_middleware_are_on() -> None:
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" in settings.MIDDLEWARE
    assert settings.X_FRAME_OPTIONS == "DENY"


def test_uploads_are_bounded() -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert 0 < settings.GONGKAI_MAX_UPLOAD_BYTES <= 1024 * 1024 * 1024


def test_nothing_is_written_into_the_checkout() -> None:
    checkout = Path(__file__).resolve().parents[2]
    for path in (settings.DATA_DIR, settings.STATIC_ROOT, settings.MEDIA_ROOT):
        assert checkout not in Path(path).resolve().parents, path


def _settings_in_a_fresh_process(tmp_path: Path, **env: str) -> str:
    code = (
        "import django, os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'gongkai.web.settings'\n"
        "from django.conf import settings\n"
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.DATABASES['default']['ENGINE'])\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | {"GONGKAI_DATA_DIR": str(tmp_path)} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_defaults_are_production_safe(tmp_path: Path) -> None:
    assert _settings_in_a_fresh_process(tmp_path) == "False True True django.db.backends.sqlite3"
    assert (
        _settings_in_a_fresh_process(tmp_path, GONGKAI_DEBUG="1")
        == "True False False django.db.backends.sqlite3"
    )
    assert (tmp_path / "secret_key").exists()
