"""The JSON contract of a report: what ``gongkai parse --json`` prints and what readers accept back.

A document is an object::

    {"format": "2021" | "2019" | "legacy", "agency": str | null, "year": int | null,
     "title": str | null, "publish_date": "YYYY-MM-DD" | null, "medium": str | null,
     "table_formats": {"t2": "2021", ...}, "sections": {"s1_overview": "...", ...},
     "cells": {cell_id: value}, "findings": [finding, ...], "sources": {cell_id: span},
     "annexes": {"response_times": {...}}}

Cell values follow cells.yaml: an integer; a decimal number (money, 万元); ``null`` for a cell printed
blank; the printed string, unchanged, when a numeric cell holds text ("撤销", "/"). A cell id that
is absent was not read. ``sources`` is optional (``gongkai parse --sources``). ``annexes`` is optional:
material beyond the national format, each annex an object carrying its own ``version``
(``response_times`` v1: working days from receipt to conclusion — median, 90th percentile, share within
20 and 40 working days — overall, by outcome and by channel).

:func:`report_to_json` writes a document; :func:`report_from_json` / :func:`load_report` read one
back and validate it strictly against the formats: an unknown field or cell id, a number written as
a string, a wrong type — each is a :class:`~gongkai.errors.ContractError` with a one-line Chinese
message naming the field or the cell. The envelope is a pydantic model, so the JSON Schema
(:func:`json_schema`, ``gongkai parse --schema``) is generated from the same declaration that
validates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ContractError, EncodingError
from .findings import Finding, Severity
from .formats import FORMAT_2019, FORMAT_2021
from .formats.legacy import LEGACY_FIGURES
from .model import Cell, CellValue, Report, SourceSpan

FormatKey = Literal["2021", "2019", "legacy"]
TableKey = Literal["t2", "t3", "t4"]
JsonCellValue = int | float | str | None


class SpanDocument(BaseModel):
    """Where a cell or a finding was read (all fields optional; see SourceSpan)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    file: str | None = None
    line: int | None = Field(default=None, ge=1)
    page: int | None = Field(default=None, ge=1)
    table: int | None = Field(default=None, ge=1)
    row: int | None = Field(default=None, ge=1)
    col: int | None = Field(default=None, ge=1)
    sheet: str | None = None
    confidence: float | None = Field(default=None, ge=0, le=1)  # OCR score; None for a text layer


class FindingDocument(BaseModel):
    """A finding as ``Finding.to_json()`` writes it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    rule: str = Field(pattern=r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
    severity: Literal["error", "warning", "info"]
    message: str
    cells: list[str] = []
    expected: Any = None
    actual: Any = None
    location: SpanDocument | None = None


class TimesSummaryDocument(BaseModel):
    """Response times of a group of applications, in working days (an annex, not the format)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    label: str | None = None  # the group's Chinese name (渠道, 办理结果), for renderers
    count: int = Field(ge=0)
    median: int | float = Field(ge=0)
    p90: int | float = Field(ge=0)
    within_20: int | float | None = Field(default=None, ge=0, le=1)  # share, 0–1; null when count is 0
    within_40: int | float | None = Field(default=None, ge=0, le=1)


class ResponseTimesAnnex(BaseModel):
    """附件：依申请公开答复用时 (条例第三十三条: 20 working days, extendable by 20) — version 1."""

    model_config = ConfigDict(extra="forbid", strict=True)

    version: Literal[1]
    unit: Literal["working_days"] = "working_days"
    all: TimesSummaryDocument
    by_outcome: dict[str, TimesSummaryDocument] = {}
    by_channel: dict[str, TimesSummaryDocument] = {}


class AnnexesDocument(BaseModel):
    """Annexes beyond the national format, each optional and versioned on its own."""

    model_config = ConfigDict(extra="forbid", strict=True)

    response_times: ResponseTimesAnnex | None = None


class ReportDocument(BaseModel):
    """One annual report in the canonical cell contract (cells.yaml)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        title="gongkai 年度报告（JSON）",
        json_schema_extra={
            "description": "政府信息公开工作年度报告：格式、机关、年度、各部分文字、按 cells.yaml 编号的单元格"
        },
    )

    format: FormatKey
    agency: str | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)
    title: str | None = None
    publish_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    medium: str | None = None
    table_formats: dict[TableKey, Literal["2021", "2019"]] = {}
    sections: dict[str, str] = {}
    cells: dict[str, JsonCellValue] = {}
    findings: list[FindingDocument] = []
    sources: dict[str, SpanDocument] = {}
    annexes: AnnexesDocument | None = None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a report document (draft 2020-12, generated by pydantic)."""
    return ReportDocument.model_json_schema()


# ---- writing ---------------------------------------------------------------------------------------


def _number(value: int | Decimal) -> int | float:
    if isinstance(value, Decimal):
        # An integral Decimal printed without a point is an integer; money keeps its fraction.
        if value == value.to_integral_value() and "." not in str(value) and "E" not in str(value).upper():
            return int(value)
        return float(value)
    return value


def cell_to_json(value: CellValue) -> JsonCellValue:
    """A cell value as cells.yaml writes it: int, number, null or the printed string."""
    if value is None or isinstance(value, str):
        return value
    return _number(value)


def report_to_json(
    report: Report, findings: list[Finding] | None = None, *, sources: bool = False
) -> dict[str, Any]:
    """The document for ``report``; ``findings`` default to its reading findings.

    ``gongkai parse --json`` passes every finding (``check_report``); ``sources=True`` adds where each
    cell was read.
    """
    doc: dict[str, Any] = {
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "title": report.title,
        "publish_date": report.publish_date.isoformat() if report.publish_date else None,
        "medium": report.medium,
        "table_formats": dict(report.table_formats),
        "sections": dict(report.sections),
        "cells": {cid: cell_to_json(cell.value) for cid, cell in report.cells.items()},
        "findings": [f.to_json() for f in (report.read_findings if findings is None else findings)],
    }
    if sources:
        doc["sources"] = {cid: cell.source.to_json() for cid, cell in report.cells.items() if cell.source}
    if report.annexes:
        doc["annexes"] = {key: report.annexes[key] for key in sorted(report.annexes)}
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """The document as UTF-8-friendly, indented JSON text (Chinese kept readable)."""
    return json.dumps(doc, ensure_ascii=False, indent=2)


# ---- reading ---------------------------------------------------------------------------------------

_SECTION_KEYS = frozenset(s.key for s in FORMAT_2021.sections)
_NUMERIC_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


#: Every id a document may carry: the cells of both formats and the legacy figures (formats/legacy.py).
_KNOWN_CELL_IDS: frozenset[str] = frozenset(
    {*FORMAT_2021.cell_ids(), *FORMAT_2019.cell_ids(), *(figure.id for figure in LEGACY_FIGURES)}
)


def _where(loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] in ("cells", "sources"):
        return f"单元格 {loc[1]}"
    if len(loc) >= 2 and loc[0] == "annexes":
        return f"附件的字段“{'.'.join(str(p) for p in loc[1:])}”"
    if len(loc) >= 2 and loc[0] == "findings":
        return f"第 {int(loc[1]) + 1} 条发现的字段“{'.'.join(str(p) for p in loc[2:])}”"
    return f"字段“{'.'.join(str(p) for p in loc)}”"


_EXPECTED = {
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为字符串",
    "dict_type": "应为对象（{…}）",
    "list_type": "应为数组（[…]）",
    "model_type": "应为对象（{…}）",
    "string_pattern_mismatch": "格式不符",
    "greater_than_equal": "超出取值范围",
    "less_than_equal": "超出取值范围",
}


def _translate(error: ValidationError, name: str) -> ContractError:
    errors = error.errors()
    first = errors[0]
    loc = _strip_union_member(tuple(first["loc"]))
    kind = first["type"]
    where = _where(loc)
    given = json.dumps(first.get("input"), ensure_ascii=False, default=str)
    if kind == "extra_forbidden":
        message = f"{where}不是报告 JSON 的字段"
    elif kind == "missing":
        message = f"缺少{where}"
    elif kind == "literal_error":
        allowed = str((first.get("ctx") or {}).get("expected", "")).replace(" or ", "、").replace(", ", "、")
        message = f"{where}的值 {given} 无效，应为 {allowed} 之一"
    elif loc and loc[0] == "cells":
        message = f"{where} 的值类型不符：应为整数、数字、null 或印出的文字，实际为 {given}"
    elif not loc:
        message = "报告 JSON 应为一个对象（{…}）"
    else:
        message = f"{where}{_EXPECTED.get(kind, '类型或取值不符')}，实际为 {given}"
    more = len({_strip_union_member(tuple(e["loc"])) for e in errors}) - 1
    if more:
        message += f"（另有 {more} 处问题）"
    return ContractError(message, file=name)


def _strip_union_member(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    # A union's error names the member it tried last in the location ("cells", id, "int"): drop it.
    if len(loc) == 3 and loc[0] == "cells":
        return loc[:2]
    return loc


_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
_CELL_IDS = {key: frozenset(fmt.cell_ids()) for key, fmt in (("2021", FORMAT_2021), ("2019", FORMAT_2019))}


def _check_cell_format(cell_id: str, report_format: str, table_formats: dict[str, str], name: str) -> None:
    """A table cell must belong to the format its table follows (``table_formats``, else ``format``)."""
    table = cell_id.split(".", 1)[0]
    if table == "legacy":
        if report_format != "legacy":
            raise ContractError(
                f'单元格 {cell_id} 只属于 2018 年度及以前的报告（format 应为 "legacy"）', file=name
            )
        return
    key = table_formats.get(table, report_format)
    if key not in _CELL_IDS:
        raise ContractError(
            f"单元格 {cell_id} 属于固定表格，但报告格式为 {json.dumps(key)}，且 table_formats 未声明{_TABLE_NAMES[table]}的格式",
            file=name,
        )
    if cell_id not in _CELL_IDS[key]:
        raise ContractError(
            f"单元格 {cell_id} 不属于 {key} 年格式的{_TABLE_NAMES[table]}（见 table_formats）", file=name
        )


def _cell_value(cell_id: str, value: JsonCellValue, name: str) -> CellValue:
    if isinstance(value, bool):  # pragma: no cover - strict mode already refuses booleans
        raise ContractError(f"单元格 {cell_id} 的值不能是 true/false", file=name)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ContractError(f"单元格 {cell_id} 的值不是有限数字", file=name)
        return Decimal(repr(value))
    if isinstance(value, str) and _NUMERIC_TEXT.match(value.strip()):
        raise ContractError(
            f"单元格 {cell_id} 的数字写成了字符串 {json.dumps(value, ensure_ascii=False)}：数字应写成 JSON 数值，"
            "字符串只用于数字单元格中印出的文字",
            file=name,
        )
    return value


def _span(doc: SpanDocument | None) -> SourceSpan | None:
    return None if doc is None else SourceSpan(**doc.model_dump())


def report_from_json(data: object, name: str) -> Report:
    """A :class:`Report` from a parsed JSON document, validated strictly; ContractError otherwise.

    Findings whose rule is one of the registry's are dropped (checking the report produces them
    again); the others — reading findings — become ``Report.read_findings``.
    """
    try:
        doc = ReportDocument.model_validate(data)
    except ValidationError as exc:
        raise _translate(exc, name) from None
    known = _KNOWN_CELL_IDS
    table_formats: dict[str, str] = {str(k): str(v) for k, v in doc.table_formats.items()}
    for cell_id in doc.cells:
        if cell_id not in known:
            raise ContractError(f"未知的单元格编号 {cell_id}（见 cells.yaml）", file=name)
        _check_cell_format(cell_id, doc.format, table_formats, name)
    for cell_id in doc.sources:
        if cell_id not in doc.cells:
            raise ContractError(f"sources 中的单元格 {cell_id} 不在 cells 中", file=name)
    for key in doc.sections:
        if key not in _SECTION_KEYS:
            raise ContractError(
                f"未知的部分编号 {key}（应为 {', '.join(sorted(_SECTION_KEYS))} 之一）", file=name
            )
    publish_date = None
    if doc.publish_date is not None:
        try:
            publish_date = dt.date.fromisoformat(doc.publish_date)
        except ValueError:
            raise ContractError(f"publish_date 不是有效日期：{doc.publish_date}", file=name) from None

    from .rules import RULE_IDS  # the rules import this module's siblings only; no cycle at import time

    cells = {
        cid: Cell(
            cid,
            _cell_value(cid, value, name),
            printed=None if value is None else (value if isinstance(value, str) else None),
            source=_span(doc.sources.get(cid)),
        )
        for cid, value in doc.cells.items()
    }
    read_findings = [
        Finding(
            rule=f.rule,
            severity=Severity(f.severity),
            message=f.message,
            cells=tuple(f.cells),
            expected=f.expected,
            actual=f.actual,
            location=_span(f.location),
        )
        for f in doc.findings
        if f.rule not in RULE_IDS
    ]
    return Report(
        format=doc.format,
        agency=doc.agency,
        year=doc.year,
        title=doc.title,
        publish_date=publish_date,
        sections=dict(doc.sections),
        cells=cells,
        table_formats=table_formats,
        read_findings=read_findings,
        source=SourceSpan(file=name),
        medium=doc.medium or "json",
        annexes=doc.annexes.model_dump(exclude_unset=True) if doc.annexes is not None else {},
    )


def load_report(data: bytes, name: str) -> Report:
    """Read a report from JSON bytes (UTF-8, BOM allowed); ``name`` is shown in messages."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"JSON 文件不是 UTF-8 编码（第 {exc.start + 1} 字节）", file=name) from None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContractError(
            f"不是有效的 JSON：{exc.msg}", file=name, where=f"第{exc.lineno}行 第{exc.colno}列"
        ) from None
    except RecursionError:
        raise ContractError("JSON 嵌套过深", file=name) from None
    return report_from_json(parsed, name)


__all__ = [
    "ReportDocument",
    "cell_to_json",
    "dumps",
    "json_schema",
    "load_report",
    "report_from_json",
    "report_to_json",
]
