"""The declared formats carry exactly the canonical cell ids of cells.yaml — the JSON contract.

cells.yaml ships as package data beside the formats (gongkai/report/formats/cells.yaml, a copy of the
project's spec/cells.yaml, unchanged); the formats stay declared in Python (docs/decisions.md).
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import pytest
import yaml

from gongkai.report.formats import FORMAT_2019, FORMAT_2021, Format

CELLS_YAML = files("gongkai.report.formats") / "cells.yaml"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded = yaml.safe_load(CELLS_YAML.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def t2_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [f"t2.{row}.{col}" for block in blocks for row in block["rows"] for col in block["columns"]]


def t3_rows(spec: dict[str, Any], fmt: str) -> list[str]:
    rows = [r["key"] for r in spec["table3_rows_2021"] if "key" in r]
    if fmt == "2019":
        diff = spec["table3_rows_2019_diff"]
        dropped = set(diff["replace"])
        first = min(rows.index(k) for k in dropped)
        rows = [r for r in rows if r not in dropped]
        rows[first:first] = [a["key"] for a in diff["add"]]
    return rows


def expected_ids(spec: dict[str, Any], fmt: str) -> list[str]:
    cols = [c["key"] for c in spec["table3_columns"]]
    t3 = [f"t3.{row}.{col}" for row in t3_rows(spec, fmt) for col in cols]
    t4 = [f"t4.{b['key']}.{c['key']}" for b in spec["table4"]["blocks"] for c in spec["table4"]["columns"]]
    return t2_ids(spec[f"table2_{fmt}"]) + t3 + t4


@pytest.mark.parametrize("fmt", [FORMAT_2021, FORMAT_2019], ids=["2021", "2019"])
def test_declared_cell_ids_equal_cells_yaml_in_printed_order(spec: dict[str, Any], fmt: Format) -> None:
    assert list(fmt.cell_ids()) == expected_ids(spec, fmt.key)


def test_cell_counts_match_the_formats(spec: dict[str, Any]) -> None:
    assert len(FORMAT_2021.table_cells("t2")) == 10
    assert len(FORMAT_2021.table_cells("t3")) == 25 * 7
    assert len(FORMAT_2019.table_cells("t3")) == 23 * 7
    assert len(FORMAT_2021.table_cells("t4")) == 15


def test_outcome_rows_and_labels_match(spec: dict[str, Any]) -> None:
    assert list(FORMAT_2021.table3_outcome_rows) == spec["outcome_rows_2021"]
    labels = {r["key"]: r["label"] for r in spec["table3_rows_2021"] if "key" in r}
    for row in FORMAT_2021.table3_rows:
        assert row.label == labels[row.key]
    assert [(s.key, s.title) for s in FORMAT_2021.sections] == [
        (s["key"], s["title"]) for s in spec["sections_2021"]
    ]
    for fmt in ("2021", "2019"):
        declared = FORMAT_2021 if fmt == "2021" else FORMAT_2019
        yaml_labels = {
            f"t2.{row}.{col}": (row_label, col_label)
            for block in spec[f"table2_{fmt}"]
            for row, row_label in block["rows"].items()
            for col, col_label in block["columns"].items()
        }
        for cell in declared.table_cells("t2"):
            assert (cell.row_label, cell.col_label) == yaml_labels[cell.id]


def test_decimal_kinds_match_cells_yaml(spec: dict[str, Any]) -> None:
    decimal_blocks = [b for b in spec["table2_2021"] if b.get("type") == "decimal"]
    decimal_ids = set(t2_ids(decimal_blocks))
    assert {c.id for c in FORMAT_2021.table_cells("t2") if c.kind == "decimal"} == decimal_ids
