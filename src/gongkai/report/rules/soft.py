"""Soft checks (warnings): the narrative against the tables (X2), the publication date (X6).

Soft means: a failing check is worth a reviewer's look, not proof of a defect. Both checks are
deliberately conservative — they stay silent whenever the text or the date does not let them be sure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..model import Report
from .base import Number, Rule, fmt_number, label, span_of

# ---- X2: figures quoted in the text vs table 三 -----------------------------------------------------

#: Clause separators: a quoted figure is only compared within its own clause.
_CLAUSE = re.compile(r"[，,。；;！？!?\n：:（）()]")
#: A clause mentioning another year or period ("较上年增加3件", "上年结转") or proactive disclosure
#: ("主动公开…予以公开…条") is about something else.
_OTHER_PERIOD = re.compile(r"上年|去年|上一年|同比|环比|较|比上|结转|累计|历年|以来|月|主动")
#: A match naming another kind of application (复议, 许可 ...) is not about disclosure requests.
_OTHER_KIND = re.compile(r"复议|诉讼|信访|投诉|举报|许可|审批|办件|咨询|热线")


@dataclass(frozen=True)
class Quote:
    """A figure the narrative may quote: the pattern and the cells whose values it may equal.

    ``cells`` lists alternatives, each a tuple of cell ids summed: "收到申请X件" is commonly the new
    applications, but some reports count the carried-over ones in too.
    """

    name: str
    pattern: re.Pattern[str]
    cells: tuple[tuple[str, ...], ...]


_UNIT = r"\s*(?:件|条|份|宗|个|例)"
#: 条 counts documents (proactive items) more often than applications: not for outcome counts.
_OUTCOME_UNIT = r"\s*(?:件|份|宗|个|例)"

QUOTES: tuple[Quote, ...] = (
    Quote(
        "收到申请",
        re.compile(r"(?:收到|受理|接收|新收)[^\d，。；]{0,24}?申请[^\d，。；]{0,4}?(\d+)" + _UNIT),
        (("t3.new_received.tot",), ("t3.new_received.tot", "t3.carried_over.tot")),
    ),
    Quote(
        "办结申请",
        # "办结/办理…申请X件" is the handled total to some, everything received to others.
        re.compile(r"(?:办结|办理|答复)[^\d，。；]{0,24}?申请[^\d，。；]{0,4}?(\d+)" + _UNIT),
        (("t3.total.tot",), ("t3.new_received.tot",), ("t3.new_received.tot", "t3.carried_over.tot")),
    ),
    Quote(
        "予以公开",
        re.compile(r"予以公开[^\d，。；]{0,3}?(\d+)" + _OUTCOME_UNIT),
        (("t3.granted.tot",),),
    ),
    Quote(
        "部分公开",
        re.compile(r"部分公开[^\d，。；]{0,3}?(\d+)" + _OUTCOME_UNIT),
        (("t3.partial.tot",),),
    ),
)

_NARRATIVE_SECTIONS = ("s1_overview", "s3_requests")


def _narrative_vs_table(report: Report) -> Iterator[Finding]:
    for quote in QUOTES:
        readable: list[tuple[tuple[str, ...], Number]] = []
        for ids in quote.cells:
            values = [report.number(cid) for cid in ids]
            if all(v is not None for v in values):
                readable.append((ids, sum(v for v in values if v is not None)))
        if not readable:
            continue  # the table value is not readable: nothing to compare with
        alternatives = [value for _ids, value in readable]
        cells, expected = readable[0]
        primary = cells[0]
        seen: set[int] = set()
        for key in _NARRATIVE_SECTIONS:
            for clause in _CLAUSE.split(report.sections.get(key, "")):
                if _OTHER_PERIOD.search(clause):
                    continue
                for match in quote.pattern.finditer(clause):
                    if _OTHER_KIND.search(match.group(0)):
                        continue
                    quoted = int(match.group(1))
                    if quoted in alternatives or quoted in seen:
                        continue
                    seen.add(quoted)
                    yield NARRATIVE_TABLE.finding(
                        f"正文称“{match.group(0)}”，而{label(report, primary)}为 {fmt_number(expected)}",
                        cells=cells,
                        expected=expected,
                        actual=quoted,
                        location=span_of(report, primary),
                    )


# ---- X6: the publication deadline (条例第四十九条) -------------------------------------------------

#: Agency names ending like this publish the government-level report (due 3月31日).
GOVERNMENT_SUFFIXES: tuple[str, ...] = ("人民政府",)
#: Agency names ending like this are departments of a government (due 1月31日) ...
DEPARTMENT_SUFFIXES: tuple[str, ...] = ("局", "厅", "委员会", "委")
#: ... except these, which are government-like (a development zone's 管委会) — level unknown. A
#: 人民政府办公室 is left unknown too: as the 主管部门 it often publishes the government's report.
NOT_DEPARTMENT_SUFFIXES: tuple[str, ...] = ("管理委员会", "管委会", "管委")


def agency_level(report: Report) -> str | None:
    """ "government", "department" or None (unknown) from the agency's name — the default heuristic."""
    name = (report.agency or "").strip()
    if name.endswith(GOVERNMENT_SUFFIXES):
        return "government"
    if name.endswith(DEPARTMENT_SUFFIXES) and not name.endswith(NOT_DEPARTMENT_SUFFIXES):
        return "department"
    return None


@dataclass(frozen=True)
class PublicationDeadline:
    """X6: the report must be published by the deadline of 条例 art. 49, in year N+1.

    Art. 49: 县级以上人民政府部门 publish by 1月31日; the government-level report is published by
    3月31日. Reports for 2018 and earlier fell under the 2007 条例 (国务院令第492号, art. 31): 3月31日
    for everyone. Configurable because the level of an agency is not always known from its name
    ([M]): ``level_of`` returns "department", "government" or None; when unknown only a date past
    the later deadline is reported, so the warning is certain.
    """

    department: tuple[int, int] = (1, 31)
    government: tuple[int, int] = (3, 31)
    level_of: Callable[[Report], str | None] = agency_level

    def __call__(self, report: Report) -> Iterator[Finding]:
        if report.year is None or report.publish_date is None:
            return
        following = report.year + 1
        latest = dt.date(following, *self.government)
        level = self.level_of(report) if report.year >= 2019 else "government"
        if level == "department":
            due, who = dt.date(following, *self.department), "政府部门"
        elif level == "government":
            due, who = latest, "本级政府"
        else:
            due, who = latest, "任何机关"
        if report.publish_date <= due:
            return
        yield PUBLICATION_DEADLINE.finding(
            f"报告发布日期 {report.publish_date.isoformat()} 晚于{who}年度报告的法定期限 "
            f"{due.isoformat()}（条例第四十九条）",
            expected=due.isoformat(),
            actual=report.publish_date.isoformat(),
            location=report.source,
        )


def _publication_date_early(report: Report) -> Iterator[Finding]:
    if report.year is None or report.publish_date is None:
        return
    if report.publish_date.year > report.year:
        return
    if report.publish_date == dt.date(report.year, 12, 31):
        return  # the last day of the statistics period: early, but possible (seed 001)
    yield PUBLICATION_DATE_EARLY.finding(
        f"报告所署日期 {report.publish_date.isoformat()} 早于 {report.year} 年度统计期结束，日期可能有误",
        expected=f"{report.year + 1}-01-01 之后",
        actual=report.publish_date.isoformat(),
        location=report.source,
    )


NARRATIVE_TABLE = Rule(
    "NARRATIVE-TABLE",
    Severity.WARNING,
    basis="docs/domain.md §4.2 X2：正文所述数字应与表格一致（条例第五十条）",
    check=_narrative_vs_table,
    summary="第一、三部分正文引用的申请数、予以公开数、部分公开数与表三不一致（只比较同一分句中的明确数字）",
)

PUBLICATION_DEADLINE = Rule(
    "PUBLICATION-DEADLINE",
    Severity.WARNING,
    basis="docs/domain.md §4.2 X6、§10 deadlines：条例第四十九条（部门 1月31日前，本级政府 3月31日前）[M 机关层级]",
    check=PublicationDeadline(),
    summary="发布日期晚于条例第四十九条的期限（机关层级不明时只按 3月31日判断；可配置）",
)

PUBLICATION_DATE_EARLY = Rule(
    "PUBLICATION-DATE-EARLY",
    Severity.WARNING,
    basis="docs/domain.md §4.2 X6：报告统计期为当年1月1日至12月31日",
    check=_publication_date_early,
    summary="报告所署日期早于统计年度结束（常见为年份笔误）",
)
