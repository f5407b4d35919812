"""Benchmark: reports per second for HTML, DOCX and XLSX, and a 1,000-file batch on 1 vs 2 processes.

    uv run python bench/bench_readers.py [--seconds 5] [--files 1000] [--repeat 3] [--json]

What is measured:

1. **Readers.** A real report (西畴县 2023, the corpus text, all 200 cells) printed by the test
   fixtures as a GBK web page with boilerplate and merged headers, as a Word document with merged
   cells, and as a statistics workbook with merged headers. For each medium, the bytes already in
   memory are read round-robin for ``--seconds``: the layout alone (``read_layout``) and the whole
   read (``gongkai.read``: layout + extraction). Reported per second of wall-clock time and per
   second of CPU time (the machine is shared; CPU time is what one core does for gongkai).
2. **Batch.** ``--files`` files on disk — text, HTML, DOCX and XLSX, round-robin over the four
   media and over two reports (the 2021-format 西畴县 and the 2019-format 银川市市政管理局) — read by
   :func:`gongkai.report.batch.run_batch` into JSONL (read + check + write), first with one process,
   then with two, alternated ``--repeat`` times; the speed-up is the median ratio of the pairs'
   wall-clock times. The CPU seconds of the parent
   and the (joined) workers are reported too: on a shared machine they show the pool's overhead,
   which the wall-clock ratio cannot.

Results are recorded in BENCHMARKS.md; no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the fixture printers live with the tests that use them

import gongkai  # noqa: E402
from gongkai.report.batch import run_batch  # noqa: E402
from gongkai.report.read import read_layout  # noqa: E402
from report.read.media_fixtures import fixture  # noqa: E402

SOURCES = ("xichou-county-2023.txt", "yinchuan-szglj-2020.txt")
MEDIA = (("html", "report.html"), ("docx", "report.docx"), ("xlsx", "report.xlsx"))


def rate(fn: Any, seconds: float) -> dict[str, float]:
    fn()  # warm-up (imports, caches)
    n = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < seconds:
        fn()
        n += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"n": n, "per_wall_second": n / wall, "per_cpu_second": n / cpu if cpu else float("nan")}


def bench_readers(seconds: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for medium, name in MEDIA:
        _, data = fixture(SOURCES[0], medium)
        out[medium] = {
            "bytes": len(data),
            "layout": rate(lambda data=data, name=name: read_layout(data, name), seconds),
            "read": rate(lambda data=data, name=name: gongkai.read(name, data), seconds),
        }
    return out


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (the pool's workers, once joined)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_batch(files: int, repeat: int = 1) -> dict[str, Any]:
    """Batch runs with 1 and 2 workers, alternated ``repeat`` times (so that a change in the
    machine's load falls on both); the speed-up is the median of the pairs' ratios."""
    from conftest import CORPUS_DIR

    payloads: list[tuple[str, bytes]] = []
    for source in SOURCES:
        payloads.append((".txt", (CORPUS_DIR / source).read_bytes()))
        for medium, name in MEDIA:
            payloads.append((Path(name).suffix, fixture(source, medium)[1]))
    result: dict[str, Any] = {"files": files, "mix": sorted({s for s, _ in payloads}), "runs": []}
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(files):
            suffix, data = payloads[i % len(payloads)]
            (folder / f"{i:05d}{suffix}").write_bytes(data)
        for attempt in range(repeat):
            pair: dict[str, Any] = {}
            for workers in (1, 2):
                out = Path(tmp) / f"dataset-{attempt}-{workers}.jsonl"
                load0 = os.getloadavg()[0]
                t0, cpu0, kids0 = time.perf_counter(), time.process_time(), _children_cpu()
                summary = run_batch([str(folder)], str(out), workers=workers)
                elapsed = time.perf_counter() - t0
                cpu = time.process_time() - cpu0 + _children_cpu() - kids0
                assert summary.processed == files and summary.failed == 0, summary.text()
                pair[f"workers_{workers}"] = {
                    "seconds": elapsed,
                    "files_per_second": files / elapsed,
                    "cpu_seconds": cpu,
                    "files_per_cpu_second": files / cpu,
                    "load_average_before": load0,
                    "load_average_after": os.getloadavg()[0],
                }
            pair["speedup"] = pair["workers_1"]["seconds"] / pair["workers_2"]["seconds"]
            result["runs"].append(pair)
    result["speedup_median"] = statistics.median(p["speedup"] for p in result["runs"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="alternated pairs of batch runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {"readers": bench_readers(args.seconds), "batch": bench_batch(args.files, args.repeat)}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"{'medium':<6} {'size':>8} {'layout/s (wall)':>16} {'layout/s (cpu)':>15} {'read/s (wall)':>14} {'read/s (cpu)':>13}"
    )
    for medium, r in results["readers"].items():
        print(
            f"{medium:<6} {r['bytes']:>8} {r['layout']['per_wall_second']:>16.1f} {r['layout']['per_cpu_second']:>15.1f}"
            f" {r['read']['per_wall_second']:>14.1f} {r['read']['per_cpu_second']:>13.1f}"
        )
    b = results["batch"]
    for n, pair in enumerate(b["runs"], start=1):
        for w in (1, 2):
            r = pair[f"workers_{w}"]
            print(
                f"run {n}: batch {b['files']} files, {w} process(es): {r['seconds']:.1f} s wall,"
                f" {r['files_per_second']:.1f} files/s; {r['cpu_seconds']:.1f} CPU-s,"
                f" {r['files_per_cpu_second']:.1f} files/CPU-s"
                f" (load {r['load_average_before']:.1f} → {r['load_average_after']:.1f})"
            )
        print(f"run {n}: speed-up 2 vs 1: {pair['speedup']:.2f}×")
    print(f"median speed-up over {len(b['runs'])} alternated pairs: {b['speedup_median']:.2f}×")


if __name__ == "__main__":
    main()
