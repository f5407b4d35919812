"""Benchmark of gongkai.law: working-day arithmetic and full application clocks per second.

    uv run python bench/bench_law.py [--seconds 2]

Receipt dates are spread over 2005–2025 so that holidays of every kind are crossed. Results are
recorded in BENCHMARKS.md (section "law"); no test asserts on them.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

from gongkai.law import (
    application_clock,
    bundled_calendar,
    load_calendar_file,
    monthly_application_fees,
    per_volume_fee,
)
from gongkai.law.calendar_data import BUNDLED_FILE


def _rate(label: str, seconds: float, work: Callable[[int], object]) -> float:
    done = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        work(done)
        done += 1
    rate = done / elapsed
    print(f"{label:<48} {rate:>12,.0f} /s")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    args = parser.parse_args()

    started = time.perf_counter()
    cal = bundled_calendar()
    print(
        f"{'load bundled calendar (' + BUNDLED_FILE + ')':<48} {(time.perf_counter() - started) * 1000:>10.1f} ms"
    )
    from importlib import resources

    path = resources.files("gongkai.law").joinpath("data", BUNDLED_FILE)
    started = time.perf_counter()
    load_calendar_file(str(path))
    print(
        f"{'load_calendar_file (771 dates, 23 years)':<48} {(time.perf_counter() - started) * 1000:>10.1f} ms"
    )

    rng = random.Random(20260120)
    receipts = [date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 21)) for _ in range(10_000)]

    _rate(
        "add_workdays(receipt, 20)", args.seconds, lambda i: cal.add_workdays(receipts[i % len(receipts)], 20)
    )
    _rate(
        "walk(receipt, 40) with explanation steps",
        args.seconds,
        lambda i: cal.walk(receipts[i % len(receipts)], 40),
    )
    _rate(
        "application_clock (notice, reply, extended)",
        args.seconds,
        lambda i: application_clock(receipts[i % len(receipts)], cal),
    )
    _rate(
        "application_clock + explain() + to_json()",
        args.seconds,
        lambda i: application_clock(receipts[i % len(receipts)], cal).to_json(),
    )
    _rate("per_volume_fee(0..999 pages)", args.seconds, lambda i: per_volume_fee(i % 1000))
    _rate("monthly_application_fees(0..199)", args.seconds, lambda i: monthly_application_fees(i % 200))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
