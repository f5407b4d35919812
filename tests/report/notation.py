"""A compact table notation that builds a Report in one line, so rule tests read like the report.

    report_from_rows("2021", t3={"new_received": "1 0 0 0 0 0 1", "granted": "1 0 0 0 0 0 1",
                                 "total": "1 0 0 0 0 0 1"},
                     t4="0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0")

Tokens: an integer → int; a number with a point → Decimal; ``_`` → printed blank (None); ``?`` → not
read (the cell is absent); anything else → the printed text ("撤销", "/"). A table 三 row not named is
filled with zeros (``fill="0"``; ``fill="?"`` leaves it unread) — so a one-line table is consistent
unless it says otherwise. Table 二 rows take their block's columns in printed order. Every cell gets
its own SourceSpan (line = printed row, col = column), so tests can check where a finding points.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gongkai.report.formats import FORMATS, Format
from gongkai.report.model import Cell, CellValue, Report, SourceSpan

FILE = "notation.txt"
_ABSENT = object()


def token(text: str) -> CellValue | object:
    if text == "?":
        return _ABSENT
    if text == "_":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return Decimal(text) if any(ch.isdigit() for ch in text) else text
    except ArithmeticError:
        return text


def _row(report: Report, ids: list[str], tokens: list[str], line: int) -> None:
    if len(tokens) != len(ids):
        raise ValueError(f"{len(ids)} cells expected for {ids[0].rsplit('.', 1)[0]}, got {tokens}")
    for col, (cid, tok) in enumerate(zip(ids, tokens, strict=True), start=1):
        value = token(tok)
        if value is _ABSENT:
            continue
        assert value is None or isinstance(value, (int, Decimal, str))
        report.cells[cid] = Cell(
            cid, value, printed=None if value is None else tok, source=SourceSpan(FILE, line=line, col=col)
        )


def standard_sections(fmt: Format, *, fee: bool = True) -> dict[str, str]:
    texts = {s.key: f"{s.title}的内容。" for s in fmt.sections}
    if fee:
        texts["s6_other"] = "本年度未收取信息处理费。"
    return texts


def report_from_rows(
    fmt: str = "2021",
    *,
    t2: dict[str, str] | None = None,
    t3: dict[str, str] | None = None,
    t4: str | None = None,
    fill: str = "0",
    year: int | None = None,
    agency: str = "测试县人民政府",
    sections: dict[str, str] | None = None,
    publish_date: dt.date | None = None,
    table_formats: dict[str, str] | None = None,
) -> Report:
    """A report of format ``fmt`` ("2021", "2019") with the given rows; see the module docstring.

    ``t3`` keys are table 三 row keys of the format (of ``table_formats["t3"]`` when given); a key
    may also be a column written ``"col:np"`` to set a whole column top to bottom.
    """
    declared = FORMATS[fmt]
    t3_fmt = FORMATS[(table_formats or {}).get("t3", fmt)]
    report = Report(
        format=fmt,
        agency=agency,
        year=year if year is not None else (2023 if fmt == "2021" else 2020),
        title=f"{agency}政府信息公开工作年度报告",
        publish_date=publish_date,
        sections=dict(sections) if sections is not None else standard_sections(declared, fee=fmt == "2021"),
        table_formats=dict(table_formats or {}),
        source=SourceSpan(FILE),
        medium="text",
    )
    line = 1
    if t2:
        blocks = {row.key: block for block in declared.table2 for row in block.rows}
        for row_key, text in t2.items():
            block = blocks[row_key]
            _row(report, [f"t2.{row_key}.{c.key}" for c in block.columns], text.split(), line)
            line += 1
    if t3 is not None:
        given = dict(t3)
        columns = {k.removeprefix("col:"): v.split() for k, v in given.items() if k.startswith("col:")}
        width = len(t3_fmt.table3_columns)
        for row in t3_fmt.table3_rows:
            tokens = given[row.key].split() if row.key in given else [fill] * width
            for c_index, column in enumerate(t3_fmt.table3_columns):
                if column.key in columns:
                    tokens[c_index] = columns[column.key][t3_fmt.table3_rows.index(row)]
            _row(report, [f"t3.{row.key}.{c.key}" for c in t3_fmt.table3_columns], tokens, line)
            line += 1
    if t4 is not None:
        blocks4 = [b.strip().split() for b in t4.split("|")]
        for block, tokens in zip(declared.table4_blocks, blocks4, strict=True):
            _row(report, [f"t4.{block.key}.{c.key}" for c in declared.table4_columns], tokens, line)
            line += 1
    return report


def zeros(fmt: str = "2021", **kwargs: object) -> Report:
    """A consistent all-zero report (tables 三 and 四 printed with zeros)."""
    return report_from_rows(fmt, t3={}, t4="0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0", **kwargs)  # type: ignore[arg-type]
