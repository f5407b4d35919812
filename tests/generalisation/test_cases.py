"""Reports that are not in the corpus, read as a user would read them, compared with what they print.

Each case in cases/<name>/ (built by build_cases.py from case_data.py; see its CASE.md) is an invented
report in a form real sites publish. ``expected.json`` is what the case prints, written independently
of the readers. A case must be read with every printed cell right (none wrong, none missing), the
format, agency, year and publication date right, and no rule finding of severity warning or error
that the printed tables do not deserve. The same comparison, as figures, is
bench/eval_generalisation.py (results in BENCHMARKS.md).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CASES = sorted(p.parent for p in (HERE / "cases").glob("*/expected.json"))

#: cases the readers cannot read yet, with the reason (strict: they must fail until fixed)
XFAIL: dict[str, str] = {}


def _evaluator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_generalisation", ROOT / "bench" / "eval_generalisation.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_generalisation", module)
    spec.loader.exec_module(module)
    return module


EVAL = _evaluator()


def test_there_are_enough_varied_cases() -> None:
    media = {next(p for p in c.iterdir() if p.name.startswith("source.")).suffix for c in CASES}
    formats = {json.loads((c / "expected.json").read_text("utf-8"))["format"] for c in CASES}
    assert len(CASES) >= 10
    assert {".txt", ".html", ".docx", ".xlsx", ".pdf"} <= media
    assert formats == {"2021", "2019", "legacy"}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=XFAIL[c.name])) if c.name in XFAIL else c
        for c in CASES
    ],
    ids=[c.name for c in CASES],
)
def test_case_is_read_as_printed(case: Path) -> None:
    outcome = EVAL.evaluate(case)
    assert outcome.error is None, outcome.error
    assert outcome.meta_wrong == []
    assert outcome.wrong == [], "cells read with a value that is not printed"
    assert outcome.unexplained == [], "cells left out without a READ-* finding naming them"
    if json.loads((case / "expected.json").read_text("utf-8")).get("fused"):
        # Fused digit runs may allow several readings: such cells are left out (with a finding,
        # checked above), never guessed; the rest must be right.
        assert outcome.right + len(outcome.missing) == outcome.printed
    else:
        assert outcome.missing == [], "printed cells not read"
        assert outcome.right == outcome.printed
    assert outcome.false_findings == []
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    if not expected["consistent"]:
        # printed errors are read as printed and reported, never repaired by the reader
        assert set(expected["expected_rules"]) <= set(outcome.rules_found)


def test_the_evaluation_can_fail(tmp_path: Path) -> None:
    # A case whose expectation differs from its print by one cell scores one wrong cell.
    source = next(c for c in CASES if c.name == "township-2025-text-pipes")
    case = tmp_path / source.name
    case.mkdir()
    (case / "source.txt").write_bytes((source / "source.txt").read_bytes())
    expected = json.loads((source / "expected.json").read_text("utf-8"))
    expected["cells"]["t3.granted.np"] += 1
    expected["agency"] = "别的机关"
    (case / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), "utf-8")
    outcome = EVAL.evaluate(case)
    assert [w.split(":")[0] for w in outcome.wrong] == ["t3.granted.np"]
    assert [m.split(":")[0] for m in outcome.meta_wrong] == ["agency"]


def test_the_command_reads_a_case_as_the_api_does() -> None:
    # `gongkai parse --json` is what batch users run: same cells as gongkai.read.
    case = next(c for c in CASES if c.name == "county-bureau-2024-text-tabs")
    outcome = EVAL.evaluate(case, cli=True)
    assert outcome.error is None and outcome.right == outcome.printed, outcome.wrong + outcome.missing


def test_cases_are_reproducible_from_the_builder(tmp_path: Path) -> None:
    # The committed sources and expectations are the builder's output: rebuilding a text case gives
    # the same bytes (guards against hand edits of a source drifting from its expected.json).
    name = "county-2020-text-spaces"
    subprocess.run(
        [sys.executable, str(HERE / "build_cases.py"), name, "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    for p in (HERE / "cases" / name).iterdir():
        assert (tmp_path / name / p.name).read_bytes() == p.read_bytes(), p.name


def test_random_reports_are_never_read_wrong(tmp_path: Path) -> None:
    # Random consistent reports in every fast medium, with awkward values (2023 as a count, large
    # counts, signed deltas, units): nothing read wrong, nothing left out without a finding, no
    # false alarm. (More of them: bench/eval_generalisation.py --random N.)
    for case in EVAL.random_cases(seed=11, count=12, out=tmp_path):
        outcome = EVAL.evaluate(case)
        assert outcome.error is None, outcome.error
        assert outcome.wrong == [], case.name
        assert outcome.unexplained == [], case.name
        assert outcome.meta_wrong == [], case.name
        assert outcome.false_findings == [], case.name
        if not json.loads((case / "expected.json").read_text("utf-8"))["fused"]:
            assert outcome.missing == [], case.name
