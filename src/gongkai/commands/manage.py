"""``gongkai manage ARGS...``: Django's management commands with gongkai's settings.

Examples: ``gongkai manage migrate``, ``gongkai manage createsuperuser``,
``gongkai manage import_calendar 2027.csv``.
"""

from __future__ import annotations

import argparse

HELP = "运行 Django 管理命令（如 migrate、createsuperuser、import_calendar 文件）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="参数", help="管理命令及其参数")


def run(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["gongkai manage", *(args.args or ["help"])])
    except SystemExit as exc:  # Django exits after reporting a CommandError; keep its code
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0
