"""``gongkai backup [FILE]``: one archive with the database snapshot and the data files (docs/deploy.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from gongkai.errors import GongkaiError

HELP = "备份数据库与上传文件到一个归档文件（省略 FILE 时写入 GONGKAI_BACKUP_DIR）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="备份文件（.tar.gz）或目录；省略时用 GONGKAI_BACKUP_DIR"
    )


def run(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.conf import settings

    from gongkai.web.ops.backup import create_backup
    from gongkai.web.ops.site import Site

    if args.file:
        target = Path(args.file)
    elif settings.GONGKAI_BACKUP_DIR:
        target = Path(settings.GONGKAI_BACKUP_DIR)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GongkaiError(f"无法创建备份目录 {target}（{exc.strerror}）") from None
    else:
        raise GongkaiError("请指定备份文件，或设置环境变量 GONGKAI_BACKUP_DIR（备份目录）")
    result = create_backup(Site.from_settings(), target)
    print(
        f"已备份到 {result.path}：{len(result.manifest['tables'])} 张表共 {result.rows} 行，{result.files} 个文件"
    )
    return 0
