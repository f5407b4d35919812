"""Demo step: the county's 2025 annual reports with every status, and a 督办.

The reports are **generated**, not real: each unit's cells are made up from a small seed (numbers
that add up, so the core's rules pass), written by the core's HTML renderer from the format data
(:func:`gongkai.render`) and uploaded through the register's service like a real published report.
One of them (县住建局) carries a deliberate error in table 三 (a row whose 总计 does not add up),
so the status page and /check/ show errors. The register's demo already uploads the real 莆田科技局
2025 report for 县发改局; its publication date is set here.

Status as of 2026: on time, late (县住建局 after 1月31日, 桥头镇 after the township date), and
missing (自然资源局, 市场监管局, 石门乡, 东城街道).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import gongkai
from gongkai.report.formats import FORMAT_2021
from gongkai.report.model import Cell, Report
from gongkai.web.accounts.models import User

from .models import Notice, NoticeSubject, Origin, UnitReport
from .records import mark

YEAR = 2025
#: code → (published on, applications received from natural persons, from companies, error?)
PUBLISHED: dict[str, tuple[dt.date, int, int, bool]] = {
    "qx-county": (dt.date(2026, 3, 20), 3, 1, False),
    "qx-office": (dt.date(2026, 1, 15), 5, 1, False),
    "qx-education": (dt.date(2026, 1, 28), 14, 2, False),
    "qx-finance": (dt.date(2026, 1, 30), 4, 3, False),
    "qx-health": (dt.date(2026, 1, 22), 9, 0, False),
    "qx-culture-tourism": (dt.date(2026, 1, 26), 0, 0, False),  # zero where peers are not
    "qx-housing": (dt.date(2026, 2, 16), 21, 6, True),  # late, and with an error
    "qx-chengguan": (dt.date(2026, 3, 10), 6, 0, False),
    "qx-qiaotou": (dt.date(2026, 4, 20), 1, 0, False),  # late (township date 3月31日)
}
REGISTER_REPORT = ("qx-development", dt.date(2026, 1, 20))
#: 2024 reports, for the year-on-year flags: 县卫健局 received 1 then 9 (a change beyond the
#: threshold); both reuse last year's wording (text reused verbatim, from gongkai.compare).
PREVIOUS: dict[str, tuple[dt.date, int, int]] = {
    "qx-health": (dt.date(2025, 1, 20), 1, 0),
    "qx-finance": (dt.date(2025, 1, 24), 4, 2),
}


def unit_report(name: str, year: int, np: int, com: int, *, error: bool = False) -> Report:
    """A plausible 2021-format report: received = granted + partial + not held (+1 carried forward)."""
    cells: dict[str, Any] = {}
    for spec in FORMAT_2021.cells():
        cells[spec.id] = 0
    for col, n in (("np", np), ("com", com)):
        granted = (n * 2) // 3
        partial = (n - granted) // 2
        not_held = n - granted - partial
        cells[f"t3.new_received.{col}"] = n
        cells[f"t3.granted.{col}"] = granted
        cells[f"t3.partial.{col}"] = partial
        cells[f"t3.unable_not_held.{col}"] = not_held
        cells[f"t3.total.{col}"] = n
    for row in [r.key for r in FORMAT_2021.table3_rows]:
        cells[f"t3.{row}.tot"] = cells[f"t3.{row}.np"] + cells[f"t3.{row}.com"]
    if error:
        cells["t3.granted.tot"] += 1  # the printed 总计 does not add up (R3)
    cells["t2.normative_docs.made"] = 1 + np % 3
    cells["t2.normative_docs.in_force"] = 5 + np
    cells["t2.licensing.decisions"] = 10 * (np + com)
    cells["t4.review.maintain"] = 1 if np > 10 else 0
    cells["t4.review.total"] = cells["t4.review.maintain"]
    sections = {
        "s1_overview": f"{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
        "s2_proactive": "主动公开政府信息情况见下表。",
        "s3_requests": f"本年度共收到政府信息公开申请{np + com}件，均已按时答复。",
        "s4_review_lit": "政府信息公开行政复议、行政诉讼情况见下表。",
        "s5_problems": (
            "存在的主要问题是公开内容的及时性有待提高，政策解读的形式还不够丰富。"
            "下一步将加强业务培训，完善信息发布审查机制，持续做好政府信息公开工作。"
        ),
        "s6_other": "本年度未收取信息处理费。",
    }
    return Report(
        format="2021",
        agency=name,
        year=year,
        title=f"{name}{year}年政府信息公开工作年度报告",
        sections=sections,
        cells={cid: Cell(cid, v, str(v)) for cid, v in cells.items()},
        table_formats={"t2": "2021", "t3": "2021", "t4": "2021"},
    )


def load(context: Any) -> None:
    from gongkai.web.disclosures.annual import upload
    from gongkai.web.disclosures.models import AnnualReport

    for code, (published_on, np, com) in PREVIOUS.items():
        agency = context.agencies[code]
        if not AnnualReport.objects.filter(agency=agency, year=YEAR - 1).exists():
            report = unit_report(agency.name, YEAR - 1, np, com)
            data = gongkai.render(report, "html", charts=False)
            previous = upload(agency, None, f"{agency.name}{YEAR - 1}年度报告.html", data, YEAR - 1)
            mark(previous, published_on=published_on)
    for code, (published_on, np, com, error) in PUBLISHED.items():
        agency = context.agencies[code]
        existing = AnnualReport.objects.filter(agency=agency, year=YEAR).first()
        if existing is None:
            report = unit_report(agency.name, YEAR, np, com, error=error)
            data = gongkai.render(report, "html", charts=False)
            existing = upload(agency, None, f"{agency.name}{YEAR}年度报告.html", data, YEAR)
        origin = Origin.GENERATED if code == "qx-education" else Origin.UPLOADED
        mark(existing, origin=origin, published_on=published_on)
    code, published_on = REGISTER_REPORT
    register = AnnualReport.objects.filter(agency=context.agencies[code], year=YEAR).first()
    if register is not None:
        mark(register, origin=Origin.IMPORTED, published_on=published_on)
    supervisor: User = context.users["supervisor"]
    missing = context.agencies["qx-market"]
    if not Notice.objects.filter(agency=missing, year=YEAR, subject=NoticeSubject.MISSING_REPORT).exists():
        from .notices import send

        send(
            supervisor,
            missing,
            NoticeSubject.MISSING_REPORT,
            f"你局{YEAR}年度政府信息公开工作年度报告至今未公布，已超过条例第四十九条规定的期限（次年1月31日前）。"
            "请于收到本通知后5个工作日内公布并反馈。",
            year=YEAR,
        )
    counts = UnitReport.objects.filter(year=YEAR, agency__code__startswith="qx").count()
    context.say(f"监督：青溪县{YEAR}年度报告 {counts} 份（按时、逾期、未公布各有），督办通知 1 份")
