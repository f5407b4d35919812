"""``gongkai check``: check annual reports against the rules and print every finding.

gongkai check 报告.txt                           # file:line: severity [RULE-ID] message, then a summary
gongkai check *.txt --json                       # machine output
gongkai check 2023.txt --previous 2022.txt       # adds the cross-year checks (X1 carry-over ...)
gongkai check 某局2022.txt 某局2023.txt           # several years of one agency: paired automatically
gongkai check *.txt --errors-only                # only the errors (the summary still counts warnings)
gongkai check *.txt --skip T3-OUTCOMES-SUM       # leave a rule out (e.g. one whose basis is [M])
gongkai check --rules                            # the rules, their ids and severities

Exit status: 0 no errors; 1 a report has errors; 2 a file could not be read (wins over 1); 3 an
internal error while reading a file (a bug; the other files are still checked).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import GongkaiError

if TYPE_CHECKING:
    from ..report.findings import Finding
    from ..report.model import Report

HELP = "检查年度报告：表格勾稽关系、单元格取值、六个部分、格式与年度、发布期限、与上年衔接"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="报告",
        help="年度报告文件（文本、网页、Word、Excel、PDF 或 .json），可多个",
    )
    parser.add_argument("--json", action="store_true", help="输出机器可读的 JSON")
    parser.add_argument(
        "--previous", metavar="上年报告", help="同一机关上一年度的报告：核对结转衔接等跨年度规则"
    )
    parser.add_argument(
        "--errors-only", action="store_true", help="只列出错误（error），不列警告；汇总仍计入警告"
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="规则编号",
        help="不报告某条规则（可多次给出），例如依据标为 [M] 的 T3-OUTCOMES-SUM",
    )
    parser.add_argument("--rules", action="store_true", help="列出全部规则后退出")


@dataclass
class Outcome:
    """What checking one file gave: the report and its findings, or the one-line reason it failed."""

    file: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    status: int = 0  # 0 clean, 1 errors, 2 unreadable, 3 internal error

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def where(finding: Finding, file: str) -> tuple[str, str]:
    """``file:line`` for a finding, and the place in words when it is not a line (PDF page, table).

    The first part always has the ``file:line`` shape editors and CI annotate; a finding without a
    line uses line 0 and the place goes into the message.
    """
    loc = finding.location
    if loc is None:
        return f"{file}:0", ""
    name = loc.file or file
    if loc.line is not None:
        return f"{name}:{loc.line}", ""
    return f"{name}:0", loc.where()


def format_finding(finding: Finding, file: str) -> str:
    head, place = where(finding, file)
    suffix = f"（{place}）" if place else ""
    return f"{head}: {finding.severity} [{finding.rule}] {finding.message}{suffix}"


def read_file(path: str) -> Outcome:
    from .. import check, read

    outcome = Outcome(path)
    try:
        report = read(path)
        findings = check(report)
    except GongkaiError as exc:
        outcome.error, outcome.status = str(exc), 2
        return outcome
    except Exception as exc:  # a bug in a reader must not stop a batch; say so and go on
        if os.environ.get("GONGKAI_DEBUG"):
            raise
        outcome.error = (
            f"{path}：内部错误（{type(exc).__name__}）：{exc}。这是 gongkai 的缺陷，请连同文件一并报告"
        )
        outcome.status = 3
        return outcome
    outcome.findings = findings
    outcome.status = 1 if outcome.errors else 0
    # Keep what the cross-year pairing and the output need, not the section texts: memory stays
    # bounded by the number of cells when thousands of reports are checked at once.
    outcome.report = replace(report, sections={}, read_findings=[])
    return outcome


def agency_key(report: Report) -> str:
    """The agency's name as compared across years: whitespace and brackets do not matter."""
    import unicodedata

    name = unicodedata.normalize("NFKC", report.agency or "")
    return "".join(ch for ch in name if not ch.isspace() and ch not in "()（）")


def cross_year(outcomes: list[Outcome], previous: Report | None) -> None:
    """Add the cross-year findings: against ``--previous``, or else against the report of the
    same agency for the year before among the files given (several years checked together)."""
    from ..report.rules import CROSS_YEAR_RULES

    by_key = {
        (agency_key(o.report), o.report.year): o.report
        for o in outcomes
        if o.report is not None and o.report.agency and o.report.year is not None
    }
    for o in outcomes:
        if o.report is None:
            continue
        before = previous
        if before is None and o.report.agency and o.report.year is not None:
            before = by_key.get((agency_key(o.report), o.report.year - 1))
        if before is None or before is o.report:
            continue
        for rule in CROSS_YEAR_RULES:
            o.findings.extend(rule(o.report, before))
        o.status = 1 if o.errors else 0


def summary(outcomes: list[Outcome]) -> str:
    read_ok = [o for o in outcomes if o.report is not None]
    with_errors = sum(1 for o in read_ok if o.errors)
    errors = sum(o.errors for o in read_ok)
    warnings = sum(o.warnings for o in read_ok)
    unreadable = len(outcomes) - len(read_ok)
    if not read_ok:
        return f"共 {len(outcomes)} 个文件，均无法读取。"
    text = f"共检查 {len(read_ok)} 份报告："
    if with_errors:
        text += f"{with_errors} 份有错误，错误 {errors} 项，警告 {warnings} 项"
    elif warnings:
        text += f"没有错误，警告 {warnings} 项"
    else:
        text += "没有发现问题"
    if unreadable:
        text += f"；另有 {unreadable} 个文件无法读取"
    return text + "。"


def _list_rules() -> int:
    from ..report.rules import CROSS_YEAR_RULES, RULES

    for rule in RULES:
        print(f"{rule.id:<24} {rule.severity:<8} {rule.summary}")
    for cross in CROSS_YEAR_RULES:
        print(f"{cross.id:<24} {cross.severity:<8} {cross.summary}（需 --previous）")
    return 0


def _json(outcomes: list[Outcome]) -> dict[str, Any]:
    reports = []
    for o in outcomes:
        if o.report is None:
            continue
        reports.append(
            {
                "file": o.file,
                "format": o.report.format,
                "agency": o.report.agency,
                "year": o.report.year,
                "errors": o.errors,
                "warnings": o.warnings,
                "findings": [f.to_json() for f in o.findings],
            }
        )
    return {
        "reports": reports,
        "unreadable": [{"file": o.file, "error": o.error} for o in outcomes if o.report is None],
        "summary": {
            "files": len(outcomes),
            "with_errors": sum(1 for o in outcomes if o.report is not None and o.errors),
            "errors": sum(o.errors for o in outcomes),
            "warnings": sum(o.warnings for o in outcomes),
            "unreadable": sum(1 for o in outcomes if o.report is None),
            "text": summary(outcomes),
        },
    }


def run(args: argparse.Namespace) -> int:
    if args.rules:
        return _list_rules()
    if not args.files:
        raise GongkaiError("请给出要检查的年度报告文件（gongkai check 报告.txt …）")
    from .. import read
    from ..report.rules import RULE_IDS

    unknown = [r for r in args.skip if r not in RULE_IDS]
    if unknown:
        raise GongkaiError(f"没有这条规则：{'、'.join(unknown)}（gongkai check --rules 列出全部规则）")
    previous = read(args.previous) if args.previous else None
    outcomes = [read_file(path) for path in args.files]
    cross_year(outcomes, previous)
    for o in outcomes:
        if args.skip:
            o.findings = [f for f in o.findings if f.rule not in args.skip]
            if o.report is not None:
                o.status = 1 if o.errors else 0
    if args.json:
        print(json.dumps(_json(outcomes), ensure_ascii=False, indent=2))
    else:
        for o in outcomes:
            if o.report is None:
                print(f"gongkai: {o.error}", file=sys.stderr)
                continue
            for finding in o.findings:
                if args.errors_only and finding.severity != "error":
                    continue
                print(format_finding(finding, o.file))
        print(summary(outcomes))
    return max((o.status for o in outcomes), default=0)
