"""Benchmark of supervision at provincial scale: the status page and the consolidated report.

    uv run python bench/bench_supervision.py [--requests 40] [--json]      # SQLite, temporary data dir
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gongkai_bench uv run python bench/bench_supervision.py

Builds the province of bench_web.py (≈ 6 000 agencies), gives 90 % of them a published 2025 report
(a :class:`UnitReport` with the full 2021-format cells of a generated report; the rest are missing),
then measures, as the provincial supervisor:

- ``GET /supervision/p/2025/`` (status of the whole province, first page of 100 rows) — p50 and p95
  over ``--requests`` requests through Django's test client (whole request cycle);
- ``consolidate(province, 2025)`` — the sums over every included unit's cells, and the core's rules on
  the sum — median of 5 runs.

Targets (issue 12): status page p95 < 300 ms; consolidating 6 000 units < 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from typing import Any

from bench_web import build_province


def give_reports(year: int) -> int:
    import datetime as dt

    from gongkai.web.agencies.models import Agency
    from gongkai.web.supervision.demo import unit_report
    from gongkai.web.supervision.models import UnitReport
    from gongkai.web.supervision.records import numeric_cells

    rows = []
    for i, pk in enumerate(Agency.objects.order_by("pk").values_list("pk", flat=True)):
        if i % 10 == 9:
            continue  # missing
        cells = numeric_cells(unit_report("单位", year, i % 17, i % 5))
        rows.append(
            UnitReport(
                agency_id=pk,
                year=year,
                published_on=dt.date(year + 1, 1, 10) + dt.timedelta(days=i % 40),
                report_format="2021",
                cells=cells,
                first_sha256="a" * 64,
                current_sha256="a" * 64 if i % 50 else "b" * 64,
            )
        )
    UnitReport.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="gongkai-bench-")
    os.environ.setdefault("GONGKAI_DATA_DIR", tmp.name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from gongkai.web.supervision.consolidate import consolidate

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if "DATABASE_URL" in os.environ:
        from django.test.utils import get_runner

        runner = get_runner(settings)(verbosity=0, interactive=False)
        old_config = runner.setup_databases()
    else:
        old_config = None
        call_command("migrate", verbosity=0, interactive=False)
    try:
        built = build_province()
        reports = give_reports(2025)
        client = Client()
        client.force_login(built["users"]["province_supervisor"])
        assert client.get("/supervision/p/2025/").status_code == 200
        times = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            client.get("/supervision/p/2025/")
            times.append(1000 * (time.perf_counter() - t0))
        times.sort()
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            result = consolidate(built["province"], 2025)
            result.findings()
            runs.append(time.perf_counter() - t0)
        results: dict[str, Any] = {
            "agencies": built["agencies"],
            "published reports": reports,
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "status page ms p50": round(statistics.median(times), 1),
            "status page ms p95": round(times[max(0, int(0.95 * len(times)) - 1)], 1),
            "consolidate s median": round(statistics.median(runs), 2),
            "consolidated units": len(result.included),
        }
    finally:
        if old_config is not None:
            runner.teardown_databases(old_config)
        tmp.cleanup()
    print(json.dumps(results, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
