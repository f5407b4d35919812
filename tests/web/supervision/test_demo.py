"""The demo step: 青溪县's 2025 reports with every status, flags for the benchmarks, a 督办."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from gongkai.web.demo import load_demo
from gongkai.web.supervision.benchmarks import flags
from gongkai.web.supervision.models import Notice, UnitReport
from gongkai.web.supervision.status import subtree_status

STEPS = [
    "gongkai.web.demo.load_calendar",
    "gongkai.web.demo.load_agencies",
    "gongkai.web.demo.load_people",
    "gongkai.web.supervision.demo.load",
]


@pytest.mark.django_db
def test_demo_has_published_late_and_missing_units(settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_DEMO_STEPS = STEPS
    context = load_demo(io.StringIO())
    counts = (UnitReport.objects.count(), Notice.objects.count())
    load_demo(io.StringIO())
    assert (UnitReport.objects.count(), Notice.objects.count()) == counts  # idempotent
    county = context.agencies["qx-county"]
    statuses = {s.code: s for s in subtree_status(county, 2025, dt.date(2026, 12, 2))}
    by_status: dict[str, set[str]] = {}
    for code, s in statuses.items():
        by_status.setdefault(s.status, set()).add(code)
    assert by_status["late"] == {"qx-housing", "qx-qiaotou"}
    assert by_status["missing"] >= {"qx-natural-resources", "qx-market", "qx-shimen", "qx-dongcheng"}
    assert {"qx-county", "qx-education", "qx-chengguan"} <= by_status["published"]
    assert statuses["qx-housing"].publication.errors >= 1  # type: ignore[union-attr]
    keys = {(f.code, f.key) for f in flags(county, 2025)}
    assert ("qx-culture-tourism", "received:zero") in keys
    assert ("qx-health", "received:change") in keys
    assert ("qx-finance", "text:reused") in keys
    assert Notice.objects.get().agency.code == "qx-market"
