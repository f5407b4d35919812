"""Golden test: the demo county's education bureau's 2025 report (tables and text), from a fresh demo.

Expectations are in ``golden/qx-education-2025.json``; regenerate them only on purpose with
``GONGKAI_REGENERATE_GOLDEN=1 uv run pytest tests/web/annual/test_demo_golden.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from gongkai.report.jsonio import report_to_json
from gongkai.web.agencies.models import Agency
from gongkai.web.annual.build import build
from gongkai.web.annual.models import AnnualReport, Status
from gongkai.web.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
GOLDEN = Path(__file__).parent / "golden" / "qx-education-2025.json"


def test_demo_2025_report(settings) -> None:
    steps = settings.GONGKAI_DEMO_STEPS
    # The annual report is drafted from the records the earlier steps load (复议/诉讼 first).
    assert steps.index("gongkai.web.appeals.demo.load") < steps.index("gongkai.web.annual.demo.load")
    load_demo(io.StringIO(), today=dt.date(2026, 11, 20))
    bureau = Agency.objects.get(code="qx-education")
    built = build(bureau, 2025)
    assert built.findings == []
    doc = report_to_json(built.report)
    actual = {"cells": doc["cells"], "sections": doc["sections"]}
    if os.environ.get("GONGKAI_REGENERATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert actual == expected
    # 尚未审结 at the end of 2025: three cases, carried into 2026.
    pending = sum(doc["cells"][f"t4.{b}.pending"] for b in ("review", "direct", "after_review"))
    assert pending == 3
    r26 = build(bureau, 2026).report
    for column in ("np", "com", "res", "npo", "law", "oth", "tot"):
        assert r26.value(f"t3.carried_over.{column}") == doc["cells"][f"t3.carry_forward.{column}"]
    # History: 2024 was published in the demo; 2025 is a draft with the agency's own words.
    assert AnnualReport.objects.get(agency=bureau, year=2024).status == Status.PUBLISHED
    assert "整改" in built.report.sections["s5_problems"]
    load_demo(io.StringIO(), today=dt.date(2026, 11, 20))  # idempotent
    assert AnnualReport.objects.filter(agency=bureau).count() == 2
