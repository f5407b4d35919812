"""Benchmark: parse + check throughput on the text reports of the corpus, on one core.

    uv run python bench/bench_parse_check.py [--seconds 10] [--corpus DIR] [--json]

What is measured: for every text report of the corpus (.txt, .md), already in memory, the whole
path a user runs with ``gongkai check``: decode → layout → extract (labels, numbers, digit-run
splitting) → every rule (``gongkai.check``). Files are taken round-robin until ``--seconds`` have
passed; the process is pinned to one CPU where the OS allows it. Reported: reports per second of
wall-clock time and per second of CPU time (on a shared machine other processes take turns on the
pinned core; CPU time is what one core does for gongkai), median and 95th-percentile wall time per
report, the slowest report.

Baseline: a naive line-by-line regex reader (what a quick script would do: a table 三 row label
followed by the integers on the same line) — timed the same way and scored on the golden cells of
tests/golden, to show what the speed of such a script buys. Results are recorded in BENCHMARKS.md;
no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import gongkai
from gongkai.report.api import check_report, read_report
from gongkai.report.formats import FORMAT_2019, FORMAT_2021
from harness import corpus_dir, pin_one_core

ROOT = Path(__file__).resolve().parents[1]


def gongkai_once(name: str, data: bytes) -> int:
    report = read_report(name, data)
    return len(check_report(report))


# ---- the naive baseline ----------------------------------------------------------------------------

_NORMALISE = str.maketrans("（）０１２３４５６７８９", "()0123456789")
_LABELS = [
    (re.sub(r"\s+", "", row.label.translate(_NORMALISE))[:8], row.key)
    for fmt in (FORMAT_2021, FORMAT_2019)
    for row in fmt.table3_rows
]
_COLUMNS = [c.key for c in FORMAT_2021.table3_columns]
_INT = re.compile(r"\d+")


def naive_once(name: str, data: bytes) -> dict[str, int]:
    """Table 三 by a line-by-line regex: a row label prefix, then the first seven integers after it."""
    cells: dict[str, int] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        compact = re.sub(r"\s+", "", line.translate(_NORMALISE))
        for prefix, key in _LABELS:
            at = compact.find(prefix)
            if at < 0:
                continue
            numbers = _INT.findall(compact[at + len(prefix) :])
            for col, value in zip(_COLUMNS, numbers[:7], strict=False):
                cells.setdefault(f"t3.{key}.{col}", int(value))
            break
    return cells


# ---- measuring -------------------------------------------------------------------------------------


def measure(files: list[tuple[str, bytes]], seconds: float, work: Any) -> dict[str, Any]:
    for name, data in files:  # warm-up: imports, regex compilation, caches
        work(name, data)
    times: list[float] = []
    per_file: dict[str, list[float]] = {}
    started = time.perf_counter()
    cpu_started = time.process_time()
    i = 0
    while time.perf_counter() - started < seconds or i < len(files):
        name, data = files[i % len(files)]
        t0 = time.perf_counter()
        work(name, data)
        elapsed = time.perf_counter() - t0
        times.append(elapsed)
        per_file.setdefault(name, []).append(elapsed)
        i += 1
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    slowest = max(per_file, key=lambda n: statistics.median(per_file[n]))
    times.sort()
    return {
        "reports": len(times),
        "seconds": round(total, 3),
        "reports_per_second": round(len(times) / total, 1),
        "cpu_seconds": round(cpu, 3),
        "reports_per_cpu_second": round(len(times) / cpu, 1),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 2),
        "slowest": Path(slowest).name,
        "slowest_ms": round(statistics.median(per_file[slowest]) * 1000, 2),
    }


def golden_t3_accuracy(reader: Any) -> dict[str, Any]:
    """Share of the golden table 三 cells (tests/golden) a reader gets exactly right, and wrong."""
    right = wrong = total = 0
    for expected_path in sorted((ROOT / "tests" / "golden").glob("*/*/expected.json")):
        case = expected_path.parent
        source = next((p for p in case.iterdir() if p.name.startswith("source.")), None)
        if source is None or source.suffix not in (".txt", ".md"):
            continue
        expected = {
            k: v
            for k, v in json.loads(expected_path.read_text("utf-8"))["cells"].items()
            if k.startswith("t3.")
        }
        got = reader(str(source), source.read_bytes())
        total += len(expected)
        for cell_id, value in got.items():
            if not cell_id.startswith("t3."):
                continue
            if expected.get(cell_id, object()) == value:
                right += 1
            else:
                wrong += 1
    return {"golden_t3_cells": total, "right": right, "wrong": wrong}


def gongkai_cells(name: str, data: bytes) -> dict[str, Any]:
    report = read_report(name, data)
    return {cid: cell.value for cid, cell in report.cells.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    pinned = pin_one_core()
    corpus = corpus_dir(args.corpus)
    files = [(str(p), p.read_bytes()) for p in sorted(corpus.iterdir()) if p.suffix in (".txt", ".md")]
    result = {
        "gongkai_version": gongkai.__version__,
        "python": sys.version.split()[0],
        "cpu": pinned,
        "corpus_text_reports": len(files),
        "corpus_bytes": sum(len(d) for _, d in files),
        "parse_check": measure(files, args.seconds, gongkai_once),
        "naive_regex_baseline": measure(files, max(1.0, args.seconds / 5), naive_once),
        "accuracy_gongkai": golden_t3_accuracy(gongkai_cells),
        "accuracy_naive": golden_t3_accuracy(naive_once),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    pc, nb = result["parse_check"], result["naive_regex_baseline"]
    ag, an = result["accuracy_gongkai"], result["accuracy_naive"]
    print(
        f"corpus: {len(files)} text reports, {result['corpus_bytes'] / 1024:.0f} KiB; {pinned}; Python {result['python']}"
    )
    print(
        f"parse + check: {pc['reports_per_second']} reports/s wall, {pc['reports_per_cpu_second']} per CPU-second (median {pc['median_ms']} ms, "
        f"p95 {pc['p95_ms']} ms, slowest {pc['slowest']} {pc['slowest_ms']} ms; {pc['reports']} reports)"
    )
    print(
        f"naive regex:   {nb['reports_per_second']} reports/s wall, {nb['reports_per_cpu_second']} per CPU-second "
        f"(median {nb['median_ms']} ms)"
    )
    print(
        f"golden table 三 cells ({ag['golden_t3_cells']}): gongkai {ag['right']} right / {ag['wrong']} wrong; "
        f"naive {an['right']} right / {an['wrong']} wrong"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
