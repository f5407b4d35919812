"""``gongkai render``: write a report as HTML, Word (official layout), Excel, PDF or Markdown.

gongkai render 报告.txt --to docx                  # → 报告.docx in the current directory
gongkai render 报告.pdf --to xlsx -o 统计表.xlsx
gongkai render report.json --to html -o -          # the JSON of `gongkai parse --json`, page on stdout
gongkai render 2023.txt --to pdf --previous 2022.txt   # adds the year-on-year chart
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GongkaiError

if TYPE_CHECKING:
    from ..report.model import Report

HELP = "生成年度报告：网页（html）、Word（docx，官方模板版式）、Excel（xlsx）、PDF、Markdown（md），附统计图"

TARGET_NAMES = ("html", "docx", "xlsx", "pdf", "md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "report", metavar="报告", help="年度报告文件（文本、网页、Word、Excel、PDF）或其 JSON（.json）"
    )
    parser.add_argument("--to", choices=TARGET_NAMES, help="输出格式；省略时按 -o 的扩展名判断")
    parser.add_argument(
        "-o", "--output", metavar="文件", help="输出文件；“-”为标准输出；省略时在当前目录生成“报告名.格式”"
    )
    parser.add_argument("--previous", metavar="上年报告", help="同一机关上一年度的报告：增加与上年比较的图")
    parser.add_argument("--no-charts", action="store_true", help="不生成统计图")


def load_report(path: str) -> Report:
    """A report from a document any reader accepts, or from a JSON document in the canonical shape
    (``gongkai.read`` dispatches ``.json`` to the JSON contract's strict loader)."""
    from .. import read

    return read(path)


def _target(args: argparse.Namespace) -> str:
    if args.to:
        return str(args.to)
    if args.output and args.output != "-":
        from ..report.render import EXTENSIONS

        suffix = Path(args.output).suffix.lower().lstrip(".")
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        raise GongkaiError(
            f"无法从输出文件名“{args.output}”判断格式，请用 --to 指定（{'、'.join(TARGET_NAMES)}）"
        )
    raise GongkaiError(f"请用 --to 指定输出格式（{'、'.join(TARGET_NAMES)}）")


def run(args: argparse.Namespace) -> int:
    from ..report.render import render_report

    to = _target(args)
    report = load_report(args.report)
    previous = load_report(args.previous) if args.previous else None
    data = render_report(report, to, previous=previous, charts=not args.no_charts)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    output = Path(args.output) if args.output else Path(Path(args.report).stem + "." + to)
    if output.resolve() == Path(args.report).resolve():
        raise GongkaiError(f"输出文件与输入文件相同（{output}），请用 -o 另指定", file=args.report)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise GongkaiError(f"无法写入：{exc.strerror or exc}", file=str(output)) from None
    print(f"已生成 {output}（{len(data):,} 字节）", file=sys.stderr)
    return 0
