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
