"""Reports generated from records and published in gongkai (the annual app) are a status source."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.web.supervision.models import Origin
from gongkai.web.supervision.status import LATE, MISSING, PUBLISHED, generated_reports, subtree_status

from ..annual.authz import published

pytestmark = pytest.mark.django_db


def test_a_report_published_in_the_annual_app_is_published_and_generated(personas) -> None:  # type: ignore[no-untyped-def]
    before = {s.code: s for s in subtree_status(personas.county, 2025, dt.date(2026, 6, 1))}
    assert before[personas.bureau.code].status == MISSING and before[personas.bureau.code].overdue
    published(personas)  # published through the annual workflow on 2026-01-20
    statuses = {s.code: s for s in subtree_status(personas.county, 2025, dt.date(2026, 6, 1))}
    bureau = statuses[personas.bureau.code]
    assert bureau.status == PUBLISHED
    assert bureau.publication is not None
    assert bureau.publication.published_on == dt.date(2026, 1, 20)
    assert bureau.origin_label == "系统生成" and bureau.publication.origin == Origin.GENERATED
    assert bureau.publication.errors == 0 and not bureau.publication.changed
    assert statuses[personas.township.code].status == MISSING


def test_a_generated_report_after_the_due_date_is_late(personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_REPORT_DUE_DEPARTMENT = "01-10"  # [M] the date is a setting: the 20th is now late
    published(personas)
    bureau = {s.code: s for s in subtree_status(personas.county, 2025, dt.date(2026, 6, 1))}[
        personas.bureau.code
    ]
    assert bureau.status == LATE and bureau.days_late == 10


def test_only_the_units_asked_for_and_the_year(personas) -> None:  # type: ignore[no-untyped-def]
    published(personas)
    assert set(generated_reports([personas.bureau.pk], 2025)) == {personas.bureau.pk}
    assert generated_reports([personas.township.pk], 2025) == {}
    assert generated_reports([personas.bureau.pk], 2024) == {}


def test_supervise_status_command_shows_generated(personas, capsys) -> None:  # type: ignore[no-untyped-def]
    from gongkai.cli import main

    published(personas)
    code = main(["supervise", "status", "--agency", personas.county.code, "--year", "2025", "--json"])
    assert code == 0
    rows = {r["agency"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[personas.bureau.code]["origin"] == "generated"
    assert rows[personas.bureau.code]["status"] == "published"
    assert rows[personas.bureau.code]["published_on"] == "2026-01-20"


def _frozen_cells(personas) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from gongkai.report import jsonio
    from gongkai.web.annual.models import PublishedVersion
    from gongkai.web.supervision.records import numeric_cells

    version = PublishedVersion.objects.filter(report__agency=personas.bureau).order_by("-number").first()
    assert version is not None
    return numeric_cells(jsonio.report_from_json(version.document, "v"))


def test_a_unit_whose_only_report_is_generated_counts_in_the_consolidation(personas) -> None:  # type: ignore[no-untyped-def]
    from gongkai.web.supervision.consolidate import consolidate
    from gongkai.web.supervision.models import UnitReport

    from .helpers import publish

    publish(personas.township, 2025, 4, 0, on=dt.date(2026, 3, 1))
    before = consolidate(personas.county, 2025)
    assert personas.bureau.code not in [u.code for u in before.included]
    published(personas)
    assert not UnitReport.objects.filter(agency=personas.bureau).exists()  # its only report is generated
    cells = _frozen_cells(personas)
    assert cells  # the frozen document has numbers
    result = consolidate(personas.county, 2025)
    assert [u.code for u in result.included] == [personas.bureau.code, personas.township.code]
    bureau = next(u for u in result.included if u.code == personas.bureau.code)
    assert bureau.cells == cells
    township = next(u for u in result.included if u.code == personas.township.code)
    for cid in ("t3.new_received.np", "t3.granted.np"):
        expected = int(cells.get(cid, "0")) + int(township.cells.get(cid, "0"))
        assert result.sums[cid] == expected


def test_a_unit_whose_only_report_is_generated_counts_in_the_benchmarks(personas) -> None:  # type: ignore[no-untyped-def]
    from gongkai.web.supervision.benchmarks import benchmark

    from .helpers import publish

    publish(personas.township, 2025, 4, 0, on=dt.date(2026, 3, 1))
    assert personas.bureau.code not in [b.code for b in benchmark(personas.county, 2025)]
    published(personas)
    benches = {b.code: b for b in benchmark(personas.county, 2025)}
    assert personas.bureau.code in benches and personas.township.code in benches


def test_an_uploaded_report_wins_over_a_generated_one_for_the_cells(personas) -> None:  # type: ignore[no-untyped-def]
    from gongkai.web.supervision.facts import unit_facts

    from .helpers import publish

    published(personas)
    generated = unit_facts([personas.bureau.pk], [2025])[(personas.bureau.pk, 2025)]
    assert generated.cells == _frozen_cells(personas)
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    uploaded = unit_facts([personas.bureau.pk], [2025])[(personas.bureau.pk, 2025)]
    assert uploaded.cells["t3.new_received.np"] == "9"
