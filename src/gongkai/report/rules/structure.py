"""The shape of the report: sections (R6), the right format for the year (X7), the fee statement.

条例 art. 50 lists what an annual report contains; the formats (国办公开办函〔2019〕60号 and
〔2021〕30号) turn that list into six sections in a fixed order (domain.md §2.1, §4.1 R6, §4.2 X7).
Legacy reports (≤ 2018, 国务院令第492号) had no fixed structure and are not checked here.

``Report.sections`` is read in document order (the extractor inserts sections as it meets them), so
the order of its keys is the printed order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..formats import FORMATS, format_for_year
from ..model import Report
from .base import Rule, table_format

_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _sections_present(report: Report) -> Iterator[Finding]:
    fmt = FORMATS.get(report.format)
    if fmt is None:
        return
    missing = [s for s in fmt.sections if s.key not in report.sections]
    if not missing:
        return
    titles = "、".join(f"“{s.title}”" for s in missing)
    yield SECTION_MISSING.finding(
        f"报告缺少{len(missing)}个规定部分：{titles}（年度报告格式规定六个部分，条例第五十条）",
        expected=[s.key for s in fmt.sections],
        actual=list(report.sections),
        location=report.source,
    )


def _sections_order(report: Report) -> Iterator[Finding]:
    fmt = FORMATS.get(report.format)
    if fmt is None:
        return
    rank = {s.key: i for i, s in enumerate(fmt.sections)}
    printed = [key for key in report.sections if key in rank]
    expected = sorted(printed, key=rank.__getitem__)
    if printed == expected:
        return
    titles = {s.key: s.title for s in fmt.sections}
    yield SECTION_ORDER.finding(
        "报告各部分顺序与规定格式不一致：实际顺序为 " + " → ".join(titles[k] for k in printed),
        expected=expected,
        actual=printed,
        location=report.source,
    )


def _format_year(report: Report) -> Iterator[Finding]:
    if report.year is None:
        return
    due = format_for_year(report.year)
    if due is None:
        return  # ≤ 2018: free-form reports were the rule (国务院令第492号)
    if report.format == "legacy":
        yield FORMAT_YEAR.finding(
            f"{report.year}年度报告未使用规定的年度报告格式（应使用{due.document}印发的格式）",
            expected=due.key,
            actual=report.format,
            location=report.source,
            severity=Severity.WARNING,
        )
        return
    # Tables 二 and 三 tell the formats apart (table 四 is the same in both); judge by what was
    # printed, since real reports mix them (domain.md §1 format detection).
    used = {
        table: fmt
        for table in ("t2", "t3")
        if any(cid.startswith(table + ".") for cid in report.cells)
        and (fmt := table_format(report, table)) is not None
    }
    if not used and report.format in FORMATS:
        used = {"report": FORMATS[report.format]}
    for table, fmt in used.items():
        if fmt.key == due.key:
            continue
        # Table 二's columns changed wholesale in 2021: an old table 二 means the old template (an
        # error from 2021 on). Table 三 differs by one row (（六）其他处理), often kept by mistake in
        # an otherwise current report: a warning.
        old_template = report.year >= 2021 and fmt.key == "2019" and table in ("t2", "report")
        what = "报告" if table == "report" else _TABLE_NAMES[table]
        yield FORMAT_YEAR.finding(
            f"{what}按{fmt.document}的格式填写，{report.year}年度应使用{due.document}印发的格式",
            expected=due.key,
            actual=fmt.key,
            location=report.source,
            severity=Severity.ERROR if old_template else Severity.WARNING,
        )


@dataclass(frozen=True)
class FeeStatement:
    """S6-FEE-STATEMENT, configurable because its basis is [M] in domain.md §2.2.

    ``keywords``: any of them in section 六 counts as stating the 信息处理费 position;
    ``from_year``: the first report year it applies to (国办函〔2020〕109号 in force 2021-01-01 [M]).
    """

    keywords: tuple[str, ...] = ("信息处理费", "处理费", "收费", "收取费用")
    from_year: int = 2021

    def __call__(self, report: Report) -> Iterator[Finding]:
        applies = report.year >= self.from_year if report.year is not None else report.format == "2021"
        text = report.sections.get("s6_other")
        if not applies or text is None:
            return
        if any(k in text for k in self.keywords):
            return
        yield S6_FEE_STATEMENT.finding(
            "第六部分“其他需要报告的事项”未说明信息处理费收取情况（国办函〔2020〕109号；2021 年度格式要求报告）",
            expected="说明发出收费通知的件数和金额、实际收取的金额",
            actual=None,
            location=report.source,
        )


SECTION_MISSING = Rule(
    "SECTION-MISSING",
    Severity.ERROR,
    basis="docs/domain.md §2.1、§4.1 R6：条例第五十条；国办公开办函〔2021〕30号“不能遗漏”",
    check=_sections_present,
    summary="缺少六个规定部分中的某一部分（按标题及其常见变体识别）",
)

SECTION_ORDER = Rule(
    "SECTION-ORDER",
    Severity.ERROR,
    basis="docs/domain.md §4.1 R6、§4.2 X7：年度报告格式规定的六部分顺序",
    check=_sections_order,
    summary="六个部分未按规定顺序排列",
)

FORMAT_YEAR = Rule(
    "FORMAT-YEAR",
    Severity.ERROR,
    basis="docs/domain.md §1、§4.2 X7：2019、2020 年度用国办公开办函〔2019〕60号格式，2021 年度起用〔2021〕30号格式",
    check=_format_year,
    summary="报告年度与所用格式不符（2021 年度起表二仍用 2019 试行格式为错误；表三保留旧行、未用规定格式为警告）",
)

S6_FEE_STATEMENT = Rule(
    "S6-FEE-STATEMENT",
    Severity.WARNING,
    basis="docs/domain.md §2.2 [M]：2021 格式第六部分报告信息处理费收取情况（国办函〔2020〕109号）；关键词可配置",
    check=FeeStatement(),
    summary="2021 年度起第六部分未提及信息处理费（警告；关键词与起始年度可配置）",
)
