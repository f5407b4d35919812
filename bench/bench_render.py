"""Benchmark: reports rendered per second, per target (html, md, docx, xlsx, pdf), with and without charts.

    uv run python bench/bench_render.py [--seconds 5] [--corpus DIR] [--targets html,md,docx,xlsx,pdf] [--json]

What is measured: the 2019/2021 reports of the corpus are read once (not timed); then, per target,
``gongkai.render(report, target)`` is called round-robin over them until ``--seconds`` have passed,
once with charts (the default output) and once with ``charts=False``. The process is pinned to
one CPU where the OS allows it. Reported per target: reports per second of wall-clock time and per
CPU-second, and the median time per report.

Baseline: turning the rendered DOCX into PDF with LibreOffice headless (``soffice --convert-to
pdf``), the usual way an office makes a PDF of a Word report — timed per document on a few reports.
Results are recorded in BENCHMARKS.md; no test asserts on them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import gongkai
from gongkai.report.model import Report
from harness import corpus_dir, pin_one_core

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("html", "md", "docx", "xlsx", "pdf")


def reports(corpus: Path) -> list[Report]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        names = [r["file"] for r in csv.DictReader(handle, delimiter="\t") if r["format"] in ("2019", "2021")]
    return [gongkai.read(str(corpus / name)) for name in names]


def measure(items: list[Report], target: str, charts: bool, seconds: float) -> dict[str, Any]:
    gongkai.render(items[0], target, charts=charts)  # warm-up: imports, fonts
    times: list[float] = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    index = 0
    while time.perf_counter() - wall0 < seconds:
        start = time.perf_counter()
        gongkai.render(items[index % len(items)], target, charts=charts)
        times.append(time.perf_counter() - start)
        index += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {
        "target": target,
        "charts": charts,
        "reports": len(times),
        "per_second_wall": round(len(times) / wall, 1),
        "per_cpu_second": round(len(times) / cpu, 1) if cpu else None,
        "median_ms": round(statistics.median(times) * 1000, 1),
    }


def soffice_baseline(items: list[Report], count: int = 3) -> dict[str, Any] | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, report in enumerate(items[:count]):
            source = Path(tmp) / f"r{i}.docx"
            source.write_bytes(gongkai.render(report, "docx"))
            start = time.perf_counter()
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                check=True,
                capture_output=True,
                timeout=300,
            )
            times.append(time.perf_counter() - start)
    return {
        "baseline": "soffice DOCX→PDF",
        "documents": len(times),
        "median_ms": round(statistics.median(times) * 1000),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--corpus")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    pinned = pin_one_core()
    items = reports(corpus_dir(args.corpus))
    results = [
        measure(items, target, charts, args.seconds)
        for target in args.targets.split(",")
        for charts in (True, False)
    ]
    baseline = None if args.no_baseline else soffice_baseline(items)
    if args.json:
        print(json.dumps({"pinned": pinned, "reports": len(items), "results": results, "baseline": baseline}))
        return 0
    print(f"{len(items)} reports (2019/2021 formats), {pinned}, load average {os.getloadavg()[0]:.1f}")
    print(f"{'target':<6} {'charts':<6} {'n':>5} {'per s (wall)':>13} {'per CPU-s':>10} {'median ms':>10}")
    for r in results:
        print(
            f"{r['target']:<6} {'yes' if r['charts'] else 'no':<6} {r['reports']:>5} {r['per_second_wall']:>13}"
            f" {r['per_cpu_second']!s:>10} {r['median_ms']:>10}"
        )
    if baseline:
        print(f"baseline {baseline['baseline']}: median {baseline['median_ms']} ms per document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
