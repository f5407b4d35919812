"""The demo step: a full year of applications, every channel/column/outcome, carried cases, idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, Channel
from gongkai.web.applications.stats import table3, table3_findings
from gongkai.web.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_year(settings) -> None:
    assert "gongkai.web.applications.demo.load" in settings.GONGKAI_DEMO_STEPS
    out = io.StringIO()
    load_demo(out, today=dt.date(2026, 11, 20))
    bureau = Agency.objects.get(code="qx-education")
    apps = Application.objects.filter(agency=bureau)
    assert set(apps.values_list("channel", flat=True)) == set(Channel.values)
    assert set(apps.values_list("applicant_category", flat=True)) == {"np", "com", "res", "npo", "law", "oth"}
    cells = table3(bureau, 2025)
    for row in FORMAT_2021.table3_outcome_rows:
        assert cells[f"t3.{row}.tot"] > 0, row
    assert cells["t3.carry_forward.tot"] > 0
    assert table3(bureau, 2026)["t3.carried_over.tot"] == cells["t3.carry_forward.tot"]
    assert table3_findings(bureau, 2025) == [] and table3_findings(bureau, 2026) == []
    assert "依申请公开" in out.getvalue()
    count = apps.count()
    load_demo(io.StringIO(), today=dt.date(2026, 11, 20))
    assert Application.objects.filter(agency=bureau).count() == count
