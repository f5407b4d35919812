"""``gongkai report``: the annual report from the platform's records.

``gongkai report generate --agency CODE --year YEAR [--to json|html|docx|xlsx|pdf|md] [-o FILE]``
writes the report (json = the canonical contract of ``gongkai parse --json``, so ``gongkai check``
reads it back); ``gongkai report reconcile --agency CODE --year YEAR FILE`` prints, cell by cell,
where a published report differs from the records; ``gongkai report times`` prints the response
times (an annex beyond the national format).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from gongkai.errors import GongkaiError

HELP = "年度报告：由平台记录生成政府信息公开工作年度报告，或与已发布的报告逐格核对。"
FORMATS = ("json", "html", "docx", "xlsx", "pdf", "md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="操作", required=True)
    g = sub.add_parser(
        "generate", help="由记录生成年度报告", description="由记录生成年度报告（表二、三、四和各部分文字）。"
    )
    for p in (g,):
        p.add_argument("--agency", required=True, metavar="代码", help="机关代码，如 qx-education")
        p.add_argument("--year", type=int, required=True, metavar="年份", help="报告年度，如 2025")
    g.add_argument("--to", choices=FORMATS, default="json", help="输出格式（默认 json）")
    g.add_argument("-o", "--output", metavar="文件", help="输出文件；省略则写到标准输出（仅 json/html/md）")
    r = sub.add_parser(
        "reconcile",
        help="与已发布的报告逐格核对",
        description="读取已发布的报告（任何格式），逐格列出与记录不一致之处。",
    )
    r.add_argument("--agency", required=True, metavar="代码")
    r.add_argument("--year", type=int, required=True, metavar="年份")
    r.add_argument("published", metavar="已发布报告文件")
    h = sub.add_parser(
        "history",
        help="登记往年已发布的报告（作为历史）",
        description="读取平台上线前已发布的年度报告（任何格式），作为该机关往年的历史和跨年核查的上年报告。",
    )
    h.add_argument("--agency", required=True, metavar="代码")
    h.add_argument("--year", type=int, required=True, metavar="年份", help="报告年度（须与文件所述一致）")
    h.add_argument("published", metavar="已发布报告文件")
    t = sub.add_parser(
        "times",
        help="依申请公开答复用时",
        description="答复用时：中位数、第90百分位、20/40个工作日内办结比例。",
    )
    t.add_argument("--agency", required=True, metavar="代码")
    t.add_argument("--year", type=int, required=True, metavar="年份")
    t.add_argument("--json", action="store_true")


def _agency(code: str):  # type: ignore[no-untyped-def]
    from gongkai.web.agencies.models import Agency

    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise GongkaiError(f"找不到代码为“{code}”的机关")
    return agency


def run(args: argparse.Namespace) -> int:
    if not 2000 <= args.year <= 2100:
        raise GongkaiError(f"年份 {args.year} 超出范围（2000–2100）")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.db import DatabaseError

    try:
        agency = _agency(args.agency)
    except DatabaseError:
        raise GongkaiError("数据库尚未初始化：请先运行 gongkai demo（演示数据）或 gongkai serve") from None
    if args.action == "generate":
        return _generate(agency, args)
    if args.action == "reconcile":
        return _reconcile(agency, args)
    if args.action == "history":
        return _history(agency, args)
    return _times(agency, args)


def _generate(agency, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from gongkai import render
    from gongkai.report.jsonio import dumps, report_to_json
    from gongkai.web.annual.build import build

    built = build(agency, args.year)
    if args.to == "json":
        doc = report_to_json(built.report, built.findings)
        data = (dumps(doc) + "\n").encode("utf-8")
    else:
        data = render(built.report, args.to)
    if args.output:
        Path(args.output).write_bytes(data)
    elif args.to in ("json", "html", "md"):
        sys.stdout.write(data.decode("utf-8"))
    else:
        raise GongkaiError(f"{args.to} 是二进制格式，请用 -o 指定输出文件")
    errors = [f for f in built.findings if f.severity == "error"]
    for f in built.findings:
        print(f"{f.severity} [{f.rule}] {f.message}", file=sys.stderr)
    return 1 if errors else 0


def _reconcile(agency, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from gongkai import read
    from gongkai.web.annual.reconcile import reconcile

    path = Path(args.published)
    if not path.is_file():
        raise GongkaiError(f"找不到文件：{path}")
    published = read(str(path))
    diffs = reconcile(agency, args.year, published)
    if not diffs:
        print(f"{path.name}：与记录一致（全部 {agency.name} {args.year} 年度单元格相同）")
        return 0
    print(f"{path.name}：{len(diffs)} 个单元格与记录不一致")
    for d in diffs:
        print(f"{d.cell_id}\t{d.label}\t已发布 {d.published}\t记录 {d.records}")
    return 1


def _history(agency, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from gongkai import read
    from gongkai.web.annual.services import record_earlier_report

    path = Path(args.published)
    if not path.is_file():
        raise GongkaiError(f"找不到文件：{path}")
    published = read(str(path))
    if published.year is None:
        published.year = args.year
    if published.year != args.year:
        raise GongkaiError(f"{path.name} 是 {published.year} 年度的报告，不是 {args.year} 年度")
    try:
        record_earlier_report(None, agency, published, path.name)
    except ValidationError as exc:
        raise GongkaiError("；".join(exc.messages)) from None
    print(f"已登记 {agency.name} {args.year} 年度报告：{path.name}（{len(published.cells)} 个单元格）")
    return 0


def _times(agency, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from gongkai.web.annual.timing import annex_text, response_times

    times = response_times(agency, args.year)
    if args.json:
        print(json.dumps(times, ensure_ascii=False, indent=2))
    else:
        print(annex_text(times))
    return 0
