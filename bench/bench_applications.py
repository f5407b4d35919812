"""Benchmark of 依申请公开: table 三 from the records, the reminder run, and a workflow action.

    uv run python bench/bench_applications.py [--cases 20000] [--seconds 3] [--json]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gongkai uv run python bench/bench_applications.py

Builds one agency with ``--cases`` applications spread over 2024–2026 (fixed seed; every column and
outcome row; a tenth still open), then measures:

- ``stats.table3(agency, 2025)`` — the 175 cells from the records (one query, tallied in Python);
  baseline: one COUNT query per cell, the obvious way to fill a 175-cell table;
- ``reminders.send_due_reminders`` — cases claimed and reminded per second (compare-and-set per
  case, one mail each to the agency's clerk, locmem mail backend);
- ``services.start_review`` — a workflow action (lock, version, role, table, clock, audit) per second.

Runs on a throwaway test database (SQLite in a temporary data dir, or ``test_…`` on PostgreSQL).
Results go to BENCHMARKS.md (section "applications"); no test asserts on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import tempfile
import time
from typing import Any

from harness import measure


def build(cases: int) -> dict[str, Any]:
    from django.db import transaction

    from gongkai.report.formats.v2021 import FORMAT_2021
    from gongkai.web.accounts.models import Membership, Role, User
    from gongkai.web.agencies.models import Agency, Kind, Level
    from gongkai.web.applications.models import Application

    rng = random.Random(6)
    outcomes = list(FORMAT_2021.table3_outcome_rows)
    columns = ["np", "com", "res", "npo", "law", "oth"]
    with transaction.atomic():
        agency = Agency.objects.create(
            code="bench", name="基准测试局", level=Level.COUNTY, kind=Kind.DEPARTMENT
        )
        clerk = User.objects.create_user("bench-clerk", email="clerk@example.org", password="x")
        Membership.objects.create(user=clerk, agency=agency, role=Role.CLERK)
        rows = []
        for n in range(cases):
            received = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365 - 60))
            column = rng.choice(columns)
            concluded = None if rng.random() < 0.1 else received + dt.timedelta(days=rng.randrange(1, 60))
            rows.append(
                Application(
                    tracking_number=f"BENCH-{n:07d}",
                    agency=agency,
                    applicant_type="natural_person" if column == "np" else "organisation",
                    applicant_category=column,
                    applicant_name="申请人",
                    channel="letter",
                    description="基准测试",
                    received_on=received,
                    state="replied" if concluded else "under_review",
                    outcome=rng.choice(outcomes) if concluded else "",
                    concluded_on=concluded,
                    reply_due=received + dt.timedelta(days=28),
                )
            )
        Application.objects.bulk_create(rows, batch_size=2000)
    return {"agency": agency, "clerk": clerk}


def naive_table3(agency: Any, year: int) -> dict[str, int]:
    """One COUNT per cell: what a first version without the tally would do."""
    from gongkai.report.formats.v2021 import FORMAT_2021
    from gongkai.web.applications.models import Application

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    base = Application.objects.filter(agency=agency, received_on__lte=end).exclude(concluded_on__lt=start)
    cells: dict[str, int] = {}
    for spec in FORMAT_2021.table_cells("t3"):
        qs = base if spec.col == "tot" else base.filter(applicant_category=spec.col)
        if spec.row == "new_received":
            qs = qs.filter(received_on__gte=start)
        elif spec.row == "carried_over":
            qs = qs.filter(received_on__lt=start)
        elif spec.row == "carry_forward":
            qs = qs.exclude(concluded_on__lte=end)
        elif spec.row == "total":
            qs = qs.filter(concluded_on__lte=end)
        else:
            qs = qs.filter(concluded_on__lte=end, outcome=spec.row)
        cells[spec.id] = qs.count()
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=3.0)
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
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        if "DATABASE_URL" not in os.environ:
            call_command("migrate", verbosity=0, interactive=False)
        from django.utils import timezone

        from gongkai.web.applications import services
        from gongkai.web.applications.models import Application
        from gongkai.web.applications.reminders import send_due_reminders
        from gongkai.web.applications.stats import table3

        t0 = time.perf_counter()
        built = build(args.cases)
        build_s = time.perf_counter() - t0
        agency, clerk = built["agency"], built["clerk"]
        assert table3(agency, 2025) == naive_table3(agency, 2025)
        results: dict[str, Any] = {
            "cases": args.cases,
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "build_s": round(build_s, 2),
            "table3": measure(lambda: table3(agency, 2025), args.seconds),
            "table3_naive_175_counts": measure(lambda: naive_table3(agency, 2025), args.seconds),
        }
        # Reminders: every open case is due now; one run claims them all.
        due = Application.objects.filter(agency=agency, concluded_on__isnull=True)
        due.update(next_reminder_at=timezone.now() - dt.timedelta(hours=1))
        n_due = due.count()
        t0, c0 = time.perf_counter(), time.process_time()
        run = send_due_reminders(timezone.now())
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        results["reminders"] = {
            "cases": n_due,
            "sent": run.sent,
            "per_wall_s": run.sent / wall,
            "per_cpu_s": run.sent / cpu,
        }
        t0 = time.perf_counter()
        again = send_due_reminders(timezone.now())
        results["reminders_second_run"] = {"sent": again.sent, "s": round(time.perf_counter() - t0, 3)}
        # A workflow action through the service layer.
        fresh = [
            services.register(
                agency=agency, actor=clerk, channel="letter", received_on=dt.date(2025, 3, 3),
                data={"applicant_type": "natural_person", "applicant_category": "np", "applicant_name": "甲",
                      "applicant_phone": "1", "description": "基准"},
            )[0]
            for _ in range(200)
        ]  # fmt: skip
        pool = iter(fresh)

        def one_action() -> None:
            app = next(pool)
            services.start_review(app, clerk, app.version)

        t0, c0 = time.perf_counter(), time.process_time()
        done = 0
        for _ in range(len(fresh)):
            one_action()
            done += 1
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        results["start_review"] = {"calls": done, "per_wall_s": done / wall, "per_cpu_s": done / cpu}
    finally:
        runner.teardown_databases(old_config)
        tmp.cleanup()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"依申请公开基准（{results['cases']} 件，{results['database']}，建库 {results['build_s']} 秒）")
    for key in ("table3", "table3_naive_175_counts"):
        r = results[key]
        print(f"  {key:<26} {r['per_wall_s']:8.1f} 次/秒  {r['ms_each']:8.1f} ms/次")
    r = results["reminders"]
    print(f"  reminders                  {r['per_wall_s']:8.1f} 件/秒（{r['sent']}/{r['cases']} 件）")
    print(
        f"  reminders, second run      {results['reminders_second_run']['sent']} 件，{results['reminders_second_run']['s']} 秒"
    )
    r = results["start_review"]
    print(f"  start_review (service)     {r['per_wall_s']:8.1f} 次/秒")


if __name__ == "__main__":
    main()
