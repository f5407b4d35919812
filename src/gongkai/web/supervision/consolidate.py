"""The consolidated report of a subtree (e.g. 青溪县 汇总): the included units' tables summed per cell.

Included: every unit of the subtree (:func:`.status.units`) whose published report for the year —
uploaded, imported, or generated and published in gongkai (:mod:`.facts`) — is
in the year's national format (2021 format from 2021, 2019 format for 2019–2020). Excluded, with the
reason: units without a published report, and reports in another format (their cells are not the
same cells). A cell a unit's report did not yield as a number (not read, printed blank or text) adds
nothing and the unit is listed among the cell's gaps, so every cell's sum is traceable: its
contributors and its gaps. The core's rules then run on the sum (:func:`gongkai.check`), and the
result renders in every format of :func:`gongkai.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report.findings import Finding
from gongkai.report.formats import Format, format_for_year
from gongkai.report.model import Cell, Report
from gongkai.web.agencies.models import Agency

from .facts import unit_facts
from .records import cell_number
from .status import units

Number = int | Decimal


@dataclass(frozen=True)
class Included:
    agency_id: int
    code: str
    name: str
    cells: dict[str, str]


@dataclass
class Consolidation:
    root: Agency
    year: int
    format: Format
    included: list[Included] = field(default_factory=list)
    excluded: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, reason)
    sums: dict[str, Number] = field(default_factory=dict)

    def report(self) -> Report:
        """The sum as a core :class:`Report` (every cell of the format, section texts explaining it)."""
        names = "、".join(u.name for u in self.included[:20]) + ("等" if len(self.included) > 20 else "")
        intro = (
            f"本报告为{self.root.name}{self.year}年度政府信息公开工作年度报告的汇总数据，"
            f"由{len(self.included)}个单位（{names}）已公布年度报告的统计表逐格相加生成；"
            f"未纳入{len(self.excluded)}个单位。"
        )
        sections = {
            s.key: intro if s.key == "s1_overview" else "（汇总报告：见各单位年度报告。）"
            for s in self.format.sections
        }
        sections["s6_other"] = "汇总报告不含信息处理费收取情况的文字说明，收费金额为各单位之和。"
        cells = {cid: Cell(cid, value, str(value)) for cid, value in self.sums.items()}
        return Report(
            format=self.format.key,
            agency=f"{self.root.name}（汇总）",
            year=self.year,
            title=f"{self.root.name}{self.year}年度政府信息公开工作年度报告（汇总）",
            sections=sections,
            cells=cells,
            table_formats={"t2": self.format.key, "t3": self.format.key, "t4": self.format.key},
            medium="json",
        )

    def findings(self) -> list[Finding]:
        return gongkai.check(self.report())

    def contributors(self, cell_id: str) -> list[tuple[str, str, str]]:
        """(code, name, value) of every included unit whose report gave the cell a number."""
        return [(u.code, u.name, u.cells[cell_id]) for u in self.included if cell_id in u.cells]

    def gaps(self, cell_id: str) -> list[tuple[str, str]]:
        """(code, name) of included units whose report gave no number for the cell."""
        return [(u.code, u.name) for u in self.included if cell_id not in u.cells]

    def render(self, to: str) -> bytes:
        return gongkai.render(self.report(), to, charts=False)


def consolidate(root: Agency, year: int, exclude: frozenset[str] | set[str] = frozenset()) -> Consolidation:
    """The consolidation of ``root``'s subtree for ``year``; units whose code is in ``exclude`` are
    left out by choice (listed as excluded with that reason)."""
    fmt = format_for_year(year)
    if fmt is None:
        raise GongkaiError(f"{year}年度报告为自由格式（2018年及以前），没有可以汇总的统一表格")
    result = Consolidation(root=root, year=year, format=fmt)
    rows = units(root, year)
    facts = {
        agency_id: (f.report_format, f.cells)
        for (agency_id, _year), f in unit_facts([r[0] for r in rows], [year]).items()
    }
    ids = fmt.cell_ids()
    sums: dict[str, Number] = dict.fromkeys(ids, 0)
    for pk, code, name, _kind, _parent in rows:
        fact = facts.get(pk)
        if code in exclude:
            result.excluded.append((code, name, "监督人员选择不纳入"))
            continue
        if fact is None:
            result.excluded.append((code, name, "未公布年度报告"))
            continue
        report_format, cells = fact
        if report_format != fmt.key:
            result.excluded.append(
                (code, name, f"报告使用{report_format or '未知'}格式，与{fmt.key}格式单元格不同")
            )
            continue
        result.included.append(Included(pk, code, name, cells))
        for cid, text in cells.items():
            if cid in sums:
                sums[cid] += cell_number(text)
    result.sums = sums
    return result
