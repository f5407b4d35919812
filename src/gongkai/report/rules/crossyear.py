"""Cross-year rules: a report against the previous year's report of the same agency (domain.md §4.2).

All three are warnings: legitimate breaks happen (机构改革, mergers, re-counted documents), and the
reviewer decides. Each compares only cells read as numbers in both reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..formats import FORMAT_2019, FORMAT_2021
from ..model import Report
from .base import CrossYearRule, col_label, fmt_number, label, row_label, span_of, table_format


def _consecutive(report: Report, previous: Report) -> bool:
    return report.year is not None and previous.year is not None and previous.year == report.year - 1


def _years_match(report: Report, previous: Report) -> Iterator[Finding]:
    if _consecutive(report, previous):
        return
    yield CROSS_YEAR_PAIR.finding(
        f"上一年度报告的年度为 {previous.year or '未知'}，本报告为 {report.year or '未知'}，"
        "不是相邻年度，未做跨年度核对",
        expected=None if report.year is None else report.year - 1,
        actual=previous.year,
        location=report.source,
    )


def _carry_over(report: Report, previous: Report) -> Iterator[Finding]:
    if not _consecutive(report, previous):
        return
    fmt = table_format(report, "t3") or FORMAT_2021
    for column in fmt.table3_columns:
        now_id = f"t3.carried_over.{column.key}"
        before_id = f"t3.carry_forward.{column.key}"
        now, before = report.number(now_id), previous.number(before_id)
        if now is None or before is None or now == before:
            continue
        yield CARRY_OVER.finding(
            f"表三{col_label(report, now_id)}列：本年“上年结转”为 {fmt_number(now)}，"
            f"而 {previous.year} 年度报告“结转下年度继续办理”为 {fmt_number(before)}",
            cells=(now_id,),
            expected=before,
            actual=now,
            location=span_of(report, now_id),
        )


def _in_force_continuity(report: Report, previous: Report) -> Iterator[Finding]:
    if not _consecutive(report, previous):
        return
    if table_format(report, "t2") is not FORMAT_2021 or table_format(previous, "t2") is not FORMAT_2021:
        return
    for row in FORMAT_2021.table2[0].rows:  # 第二十条第（一）项: 规章, 行政规范性文件
        ids = {col: f"t2.{row.key}.{col}" for col in ("made", "repealed", "in_force")}
        made, repealed, now = (report.number(ids[c]) for c in ("made", "repealed", "in_force"))
        before = previous.number(ids["in_force"])
        if made is None or repealed is None or now is None or before is None:
            continue
        expected = before + made - repealed
        if expected == now:
            continue
        yield IN_FORCE_CONTINUITY.finding(
            f"表二{row_label(report, ids['in_force'])}：上年现行有效 {fmt_number(before)} + 本年制发 "
            f"{fmt_number(made)} − 本年废止 {fmt_number(repealed)} = {fmt_number(expected)}，"
            f"本年现行有效为 {fmt_number(now)}（修订、清理可能造成差异，请核对）",
            cells=(ids["in_force"], ids["made"], ids["repealed"]),
            expected=expected,
            actual=now,
            location=span_of(report, ids["in_force"]),
        )


def _project_continuity(report: Report, previous: Report) -> Iterator[Finding]:
    if not _consecutive(report, previous):
        return
    if table_format(report, "t2") is not FORMAT_2019 or table_format(previous, "t2") is not FORMAT_2019:
        return
    for spec in FORMAT_2019.table_cells("t2"):
        if spec.col != "prev_items":
            continue
        delta_id = f"t2.{spec.row}.delta"
        now, before, delta = report.number(spec.id), previous.number(spec.id), previous.number(delta_id)
        if now is None or before is None or delta is None or before + delta == now:
            continue
        yield PROJECT_CONTINUITY.finding(
            f"{label(report, spec.id)}为 {fmt_number(now)}，而 {previous.year} 年度报告上一年项目数量 "
            f"{fmt_number(before)} + 本年增/减 {fmt_number(delta)} = {fmt_number(before + delta)}",
            cells=(spec.id,),
            expected=before + delta,
            actual=now,
            location=span_of(report, spec.id),
        )


CROSS_YEAR_PAIR = CrossYearRule(
    "CROSS-YEAR-PAIR",
    Severity.WARNING,
    basis="docs/domain.md §4.2 X1：跨年度核对只在同一机关相邻两年度的报告之间进行",
    check=_years_match,
    summary="给出的上一年度报告不是相邻年度，跨年度核对未进行",
)

CARRY_OVER = CrossYearRule(
    "CARRY-OVER",
    Severity.WARNING,
    basis="docs/domain.md §4.2 X1：本年“上年结转” = 上年“结转下年度继续办理”（机构改革等可致合理差异）",
    check=_carry_over,
    summary="表三“上年结转”与上一年度报告“结转下年度继续办理”逐列不一致",
)

IN_FORCE_CONTINUITY = CrossYearRule(
    "T2-IN-FORCE-CONTINUITY",
    Severity.WARNING,
    basis="docs/domain.md §4.2 X3（2021 格式表二，软规则）：现行有效件数 ≈ 上年现行有效 + 本年制发 − 本年废止",
    check=_in_force_continuity,
    summary="表二规章、行政规范性文件“现行有效件数”与上年及本年制发、废止数不衔接",
)

PROJECT_CONTINUITY = CrossYearRule(
    "T2-PROJECT-CONTINUITY",
    Severity.WARNING,
    basis="docs/domain.md §4.2 X4（2019 格式表二，软规则）：上年“上一年项目数量” + “本年增/减” = 本年“上一年项目数量”",
    check=_project_continuity,
    summary="2019 格式表二“上一年项目数量”与上一年度报告的项目数量加增减不衔接",
)
