"""Evaluation: how well the readers generalise to reports that are not in the corpus.

    uv run python bench/eval_generalisation.py [--json] [--cli] [CASE ...]
    uv run python bench/eval_generalisation.py --random 200 --seed 3   # random reports instead

Every case of tests/generalisation/cases/ (invented reports in the forms real sites publish: copied
text, GBK/UTF-8 CMS pages, the official Word template, a workbook, PDFs rendered by LibreOffice) is
read with ``gongkai.read`` (or, with ``--cli``, with ``gongkai parse --json`` in a subprocess) and
compared with its ``expected.json``, which was written from what the case *prints*:

- **right**: a printed cell read with its printed value;
- **wrong**: a cell read with another value, or a cell read that the case does not print — the
  worst outcome, because nothing tells the user;
- **missing**: a printed cell not read (the extractor must then say why with a READ-* finding;
  **unexplained** counts those it does not);
- **meta**: format, agency, year, title (up to NFKC and spacing) and publication date (when printed)
  right;
- **false findings**: rule findings (not READ-*) of severity error or warning on a case whose
  tables are consistent as printed — each one is a false alarm for a reviewer. Not counted: the
  rules a case declares (``expected_rules``, e.g. SECTION-MISSING for a bare workbook) and notices
  about cells the case prints blank or as text ("—", "/"), which are true.

Results are recorded in BENCHMARKS.md ("generalisation"); tests/generalisation/test_cases.py turns
the same comparison into tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "tests" / "generalisation" / "cases"


def _text_key(text: str | None) -> str | None:
    """A title compared as printed, up to NFKC and spacing ("2022 年" in a PDF's text is 2022年)."""
    return None if text is None else "".join(unicodedata.normalize("NFKC", text).split())


def same_value(expected: Any, actual: Any) -> bool:
    """Printed value vs read value: numbers compare numerically (Decimal or int), text and blank exactly."""
    if isinstance(expected, dict):
        expected = Decimal(expected["decimal"])
    if isinstance(actual, dict) and "decimal" in actual:
        actual = Decimal(actual["decimal"])
    numeric = (int, Decimal)
    if isinstance(expected, numeric) and isinstance(actual, numeric):
        if isinstance(expected, bool) or isinstance(actual, bool):
            return False
        return Decimal(expected) == Decimal(actual)
    if isinstance(actual, float) and isinstance(expected, numeric):
        return Decimal(str(actual)) == Decimal(expected)
    return bool(expected == actual and type(expected) is type(actual))


@dataclass
class Outcome:
    case: str
    medium: str
    printed: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    meta_wrong: list[str] = field(default_factory=list)
    false_findings: list[str] = field(default_factory=list)
    read_findings: list[str] = field(default_factory=list)
    #: missing cells that no READ-* finding names (a cell left out must always be explained)
    unexplained: list[str] = field(default_factory=list)
    error: str | None = None
    #: every rule (not READ-*) that reported something
    rules_found: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def read_case(source: Path, cli: bool) -> dict[str, Any]:
    """The read report as {format, agency, year, title, publish_date, cells, findings[{rule, severity}]}."""
    if cli:
        proc = subprocess.run(
            [sys.executable, "-m", "gongkai.cli", "parse", str(source), "--json"],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip() or proc.stdout.strip())
        doc = json.loads(proc.stdout)
        return {
            "format": doc.get("format"),
            "agency": doc.get("agency"),
            "year": doc.get("year"),
            "title": doc.get("title"),
            "publish_date": doc.get("publish_date"),
            "cells": doc.get("cells", {}),
            "findings": [
                {"rule": f["rule"], "severity": f["severity"], "cells": f.get("cells", [])}
                for f in doc.get("findings", [])
            ],
        }
    import gongkai

    report = gongkai.read(str(source))
    findings = gongkai.check(report)
    return {
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "title": report.title,
        "publish_date": report.publish_date.isoformat() if report.publish_date else None,
        "cells": {cid: c.value for cid, c in report.cells.items()},
        "findings": [
            {
                "rule": f.rule,
                "severity": str(getattr(f.severity, "value", f.severity)),
                "cells": list(f.cells),
            }
            for f in findings
        ],
    }


def evaluate(case: Path, cli: bool = False) -> Outcome:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    source = next(p for p in case.iterdir() if p.name.startswith("source."))
    out = Outcome(case.name, source.suffix.lstrip("."), printed=len(expected["cells"]))
    try:
        got = read_case(source, cli)
    except Exception as exc:
        out.error = f"{type(exc).__name__}: {exc}"
        out.missing = sorted(expected["cells"])
        return out
    for key in ("format", "agency", "year", "title", "publish_date"):
        if key == "publish_date" and expected.get(key) is None:
            continue  # not printed as such: nothing to compare
        same = (
            _text_key(got[key]) == _text_key(expected[key]) if key == "title" else got[key] == expected[key]
        )
        if not same:
            out.meta_wrong.append(f"{key}: {got[key]!r} ≠ {expected[key]!r}")
    cells = got["cells"]
    for cid, value in expected["cells"].items():
        if cid not in cells:
            out.missing.append(cid)
        elif same_value(value, cells[cid]):
            out.right += 1
        else:
            out.wrong.append(f"{cid}: {cells[cid]!r} ≠ {value!r}")
    out.wrong += [
        f"{cid}: {cells[cid]!r} (not printed)" for cid in sorted(set(cells) - set(expected["cells"]))
    ]
    explained = {c for f in got["findings"] if f["rule"].startswith("READ-") for c in f["cells"]}
    out.unexplained = [cid for cid in out.missing if cid not in explained]
    printed_non_numbers = {cid for cid, v in expected["cells"].items() if v is None or isinstance(v, str)}
    out.rules_found = sorted({f["rule"] for f in got["findings"] if not f["rule"].startswith("READ-")})
    for f in got["findings"]:
        if f["rule"].startswith("READ-"):
            out.read_findings.append(f["rule"])
        elif f["rule"] in expected.get("expected_rules", ()):
            continue  # a real property of the case (e.g. a workbook without the six sections)
        elif set(f["cells"]) & printed_non_numbers:
            continue  # a notice about a cell printed blank or as text: true, not a false alarm
        elif expected.get("consistent", True) and f["severity"] in ("error", "warning"):
            out.false_findings.append(f"{f['rule']} ({f['severity']})")
    return out


#: media of the random cases (the ones the builder writes without LibreOffice: fast enough for many)
RANDOM_MEDIA = (
    "text-tabs",
    "text-pipes",
    "text-spaces",
    "text-lines",
    "text-ideo",
    "text-markdown",
    "text-crawler",
    "html-utf8",
    "docx",
    "xlsx",
)


def random_cases(seed: int, count: int, out: Path) -> list[Path]:
    """``count`` random consistent reports (both formats, every medium above) written into ``out``.

    Values are drawn to be awkward: zeros, large counts, counts equal to a year (2023), signed deltas,
    decimals, units. A case passes when nothing is wrong or unexplained (fused crawler text may leave
    ambiguous cells out) and no false finding fires beyond SECTION-MISSING for bare workbooks.
    """
    import random

    sys.path.insert(0, str(ROOT / "tests" / "generalisation"))
    import build_cases as b
    import case_data as d

    rng = random.Random(seed)
    paths = []
    for i in range(count):
        fmt = rng.choice(["2021", "2019"])
        rows = b.outcome_rows(fmt)
        pool = [0, 0, 0, 1, 2, 3, 5, 12, 37, 108, 999, 2023]

        def six(big: bool, pool: list[int] = pool) -> list[int]:
            return [rng.choice(pool if big else pool[:8]) if rng.random() < 0.5 else 0 for _ in range(6)]

        outcomes = {r: six(rng.random() < 0.3) for r in rng.sample(rows, rng.randint(1, 6))}
        total = [sum(outcomes.get(r, [0] * 6)[k] for r in rows) for k in range(6)]
        carried = [min(c, t) for c, t in zip(six(False), total, strict=True)]
        forward = [rng.choice([0, 0, 1, 4]) for _ in range(6)]
        t3 = b.t3_from(fmt, outcomes, carried=carried, forward=forward)
        t4 = b.t4_from(*[[rng.choice([0, 0, 1, 2, 13, 2023]) for _ in range(4)] for _ in range(3)])

        def n() -> str:
            return str(rng.choice([0, 1, 7, 45, 386, 2023, 13613, 48215]))

        if fmt == "2021":
            fee = rng.choice(["0", "12.5", "779.508355", "2023"])
            t2 = d.t2_2021((n(), n(), n()), (n(), n(), n()), n(), n(), n(), fee)
            year = rng.choice([2021, 2022, 2023, 2024, 2025])
        else:

            def sd() -> str:
                return rng.choice(["0", "+12", "-3", "+1036", "-72"])

            amount = rng.choice(["3168.0656", "28563.45万元", "0"])
            t2 = d.t2_2019(
                {
                    "regulations": (n(), n(), n()),
                    "normative_docs": (n(), n(), n()),
                    "licensing": (n(), sd(), n()),
                    "other_services": (n(), sd(), n()),
                    "penalty": (n(), sd(), n()),
                    "coercion": (n(), sd(), n()),
                    "admin_fees": (n(), sd()),
                    "central_procurement": (n(), amount),
                }
            )
            year = rng.choice([2019, 2020])
        agency = "某县教育局"
        medium = rng.choice(RANDOM_MEDIA)
        case = b.Case(
            name=f"random-{seed}-{i}",
            medium=medium,
            fmt=fmt,
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=f"{year + 1}-01-20" if medium == "text-crawler" else None,
            headings=d.STD,
            prose=d.sections(
                agency, year, fmt, rng.randint(10, 5000), t3, t4, "dept", "县政府门户网站", "0570-1234567"
            ),
            figures=b.Figures(t2=t2, t3=b.printed(t3), t4=[str(v) for v in t4]),
            signature=[agency, f"{year + 1}年1月20日"],
            fused=medium == "text-crawler",
            expected_rules=["SECTION-MISSING"] if medium == "xlsx" else [],
        )
        b.SITE[case.name] = "某县人民政府"
        b.write_case(case, out)
        paths.append(out / case.name)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--cli", action="store_true", help="read through `gongkai parse --json`")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong and missing cell")
    parser.add_argument("--random", type=int, metavar="N", help="N random reports instead of the case set")
    parser.add_argument("--seed", type=int, default=1, help="seed of --random")
    args = parser.parse_args()
    cases = sorted(p for p in CASES_DIR.iterdir() if (p / "expected.json").exists())
    if args.cases:
        cases = [c for c in cases if c.name in args.cases]
    if args.random:
        import tempfile

        cases = random_cases(args.seed, args.random, Path(tempfile.mkdtemp(prefix="gongkai-eval-")))
    outcomes = [evaluate(c, args.cli) for c in cases]
    if args.json:
        print(json.dumps([o.to_json() for o in outcomes], ensure_ascii=False, indent=1))
        return 0
    print(
        f"{'case':40} {'medium':6} {'printed':>7} {'right':>6} {'wrong':>6} {'missing':>7} {'unexpl':>6}"
        f" {'meta':>4} {'false':>5}"
    )
    for o in outcomes:
        print(
            f"{o.case:40} {o.medium:6} {o.printed:7} {o.right:6} {len(o.wrong):6} {len(o.missing):7}"
            f" {len(o.unexplained):6} {len(o.meta_wrong):4} {len(o.false_findings):5}"
            + (f"  ERROR {o.error}" if o.error else "")
        )
        if args.verbose:
            for line in o.meta_wrong + o.wrong[:20] + o.missing[:20] + o.false_findings:
                print("    " + line)
            if o.read_findings:
                print("    read findings: " + ", ".join(sorted(set(o.read_findings))))
    total = sum(o.printed for o in outcomes)
    right = sum(o.right for o in outcomes)
    wrong = sum(len(o.wrong) for o in outcomes)
    missing = sum(len(o.missing) for o in outcomes)
    print(
        f"\n{len(outcomes)} cases, {total} printed cells: right {right} ({100 * right / max(total, 1):.1f}%),"
        f" wrong {wrong}, missing {missing} (unexplained {sum(len(o.unexplained) for o in outcomes)});"
        f" metadata wrong {sum(len(o.meta_wrong) for o in outcomes)};"
        f" false findings {sum(len(o.false_findings) for o in outcomes)}"
        f" in {sum(1 for o in outcomes if o.false_findings)} consistent cases"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
