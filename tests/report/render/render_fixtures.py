"""Reports for the renderer tests (builders), built from the real numbers of corpus reports.

``xichou_2023`` is 西畴县人民政府 2023 (corpus xichou-county-2023.txt, 2021 format; cells copied by
hand from the published tables) and ``yinchuan_2020`` is 银川市市政管理局 2020 (corpus
yinchuan-szglj-2020.txt, 2019 format, with its real error in the （七）总计 row and a signed 本年增/减).
``zuoling_2021`` keeps the text “撤销” printed in a table 四 cell. They are built with the compact
notation of tests/report/notation.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notation import report_from_rows

from gongkai.report.model import Cell, Report

XICHOU_SECTIONS = {
    "s1_overview": "2023年,西畴县以习近平新时代中国特色社会主义思想为指导,深入贯彻党的二十大精神。\n"
    "(一)加强政府信息公开。2023年以来,主动在政务网上公布政府信息4573条,公示规范性文件目录2个。",
    "s2_proactive": "",
    "s3_requests": "",
    "s4_review_lit": "",
    "s5_problems": "2023年,西畴县认真贯彻落实国家、省州有关政府信息公开决策部署精神和任务要求,取得了一定成效。",
    "s6_other": "2023年度西畴县未收取政府信息公开信息处理费。",
}


def xichou() -> Report:
    report = report_from_rows(
        "2021",
        t2={
            "regulations": "0 0 0",
            "normative_docs": "3 0 9",
            "licensing": "2821",
            "penalty": "296",
            "coercion": "2",
            "admin_fees": "779.508355",
        },
        t3={
            "new_received": "6 0 0 0 0 0 6",
            "granted": "6 0 0 0 0 0 6",
            "total": "6 0 0 0 0 0 6",
        },
        t4="0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0",
        year=2023,
        agency="西畴县人民政府",
        sections=XICHOU_SECTIONS,
        publish_date=dt.date(2024, 1, 22),
    )
    report.title = "西畴县人民政府2023年政府信息公开工作年度报告"
    return report


def yinchuan() -> Report:
    report = report_from_rows(
        "2019",
        t2={
            "regulations": "0 0 0",
            "normative_docs": "0 0 0",
            "licensing": "0 0 0",
            "other_services": "0 0 0",
            "penalty": "0 0 0",
            "coercion": "0 0 0",
            "admin_fees": "4 -3",
            "central_procurement": "7 3168.0656",
        },
        t3={
            "new_received": "1 0 0 0 0 0 1",
            "granted": "1 0 0 0 0 0 1",
            "total": "0 0 0 0 0 0 1",
        },
        t4="0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0",
        year=2020,
        agency="银川市市政管理局",
        publish_date=dt.date(2020, 12, 31),
    )
    report.title = "银川市市政管理局2020年政府信息公开工作年度报告"
    return report


def zuoling() -> Report:
    report = report_from_rows(
        "2021",
        t3={},
        t4="0 0 撤销 0 1 | 0 0 0 0 0 | 0 0 0 0 0",
        year=2021,
        agency="武汉东湖新技术开发区左岭街道办事处",
    )
    report.title = "武汉东湖新技术开发区左岭街道办事处2021年政府信息公开工作年度报告"
    return report


def with_blank(report: Report, cell_id: str) -> Report:
    cells = dict(report.cells)
    cells[cell_id] = Cell(cell_id, None)
    return report.with_cells(cells)


def without(report: Report, cell_id: str) -> Report:
    cells = dict(report.cells)
    del cells[cell_id]
    return report.with_cells(cells)


__all__ = ["Decimal", "with_blank", "without", "xichou", "yinchuan", "zuoling"]
