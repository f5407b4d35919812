"""Demo step: the education bureau's table 二 figures from other systems, its 2024 report published
(with its own words on problems), and the 2025 report as a draft whose texts are written — ready for
the reviewer and the 负责人 to take through to publication.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import services
from .models import AnnualReport, Status

FIGURES: dict[int, dict[str, tuple[str, str]]] = {
    2024: {
        "t2.licensing.decisions": ("412", "青溪县政务服务网上办事大厅 2024年度统计"),
        "t2.penalty.decisions": ("37", "青溪县行政执法信息平台 2024年度统计"),
        "t2.coercion.decisions": ("0", "青溪县行政执法信息平台 2024年度统计"),
        "t2.admin_fees.amount_wan_yuan": ("12.4560", "青溪县财政非税收入管理系统 2024年度决算"),
    },
    2025: {
        "t2.licensing.decisions": ("437", "青溪县政务服务网上办事大厅 2025年度统计"),
        "t2.penalty.decisions": ("29", "青溪县行政执法信息平台 2025年度统计"),
        "t2.coercion.decisions": ("1", "青溪县行政执法信息平台 2025年度统计"),
        "t2.admin_fees.amount_wan_yuan": ("11.8025", "青溪县财政非税收入管理系统 2025年度决算"),
    },
}

PROBLEMS = {
    2024: (
        "（一）存在的主要问题。一是部分科室对依申请公开答复的规范性把握不够，个别答复告知书援引条款不够准确；"
        "二是政策解读形式较为单一。\n"
        "（二）改进措施。2025年将组织政府信息公开业务培训，规范答复文书；丰富图解、问答等解读形式。"
    ),
    2025: (
        "（一）2024年度问题的整改情况。组织业务培训2次，修订答复文书范本，答复援引条款的问题已整改。\n"
        "（二）存在的主要问题。一是被复议纠正1件、被判决确认违法1件，答复说理仍需加强；二是少数申请办理用时偏长。\n"
        "（三）改进措施。2026年建立疑难申请集体研判机制，答复前进行法制审核；加强办理时限提醒。"
    ),
}


def load(context: Any) -> None:
    agency = context.agencies["qx-education"]
    if AnnualReport.objects.filter(agency=agency).exists():
        context.say("年度报告：演示数据已存在，未重复添加")
        return
    users = context.users
    for year, figures in FIGURES.items():
        for cell, (value, source) in figures.items():
            services.set_source_figure(users["clerk"], agency, year, cell, value, source)
    # 2024: taken through the whole workflow and published on 20 January 2025.
    report = services.report_for(users["clerk"], agency, 2024)
    services.edit_sections(users["clerk"], report, {"s5_problems": PROBLEMS[2024]})
    services.move(users["clerk"], report, Status.IN_REVIEW)
    services.move(users["reviewer"], report, Status.REVIEWED)
    services.move(users["approver"], report, Status.APPROVED)
    services.publish(users["approver"], report, today=dt.date(2025, 1, 20))
    # 2025: a draft with the agency's own words, waiting to be submitted.
    report = services.report_for(users["clerk"], agency, 2025)
    services.edit_sections(users["clerk"], report, {"s5_problems": PROBLEMS[2025]})
    context.say(f"年度报告：{agency.name} 2024年度报告已发布；2025年度报告草稿待提交审核")
