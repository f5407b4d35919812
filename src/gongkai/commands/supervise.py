"""``gongkai supervise``: the supervisor's view of a subtree from the command line.

``gongkai supervise status --agency CODE --year YEAR [--json]`` lists each unit of the subtree with
its annual report status for the year (published | late | missing, 条例第四十九条 deadlines);
``gongkai supervise consolidate --agency CODE --year YEAR --to json|html|docx|xlsx|pdf -o FILE``
writes the consolidated report (the units' tables summed per cell).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from gongkai.errors import GongkaiError

HELP = "监督：下级单位年度报告公布情况、汇总报告。"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="操作", required=True)
    p = sub.add_parser("status", help="各单位年度报告公布情况（按时/逾期/未公布）")
    p.add_argument("--agency", required=True, metavar="代码", help="上级机关代码（如 qx-county）")
    p.add_argument("--year", type=int, required=True, metavar="年份", help="报告年度，如 2025")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    c = sub.add_parser("consolidate", help="汇总报告：各单位统计表逐格相加")
    c.add_argument("--agency", required=True, metavar="代码", help="上级机关代码（如 qx-county）")
    c.add_argument("--year", type=int, required=True, metavar="年份", help="报告年度，如 2025")
    c.add_argument(
        "--to", required=True, choices=("json", "html", "docx", "xlsx", "pdf", "md"), help="输出格式"
    )
    c.add_argument("-o", "--output", required=True, metavar="文件", help="输出文件")
    c.add_argument(
        "--exclude", action="append", default=[], metavar="代码", help="不纳入汇总的单位（可重复）"
    )
    i = sub.add_parser("import", help="批量导入下级单位已公布的年度报告（文件夹或 ZIP）")
    i.add_argument("path", metavar="路径", help="文件夹或 ZIP 压缩包")
    i.add_argument("--agency", required=True, metavar="代码", help="上级机关代码（如 qx-county）")
    i.add_argument("--year", type=int, required=True, metavar="年份", help="报告年度，如 2025")
    i.add_argument(
        "--published-on", metavar="日期", help="公布日期 YYYY-MM-DD（默认取报告落款日期，否则今天）"
    )
    i.add_argument(
        "--confirm",
        action="append",
        default=[],
        metavar="文件=代码",
        help="人工确认：把文件对应到机关（可重复）",
    )


def run(args: argparse.Namespace) -> int:
    if not 2008 <= args.year <= 2100:
        raise GongkaiError(f"年份 {args.year} 超出范围（2008–2100）")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from gongkai.web.agencies.models import Agency

    root = Agency.objects.filter(code=args.agency).first()
    if root is None:
        raise GongkaiError(f"找不到代码为“{args.agency}”的机关")
    if args.what == "status":
        return _status(root, args)
    if args.what == "import":
        return _import(root, args)
    return _consolidate(root, args)


def _import(root: object, args: argparse.Namespace) -> int:
    import datetime as dt
    from pathlib import Path

    from gongkai.web.supervision.imports import files_in, import_reports

    path = Path(args.path)
    if not path.exists():
        raise GongkaiError(f"找不到“{args.path}”")
    confirm = {}
    for item in args.confirm:
        name, sep, code = item.rpartition("=")
        if not sep:
            raise GongkaiError(f"--confirm 的格式应为 文件=代码：“{item}”")
        confirm[name] = code
    try:
        on = dt.date.fromisoformat(args.published_on) if args.published_on else None
    except ValueError:
        raise GongkaiError(f"公布日期“{args.published_on}”应为 YYYY-MM-DD") from None
    result = import_reports(
        root,  # type: ignore[arg-type]
        args.year,
        files_in(path),
        confirm=confirm,
        published_on=on,
        progress=lambda line: print(line, file=sys.stderr),
    )
    print(
        f"已导入 {len(result.imported)} 份，待人工确认 {len(result.pending)} 份，失败 {len(result.failed)} 份"
    )
    for name, reason, possible in result.pending:
        hint = f"（可能是：{'、'.join(possible)}；用 --confirm {name}=代码 确认）" if possible else ""
        print(f"待确认：{name}：{reason}{hint}")
    for name, message in result.failed:
        print(f"失败：{name}：{message}")
    return 1 if result.failed else 0


def _status(root: object, args: argparse.Namespace) -> int:
    from django.utils import timezone

    from gongkai.web.supervision.status import subtree_status, summary

    statuses = subtree_status(root, args.year, timezone.localdate())  # type: ignore[arg-type]
    if args.json:
        print(json.dumps([s.to_json() for s in statuses], ensure_ascii=False, indent=2))
        return 0
    counts = summary(statuses)
    print(
        f"{root}{args.year}年度报告：按时公布 {counts['published']}，逾期公布 {counts['late']}，未公布 {counts['missing']}"
    )
    for s in statuses:
        p = s.publication
        when = p.published_on.isoformat() if p else "—"
        errs = f"错误 {p.errors} 警告 {p.warnings}" if p else ""
        print(f"{s.code}\t{s.name}\t{s.status_label}\t期限 {s.due_on}\t公布 {when}\t{errs}")
    return 0


def _consolidate(root: object, args: argparse.Namespace) -> int:
    from gongkai.report import jsonio
    from gongkai.web.supervision.consolidate import consolidate

    result = consolidate(root, args.year, set(args.exclude))  # type: ignore[arg-type]
    if args.to == "json":
        report = result.report()
        doc = jsonio.report_to_json(report, result.findings())
        doc["included"] = [{"agency": u.code, "name": u.name} for u in result.included]
        doc["excluded"] = [{"agency": c, "name": n, "reason": r} for c, n, r in result.excluded]
        data = jsonio.dumps(doc).encode("utf-8")
    else:
        data = result.render(args.to)
    try:
        with open(args.output, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise GongkaiError(f"无法写入“{args.output}”：{exc.strerror or exc}") from None
    print(
        f"已写入 {args.output}：纳入 {len(result.included)} 个单位，未纳入 {len(result.excluded)} 个",
        file=sys.stderr,
    )
    return 0
