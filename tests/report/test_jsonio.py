"""The JSON contract: the parse output shape, a lossless round trip, strict validation in Chinese."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gongkai
from corpus_location import CORPUS_DIR
from gongkai.errors import ContractError, EncodingError
from gongkai.report import jsonio
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Cell, SourceSpan
from report.notation import report_from_rows, zeros

_CORPUS = CORPUS_DIR
TEXT_REPORTS = sorted(p.name for p in _CORPUS.iterdir() if p.suffix in (".txt", ".md"))


def roundtrip(doc: dict) -> object:  # type: ignore[type-arg]
    return jsonio.load_report(jsonio.dumps(doc).encode("utf-8"), "r.json")


def test_values_are_written_as_cells_yaml_says() -> None:
    report = report_from_rows(
        "2019",
        t2={"admin_fees": "4 -3", "central_procurement": "7 3168.0656"},
        t4="0 0 撤销 0 1 | _ 0 0 0 0 | 0 0 0 0 0",
    )
    cells = jsonio.report_to_json(report)["cells"]
    assert cells["t2.admin_fees.delta"] == -3
    assert cells["t2.central_procurement.amount"] == 3168.0656
    assert cells["t4.review.other"] == "撤销"
    assert cells["t4.direct.maintain"] is None
    assert "t4.review.total" in cells and isinstance(cells["t4.review.total"], int)


def test_document_shape() -> None:
    report = zeros("2021")
    doc = jsonio.report_to_json(report, sources=True)
    assert set(doc) == {
        "format",
        "agency",
        "year",
        "title",
        "publish_date",
        "medium",
        "table_formats",
        "sections",
        "cells",
        "findings",
        "sources",
    }
    assert doc["sources"]["t3.total.np"] == {"file": "notation.txt", "line": 24, "col": 1}
    assert "sources" not in jsonio.report_to_json(report)


def test_round_trip_keeps_cells_sources_and_reading_findings_only() -> None:
    report = report_from_rows(
        "2021", t2={"admin_fees": "779.508355"}, t4="0 0 撤销 0 1 | 0 0 0 0 0 | 0 0 0 0 0"
    )
    report.read_findings.append(
        Finding("READ-AMBIGUOUS-SPLIT", Severity.WARNING, "数字串可有多种拆分", ("t3.granted.np",))
    )
    doc = jsonio.report_to_json(report, gongkai.check(report), sources=True)
    back = roundtrip(doc)
    assert back.cell_values() == report.cell_values()  # type: ignore[attr-defined]
    assert back.value("t2.admin_fees.amount_wan_yuan") == Decimal("779.508355")  # type: ignore[attr-defined]
    assert back.cells["t4.review.total"].source == SourceSpan("notation.txt", line=2, col=5)  # type: ignore[attr-defined]
    assert [f.rule for f in back.read_findings] == ["READ-AMBIGUOUS-SPLIT"]  # type: ignore[attr-defined]
    assert [f.rule for f in gongkai.check(back)] == [f.rule for f in gongkai.check(report)]  # type: ignore[arg-type]


@pytest.mark.parametrize("name", TEXT_REPORTS)
def test_every_corpus_text_report_round_trips(corpus_dir: Path, name: str) -> None:
    report = gongkai.read(str(corpus_dir / name))
    back = roundtrip(jsonio.report_to_json(report, gongkai.check(report), sources=True))
    assert back.cell_values() == report.cell_values()  # type: ignore[attr-defined]
    assert (back.format, back.agency, back.year, back.sections) == (  # type: ignore[attr-defined]
        report.format,
        report.agency,
        report.year,
        report.sections,
    )


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"format": "2022"}, '字段“format”的值 "2022" 无效'),
        ({"format": "2021", "cells": {"t3.nonsense.np": 1}}, "未知的单元格编号 t3.nonsense.np"),
        ({"format": "2021", "cells": {"t3.total.np": "12"}}, "单元格 t3.total.np 的数字写成了字符串"),
        ({"format": "2021", "cells": {"t3.total.np": True}}, "单元格 t3.total.np 的值类型不符"),
        ({"format": "2021", "cells": {"t3.total.np": [1]}}, "单元格 t3.total.np 的值类型不符"),
        ({"format": "2021", "surprise": 1}, "字段“surprise”不是报告 JSON 的字段"),
        ({"format": "2021", "year": "2021"}, "字段“year”应为整数"),
        ({"format": "2021", "publish_date": "2021/1/1"}, "字段“publish_date”格式不符"),
        ({"format": "2021", "publish_date": "2021-02-30"}, "publish_date 不是有效日期"),
        ({"format": "2021", "sections": {"s9": "x"}}, "未知的部分编号 s9"),
        ({"agency": "x"}, "缺少字段“format”"),
        ([1, 2], "报告 JSON 应为一个对象"),
        ({"format": "2021", "cells": {"t3.other.np": 1}}, "单元格 t3.other.np 不属于 2021 年格式的表三"),
        ({"format": "2021", "cells": {"t2.licensing.prev_items": 1}}, "不属于 2021 年格式的表二"),
        ({"format": "legacy", "cells": {"t3.total.np": 1}}, '报告格式为 "legacy"'),
        ({"format": "2021", "cells": {"legacy.review.total": 1}}, 'format 应为 "legacy"'),
    ],
)
def test_strict_validation_names_the_field_or_cell(doc: object, message: str) -> None:
    with pytest.raises(ContractError) as info:
        jsonio.report_from_json(doc, "r.json")
    assert message in str(info.value)
    assert str(info.value).startswith("r.json：")
    assert "\n" not in str(info.value)


def test_bytes_that_are_not_json_or_not_utf8() -> None:
    with pytest.raises(ContractError, match="第1行 第2列"):
        jsonio.load_report(b"{oops", "r.json")
    with pytest.raises(EncodingError):
        jsonio.load_report("{}".encode("utf-16"), "r.json")
    with pytest.raises(ContractError, match="嵌套过深"):
        jsonio.load_report(b"[" * 100000, "r.json")


def test_gongkai_read_dispatches_json(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(jsonio.dumps(jsonio.report_to_json(zeros("2019"))), encoding="utf-8")
    assert gongkai.read(str(path)).cell_values() == zeros("2019").cell_values()


def test_schema_is_generated_from_the_validating_model() -> None:
    schema = jsonio.json_schema()
    assert schema["required"] == ["format"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) >= {"format", "agency", "year", "cells", "findings"}
    json.dumps(schema)


def test_text_cell_keeps_printed_text() -> None:
    report = zeros("2021")
    report.cells["t4.review.other"] = Cell("t4.review.other", "撤销", "撤销")
    back = roundtrip(jsonio.report_to_json(report))
    assert back.cells["t4.review.other"].printed == "撤销"  # type: ignore[attr-defined]


def test_span_document_follows_source_span() -> None:
    """Every SourceSpan field travels in JSON (a new field must be added to the contract too)."""
    import dataclasses

    assert set(jsonio.SpanDocument.model_fields) == {f.name for f in dataclasses.fields(SourceSpan)}
    span = SourceSpan("a.pdf", page=3, table=1, row=4, col=5, confidence=1)
    assert jsonio._span(jsonio.SpanDocument.model_validate(span.to_json())) == span


json_values = st.one_of(
    st.integers(-1000, 10**9),
    st.none(),
    st.text(min_size=1, max_size=6).filter(
        lambda t: not t.strip().lstrip("+-").replace(".", "", 1).isdigit()
    ),
    st.decimals(min_value=0, max_value=10**8, places=6, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["2021", "2019"]), st.data())
def test_any_report_round_trips_exactly(fmt: str, data: st.DataObject) -> None:
    from gongkai.report.formats import FORMATS

    ids = data.draw(st.lists(st.sampled_from(FORMATS[fmt].cell_ids()), unique=True, max_size=40))
    report = zeros(fmt)
    report.cells = {
        cid: Cell(cid, data.draw(json_values), None, SourceSpan("a.txt", line=i + 1))
        for i, cid in enumerate(ids)
    }
    back = roundtrip(jsonio.report_to_json(report, sources=True))
    assert back.cell_values() == report.cell_values()  # type: ignore[attr-defined]
    for cid in ids:
        assert type(back.cells[cid].value) is type(report.cells[cid].value) or (  # type: ignore[attr-defined]
            isinstance(report.cells[cid].value, Decimal)
            and report.cells[cid].value == int(report.cells[cid].value)  # type: ignore[arg-type]
        )


def test_legacy_figures_are_part_of_the_contract(corpus_dir: Path) -> None:
    report = gongkai.read(str(corpus_dir / "pingtan-2012.txt"))
    assert report.format == "legacy" and report.cells
    back = roundtrip(jsonio.report_to_json(report))
    assert back.cell_values() == report.cell_values()  # type: ignore[attr-defined]


def test_published_schema_file_is_current() -> None:
    """docs/report.schema.json is what `gongkai parse --schema` prints; regenerate it with
    `uv run gongkai parse --schema > docs/report.schema.json` after changing the contract."""
    published = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
    assert json.loads(published.read_text("utf-8")) == jsonio.json_schema()


def test_mixed_tables_are_valid_when_declared() -> None:
    doc = {
        "format": "2021",
        "table_formats": {"t3": "2019"},
        "cells": {"t3.other.np": 1, "t2.licensing.decisions": 3},
    }
    assert jsonio.report_from_json(doc, "r.json").value("t3.other.np") == 1
