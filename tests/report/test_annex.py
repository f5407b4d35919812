"""The response-time annex in the JSON contract (``annexes.response_times`` v1) and in the renderers."""

from __future__ import annotations

import io
import json

import pytest

import gongkai
from gongkai.errors import ContractError
from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.report.jsonio import report_from_json, report_to_json
from gongkai.report.model import Cell, Report

TIMES = {
    "version": 1,
    "unit": "working_days",
    "all": {"count": 3, "median": 12.0, "p90": 31.4, "within_20": 0.6667, "within_40": 1.0},
    "by_outcome": {
        "granted": {
            "label": "予以公开",
            "count": 2,
            "median": 8.5,
            "p90": 11.1,
            "within_20": 1.0,
            "within_40": 1.0,
        }
    },
    "by_channel": {
        "online": {
            "label": "网上申请",
            "count": 3,
            "median": 12.0,
            "p90": 31.4,
            "within_20": 0.6667,
            "within_40": 1.0,
        }
    },
}


def _report(annex: dict | None = TIMES) -> Report:  # type: ignore[type-arg]
    cells = {cid: Cell(cid, 0, printed="0") for cid in FORMAT_2021.cell_ids()}
    cells["t3.new_received.np"] = Cell("t3.new_received.np", 3, printed="3")
    return Report(
        format="2021",
        agency="某县教育局",
        year=2025,
        sections={"s1_overview": "2025年，本局推进政务公开。"},
        medium="json",
        cells=cells,
        table_formats={"t2": "2021", "t3": "2021", "t4": "2021"},
        annexes={"response_times": annex} if annex else {},
    )


def test_round_trip_through_json_text() -> None:
    doc = json.loads(json.dumps(report_to_json(_report())))
    assert doc["annexes"]["response_times"] == TIMES
    again = report_from_json(doc, "r.json")
    assert again.annexes == {"response_times": TIMES}
    assert report_to_json(again) == doc


def test_no_annex_no_field_so_older_documents_are_unchanged() -> None:
    doc = report_to_json(_report(None))
    assert "annexes" not in doc
    assert report_from_json(doc, "r.json").annexes == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 2}, "response_times.version"),
        ({"all": {"count": -1, "median": 0, "p90": 0}}, "response_times.all.count"),
        ({"all": {"count": 1, "median": 1, "p90": 1, "within_20": 1.5}}, "response_times.all.within_20"),
        ({"surprise": 1}, "response_times.surprise"),
    ],
)
def test_the_annex_is_validated_strictly(change: dict, message: str) -> None:  # type: ignore[type-arg]
    doc = report_to_json(_report({**TIMES, **change}))
    with pytest.raises(ContractError) as exc:
        report_from_json(doc, "r.json")
    assert "附件的字段" in str(exc.value) and message in str(exc.value)


def test_an_unknown_annex_is_refused() -> None:
    doc = report_to_json(_report())
    doc["annexes"]["other"] = {}
    with pytest.raises(ContractError, match="附件的字段“other”"):
        report_from_json(doc, "r.json")


def test_the_schema_declares_the_annex() -> None:
    schema = gongkai.report.jsonio.json_schema()
    assert "annexes" in schema["properties"] and "ResponseTimesAnnex" in schema["$defs"]


def test_html_markdown_and_docx_write_it_after_the_sign_off() -> None:
    report = _report()
    html = gongkai.render(report, "html", charts=False).decode()
    assert 'id="annex-response_times"' in html and "附件：依申请公开答复用时" in html
    assert "办理结果：予以公开" in html and "66.7%" in html and "条例第三十三条" in html
    md = gongkai.render(report, "md", charts=False).decode()
    assert (
        "## 附件：依申请公开答复用时" in md
        and "| 申请渠道：网上申请 | 3 | 12.0 | 31.4 | 66.7% | 100.0% |" in md
    )
    import docx

    document = docx.Document(io.BytesIO(gongkai.render(report, "docx", charts=False)))
    texts = [p.text for p in document.paragraphs]
    assert "附件：依申请公开答复用时" in texts
    last = document.tables[-1]
    assert last.rows[1].cells[0].text == "全部" and last.rows[1].cells[1].text == "3"


def test_reading_the_rendered_html_back_gives_the_same_cells() -> None:
    report = _report()
    html = gongkai.render(report, "html", charts=False)
    back = gongkai.read("r.html", html)
    assert {k: c.value for k, c in back.cells.items()} == {k: c.value for k, c in report.cells.items()}
