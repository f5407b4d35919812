"""``gongkai restore``: put an archive of ``gongkai backup`` back, into an empty installation.

Order (nothing is changed before the last step starts):

1. read the manifest; check the format, the database vendor and that every migration the archive
   has applied is known to this version of gongkai;
2. extract every member into a scratch directory, checking its SHA-256 against the manifest (a
   corrupted or altered archive is refused, naming the member);
3. refuse a target in use (rows that ``migrate`` did not put there, or any data file) unless
   ``force``;
4. copy the database in (SQLite's backup API, or ``pg_restore --clean --single-transaction``) and
   the files; then check every table's row count against the manifest.

The rows are copied as stored: no model is saved, no signal is sent, no clock is recomputed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .backup import FORMAT, FORMAT_VERSION, MANIFEST, sha256_of
from .site import BackupError, Site, pg_tool, row_counts, tables_in_use


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    pending_migrations: list[str]

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())

    @property
    def files(self) -> int:
        return sum(1 for name in self.manifest["members"] if name.startswith("files/"))


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def read_manifest(tar: tarfile.TarFile, archive: str) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        fh = tar.extractfile(member)
        manifest = json.loads(fh.read().decode("utf-8")) if fh else None
    except KeyError:
        raise BackupError("不是 gongkai 备份文件（缺少 manifest.json）", file=archive) from None
    except (ValueError, UnicodeDecodeError):
        raise BackupError("manifest.json 不是有效的 JSON", file=archive) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("不是 gongkai 备份文件（manifest.json 的 format 不符）", file=archive)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"备份格式版本 {manifest.get('format_version')} 不受支持（本版本 gongkai 读取版本 {FORMAT_VERSION}）",
            file=archive,
        )
    for key in ("database", "migrations", "tables", "members"):
        if not isinstance(manifest.get(key), dict):
            raise BackupError(f"manifest.json 缺少 {key}", file=archive)
    return manifest


def _extract_checked(tar: tarfile.TarFile, manifest: dict[str, Any], staging: Path, archive: str) -> None:
    expected: dict[str, Any] = manifest["members"]
    seen = set()
    for member in tar:
        name = member.name
        if name == MANIFEST or member.isdir():
            continue
        if not member.isfile() or not _safe(name):
            raise BackupError(f"成员 {name} 不是普通文件或路径不安全", file=archive)
        if name not in expected:
            raise BackupError(f"成员 {name} 不在 manifest.json 中", file=archive)
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        if source is None:
            raise BackupError(f"成员 {name} 无法读取", file=archive)
        with target.open("wb") as out:
            shutil.copyfileobj(source, out)
        if sha256_of(target) != expected[name]["sha256"] or target.stat().st_size != expected[name]["size"]:
            raise BackupError(
                f"成员 {name} 的校验和不符（备份文件已损坏或被改动），未做任何更改", file=archive
            )
        seen.add(name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"缺少成员 {missing[0]}（共缺 {len(missing)} 个），未做任何更改", file=archive)


def _check_migrations(manifest: dict[str, Any], known: set[tuple[str, str]], archive: str) -> list[str]:
    """Raise on a migration this gongkai does not know; return the known ones the archive lacks."""
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(applied - known)
    if unknown:
        app, name = unknown[0]
        raise BackupError(
            f"备份中的数据库已应用迁移 {app}.{name}，本版本 gongkai 不认识它（备份来自更新的版本？请先升级 gongkai）",
            file=archive,
        )
    return [f"{app}.{name}" for app, name in sorted(known - applied)]


def _restore_sqlite(site: Site, snapshot: Path) -> None:
    site.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(snapshot)
    target = sqlite3.connect(site.sqlite_path)
    try:
        source.backup(target)  # replaces every page of the target, WAL-aware
    except sqlite3.Error as exc:
        raise BackupError(f"无法写入 SQLite 文件 {site.sqlite_path}：{exc}") from None
    finally:
        target.close()
        source.close()


def _restore_postgresql(site: Site, dump: Path) -> None:
    pg_tool(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={site.conninfo()}",
            str(dump),
        ],
        site,
    )


def _verify_counts(site: Site, manifest: dict[str, Any]) -> None:
    connection = site.connect()
    try:
        counts = row_counts(connection, site.vendor)
    finally:
        connection.close()
    for table, expected in sorted(manifest["tables"].items()):
        if counts.get(table) != expected:
            raise BackupError(f"恢复后表 {table} 有 {counts.get(table)} 行，备份中为 {expected} 行")


def restore_backup(
    site: Site, archive: Path, *, known_migrations: Iterable[tuple[str, str]], force: bool = False
) -> RestoreResult:
    label = str(archive)
    if not archive.is_file():
        raise BackupError("文件不存在", file=label)
    try:
        tar = tarfile.open(archive, "r:*")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"无法读取备份文件（{exc}）", file=label) from None
    with tar, tempfile.TemporaryDirectory(prefix=".gongkai-restore-") as tmp:
        staging = Path(tmp)
        try:
            manifest = read_manifest(tar, label)
            vendor = manifest["database"].get("vendor")
            if vendor != site.vendor:
                raise BackupError(
                    f"备份来自 {vendor} 数据库，目标是 {site.describe()}；只能恢复到同一种数据库", file=label
                )
            pending = _check_migrations(manifest, set(known_migrations), label)
            _extract_checked(tar, manifest, staging, label)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise BackupError(f"备份文件已损坏（{exc}），未做任何更改", file=label) from None
        if not force:
            in_use = tables_in_use(site)
            if in_use:
                raise BackupError(
                    f"目标（{site.describe()}）已有数据（表 {', '.join(in_use[:3])}…）；"
                    "恢复只写入空的数据库，确需覆盖请加 --force"
                )
            files = [name for name, _ in site.files()]
            if files:
                raise BackupError(f"目标数据目录已有文件（{files[0]}…）；确需覆盖请加 --force")
        database = staging / str(manifest["database"]["member"])
        if site.vendor == "sqlite":
            _restore_sqlite(site, database)
        else:
            _restore_postgresql(site, database)
        site.clear_directories()
        for name in sorted(manifest["members"]):
            if not name.startswith("files/"):
                continue
            prefix, _, relative = name.removeprefix("files/").partition("/")
            directory = site.directories.get(prefix)
            if directory is None:
                raise BackupError(f"成员 {name} 所在的目录 {prefix} 未知", file=label)
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staging / name, target)
        _verify_counts(site, manifest)
    return RestoreResult(manifest, pending)
