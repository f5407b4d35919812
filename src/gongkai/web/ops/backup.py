"""``gongkai backup``: one archive holding a consistent snapshot of the database and the data files.

The archive is a gzip-compressed tar file (decision D43):

- ``manifest.json`` — format and gongkai version, creation time, database vendor, the migrations
  applied per app, the row count of every table, and the size and SHA-256 of every other member;
- ``database/gongkai.sqlite3`` — SQLite's online backup API (a consistent copy while the platform
  runs), or ``database/gongkai.pgdump`` — ``pg_dump --format=custom`` in one snapshot that the row
  counts of the manifest are taken in too;
- ``files/uploads/…`` and ``files/mail/…`` — uploaded files and the mails written to files.

Letters (DOCX/PDF), the calendar, letter settings and every other setting that is data are rows of
the database. The secret key is not in the archive (D43): it is a secret, not data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .site import BackupError, Site, applied_migrations, pg_tool, row_counts

FORMAT = "gongkai-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database/gongkai.sqlite3", "postgresql": "database/gongkai.pgdump"}
#: The file names ``gongkai backup`` gives in ``GONGKAI_BACKUP_DIR`` (check-deploy looks for them).
NAME_PREFIX = "gongkai-backup-"
SUFFIX = ".tar.gz"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]

    @property
    def files(self) -> int:
        return sum(1 for name in self.manifest["members"] if name.startswith("files/"))

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_name(now: dt.datetime) -> str:
    return f"{NAME_PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"


def _snapshot_sqlite(site: Site, target: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    if not site.sqlite_path.exists():
        raise BackupError(f"数据库文件 {site.sqlite_path} 不存在，没有可备份的数据")
    source = sqlite3.connect(site.sqlite_path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # the online backup API: a consistent copy while others write
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return applied_migrations(copy, "sqlite"), row_counts(copy, "sqlite")
    except sqlite3.Error as exc:
        raise BackupError(f"无法备份 SQLite 文件 {site.sqlite_path}：{exc}") from None
    finally:
        copy.close()
        source.close()


def _snapshot_postgresql(site: Site, target: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    connection = site.connect()
    try:
        # One snapshot for the counts and for pg_dump (--snapshot), so they describe the same state.
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        migrations = applied_migrations(connection, "postgresql")
        counts = row_counts(connection, "postgresql")
        pg_tool(
            "pg_dump",
            [
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={site.conninfo()}",
            ],
            site,
        )
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    return migrations, counts


def create_backup(site: Site, destination: Path, *, now: dt.datetime | None = None) -> BackupResult:
    """Write the archive to ``destination`` (atomically: a partial file never has the final name)."""
    from gongkai import __version__

    now = now or dt.datetime.now(dt.UTC)
    destination = destination.expanduser().resolve()
    if destination.is_dir():
        destination = destination / default_name(now)
    if not destination.parent.is_dir():
        raise BackupError(f"目录 {destination.parent} 不存在", file=str(destination))
    with tempfile.TemporaryDirectory(prefix=".gongkai-backup-", dir=destination.parent) as tmp:
        staging = Path(tmp)
        db_member = DATABASE_MEMBER[site.vendor]
        db_file = staging / db_member
        db_file.parent.mkdir(parents=True)
        snapshot = _snapshot_sqlite if site.vendor == "sqlite" else _snapshot_postgresql
        migrations, counts = snapshot(site, db_file)
        members: dict[str, Path] = {db_member: db_file}
        for name, path in site.files():
            copied = staging / name
            copied.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copied)
            members[name] = copied
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "gongkai_version": __version__,
            "created_at": now.isoformat(timespec="seconds"),
            "database": {"vendor": site.vendor, "member": db_member},
            "migrations": migrations,
            "tables": counts,
            "members": {
                name: {"size": path.stat().st_size, "sha256": sha256_of(path)}
                for name, path in members.items()
            },
        }
        manifest_file = staging / MANIFEST
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
        partial = staging / "archive.partial"
        try:
            with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
                tar.add(manifest_file, arcname=MANIFEST)
                for name, path in sorted(members.items()):
                    tar.add(path, arcname=name)
            os.chmod(partial, 0o600)  # personal data: readable by its owner only
            os.replace(partial, destination)
        except OSError as exc:
            raise BackupError(f"无法写入备份文件：{exc.strerror or exc}", file=str(destination)) from None
    return BackupResult(destination, manifest)
