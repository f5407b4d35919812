"""Every text report of the corpus, read and compared with its hand-verified expected.json.

Each directory tests/golden/<year>/<name>/ holds source.* (a byte-for-byte copy of the published
report), expected.json (format, agency, year, every printed cell, the reading findings) and
SOURCE.md (origin, what it exercises, what was verified by hand). See conftest.py for regeneration.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gongkai
from gongkai.report.model import Report


def cell_json(value: object) -> Any:
    # Decimals are kept exact as {"decimal": "779.508355"}; a plain string is text printed in a cell.
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def report_json(report: Report) -> dict[str, Any]:
    return {
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "title": report.title,
        "publish_date": report.publish_date.isoformat() if report.publish_date else None,
        "table_formats": dict(sorted(report.table_formats.items())),
        "sections": sorted(report.sections),
        "cells": {cid: cell_json(report.cells[cid].value) for cid in sorted(report.cells)},
        "read_findings": sorted(
            ({"rule": f.rule, "cells": list(f.cells)} for f in report.read_findings),
            key=lambda f: (f["rule"], f["cells"]),
        ),
    }


HERE = Path(__file__).parent
CASES = sorted(p.parent for p in HERE.glob("*/*/expected.json"))


def _source(case: Path) -> Path:
    return next(p for p in case.iterdir() if p.name.startswith("source."))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden(case: Path, request: pytest.FixtureRequest) -> None:
    source = _source(case)
    report = gongkai.read(str(source))
    actual = report_json(report)
    expected_path = case / "expected.json"
    expected = json.loads(expected_path.read_text("utf-8"))
    if request.config.getoption("--regen-golden", default=False):
        kept = {k: v for k, v in expected.items() if k not in actual}  # e.g. rule_findings, notes
        expected_path.write_text(json.dumps({**actual, **kept}, ensure_ascii=False, indent=1) + "\n", "utf-8")
        return
    for key in ("format", "agency", "year", "title", "publish_date", "table_formats", "sections"):
        assert actual[key] == expected[key], key
    assert actual["cells"] == expected["cells"]
    assert actual["read_findings"] == expected["read_findings"]
    if "rule_findings" in expected:
        found = sorted(
            (
                {"rule": f.rule, "cells": list(f.cells)}
                for f in gongkai.check(report)
                if not f.rule.startswith("READ-")
            ),
            key=lambda f: (f["rule"], f["cells"]),
        )
        assert found == sorted(expected["rule_findings"], key=lambda f: (f["rule"], f["cells"]))


#: corpus text reports whose golden cases are not written yet (each needs its cells verified by hand
#: against the published text). Empty since the ten 莆田 reports got theirs (2026-12-02). Strict: a
#: report added to the corpus without a case must be listed here, and taken off with its case.
AWAITING_A_CASE: set[str] = set()


def test_every_corpus_text_report_has_a_golden_case(corpus_dir: Path) -> None:
    copied = {_source(c).read_bytes() for c in CASES}
    texts = [p for p in corpus_dir.iterdir() if p.suffix in (".txt", ".md")]
    missing = {p.name for p in texts if p.read_bytes() not in copied}
    assert missing == AWAITING_A_CASE
