"""``gongkai batch``: read a whole collection of reports into one JSONL or CSV dataset.

gongkai batch 年报目录/ --out dataset.jsonl            # every report under the folder, all media
gongkai batch 年报目录/ --out dataset.csv --workers 4  # one row per report, one column per cell id
gongkai batch 清单.lst --out dataset.jsonl             # the files listed, one path per line
gongkai batch 年报目录/ --out dataset.jsonl --scheduler tcp://调度器:8786  # on a Dask cluster

Running the same command again continues where it stopped: files already in the output (same path,
size and modification time) are skipped. Exit status 0 when every file was read, 1 when some could
not be (each is a row with its error), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys

HELP = "批量读取年度报告（目录或清单，任意格式混合），输出 JSONL 或 CSV 数据集；可中断后续跑"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="目录或清单",
        help="年报所在目录（递归）、文件清单（.lst，每行一个路径）或单个文件",
    )
    parser.add_argument(
        "--out", required=True, metavar="输出文件", help="输出数据集：.jsonl（每行一份报告）或 .csv"
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, metavar="N", help="并行进程数（默认为 CPU 核数）"
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://主机:端口",
        help="在该 Dask 分布式集群上读取（各工作节点须以相同路径访问输入文件）；不指定则用本机进程池",
    )
    parser.add_argument("--restart", action="store_true", help="忽略已有输出，从头重新处理（覆盖输出文件）")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
    parser.add_argument(
        "--labels", action="store_true", help="CSV 首行加中文列名（第二行为单元格编号），便于在 Excel 中阅读"
    )


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..errors import GongkaiError
    from ..report.batch import run_batch

    if args.workers < 1:
        raise GongkaiError("--workers 至少为 1")
    bars: list[tqdm[object]] = []

    def on_total(n: int) -> None:  # the bar starts once the files to read are known
        bars.append(tqdm(total=n, unit="份", desc="读取年报", file=sys.stderr, disable=args.no_progress))

    try:
        summary = run_batch(
            args.inputs,
            args.out,
            workers=args.workers,
            restart=args.restart,
            labels=args.labels,
            scheduler=args.scheduler,
            progress=lambda n: bars[0].update(n),
            on_total=on_total,
        )
    finally:
        for bar in bars:
            bar.close()
    print(summary.text(), file=sys.stderr)
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0
