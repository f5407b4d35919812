"""Benchmark: the cost of reading a /check/ upload in a killable child process (D55).

    uv run python bench/bench_check_background.py [--corpus DIR] [--repeat 3] [--json]

What is measured: for each PDF of the corpus, the wall-clock time of ``gongkai.read`` in the
process (what the request did before) and of ``check_child.read_bounded`` (a spawned child that
reads the file and sends the core's JSON document back, as the background task does); the median of
``--repeat`` runs each. Reported: both medians per file and the child's extra time (spawn, imports,
the JSON document through a pipe). Results are recorded in BENCHMARKS.md; no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import gongkai
from gongkai.web.supervision.check_child import read_bounded
from harness import corpus_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for path in sorted(corpus_dir(args.corpus).glob("*.pdf")):
        data = path.read_bytes()
        inline, child = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            gongkai.read(path.name, data)
            inline.append(time.perf_counter() - started)
            started = time.perf_counter()
            outcome, _doc = read_bounded(path.name, data, 600.0)
            child.append(time.perf_counter() - started)
            assert outcome == "ok", _doc
        rows.append(
            {
                "file": path.name,
                "kb": len(data) // 1024,
                "inline_s": round(statistics.median(inline), 3),
                "child_s": round(statistics.median(child), 3),
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print("| file | KB | in the request (s) | spawned child (s) | extra (s) |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        extra = r["child_s"] - r["inline_s"]
        print(f"| {r['file']} | {r['kb']} | {r['inline_s']} | {r['child_s']} | {extra:.3f} |")


if __name__ == "__main__":
    main()
