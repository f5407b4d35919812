"""``gongkai demo``: create or update the database and load the demo county, without serving."""

from __future__ import annotations

import argparse
import sys

HELP = "载入演示数据（一个县政府及其部门、乡镇和各角色用户），不启动服务"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="数据库已有非演示数据时仍然载入（默认拒绝，以免混入真实数据）"
    )


def run(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    bootstrap.migrate(sys.stdout)
    from gongkai.web.demo import load_demo

    load_demo(sys.stdout, force=args.force)
    return 0
