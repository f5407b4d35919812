"""Starting the platform from the ``gongkai`` command: configure Django, migrate, collect static files.

Only the platform commands (serve, demo, manage) call this, inside their ``run``; the core commands
never import Django.
"""

from __future__ import annotations

import os
from typing import TextIO

from gongkai.errors import GongkaiError


class PlatformError(GongkaiError):
    """The platform cannot start (database unreachable, port taken, ...)."""


def setup() -> None:
    """Configure Django with gongkai's settings (``DJANGO_SETTINGS_MODULE`` may point elsewhere)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()


def describe_database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite 文件 {db['NAME']}"
    return f"PostgreSQL 数据库 {db['NAME']}（{db.get('HOST') or '本地套接字'}:{db.get('PORT') or 5432}）"


def migrate(stdout: TextIO) -> None:
    """Bring the database schema up to date (a new database also gets the national calendar)."""
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PlatformError(f"无法连接或迁移数据库（{describe_database()}）：{first}") from None
    stdout.write(f"数据库：已更新到最新结构（{describe_database()}）\n")


def collect_static() -> None:
    """Copy the static files into the data directory, where whitenoise serves them from."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
