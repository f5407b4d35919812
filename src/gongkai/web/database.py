"""A guard run on every new database connection: PostgreSQL must store and classify text as UTF-8.

Chinese full-text and substring search (``pg_trgm``, ``lower()``, collation-aware ordering) depend on
the database's character type: in a ``C``/``POSIX`` or non-UTF-8 database they silently give wrong
results (stack.md, gotcha 4). The platform refuses to start on such a database instead.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from .environment import SettingsError


def _is_utf8(name: str) -> bool:
    return name.replace("-", "").replace("_", "").lower().endswith("utf8")


def check_utf8(connection: BaseDatabaseWrapper) -> None:
    """Raise :class:`SettingsError` unless the PostgreSQL database is UTF-8 in encoding and ctype.

    No-op for other vendors (SQLite text is always UTF-8).
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        (encoding,) = cursor.fetchone()
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        (ctype,) = cursor.fetchone()
    database = connection.settings_dict.get("NAME")
    if not _is_utf8(str(encoding)):
        raise SettingsError(
            f"PostgreSQL 数据库 {database} 的编码为 {encoding}，不是 UTF8；中文检索依赖 UTF-8，"
            "请用 CREATE DATABASE … ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' TEMPLATE template0 重建数据库"
        )
    if not _is_utf8(str(ctype)):
        raise SettingsError(
            f"PostgreSQL 数据库 {database} 的字符类型（LC_CTYPE）为 {ctype}，不是 UTF-8；中文检索依赖 UTF-8，"
            "请用 CREATE DATABASE … ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' TEMPLATE template0 重建数据库"
        )


def on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Receiver of ``django.db.backends.signals.connection_created``."""
    check_utf8(connection)
