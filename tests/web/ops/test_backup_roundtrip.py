"""`gongkai backup` / `gongkai restore` round-trip the demo exactly: every row, every stored file.

The demo is loaded by the real command into a data directory of its own (SQLite, or a scratch
PostgreSQL database named after the test database when the suite runs on PostgreSQL), backed up
by the real command, and restored into another empty installation.
"""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.db.models.signals import post_save, pre_save

from gongkai.web.calendar.signals import calendar_changed
from gongkai.web.ops.restore import restore_backup
from gongkai.web.ops.site import BackupError

from .helpers import (
    ON_POSTGRESQL,
    all_files,
    all_rows,
    drop_scratch,
    gongkai,
    load_demo_into,
    scratch_url,
    site_for,
)

UPLOADS = {
    "disclosures/3/ab/ab12cd": bytes(range(256)) * 40,
    "disclosures/3/0f/0f00ee": "政府信息公开指南（附件）".encode(),
}


@dataclass
class Demo:
    data: Path
    url: str | None
    archive: Path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    data = tmp_path_factory.mktemp("demo-source")
    url = scratch_url("bk_src") if ON_POSTGRESQL else None
    try:
        loaded = load_demo_into(data, url)
        assert loaded.returncode == 0, loaded.stderr
        # The demo's mails and letter PDFs are background tasks: run them, so the files exist.
        drained = gongkai(data, url, "worker", "--batch")
        assert drained.returncode == 0, drained.stderr
        for name, content in UPLOADS.items():
            (data / "uploads" / name).parent.mkdir(parents=True, exist_ok=True)
            (data / "uploads" / name).write_bytes(content)
        archive = data.parent / "demo.tar.gz"
        made = gongkai(data, url, "backup", str(archive))
        assert made.returncode == 0, made.stderr
        assert "已备份到" in made.stdout
        yield Demo(data, url, archive)
    finally:
        if url:
            drop_scratch(url)


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[tuple[Path, str | None]]:
    url = scratch_url("bk_dst") if ON_POSTGRESQL else None
    try:
        yield tmp_path / "target", url
    finally:
        if url:
            drop_scratch(url)


def _known() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def test_restore_reproduces_every_row_and_file_without_recomputing(
    demo: Demo, empty_target: tuple[Path, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.web.applications import clock, services

    calls: list[str] = []

    def forbidden(*args: Any, **kwargs: Any) -> None:
        calls.append("clock recomputed")

    for module in (clock, services):
        monkeypatch.setattr(module, "recompute_clock", forbidden)
        monkeypatch.setattr(module, "recompute_open_clocks", forbidden)

    def saved(sender: Any, **kwargs: Any) -> None:
        calls.append(f"{sender.__name__} saved")

    for signal in (calendar_changed, pre_save, post_save):
        signal.connect(saved, weak=False, dispatch_uid="ops-roundtrip-spy")
    try:
        data, url = empty_target
        target = site_for(data, url)
        result = restore_backup(target, demo.archive, known_migrations=_known())
    finally:
        for signal in (calendar_changed, pre_save, post_save):
            signal.disconnect(dispatch_uid="ops-roundtrip-spy")
    assert calls == []
    assert result.pending_migrations == []

    source = site_for(demo.data, demo.url)
    before, after = all_rows(source), all_rows(target)
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    # Every model's table is among those compared, and the demo filled the ones that matter.
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            assert model._meta.db_table in before, model._meta.label
    for table in (
        "applications_application",
        "applications_letter",
        "audit_auditevent",
        "workcalendar_calendarday",
    ):
        assert before[table], table
    files = all_files(source)
    assert all_files(target) == files
    assert {f"files/uploads/{name}" for name in UPLOADS} <= files.keys()
    assert any(name.startswith("files/mail/") for name in files)


def test_the_archive_describes_itself(demo: Demo) -> None:
    with tarfile.open(demo.archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        names = set(tar.getnames())
    assert manifest["format"] == "gongkai-backup"
    assert manifest["database"]["vendor"] == ("postgresql" if ON_POSTGRESQL else "sqlite")
    assert "0001_initial" in manifest["migrations"]["applications"]
    assert names == {"manifest.json", *manifest["members"]}
    assert all(len(m["sha256"]) == 64 for m in manifest["members"].values())
    assert manifest["tables"]["accounts_user"] >= 8
    assert not any("secret" in name for name in names)  # the secret key is not data (D43)
    assert demo.archive.stat().st_mode & 0o077 == 0


def test_restore_refuses_a_database_in_use_unless_forced(demo: Demo) -> None:
    refused = gongkai(demo.data, demo.url, "restore", str(demo.archive))
    assert refused.returncode == 2
    assert "已有数据" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    forced = gongkai(demo.data, demo.url, "restore", "--force", str(demo.archive))
    assert forced.returncode == 0, forced.stderr
    assert "已恢复到" in forced.stdout


def _repack(source: Path, target: Path, change: str, content: bytes) -> None:
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member)
            body = data.read() if data else b""
            if member.name == change:
                body = content
            member.size = len(body)
            new.addfile(member, io.BytesIO(body))


def test_a_corrupted_member_is_named_and_nothing_changes(
    demo: Demo, empty_target: tuple[Path, str | None], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.tar.gz"
    _repack(demo.archive, broken, "files/uploads/disclosures/3/0f/0f00ee", "被改动的内容".encode())
    data, url = empty_target
    result = gongkai(data, url, "restore", str(broken))
    assert result.returncode == 2
    assert "files/uploads/disclosures/3/0f/0f00ee" in result.stderr and "校验和不符" in result.stderr
    assert "Traceback" not in result.stderr
    target = site_for(data, url)
    assert all_files(target) == {}
    assert not any(rows for table, rows in all_rows(target).items() if table != "sqlite_sequence")


def test_an_archive_from_a_newer_gongkai_is_refused(demo: Demo, tmp_path: Path) -> None:
    with tarfile.open(demo.archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    manifest["migrations"]["applications"].append("9999_from_the_future")
    newer = tmp_path / "newer.tar.gz"
    _repack(demo.archive, newer, "manifest.json", json.dumps(manifest).encode())
    with pytest.raises(BackupError, match="9999_from_the_future"):
        restore_backup(site_for(tmp_path / "t", demo.url), newer, known_migrations=_known())


def test_not_an_archive(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar file")
    result = gongkai(tmp_path / "t", None, "restore", str(junk))
    assert result.returncode == 2
    assert str(junk) in result.stderr and "无法读取备份文件" in result.stderr


def test_a_freshly_migrated_installation_counts_as_empty(
    demo: Demo, empty_target: tuple[Path, str | None]
) -> None:
    """`gongkai serve` was started once (migrate filled the calendar, permissions...): still empty."""
    data, url = empty_target
    migrated = gongkai(data, url, "manage", "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    restored = gongkai(data, url, "restore", str(demo.archive))
    assert restored.returncode == 0, restored.stderr
    assert all_rows(site_for(data, url)) == all_rows(site_for(demo.data, demo.url))
