"""Benchmark of the annual report from the records: 100,000 applications and 1,000 复议/诉讼 cases.

    uv run python bench/bench_annual.py [--cases 100000] [--appeals 1000] [--seconds 5] [--json]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gongkai_annual uv run python bench/bench_annual.py

Builds one agency (the applications of bench_applications.py, fixed seed, over 2024–2026, plus
``--appeals`` cases of the three kinds with every result, a tenth still 尚未审结), then measures:

- ``annual.build.build(agency, 2025)`` — the whole report: tables 二, 三 and 四, the facts of the text,
  the drafted sections, the core's rules, and last year's report from the records for the
  cross-year rules (so table 三 is tallied twice);
- baseline: one COUNT per cell of tables 三 and 四 (175 + 15 queries), the obvious way;
- ``annual.timing.response_times(agency, 2025)`` — the annex (working days per concluded case).

Runs on a throwaway test database. Results go to BENCHMARKS.md (section "annual report").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import tempfile
from typing import Any

from bench_applications import build as build_applications
from bench_applications import naive_table3
from harness import measure


def build_cases(agency: Any, n: int) -> None:
    from gongkai.web.appeals.mapping import CaseKind, Result
    from gongkai.web.appeals.models import Case

    rng = random.Random(11)
    rows = []
    for i in range(n):
        filed = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365 - 60))
        decided = None if rng.random() < 0.1 else filed + dt.timedelta(days=rng.randrange(20, 300))
        rows.append(
            Case(
                agency=agency,
                kind=rng.choice(CaseKind.values),
                applicant_name="申请人",
                body="复议机关",
                filed_on=filed,
                decided_on=decided,
                result=rng.choice(Result.values) if decided else "",
                case_number=f"BENCH-{i}",
            )
        )
    Case.objects.bulk_create(rows, batch_size=1000)


def naive_table4(agency: Any, year: int) -> dict[str, int]:
    from django.db.models import Q

    from gongkai.web.appeals.mapping import BLOCKS, COLUMNS, RESULT_COLUMN
    from gongkai.web.appeals.models import Case

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    base = Case.objects.filter(agency=agency, filed_on__lte=end).exclude(decided_on__lt=start)
    cells = {}
    for block in BLOCKS:
        for column in COLUMNS:
            qs = base.filter(kind=block)
            if column == "pending":
                qs = qs.filter(Q(decided_on__isnull=True) | Q(decided_on__gt=end))
            elif column != "total":
                results = [r for r, c in RESULT_COLUMN.items() if c == column]
                qs = qs.filter(decided_on__lte=end, result__in=results)
            cells[f"t4.{block}.{column}"] = qs.count()
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100000)
    parser.add_argument("--appeals", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    os.environ.setdefault("GONGKAI_DATA_DIR", tmp.name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        if "DATABASE_URL" not in os.environ:
            call_command("migrate", verbosity=0, interactive=False)
        from gongkai.web.annual.build import build
        from gongkai.web.annual.timing import response_times
        from gongkai.web.appeals.table4 import table4

        agency = build_applications(args.cases)["agency"]
        build_cases(agency, args.appeals)
        assert table4(agency, 2025) == naive_table4(agency, 2025)
        report = build(agency, 2025)
        assert [f for f in report.findings if f.severity == "error"] == [], report.findings

        def naive() -> None:
            naive_table3(agency, 2025)
            naive_table4(agency, 2025)

        results: dict[str, Any] = {
            "applications": args.cases,
            "appeals": args.appeals,
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "report": measure(lambda: build(agency, 2025), args.seconds),
            "naive_190_counts": measure(naive, args.seconds),
            "response_times": measure(lambda: response_times(agency, 2025), args.seconds),
        }
    finally:
        runner.teardown_databases(old_config)
        tmp.cleanup()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(
        f"年度报告基准（{results['applications']} 件申请、{results['appeals']} 件复议诉讼，{results['database']}）"
    )
    for key in ("report", "naive_190_counts", "response_times"):
        r = results[key]
        print(f"  {key:<20} {r['ms_each']:8.1f} ms/次（{r['per_wall_s']:.2f} 次/秒）")


if __name__ == "__main__":
    main()
