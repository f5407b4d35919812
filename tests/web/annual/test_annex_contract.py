"""The report from the records carries the response-time annex in its JSON document (annexes.response_times)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.report.jsonio import report_from_json, report_to_json
from gongkai.web.annual.build import build
from gongkai.web.annual.timing import response_times

from .authz import published
from .helpers import replied

pytestmark = pytest.mark.django_db


def test_built_report_carries_the_annex_equal_to_report_times(personas) -> None:  # type: ignore[no-untyped-def]
    replied(personas, dt.date(2025, 3, 3))
    replied(personas, dt.date(2025, 12, 22), on=dt.date(2026, 1, 6))  # concluded in 2026: not in 2025
    annex = build(personas.bureau, 2025).report.annexes["response_times"]
    times = response_times(personas.bureau, 2025)
    assert annex["version"] == 1 and annex["all"] == times["all"] and annex["all"]["count"] == 1
    assert set(annex["by_channel"]) == set(times["by_channel"])
    assert all(v["label"] for v in annex["by_outcome"].values())  # Chinese labels for the renderers
    doc = json.loads(json.dumps(report_to_json(build(personas.bureau, 2025).report)))
    assert report_from_json(doc, "r.json").annexes["response_times"] == annex  # the contract validates it


def test_published_version_and_its_downloads_carry_it(personas, client) -> None:  # type: ignore[no-untyped-def]
    report = published(personas)
    version = report.latest_version()
    assert version.document["annexes"]["response_times"]["all"]["count"] == 0
    url = f"/annual/public/{personas.bureau.code}/2025/v1."
    assert json.loads(client.get(url + "json").content)["annexes"]["response_times"]["version"] == 1
    assert "附件：依申请公开答复用时" in client.get(url + "html").content.decode()
