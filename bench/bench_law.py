"""Benchmark of gongkai.law: statutory deadlines and fees computed per second.

    uv run python bench/bench_law.py [--seconds 2] [--json]

Receipt dates are drawn from 2005–2025 (fixed seed) so that every kind of holiday and 调休 day is
crossed. Each measurement runs for ``--seconds`` and reports calls per CPU-second (the process is
pinned to one core) and per wall-clock second. The baseline is the same day loop written against
chinesecalendar (``chinese_calendar.is_workday``), the library a quick script would use. Results are
recorded in BENCHMARKS.md (section "law"); no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from importlib import resources

import chinese_calendar

from gongkai.law import (
    application_clock,
    bundled_calendar,
    load_calendar_file,
    monthly_application_fees,
    per_volume_fee,
)
from gongkai.law.calendar_data import BUNDLED_FILE


def pin_one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return "not pinned"


def measure(label: str, seconds: float, work: Callable[[int], object]) -> dict[str, float | str]:
    done = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < seconds:
        for _ in range(50):
            work(done)
            done += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"label": label, "calls": done, "per_cpu_second": done / cpu, "per_wall_second": done / wall}


def chinesecalendar_add_workdays(start: date, n: int) -> date:
    """The baseline: the hand loop of domain.md §8 over chinesecalendar (receipt day not counted)."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    pinned = pin_one_core()

    started = time.perf_counter()
    bundled_calendar.cache_clear()
    cal = bundled_calendar()
    load_ms = (time.perf_counter() - started) * 1000
    path = str(resources.files("gongkai.law").joinpath("data", BUNDLED_FILE))
    started = time.perf_counter()
    load_calendar_file(path)
    import_ms = (time.perf_counter() - started) * 1000

    rng = random.Random(20260120)
    receipts = [date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 21)) for _ in range(10_000)]
    for r in receipts[:2000]:  # the two loops must agree before their speed means anything
        assert cal.add_workdays(r, 20) == chinesecalendar_add_workdays(r, 20), r

    def pick(i: int) -> date:
        return receipts[i % len(receipts)]

    results = [
        measure("add_workdays(receipt, 20)", args.seconds, lambda i: cal.add_workdays(pick(i), 20)),
        measure(
            "baseline: chinesecalendar loop, 20 WD",
            args.seconds,
            lambda i: chinesecalendar_add_workdays(pick(i), 20),
        ),
        measure("walk(receipt, 40) with explanation steps", args.seconds, lambda i: cal.walk(pick(i), 40)),
        measure(
            "application_clock (notice, reply, extended)",
            args.seconds,
            lambda i: application_clock(pick(i), cal),
        ),
        measure(
            "application_clock + to_json() (with explain)",
            args.seconds,
            lambda i: application_clock(pick(i), cal).to_json(),
        ),
        measure("per_volume_fee(0..999 pages)", args.seconds, lambda i: per_volume_fee(i % 1000)),
        measure(
            "monthly_application_fees(0..199)", args.seconds, lambda i: monthly_application_fees(i % 200)
        ),
    ]
    if args.json:
        print(json.dumps({"pinned": pinned, "load_ms": load_ms, "import_ms": import_ms, "results": results}))
        return 0
    print(f"{pinned}; bundled calendar loaded in {load_ms:.1f} ms; load_calendar_file in {import_ms:.1f} ms")
    print(f"{'measure':<48} {'per CPU-s':>12} {'per wall-s':>12}")
    for r in results:
        print(f"{r['label']:<48} {r['per_cpu_second']:>12,.0f} {r['per_wall_second']:>12,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
