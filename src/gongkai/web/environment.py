"""Typed readers of the environment for the platform's settings.

Each helper reads one variable, converts it, and fails loudly — a :class:`SettingsError` naming the
variable and what was wrong, in Chinese — instead of silently falling back on a default when the
value is present but malformed (style.md habit 10). A variable that is absent gets the documented
default.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from gongkai.errors import GongkaiError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(GongkaiError, ImproperlyConfigured):
    """A setting read from the environment is malformed or unusable.

    Both a :class:`GongkaiError` (the CLI prints its one Chinese line and exits 2) and Django's
    ``ImproperlyConfigured`` (what Django code expects from settings).
    """


def env_str(name: str, default: str) -> str:
    """The variable as text, or ``default`` when it is absent."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off`` (any case); anything else is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"环境变量 {name} 的值“{raw}”不是布尔值（应为 1/0、true/false、yes/no、on/off）")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A decimal integer within ``[minimum, maximum]``; anything else is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingsError(f"环境变量 {name} 的值“{raw}”不是整数") from None
    if minimum is not None and value < minimum:
        raise SettingsError(f"环境变量 {name} 的值 {value} 小于允许的最小值 {minimum}")
    if maximum is not None and value > maximum:
        raise SettingsError(f"环境变量 {name} 的值 {value} 大于允许的最大值 {maximum}")
    return value


def env_month_day(name: str, default: str) -> str:
    """A day of the year as ``MM-DD`` (e.g. ``01-31``); anything else is an error."""
    import datetime as _dt

    raw = os.environ.get(name, default).strip()
    try:
        _dt.date(2000, *(int(part) for part in raw.split("-")))  # 2000: a leap year accepts 02-29
        if len(raw.split("-")) != 2:
            raise ValueError
    except (TypeError, ValueError):
        raise SettingsError(f"环境变量 {name} 的值“{raw}”不是“月-日”格式（如 01-31）") from None
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; blanks around items are dropped, empty items are an error."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise SettingsError(f"环境变量 {name} 的值“{raw}”含有空项（应为以逗号分隔的列表）")
    return items


def env_email(name: str, default: str) -> str:
    """An e-mail address (``name@host``, optionally ``显示名 <name@host>``); anything else is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip()
    address = value.rsplit("<", 1)[-1].rstrip(">").strip() if value.endswith(">") else value
    local, at, host = address.partition("@")
    if not (local and at and host) or any(ch.isspace() for ch in address):
        raise SettingsError(f"环境变量 {name} 的值“{raw}”不是电子邮件地址（应为 name@example.org）")
    return value


def env_url(name: str, default: str) -> str:
    """An http(s) URL without a trailing slash, or empty; anything else is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise SettingsError(f"环境变量 {name} 的值“{raw}”不是 http(s) 网址（应为 https://example.org）")
    return value


def data_dir(name: str = "GONGKAI_DATA_DIR") -> Path:
    """The directory holding the SQLite file, uploads, mail and the secret key; created if absent.

    Default: the per-user data directory of platformdirs (``~/.local/share/gongkai`` on Linux), so
    nothing is ever written into the checkout.
    """
    raw = os.environ.get(name)
    if raw is None:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("gongkai", appauthor=False))
    else:
        if not raw.strip():
            raise SettingsError(f"环境变量 {name} 为空（应为一个目录路径）")
        path = Path(raw).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(f"无法创建数据目录 {path}（{exc.strerror}）") from None
    if not path.is_dir() or not os.access(path, os.W_OK):
        raise SettingsError(f"数据目录 {path} 不是可写的目录")
    return path


def secret_key(directory: Path, name: str = "GONGKAI_SECRET_KEY") -> str:
    """``GONGKAI_SECRET_KEY``, or a key generated once and kept in ``<data dir>/secret_key``.

    The generated file is readable by its owner only; the key is never in the repository.
    """
    raw = os.environ.get(name)
    if raw is not None:
        if len(raw) < 32:
            raise SettingsError(f"环境变量 {name} 太短（至少 32 个字符）")
        return raw
    path = directory / "secret_key"
    if path.exists():
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise SettingsError(f"{path} 中的密钥太短（至少 32 个字符）；删除该文件即可重新生成")
        return key
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key


@dataclass(frozen=True)
class DatabaseURL:
    """The parts of ``postgresql://user:password@host:port/name?sslmode=...``."""

    name: str
    user: str
    password: str
    host: str
    port: str
    options: dict[str, str]


def parse_database_url(url: str, name: str = "DATABASE_URL") -> DatabaseURL:
    """Parse a PostgreSQL URL; any other scheme, or a URL without a database name, is an error."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SettingsError(f"环境变量 {name} 只支持 postgresql://…（收到的方案为“{parts.scheme or '空'}”）")
    db_name = unquote(parts.path.lstrip("/"))
    if not db_name:
        raise SettingsError(f"环境变量 {name} 缺少数据库名（形如 postgresql://用户@主机:5432/库名）")
    options: dict[str, str] = {}
    for pair in filter(None, parts.query.split("&")):
        key, _, value = pair.partition("=")
        options[unquote(key)] = unquote(value)
    try:
        port = str(parts.port or "")
    except ValueError:
        raise SettingsError(f"环境变量 {name} 中的端口号无效") from None
    return DatabaseURL(
        name=db_name,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=parts.hostname or "",
        port=port,
        options=options,
    )


def database(directory: Path, name: str = "DATABASE_URL") -> dict[str, object]:
    """Django's ``DATABASES["default"]``: PostgreSQL (psycopg 3) from ``DATABASE_URL``, else SQLite.

    SQLite runs in WAL mode with ``BEGIN IMMEDIATE`` transactions so that the web process and a
    worker do not fail with "database is locked" (stack.md §1); a writer waits for the lock up to
    ``GONGKAI_SQLITE_TIMEOUT`` seconds (60: under 200 simultaneous submissions on a starved machine
    a wait of 20 s was exceeded, BENCHMARKS.md "Load and faults").
    """
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(directory / "gongkai.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "timeout": env_int("GONGKAI_SQLITE_TIMEOUT", 60, minimum=1),
            },
        }
    url = parse_database_url(raw.strip(), name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": url.name,
        "USER": url.user,
        "PASSWORD": url.password,
        "HOST": url.host,
        "PORT": url.port,
        "OPTIONS": dict(url.options),
        "CONN_MAX_AGE": env_int("GONGKAI_DB_CONN_MAX_AGE", 60, minimum=0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"CHARSET": "UTF8", "TEMPLATE": "template0"},
    }
