"""Benchmark of the platform foundation at provincial scale: isolation queries and page rendering.

    uv run python bench/bench_web.py [--seconds 3] [--json]          # SQLite in a temporary data dir
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gongkai_bench uv run python bench/bench_web.py

Builds a province (1 provincial government, 14 cities, 10 counties each, 30 departments and 12
townships per county ≈ 6 000 agencies), then measures per wall-clock second and per CPU-second:

- ``visible_agency_ids`` for a county clerk, a county supervisor (≈ 43 agencies) and a provincial
  supervisor (the whole province);
- ``work_calendar()`` when cached (the fingerprint query only) and a 20-working-day due date from it;
- the home page for a county clerk and for the provincial supervisor, through Django's test client
  (whole request cycle: middleware, session, auth, template), no network.

The baseline is the naive alternative to ``Agency.objects.subtree_ids``: walking the tree one
agency at a time (one query per node). Results go to BENCHMARKS.md (section "platform").
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from typing import Any

from harness import measure


def build_province() -> dict[str, Any]:
    from django.db import transaction

    from gongkai.web.accounts.models import Membership, Role, User
    from gongkai.web.agencies.models import Agency, Kind, Level

    with transaction.atomic():
        province = Agency.objects.create(
            code="p", name="某省人民政府", level=Level.PROVINCIAL, kind=Kind.GOVERNMENT
        )
        batch: list[Agency] = []
        cities = [
            Agency(
                code=f"c{c}",
                name=f"第{c}市人民政府",
                level=Level.MUNICIPAL,
                kind=Kind.GOVERNMENT,
                parent=province,
            )
            for c in range(14)
        ]
        Agency.objects.bulk_create(cities)
        cities = list(Agency.objects.filter(level=Level.MUNICIPAL))
        counties = [
            Agency(
                code=f"{city.code}k{k}",
                name=f"{city.name}第{k}县",
                level=Level.COUNTY,
                kind=Kind.GOVERNMENT,
                parent=city,
            )
            for city in cities
            for k in range(10)
        ]
        Agency.objects.bulk_create(counties)
        counties = list(Agency.objects.filter(level=Level.COUNTY, kind=Kind.GOVERNMENT))
        for county in counties:
            batch += [
                Agency(
                    code=f"{county.code}d{d}",
                    name=f"{county.name}第{d}局",
                    level=Level.COUNTY,
                    kind=Kind.DEPARTMENT,
                    parent=county,
                )
                for d in range(30)
            ]
            batch += [
                Agency(
                    code=f"{county.code}t{t}",
                    name=f"{county.name}第{t}镇",
                    level=Level.TOWNSHIP,
                    kind=Kind.TOWNSHIP,
                    parent=county,
                )
                for t in range(12)
            ]
        Agency.objects.bulk_create(batch, batch_size=2000)
        county = counties[0]
        bureau = Agency.objects.get(code=f"{county.code}d0")
        users = {}
        for name, agency, role in [
            ("clerk", bureau, Role.CLERK),
            ("county_supervisor", county, Role.SUPERVISOR),
            ("province_supervisor", province, Role.SUPERVISOR),
        ]:
            user = User.objects.create_user(username=name, password="x")
            Membership.objects.create(user=user, agency=agency, role=role)
            users[name] = user
    return {"agencies": Agency.objects.count(), "users": users, "province": province}


def naive_subtree(root_id: int) -> set[int]:
    from gongkai.web.agencies.models import Agency

    seen, stack = set(), [root_id]
    while stack:
        node = stack.pop()
        seen.add(node)
        stack += list(Agency.objects.filter(parent_id=node).values_list("pk", flat=True))
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="gongkai-bench-")
    os.environ.setdefault("GONGKAI_DATA_DIR", tmp.name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    import datetime as dt

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from gongkai.web.accounts.scope import visible_agency_ids
    from gongkai.web.calendar.services import work_calendar

    setup_test_environment()  # the test client needs ALLOWED_HOSTS to include "testserver"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if "DATABASE_URL" in os.environ:
        from django.test.utils import get_runner

        runner = get_runner(settings)(verbosity=0, interactive=False)
        old_config = runner.setup_databases()  # a throwaway test_… database, never the real one
    else:
        old_config = None
        call_command("migrate", verbosity=0, interactive=False)
    try:
        built = build_province()
        users = built["users"]
        results: dict[str, Any] = {
            "agencies": built["agencies"],
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        }
        for name in ("clerk", "county_supervisor", "province_supervisor"):
            user = users[name]
            results[f"visible_agency_ids[{name}]"] = measure(
                lambda u=user: visible_agency_ids(u), args.seconds
            ) | {"agencies": len(visible_agency_ids(user))}
        province_id = built["province"].pk
        results["baseline: naive subtree walk [province]"] = measure(
            lambda: naive_subtree(province_id), args.seconds
        )
        results["work_calendar() cached"] = measure(work_calendar, args.seconds)
        results["due date via work_calendar()"] = measure(
            lambda: work_calendar().add_workdays(dt.date(2026, 1, 20), 20), args.seconds
        )
        for name in ("clerk", "province_supervisor"):
            client = Client()
            client.force_login(users[name])
            assert client.get("/").status_code == 200
            results[f"GET / as {name}"] = measure(lambda c=client: c.get("/"), args.seconds)
    finally:
        if old_config is not None:
            runner.teardown_databases(old_config)
        tmp.cleanup()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"{results['agencies']} agencies on {results['database']}")
    for key, value in results.items():
        if isinstance(value, dict):
            extra = f"  ({value['agencies']} agencies)" if "agencies" in value else ""
            print(
                f"{key:<45} {value['per_wall_s']:>9.1f}/s wall  {value['per_cpu_s']:>9.1f}/s CPU  {value['ms_each']:>8.2f} ms{extra}"
            )


if __name__ == "__main__":
    main()
