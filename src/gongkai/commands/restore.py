"""``gongkai restore FILE [--force]``: restore an archive of ``gongkai backup`` (docs/deploy.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "从 gongkai backup 的归档恢复数据库与文件（目标须为空，--force 覆盖）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="gongkai backup 生成的备份文件")
    parser.add_argument("--force", action="store_true", help="目标数据库或数据目录已有数据时仍然覆盖")


def run(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    from gongkai.web.ops.restore import restore_backup
    from gongkai.web.ops.site import Site

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    connections.close_all()
    site = Site.from_settings()
    result = restore_backup(site, Path(args.file), known_migrations=known, force=args.force)
    print(
        f"已恢复到 {site.describe()}：{len(result.manifest['tables'])} 张表共 {result.rows} 行，"
        f"{result.files} 个文件（备份时间 {result.manifest['created_at']}，gongkai {result.manifest['gongkai_version']}）"
    )
    if result.pending_migrations:
        print(
            f"注意：本版本另有 {len(result.pending_migrations)} 个迁移未应用（如 {result.pending_migrations[0]}）；"
            "gongkai serve 启动时会自动应用，或运行 gongkai manage migrate"
        )
    return 0
