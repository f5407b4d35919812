"""``gongkai stats applications``: table 三 of the annual report computed from the application records.

``gongkai stats applications --year 2025 --json`` prints, for every agency, the 175 cells of table 三
(2021 format, canonical cell ids as in cells.yaml) with the findings of the core's table 三 rules;
``--agency CODE`` restricts it to one agency. Without ``--json`` a readable table is printed.
"""

from __future__ import annotations

import argparse
import json
import os

from gongkai.errors import GongkaiError

HELP = "统计：由依申请公开办理记录生成年度报告表三（收到和处理政府信息公开申请情况）。"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="统计对象", required=True)
    p = sub.add_parser(
        "applications", help="依申请公开：年度报告表三", description="由办理记录生成表三的175个单元格。"
    )
    p.add_argument("--year", type=int, required=True, metavar="年份", help="统计年度，如 2025")
    p.add_argument("--agency", metavar="代码", help="机关代码（如 xc-education）；省略则输出全部机关")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（规范单元格编号）")


def run(args: argparse.Namespace) -> int:
    if not 2000 <= args.year <= 2100:
        raise GongkaiError(f"年份 {args.year} 超出范围（2000–2100）")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from gongkai.report.formats.v2021 import FORMAT_2021
    from gongkai.web.agencies.models import Agency
    from gongkai.web.applications.stats import table3, table3_findings

    if args.agency:
        agency = Agency.objects.filter(code=args.agency).first()
        if agency is None:
            raise GongkaiError(f"找不到代码为“{args.agency}”的机关")
        agencies = [agency]
    else:
        agencies = list(Agency.objects.order_by("code"))
    results = []
    errors = 0
    for agency in agencies:
        findings = table3_findings(agency, args.year)
        errors += sum(1 for f in findings if f.severity == "error")
        results.append(
            {
                "agency": agency.code,
                "name": agency.name,
                "year": args.year,
                "format": "2021",
                "cells": table3(agency, args.year),
                "findings": [f.to_json() for f in findings],
            }
        )
    if args.json:
        payload = results[0] if args.agency else results
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        cols = [c for c in FORMAT_2021.table3_columns]
        for result in results:
            print(f"{result['name']}（{result['agency']}）{args.year}年 表三")
            print("\t".join(["项目", *(c.label for c in cols)]))
            cells = result["cells"]
            for row in FORMAT_2021.table3_rows:
                print("\t".join([row.label, *(str(cells[f"t3.{row.key}.{c.key}"]) for c in cols)]))
            for f in result["findings"]:
                print(f"！{f['message']}")
            print()
    return 1 if errors else 0
