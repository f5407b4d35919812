"""Settings helpers: typed, loud on malformed values; the PostgreSQL UTF-8 guard."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from gongkai.errors import GongkaiError
from gongkai.web import environment as env
from gongkai.web.database import check_utf8
from gongkai.web.environment import SettingsError


def test_bool_accepts_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [
        ("1", True),
        ("TRUE", True),
        ("on", True),
        ("0", False),
        ("no", False),
        ("", False),
    ]:
        monkeypatch.setenv("GK_X", raw)
        assert env.env_bool("GK_X", not expected) is expected
    monkeypatch.delenv("GK_X")
    assert env.env_bool("GK_X", True) is True


def test_bool_refuses_anything_else_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_DEBUG", "maybe")
    with pytest.raises(SettingsError, match=r"GONGKAI_DEBUG.*maybe"):
        env.env_bool("GONGKAI_DEBUG", False)


def test_settings_error_is_a_gongkai_error_so_the_cli_prints_one_line() -> None:
    assert issubclass(SettingsError, GongkaiError)


def test_int_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_MAX_UPLOAD_MB", "20")
    assert env.env_int("GONGKAI_MAX_UPLOAD_MB", 5, minimum=1) == 20
    monkeypatch.setenv("GONGKAI_MAX_UPLOAD_MB", "twenty")
    with pytest.raises(SettingsError, match="不是整数"):
        env.env_int("GONGKAI_MAX_UPLOAD_MB", 5)
    monkeypatch.setenv("GONGKAI_MAX_UPLOAD_MB", "0")
    with pytest.raises(SettingsError, match="最小值"):
        env.env_int("GONGKAI_MAX_UPLOAD_MB", 5, minimum=1)


def test_list_refuses_empty_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_ALLOWED_HOSTS", "a.example, b.example")
    assert env.env_list("GONGKAI_ALLOWED_HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("GONGKAI_ALLOWED_HOSTS", "a.example,,b")
    with pytest.raises(SettingsError, match="空项"):
        env.env_list("GONGKAI_ALLOWED_HOSTS", [])


def test_data_dir_is_created_and_the_secret_key_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("GONGKAI_SECRET_KEY", raising=False)
    directory = env.data_dir()
    assert directory.is_dir()
    key = env.secret_key(directory)
    assert len(key) >= 50
    assert env.secret_key(directory) == key  # generated once, then reused
    mode = stat.S_IMODE((directory / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_short_secret_key_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GONGKAI_SECRET_KEY", "short")
    with pytest.raises(SettingsError, match="太短"):
        env.secret_key(tmp_path)


def test_sqlite_by_default_with_wal_and_immediate_transactions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db: dict[str, Any] = env.database(tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "gongkai.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_postgresql_from_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://gk:p%40ss@db.example:5433/gongkai?sslmode=require")
    db: dict[str, Any] = env.database(tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "gongkai",
        "gk",
        "p@ss",
        "db.example",
        "5433",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x@h/db", "只支持 postgresql"),
        ("postgresql://x@h/", "缺少数据库名"),
        ("postgresql://x@h:99999/db", "端口"),
    ],
)
def test_bad_database_urls(url: str, message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(SettingsError, match=message):
        env.database(tmp_path)


class _Cursor:
    def __init__(self, encoding: str, ctype: str) -> None:
        self.answers = [(encoding,), (ctype,)]
        self.queries: list[str] = []

    def __enter__(self) -> _Cursor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute(self, sql: str) -> None:
        self.queries.append(sql)

    def fetchone(self) -> tuple[str]:
        return self.answers.pop(0)


class _Connection:
    def __init__(self, vendor: str, encoding: str = "UTF8", ctype: str = "C.UTF-8") -> None:
        self.vendor = vendor
        self.settings_dict = {"NAME": "gongkai"}
        self._cursor = _Cursor(encoding, ctype)

    def cursor(self) -> _Cursor:
        return self._cursor


@pytest.mark.parametrize("ctype", ["C.UTF-8", "zh_CN.utf8", "en_US.UTF-8"])
def test_utf8_postgresql_is_accepted(ctype: str) -> None:
    check_utf8(_Connection("postgresql", ctype=ctype))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("encoding", "ctype", "message"),
    [("SQL_ASCII", "C", "编码"), ("UTF8", "C", "LC_CTYPE"), ("UTF8", "POSIX", "LC_CTYPE")],
)
def test_non_utf8_postgresql_is_refused(encoding: str, ctype: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        check_utf8(_Connection("postgresql", encoding, ctype))  # type: ignore[arg-type]


def test_other_databases_are_not_queried() -> None:
    connection = _Connection("sqlite")
    check_utf8(connection)  # type: ignore[arg-type]
    assert connection._cursor.queries == []


@pytest.mark.django_db
def test_the_test_database_passes_the_guard() -> None:
    from django.db import connection

    check_utf8(connection)


def test_month_day(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env.env_month_day("GK_TEST_MD", "01-31") == "01-31"
    monkeypatch.setenv("GK_TEST_MD", "02-29")
    assert env.env_month_day("GK_TEST_MD", "01-31") == "02-29"
    for bad in ("13-01", "1/31", "01-31-2026", "x"):
        monkeypatch.setenv("GK_TEST_MD", bad)
        with pytest.raises(SettingsError, match="GK_TEST_MD"):
            env.env_month_day("GK_TEST_MD", "01-31")
