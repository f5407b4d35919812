"""The consolidated report: the units' tables summed per cell, against a hand-computed case."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.web.supervision.consolidate import consolidate
from gongkai.web.supervision.models import UnitReport

from .helpers import publish

pytestmark = pytest.mark.django_db


def test_sums_against_a_hand_computed_case(personas) -> None:  # type: ignore[no-untyped-def]
    # bureau: np 9 → granted 6, partial 1, not held 2; com 2 → granted 1, partial 0, not held 1
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    # township: np 4 → granted 2, partial 1, not held 1; com 0
    publish(personas.township, 2025, 4, 0, on=dt.date(2026, 3, 1))
    result = consolidate(personas.county, 2025)
    assert [u.code for u in result.included] == [personas.bureau.code, personas.township.code]
    assert [(c, reason) for c, _n, reason in result.excluded] == [(personas.county.code, "未公布年度报告")]
    assert result.sums["t3.new_received.np"] == 13
    assert result.sums["t3.granted.np"] == 8
    assert result.sums["t3.partial.np"] == 2
    assert result.sums["t3.unable_not_held.np"] == 3
    assert result.sums["t3.new_received.com"] == 2
    assert result.sums["t3.total.tot"] == 15
    # table 二: licensing = 10 × (np + com) → 110 + 40
    assert result.sums["t2.licensing.decisions"] == 150
    # table 四: review maintained only where np > 10 → none
    assert result.sums["t4.review.total"] == 0
    assert result.contributors("t3.granted.np") == [
        (personas.bureau.code, personas.bureau.name, "6"),
        (personas.township.code, personas.township.name, "2"),
    ]
    assert [f for f in result.findings() if f.severity == "error"] == []


def test_the_rules_run_on_the_sum(personas) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10), error=True)
    publish(personas.township, 2025, 4, 0, on=dt.date(2026, 3, 1))
    rules = {f.rule for f in consolidate(personas.county, 2025).findings() if f.severity == "error"}
    assert "T3-ROW-TOTAL" in rules


def test_a_cell_a_unit_did_not_give_is_a_gap(personas) -> None:  # type: ignore[no-untyped-def]
    unit = publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    cells = dict(unit.cells)
    del cells["t3.granted.np"]
    UnitReport.objects.filter(pk=unit.pk).update(cells=cells)
    result = consolidate(personas.county, 2025)
    assert result.gaps("t3.granted.np") == [(personas.bureau.code, personas.bureau.name)]
    assert result.sums["t3.granted.np"] == 0


def test_another_format_is_excluded_with_its_reason(personas) -> None:  # type: ignore[no-untyped-def]
    unit = publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    UnitReport.objects.filter(pk=unit.pk).update(report_format="2019")
    result = consolidate(personas.county, 2025)
    assert not result.included
    assert any("2019格式" in reason for _c, _n, reason in result.excluded)


@pytest.mark.parametrize(
    "to,magic", [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE"), ("md", b"#")]
)
def test_rendered_in_every_format(personas, client_for, to, magic) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    response = client_for("supervisor").get(
        f"/supervision/{personas.county.code}/2025/consolidated/", {"to": to}
    )
    assert response.status_code == 200 and response.content.startswith(magic)


def test_page_traces_a_cell_to_its_contributors(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    html = (
        client_for("supervisor")
        .get(f"/supervision/{personas.county.code}/2025/consolidated/", {"cell": "t3.granted.np"})
        .content.decode()
    )
    assert 'id="trace"' in html and personas.bureau.name in html and "?cell=t3.granted.np" in html
    assert (
        client_for("supervisor").get(f"/supervision/{personas.county.code}/2017/consolidated/").status_code
        == 404
    )


def test_cli_status_and_consolidate(personas, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from gongkai.cli import main

    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 2, 2))
    assert main(["supervise", "status", "--agency", personas.county.code, "--year", "2025", "--json"]) == 0
    rows = {r["agency"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[personas.bureau.code]["status"] == "late"
    assert rows[personas.bureau.code]["published_on"] == "2026-02-02"
    assert set(rows[personas.bureau.code]) >= {
        "agency",
        "name",
        "status",
        "published_on",
        "errors",
        "warnings",
    }
    assert rows[personas.county.code]["status"] == "missing"
    out = tmp_path / "汇总.json"
    assert (
        main(
            [
                "supervise",
                "consolidate",
                "--agency",
                personas.county.code,
                "--year",
                "2025",
                "--to",
                "json",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    doc = json.loads(out.read_text("utf-8"))
    assert doc["cells"]["t3.new_received.np"] == 9 and doc["included"][0]["agency"] == personas.bureau.code
    assert main(["supervise", "status", "--agency", "nope", "--year", "2025"]) == 2


def test_a_unit_left_out_by_choice(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    publish(personas.township, 2025, 4, 0, on=dt.date(2026, 3, 1))
    result = consolidate(personas.county, 2025, {personas.bureau.code})
    assert [u.code for u in result.included] == [personas.township.code]
    assert (personas.bureau.code, personas.bureau.name, "监督人员选择不纳入") in result.excluded
    assert result.sums["t3.new_received.np"] == 4
    html = (
        client_for("supervisor")
        .get(f"/supervision/{personas.county.code}/2025/consolidated/", {"exclude": personas.bureau.code})
        .content.decode()
    )
    assert 'id="included-count">1<' in html and f"&amp;exclude={personas.bureau.code}#trace" in html
