"""Running gongkai in a data directory of its own, and comparing two installations row by row."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from gongkai.web.environment import parse_database_url
from gongkai.web.ops.site import Site, quote, table_names

ROOT_URL = os.environ.get("DATABASE_URL", "").strip()
ON_POSTGRESQL = bool(ROOT_URL)


def scratch_url(suffix: str) -> str:
    """A PostgreSQL URL of a fresh scratch database named after the test database, + ``suffix``."""
    url = parse_database_url(ROOT_URL)
    name = f"{url.name}_{suffix}"
    auth = url.user + (f":{url.password}" if url.password else "")
    server = f"{auth}@{url.host or 'localhost'}:{url.port or 5432}"
    with psycopg.connect(
        dbname="postgres", host=url.host or None, port=url.port or None, user=url.user or None,
        password=url.password or None, autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")
        admin.execute(
            f"CREATE DATABASE {quote(name)} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' "
            "TEMPLATE template0"
        )
    return f"postgresql://{server}/{name}"


def drop_scratch(url: str) -> None:
    parts = parse_database_url(url)
    with psycopg.connect(
        dbname="postgres", host=parts.host or None, port=parts.port or None, user=parts.user or None,
        password=parts.password or None, autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(f"DROP DATABASE IF EXISTS {quote(parts.name)} WITH (FORCE)")


def env_for(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("DJANGO_")}
    env["GONGKAI_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def gongkai(
    data_dir: Path, database_url: str | None, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args],
        env=env_for(data_dir, database_url) | (env or {}),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


#: On PostgreSQL the fixture is the demo's first steps (the county, its people, a year of applications
#: with their letters), without the LibreOffice PDFs: the whole demo takes minutes there.
SMALL_DEMO = """
import sys
from gongkai.web import bootstrap
bootstrap.setup()
bootstrap.migrate(sys.stdout)
from django.conf import settings
from gongkai.web.demo import load_demo
settings.GONGKAI_DEMO_STEPS = settings.GONGKAI_DEMO_STEPS[:5]
load_demo(sys.stdout)
"""


def load_demo_into(data_dir: Path, database_url: str | None) -> subprocess.CompletedProcess[str]:
    """The whole demo by `gongkai demo` on SQLite; :data:`SMALL_DEMO` on PostgreSQL."""
    if not database_url:
        return gongkai(data_dir, None, "demo")
    return subprocess.run(
        [sys.executable, "-c", SMALL_DEMO],
        env=env_for(data_dir, database_url) | {"GONGKAI_LETTER_PDF": "0"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def site_for(data_dir: Path, database_url: str | None) -> Site:
    if database_url:
        url = parse_database_url(database_url)
        database: dict[str, Any] = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": url.name, "USER": url.user, "PASSWORD": url.password, "HOST": url.host, "PORT": url.port,
        }  # fmt: skip
    else:
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_dir / "gongkai.sqlite3")}
    return Site(database=database, directories={"uploads": data_dir / "uploads", "mail": data_dir / "mail"})


def all_rows(site: Site) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order (sorted by their text), bytes as bytes."""
    connection = site.connect()
    try:
        rows = {}
        for table in table_names(connection, site.vendor):
            cursor = connection.cursor()
            cursor.execute(f"SELECT * FROM {quote(table)}")
            values = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor]
            rows[table] = sorted(values, key=repr)
        return rows
    finally:
        connection.close()


def all_files(site: Site) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in site.files()}
