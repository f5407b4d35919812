"""What a backup holds and where it goes: the database and the data directories of one installation.

Everything here talks to the database below Django's ORM (``sqlite3``, ``psycopg``, ``pg_dump``),
so that a backup or a restore sends no model signal and never recomputes a clock (docs/deploy.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.errors import GongkaiError

#: Tables that ``migrate`` itself fills (content types, permissions, the bundled calendar, seeded
#: vocabularies, SQLite's bookkeeping): rows there do not make a database "in use".
MIGRATE_FILLED_TABLES = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "sqlite_sequence",
        "workcalendar_calendarday",
        "disclosures_term",
        "disclosures_fts_config",
        "disclosures_fts_data",
        "applications_remedyclausepolicy",
    }
)


class BackupError(GongkaiError):
    """A backup or a restore cannot be made (the message says why, in Chinese)."""


@dataclass(frozen=True)
class Site:
    """One installation: its database (Django's ``DATABASES["default"]``) and its data directories.

    ``directories`` maps the name used in the archive (``uploads``, ``mail``) to the directory.
    """

    database: dict[str, Any]
    directories: dict[str, Path]

    @classmethod
    def from_settings(cls) -> Site:
        from django.conf import settings

        return cls(
            database=dict(settings.DATABASES["default"]),
            directories={"uploads": Path(settings.MEDIA_ROOT), "mail": Path(settings.DATA_DIR) / "mail"},
        )

    @property
    def vendor(self) -> str:
        return "sqlite" if str(self.database["ENGINE"]).endswith("sqlite3") else "postgresql"

    @property
    def sqlite_path(self) -> Path:
        return Path(str(self.database["NAME"]))

    def describe(self) -> str:
        if self.vendor == "sqlite":
            return f"SQLite 文件 {self.sqlite_path}"
        db = self.database
        return f"PostgreSQL 数据库 {db['NAME']}（{db.get('HOST') or '本地套接字'}:{db.get('PORT') or 5432}）"

    # PostgreSQL connection -------------------------------------------------------------------
    def conninfo(self) -> str:
        from psycopg.conninfo import make_conninfo

        db = self.database
        params: dict[str, Any] = {"dbname": db["NAME"]}
        for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user")):
            if db.get(key):
                params[name] = str(db[key])
        params.update({k: str(v) for k, v in (db.get("OPTIONS") or {}).items()})
        return make_conninfo(**params)

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.database.get("PASSWORD"):
            env["PGPASSWORD"] = str(self.database["PASSWORD"])
        return env

    def connect(self) -> Any:
        """A DB-API connection (sqlite3 or psycopg), outside Django."""
        if self.vendor == "sqlite":
            return sqlite3.connect(self.sqlite_path)
        import psycopg

        try:
            return psycopg.connect(
                self.conninfo(), password=self.database.get("PASSWORD") or None, autocommit=True
            )
        except psycopg.Error as exc:
            raise BackupError(f"无法连接{self.describe()}：{_first_line(str(exc))}") from None

    # Files -----------------------------------------------------------------------------------
    def files(self) -> Iterator[tuple[str, Path]]:
        """(archive name, path) of every regular file in the data directories, sorted."""
        for prefix, directory in sorted(self.directories.items()):
            if not directory.is_dir():
                continue
            for path in sorted(directory.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    yield f"files/{prefix}/{path.relative_to(directory).as_posix()}", path

    def clear_directories(self) -> None:
        for directory in self.directories.values():
            if directory.is_dir():
                for child in directory.iterdir():
                    if child.is_dir() and not child.is_symlink():
                        shutil.rmtree(child)
                    else:
                        child.unlink()


def table_names(connection: Any, vendor: str) -> list[str]:
    cursor = connection.cursor()
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    return [str(row[0]) for row in cursor.fetchall()]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(connection: Any, vendor: str) -> dict[str, int]:
    cursor = connection.cursor()
    counts = {}
    for table in table_names(connection, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(connection: Any, vendor: str) -> dict[str, list[str]]:
    """``{app: [migration, ...]}`` from ``django_migrations`` (empty when the table is absent)."""
    if "django_migrations" not in table_names(connection, vendor):
        return {}
    cursor = connection.cursor()
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(str(app), []).append(str(name))
    return applied


def tables_in_use(site: Site) -> list[str]:
    """Tables holding rows that ``migrate`` did not put there (empty: the database is not in use)."""
    if site.vendor == "sqlite" and not site.sqlite_path.exists():
        return []
    connection = site.connect()
    try:
        return tables_with_data(connection, site.vendor)
    finally:
        connection.close()


def tables_with_data(connection: Any, vendor: str) -> list[str]:
    """Tables of a DB-API (or Django) connection with rows ``migrate`` did not put there."""
    counts = row_counts(connection, vendor)
    return sorted(t for t, n in counts.items() if n and t not in MIGRATE_FILLED_TABLES)


def pg_tool(name: str, arguments: Sequence[str], site: Site) -> None:
    """Run ``pg_dump``/``pg_restore`` (``GONGKAI_PG_BIN`` names their directory); failure → BackupError."""
    directory = os.environ.get("GONGKAI_PG_BIN", "")
    program = str(Path(directory) / name) if directory else shutil.which(name)
    if not program or not Path(program).exists():
        raise BackupError(
            f"找不到 {name}（PostgreSQL 客户端工具）；请安装与服务器同一主版本的 postgresql-client，"
            "或用 GONGKAI_PG_BIN 指定其所在目录"
        )
    result = subprocess.run(
        [program, *arguments], env=site.pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"{name} 失败（{site.describe()}）：{_first_line(result.stderr) or result.returncode}"
        )


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0].strip() if lines else ""
