"""Evaluation: cell accuracy on real published reports only, per medium.

    uv run python bench/eval_real.py [--json] [-v] [--only PREFIX ...]
    PYTHONPATH=/tmp/old/src uv run python bench/eval_real.py --only putian-   # an older reader

Every case of tests/golden/<year>/<name>/ is a real report (its SOURCE.md names the site it was
published on; the invented reports of tests/generalisation are measured by eval_generalisation.py
and are not counted here). Each is read with ``gongkai.read`` and compared with its hand-verified
``expected.json``:

- **not readable**: cells the truth leaves open (a person cannot read them from the print either:
  a fused run with several readings, a number whose column is not printed); not in the denominator;
- **right**: a cell the truth reads, read with that value;
- **wrong**: a cell read with another value (confidently wrong — nothing tells the user), and
  **read though open**: a cell the truth leaves open (genuinely ambiguous) read anyway;
- **open**: a cell the truth reads, not read — *with a finding* when a READ-* finding names it,
  *silently* otherwise;
- **metadata wrong**: format, agency, year, title, publication date, sections, per field;
- **false errors**: rule findings of severity error on a report whose tables are consistent as
  printed (``rule_findings`` empty in expected.json);
- **missed inconsistencies**: expected rule findings (printed inconsistencies the rules can see)
  not reported.

The medium is the source file's suffix (txt, md, pdf, …). ``--only`` keeps the cases whose source
name starts with one of the prefixes (the directory name). Results go into BENCHMARKS.md ("accuracy
on real reports"); no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import gongkai
from gongkai.report.findings import Severity

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
META = ("format", "agency", "year", "title", "publish_date", "sections")


def _cell_json(value: object) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def evaluate(case: Path) -> dict[str, Any]:
    source = next(p for p in case.iterdir() if p.name.startswith("source."))
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    report = gongkai.read(str(source))
    actual = {cid: _cell_json(c.value) for cid, c in report.cells.items()}
    flagged = {cid for f in report.read_findings for cid in f.cells}
    truth = expected["cells"]
    truth_open = {cid for f in expected["read_findings"] for cid in f["cells"]} - set(truth)
    row: dict[str, Any] = {
        "case": f"{case.parent.name}/{case.name}",
        "medium": source.suffix.lstrip("."),
        "cells": len(truth),
        "right": 0,
        "wrong": 0,
        "open_finding": 0,
        "open_silent": 0,
        "read_though_open": 0,
        "truth_open": 0,
        "meta_wrong": [],
        "false_errors": 0,
        "missed": 0,
        "wrong_cells": [],
    }
    for cid, value in truth.items():
        if cid not in actual:
            row["open_finding" if cid in flagged else "open_silent"] += 1
        elif actual[cid] == value:
            row["right"] += 1
        else:
            row["wrong"] += 1
            row["wrong_cells"].append(f"{cid}: {actual[cid]!r} (printed {value!r})")
    row["read_though_open"] = sum(1 for cid in truth_open if cid in actual)
    row["truth_open"] = len(truth_open)
    got = {
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "title": report.title,
        "publish_date": report.publish_date.isoformat() if report.publish_date else None,
        "sections": sorted(report.sections),
    }
    row["meta_wrong"] = [k for k in META if k in expected and got[k] != expected[k]]
    if "rule_findings" in expected:
        found = [f for f in gongkai.check(report) if not f.rule.startswith("READ-")]
        if not expected["rule_findings"]:
            row["false_errors"] = sum(1 for f in found if f.severity is Severity.ERROR)
        keys = {(f.rule, tuple(f.cells)) for f in found}
        row["missed"] = sum(
            1 for f in expected["rule_findings"] if (f["rule"], tuple(f["cells"])) not in keys
        )
    return row


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def table(rows: list[dict[str, Any]]) -> str:
    by_medium: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_medium[r["medium"]].append(r)
    out = [
        "| medium | reports | readable cells | right | wrong | open (finding / silent) | not readable "
        "| read though not readable | metadata wrong | false errors | missed inconsistencies |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    groups = [*sorted(by_medium.items()), ("all", rows)]
    for medium, rs in groups:
        n = sum(r["cells"] for r in rs)
        right = sum(r["right"] for r in rs)
        wrong = sum(r["wrong"] for r in rs)
        of = sum(r["open_finding"] for r in rs)
        os_ = sum(r["open_silent"] for r in rs)
        out.append(
            f"| {medium} | {len(rs)} | {n:,} | {right:,} ({_pct(right, n)}) | {wrong} ({_pct(wrong, n)}) "
            f"| {of} / {os_} | {sum(r['truth_open'] for r in rs)} | {sum(r['read_though_open'] for r in rs)} "
            f"| {sum(len(r['meta_wrong']) for r in rs)} | {sum(r['false_errors'] for r in rs)} "
            f"| {sum(r['missed'] for r in rs)} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per report")
    parser.add_argument("--only", nargs="*", default=[], help="case-name prefixes to keep")
    args = parser.parse_args(argv)
    cases = sorted(p.parent for p in GOLDEN.glob("*/*/expected.json"))
    if args.only:
        cases = [c for c in cases if c.name.startswith(tuple(args.only))]
    rows = [evaluate(c) for c in cases]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        return 0
    if args.verbose:
        for r in rows:
            print(
                f"{r['case']}: {r['cells']} cells, right {r['right']}, wrong {r['wrong']}, "
                f"open {r['open_finding']}+{r['open_silent']} silent, read-though-open {r['read_though_open']}, "
                f"meta {r['meta_wrong']}, false errors {r['false_errors']}, missed {r['missed']}"
            )
            for w in r["wrong_cells"][:5]:
                print("    wrong", w)
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
