"""``gongkai parse``: read an annual report and print what was read.

gongkai parse 报告.txt --json            # {"format", "agency", "year", "cells": {id: value}, "findings": [...]}
gongkai parse 报告.txt --json --sources  # plus where each cell was read
gongkai parse 报告.txt                   # the same for a person: one cell per line with its label
gongkai parse --schema                   # the JSON Schema of the document

Values follow cells.yaml: an integer, a number (money), null for a blank cell, the printed string
for text in a numeric cell; an absent id was not read. Exit status 0, or 2 when the file cannot
be read.
"""

from __future__ import annotations

import argparse
import json

from ..errors import GongkaiError

HELP = "解析年度报告：输出格式、机关、年度、各部分与全部单元格（--json 为 cells.yaml 约定的机器格式）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", nargs="?", metavar="报告", help="年度报告文件（文本、网页、Word、Excel、PDF 或 .json）"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON（cells.yaml 约定）")
    parser.add_argument("--sources", action="store_true", help="JSON 中附上每个单元格在原文中的位置")
    parser.add_argument("--schema", action="store_true", help="输出报告 JSON 的 JSON Schema 后退出")


def run(args: argparse.Namespace) -> int:
    from ..report import jsonio

    if args.schema:
        print(json.dumps(jsonio.json_schema(), ensure_ascii=False, indent=2))
        return 0
    if not args.file:
        raise GongkaiError("请给出要解析的年度报告文件（gongkai parse 报告.txt --json）")
    from .. import check, read

    report = read(args.file)
    findings = check(report)
    if args.json:
        print(jsonio.dumps(jsonio.report_to_json(report, findings, sources=args.sources)))
        return 0

    from ..report.rules.base import label, show
    from .check import format_finding

    fmt_name = {
        "2021": "2021 年格式（国办公开办函〔2021〕30号）",
        "2019": "2019 年试行格式（国办公开办函〔2019〕60号）",
    }
    print(f"文件：{args.file}")
    print(f"格式：{fmt_name.get(report.format, '无固定表格（2018 年度及以前）')}")
    print(f"机关：{report.agency or '未识别'}")
    print(f"年度：{report.year or '未识别'}")
    if report.publish_date:
        print(f"日期：{report.publish_date.isoformat()}")
    print(f"部分：{'、'.join(report.sections) or '未识别'}")
    print(f"单元格：{len(report.cells)} 个")
    for cell_id, cell in report.cells.items():
        place = f"  （{cell.source.where()}）" if cell.source and cell.source.where() else ""
        print(f"  {cell_id:<40} {show(cell):>10}  {label(report, cell_id)}{place}")
    for finding in findings:
        print(format_finding(finding, args.file))
    return 0
