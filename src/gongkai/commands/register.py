"""``gongkai register``: the register of proactively disclosed information (docs/register.md).

    gongkai register import FILE --agency CODE [--dry-run] [--map 标题=title,...] [--background]
    gongkai register reindex [--background]
    gongkai register table2 --agency CODE --year YEAR [--json]
    gongkai register propose --agency CODE

Import is all-or-nothing: rejected rows are printed as ``FILE:LINE: field: reason`` with exit
status 2 and nothing is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "主动公开目录：导入、重建检索索引、计算年报表二第二十条第（一）项、申请转主动公开建议"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="操作", parser_class=type(parser))
    sub.required = True
    p = sub.add_parser("import", help="导入 JSON Lines、CSV 或保存的网页（全部成功才导入）")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--agency", required=True, metavar="CODE", help="机关代码，例如 qx-office")
    p.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    p.add_argument(
        "--map", default="", metavar="列=字段,...", help="CSV 列名映射，例如 标题=title,日期=published"
    )
    p.add_argument("--background", action="store_true", help="作为后台任务排队，由 gongkai worker 执行")
    p = sub.add_parser("reindex", help="重建全文检索索引")
    p.add_argument("--background", action="store_true", help="作为后台任务排队，由 gongkai worker 执行")
    p = sub.add_parser("table2", help="年度报告表二第二十条第（一）项（规章、行政规范性文件）")
    p.add_argument("--agency", required=True, metavar="CODE")
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("propose", help="条例第四十四条：多人申请的相同信息，建议转为主动公开")
    p.add_argument("--agency", required=True, metavar="CODE")


def run(args: argparse.Namespace) -> int:
    import io

    from gongkai.web import bootstrap

    bootstrap.setup()
    bootstrap.migrate(io.StringIO())
    from gongkai.web.agencies.models import Agency

    if getattr(args, "background", False) and not getattr(args, "dry_run", False):
        return _enqueue(args)
    if args.action == "reindex":
        from gongkai.web.disclosures import search

        count = search.reindex()
        print(f"已重建检索索引：{count} 条。")
        return 0
    if args.action == "import":
        from gongkai.web.disclosures.importer import ImportRefused, run_import

        mapping = dict(pair.split("=", 1) for pair in args.map.split(",") if "=" in pair)
        try:
            report = run_import(Path(args.file), args.agency, dry_run=args.dry_run, mapping=mapping)
        except ImportRefused as refused:
            for rejection in refused.rejections:
                print(str(rejection), file=sys.stderr)
            print(f"导入被拒绝：{len(refused.rejections)} 处错误，未导入任何内容。", file=sys.stderr)
            return 2
        verb = "检查通过（未导入）" if args.dry_run else "已导入"
        print(f"{verb}：新增 {report.created} 条，更新 {report.updated} 条。")
        return 0
    agency = Agency.objects.filter(code=args.agency).first()
    if agency is None:
        print(f"gongkai: 机关代码“{args.agency}”不存在。", file=sys.stderr)
        return 2
    if args.action == "table2":
        from gongkai.web.disclosures.table2 import LABELS, article20_item1

        cells = article20_item1(agency, args.year)
        if args.json:
            print(json.dumps({"agency": agency.code, "year": args.year, "cells": cells}, ensure_ascii=False))
        else:
            print(f"{agency.name} {args.year}年 表二 第二十条第（一）项")
            for key, value in cells.items():
                print(f"  {LABELS[key]}：{value}")
        return 0
    from gongkai.web.disclosures.proposals import propose

    made = propose(agency)
    print(f"新增申请转主动公开建议 {len(made)} 条。")
    for proposal in made:
        print(f"  {proposal.title}（申请 {len(proposal.application_ids)} 件）")
    return 0


def _enqueue(args: argparse.Namespace) -> int:
    """``--background``: queue the work as a task (docs/platform.md#background-tasks)."""
    from gongkai.web.disclosures import tasks

    if args.action == "reindex":
        result = tasks.reindex_all.enqueue()
    else:
        path = Path(args.file).resolve()
        if not path.is_file():
            print(f"gongkai: 文件“{args.file}”不存在。", file=sys.stderr)
            return 2
        mapping = dict(pair.split("=", 1) for pair in args.map.split(",") if "=" in pair)
        result = tasks.import_file.enqueue(str(path), args.agency, mapping)
    print(f"已作为后台任务排队（任务 {result.id}），由 gongkai worker 执行；失败的任务在系统管理中可见。")
    return 0
