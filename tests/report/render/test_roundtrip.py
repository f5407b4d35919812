"""Round trip: every 2019/2021 report of the corpus, read, rendered in each format, and read back
with the readers gives identical cells. This guards the readers and the renderers together.

A cell read from the source must come back with the same value and type (int, Decimal, text, or
None for blank). A cell the source did not yield (not printed, or not readable with confidence) is
written blank, so it must come back blank or absent — never as a number.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest
from render_fixtures import xichou, zuoling

import gongkai
from corpus_location import CORPUS_DIR
from gongkai.report.model import Report
from gongkai.report.render import render_report

CORPUS = CORPUS_DIR


def _corpus_reports() -> list[str]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [
            row["file"] for row in csv.DictReader(handle, delimiter="\t") if row["format"] in ("2019", "2021")
        ]


REPORTS = _corpus_reports()
#: a few reports for the quick suite: both formats, a real error, text in a cell, a PDF source
QUICK = [
    name
    for name in REPORTS
    if name
    in ("xichou-county-2023.txt", "yinchuan-szglj-2020.txt", "zuoling-street-2021.txt", "hz-hongze-2023.pdf")
]


@functools.cache
def _source(name: str) -> Report:
    return gongkai.read(str(CORPUS / name))


def assert_same_cells(source: Report, back: Report) -> None:
    problems = []
    for cid, cell in source.cells.items():
        got = back.cells.get(cid)
        if got is None:
            problems.append(f"{cid}: {cell.value!r} → not read")
        elif got.value != cell.value or type(got.value) is not type(cell.value):
            problems.append(f"{cid}: {cell.value!r} → {got.value!r}")
    for cid, got in back.cells.items():
        if cid not in source.cells and got.value is not None:
            problems.append(f"{cid}: not in the source → {got.value!r}")
    assert not problems, "\n".join(problems[:20])
    assert back.format == source.format
    assert back.year == source.year


def test_the_corpus_has_2019_and_2021_reports() -> None:
    assert len(REPORTS) >= 30
    assert {_source(name).format for name in QUICK} == {"2019", "2021"}


def _round_trip(name: str, to: str) -> None:
    source = _source(name)
    data = render_report(source, to, charts=False)
    assert_same_cells(source, gongkai.read(f"{Path(name).stem}.{to}", data))


@pytest.mark.parametrize("to", ["md", "html", "docx", "xlsx", "pdf"])
@pytest.mark.parametrize("name", QUICK)
def test_round_trip(name: str, to: str) -> None:
    _round_trip(name, to)


@pytest.mark.slow
@pytest.mark.parametrize("to", ["md", "html", "docx", "xlsx", "pdf"])
@pytest.mark.parametrize("name", [n for n in REPORTS if n not in QUICK])
def test_round_trip_whole_corpus(name: str, to: str) -> None:
    _round_trip(name, to)


@pytest.mark.parametrize("to", ["md", "html", "docx", "xlsx", "pdf"])
def test_round_trip_with_charts_text_cells_and_blanks(to: str) -> None:
    """Charts (an appendix with figures in it) do not disturb reading back; nor does a text-filled
    cell (zuoling's “撤销”, also in the quick corpus sweep)."""
    report = xichou()
    data = render_report(report, to, previous=zuoling())
    assert_same_cells(report, gongkai.read(f"report.{to}", data))
    text_cell = zuoling()
    assert_same_cells(text_cell, gongkai.read(f"text.{to}", render_report(text_cell, to, charts=False)))
