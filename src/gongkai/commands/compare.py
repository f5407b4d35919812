"""``gongkai compare``: two years of one agency — cell changes, carry-over, text reused verbatim.

gongkai compare 2022.txt 2023.txt                 # text summary
gongkai compare 2022.txt 2023.txt --json          # machine output
gongkai compare 2022.pdf 2023.pdf --html -o 比较.html
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import GongkaiError

HELP = "比较同一机关两个年度的报告：单元格变化、上年结转核对、与上年原样重复的文字比例"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="报告A", help="一个年度的报告（任一可读格式或 JSON）")
    parser.add_argument("b", metavar="报告B", help="另一个年度的报告；两份报告按年度先后排序")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="以 JSON 输出")
    output.add_argument("--html", action="store_true", help="以网页输出")
    parser.add_argument("-o", "--output", metavar="文件", help="写入文件（默认标准输出）")


def run(args: argparse.Namespace) -> int:
    from ..report.compare import compare_reports
    from .render import load_report

    comparison = compare_reports(load_report(args.a), load_report(args.b))
    if args.json:
        text = json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif args.html:
        text = comparison.to_html()
    else:
        text = comparison.to_text()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise GongkaiError(f"无法写入：{exc.strerror or exc}", file=args.output) from None
        print(f"已生成 {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
