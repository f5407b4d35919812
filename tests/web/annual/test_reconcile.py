"""Reconciliation: a published report (any medium) against the records, cell by cell."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import read, render
from gongkai.report.jsonio import dumps, report_to_json
from gongkai.report.model import Cell
from gongkai.web.annual.build import build
from gongkai.web.annual.reconcile import reconcile
from gongkai.web.appeals.mapping import Result

from ..appeals.helpers import make_case
from .helpers import replied

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(personas):
    replied(personas, dt.date(2025, 3, 3))
    make_case(personas, filed=dt.date(2025, 5, 1), decided=dt.date(2025, 7, 1), result=Result.REVOKED)
    return personas


def test_an_exact_copy_has_no_difference(records) -> None:
    report = build(records.bureau, 2025).report
    for medium in ("docx", "xlsx"):
        copy = read(f"published.{medium}", render(report, medium))
        assert reconcile(records.bureau, 2025, copy) == [], medium


def test_a_deliberately_altered_copy_shows_each_altered_cell(records) -> None:
    report = build(records.bureau, 2025).report
    altered = report.with_cells(
        {
            **report.cells,
            "t4.review.correct": Cell("t4.review.correct", "撤销"),  # text in a numeric cell (seed 004)
            "t3.granted.np": Cell("t3.granted.np", 7),
        }
    )
    del altered.cells["t2.penalty.decisions"]
    copy = read("published.json", dumps(report_to_json(altered)).encode())
    diffs = {d.cell_id: (d.published, d.records) for d in reconcile(records.bureau, 2025, copy)}
    assert diffs == {
        "t4.review.correct": ("撤销", 1),
        "t3.granted.np": (7, 1),
        "t2.penalty.decisions": ("（未读出）", 0),
    }


def test_reconcile_page(records, client_for) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = build(records.bureau, 2025).report
    altered = report.with_cells({**report.cells, "t3.granted.np": Cell("t3.granted.np", 5)})
    upload = SimpleUploadedFile("2025年报.json", dumps(report_to_json(altered)).encode())
    page = client_for("supervisor").post(f"/annual/{records.bureau.code}/2025/reconcile/", {"file": upload})
    assert page.status_code == 200 and "1 个单元格不一致" in page.content.decode()
    bad = SimpleUploadedFile("乱码.json", b"{not json")
    response = client_for("clerk").post(f"/annual/{records.bureau.code}/2025/reconcile/", {"file": bad})
    assert response.status_code == 302
