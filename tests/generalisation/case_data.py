"""The invented reports of the generalisation set (see build_cases.py): agencies, prose and figures.

Every agency, number and sentence here is made up; the wording follows how real reports of each
level (省级厅局, 地级市政府, 县区政府及部门, 乡镇, 街道) are written. Prose quotes the table figures, as
real reports do, so that the narrative rules have something true to compare.
"""

from __future__ import annotations

from build_cases import (
    CHROME,
    FULLWIDTH,
    SITE,
    Case,
    Figures,
    printed,
    t3_from,
    t4_from,
)

STD = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
ART50 = [
    "一、总体情况",
    "二、行政机关主动公开政府信息情况",
    "三、行政机关收到和处理政府信息公开申请情况",
    "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    "五、政府信息公开工作存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
LEGACY = [
    "一、概述",
    "二、主动公开政府信息情况",
    "三、依申请公开政府信息情况",
    "四、政府信息公开的收费及减免情况",
    "五、因政府信息公开申请提起行政复议、行政诉讼的情况",
    "六、政府信息公开工作存在的主要问题及改进情况",
]

Z6 = [0, 0, 0, 0, 0, 0]


def preamble(agency: str, year: int, where: str, phone: str) -> list[str]:
    return [
        f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发"
        f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，{agency}编制了"
        f"{year}年政府信息公开工作年度报告。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。本报告中所列数据"
        f"的统计期限自{year}年1月1日起至{year}年12月31日止。本报告电子版可在{where}下载。如对本报告有疑问，请与"
        f"{agency}办公室联系（电话：{phone}）。"
    ]


def t3_sentence(t3: dict[str, list[int]], fmt: str) -> str:
    tot = {k: v[6] for k, v in t3.items()}
    new, carried, forward = tot["new_received"], tot["carried_over"], tot["carry_forward"]
    nohandle = sum(tot[k] for k in tot if k.startswith("nohandle"))
    denied = sum(tot[k] for k in tot if k.startswith("denied"))
    unable = sum(tot[k] for k in tot if k.startswith("unable"))
    other = sum(tot[k] for k in tot if k.startswith("other"))
    s = f"本年度共新收政府信息公开申请{new}件，上年结转{carried}件。"
    s += (
        f"已办结{tot['total']}件，其中予以公开{tot['granted']}件，部分公开{tot['partial']}件，不予公开{denied}件，"
        f"无法提供{unable}件，不予处理{nohandle}件，其他处理{other}件；结转下年度继续办理{forward}件。"
    )
    return s


def t4_sentence(t4: list[int]) -> str:
    review, direct, after = t4[4], t4[9], t4[14]
    if review + direct + after == 0:
        return "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    return (
        f"本年度因政府信息公开工作被申请行政复议{review}件，其中结果维持{t4[0]}件、结果纠正{t4[1]}件、其他结果{t4[2]}件、"
        f"尚未审结{t4[3]}件；被提起行政诉讼{direct + after}件，其中未经复议直接起诉{direct}件、复议后起诉{after}件。"
    )


def overview(agency: str, year: int, proactive: int, new: int, level: str) -> list[str]:
    who = {"gov": "本级政府", "dept": "本机关", "town": "本镇", "street": "本街道"}[level]
    return [
        f"{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于全面推进政务公开"
        f"工作的决策部署，严格执行《条例》，围绕中心工作持续深化政务公开，以公开促落实、促规范、促服务。",
        f"（一）主动公开。{who}全年通过门户网站、政务新媒体等渠道主动公开政府信息{proactive}条，"
        f"重点公开了规划计划、财政资金、重大项目、民生保障等领域信息，及时发布政策解读材料，做到政策文件与解读材料同步组织、"
        f"同步审签、同步发布。",
        f"（二）依申请公开。严格落实依申请公开登记、审核、办理、答复、归档等制度，规范答复文书格式，"
        f"全年新收政府信息公开申请{new}件，均在法定期限内答复。",
        "（三）政府信息管理。落实公开前保密审查和合法性审查机制，动态更新政府信息公开指南和主动公开目录，"
        "对行政规范性文件开展清理，清理结果及时向社会公布。",
        "（四）平台建设。加强政府网站和政务新媒体日常监管，开展季度检查和常态化巡查，完成网站适老化和无障碍改造，"
        "优化政府信息公开专栏栏目设置。",
        "（五）监督保障。将政务公开工作纳入年度综合考核，组织业务培训2次，全年未发生因政府信息公开工作引发的责任追究情况。",
    ]


def problems(year: int) -> list[str]:
    return [
        f"{year}年，我们的政府信息公开工作取得了一定成效，但对照上级要求和群众期盼仍存在一些不足：一是部分领域信息公开的"
        "深度和广度不够，信息更新不够及时；二是政策解读形式较为单一，图解、视频等解读方式运用不多；三是工作人员业务能力"
        "有待进一步提升。",
        f"{year + 1}年，我们将从以下几方面加以改进：一是加强重点领域信息公开，及时更新主动公开内容；二是丰富政策解读形式，"
        "提高解读的针对性和可读性；三是加强业务培训，提升依申请公开办理质量。",
    ]


def other_matters(year: int, fee: str) -> list[str]:
    return [
        f"（一）信息处理费收取情况。{fee}",
        f"（二）落实上级年度政务公开工作要点情况。对照{year}年政务公开工作要点，逐项分解任务，明确责任单位和完成时限，各项任务均已按时完成。",
        "（三）人大代表建议和政协提案办理结果公开情况。本年度承办的人大代表建议和政协提案均已按时办结，办理结果按规定公开。",
    ]


NO_FEE = "本年度未收取政府信息公开信息处理费，未发出收费通知。"


def sections(
    agency: str,
    year: int,
    fmt: str,
    proactive: int,
    t3: dict[str, list[int]],
    t4: list[int],
    level: str,
    where: str,
    phone: str,
    fee: str = NO_FEE,
) -> dict[int, list[str]]:
    return {
        0: preamble(agency, year, where, phone),
        1: overview(agency, year, proactive, t3["new_received"][6], level),
        2: [f"本年度主动公开政府信息{proactive}条。主动公开政府信息具体情况如下表："],
        3: [t3_sentence(t3, fmt) + "具体情况如下表：", "注：表中数据统计口径为本年度内办结的申请。"],
        4: [t4_sentence(t4)],
        5: problems(year),
        6: other_matters(year, fee),
    }


def t2_2021(
    reg: tuple[str, str, str], doc: tuple[str, str, str], lic: str, pen: str, coe: str, fee: str
) -> dict[str, str]:
    out = {}
    for row, vals in (("regulations", reg), ("normative_docs", doc)):
        for col, v in zip(("made", "repealed", "in_force"), vals, strict=True):
            out[f"t2.{row}.{col}"] = v
    out["t2.licensing.decisions"] = lic
    out["t2.penalty.decisions"] = pen
    out["t2.coercion.decisions"] = coe
    out["t2.admin_fees.amount_wan_yuan"] = fee
    return out


def t2_2019(rows: dict[str, tuple[str, ...]]) -> dict[str, str]:
    cols = {
        "regulations": ("new_made", "new_published", "total_published"),
        "normative_docs": ("new_made", "new_published", "total_published"),
        "licensing": ("prev_items", "delta", "decisions"),
        "other_services": ("prev_items", "delta", "decisions"),
        "penalty": ("prev_items", "delta", "decisions"),
        "coercion": ("prev_items", "delta", "decisions"),
        "admin_fees": ("prev_items", "delta"),
        "central_procurement": ("items", "amount"),
    }
    return {f"t2.{r}.{c}": v for r, vals in rows.items() for c, v in zip(cols[r], vals, strict=True)}


def fw(s: str) -> str:
    return s.translate(FULLWIDTH)


def cases() -> list[Case]:
    out: list[Case] = []

    # 1 — a provincial department, 2023, a GBK CMS page with nested layout tables.
    name = "prov-dept-2023-html-gbk"
    agency, year = "湖北省水利厅", 2023
    t3 = t3_from(
        "2021",
        {
            "granted": [21, 3, 0, 0, 1, 0],
            "partial": [4, 1, 0, 0, 0, 0],
            "denied_third_party": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [9, 2, 0, 0, 0, 1],
            "unable_needs_creation": [2, 0, 0, 0, 0, 0],
            "nohandle_petition": [3, 0, 0, 0, 0, 0],
            "nohandle_repeat": [1, 0, 0, 0, 0, 0],
            "other_no_correction": [2, 0, 0, 0, 0, 0],
        },
        carried=[2, 1, 0, 0, 0, 0],
        forward=[3, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([3, 1, 0, 1], [1, 0, 1, 0], [0, 0, 0, 0])
    SITE[name] = "湖北省水利厅"
    out.append(
        Case(
            name=name,
            medium="html-gbk",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2024-01-29",
            headings=STD,
            prose=sections(
                agency,
                year,
                "2021",
                1846,
                t3,
                t4,
                "dept",
                "湖北省水利厅门户网站“政府信息公开年报”栏目",
                "027-87221605",
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("6", "2", "58"), "3125", "46", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["湖北省水利厅", "2024年1月29日"],
            what="GBK page declared gb2312, nested layout tables, navigation and footer boilerplate, 索引号 metadata table,"
            " the official tables with rowspan/colspan and <br/> split header cells, several applicant columns and"
            " carried-over cases, litigation in table 四",
        )
    )

    # 2, 3 — a prefecture-level city government, 2022, the official Word template filled in; the same as PDF.
    agency, year = "赣州市人民政府", 2022
    t3 = t3_from(
        "2021",
        {
            "granted": [412, 86, 3, 2, 25, 14],
            "partial": [53, 17, 0, 1, 6, 2],
            "denied_state_secret": [2, 0, 0, 0, 0, 0],
            "denied_law_prohibited": [3, 1, 0, 0, 0, 0],
            "denied_security": [1, 0, 0, 0, 0, 0],
            "denied_third_party": [7, 3, 0, 0, 1, 0],
            "denied_internal": [4, 1, 0, 0, 0, 0],
            "denied_process": [11, 2, 0, 0, 1, 0],
            "denied_enforcement_file": [5, 1, 0, 0, 0, 0],
            "denied_admin_query": [6, 8, 0, 0, 2, 0],
            "unable_not_held": [187, 41, 1, 3, 12, 6],
            "unable_needs_creation": [36, 9, 0, 0, 2, 1],
            "unable_still_unclear": [14, 2, 0, 0, 0, 0],
            "nohandle_petition": [21, 1, 0, 0, 0, 0],
            "nohandle_repeat": [17, 3, 0, 0, 0, 0],
            "nohandle_publication": [2, 0, 0, 0, 0, 0],
            "nohandle_excessive": [9, 0, 0, 0, 0, 0],
            "nohandle_confirm": [3, 1, 0, 0, 0, 0],
            "other_no_correction": [28, 5, 0, 0, 1, 1],
            "other_no_fee": [1, 0, 0, 0, 0, 0],
            "other_other": [19, 4, 0, 0, 2, 3],
        },
        carried=[38, 9, 0, 0, 3, 1],
        forward=[46, 7, 1, 0, 2, 2],
    )
    t4 = t4_from([41, 9, 12, 8], [11, 2, 4, 5], [6, 1, 2, 3])
    city = dict(
        fmt="2021",
        agency=agency,
        year=year,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        publish_date=None,
        headings=STD,
        prose=sections(
            agency,
            year,
            "2021",
            28416,
            t3,
            t4,
            "gov",
            "赣州市人民政府门户网站政府信息公开专栏",
            "0797-8992012",
            fee="本年度共发出收费通知1件，金额200元；实际收取信息处理费0元（申请人逾期未缴纳，已按规定终止处理）。",
        ),
        figures=Figures(
            t2=t2_2021(("2", "1", "31"), ("45", "12", "386"), "48215", "9562", "312", "15823.6142"),
            t3=printed(t3),
            t4=[str(v) for v in t4],
        ),
        signature=["赣州市人民政府办公室", "2023年3月28日"],
    )
    out.append(
        Case(
            name="city-gov-2022-docx-template",
            medium="docx-template",
            what="the official 2021 Word template (tests/reference/official-template-2021.docx) filled in: merged"
            " cells repeated by the table model, split header cells, large counts in every applicant column,"
            " all （三）–（六） sub-rows non-zero, litigation, fees with six decimals, fee notice in section 六",
            **city,  # type: ignore[arg-type]
        )
    )
    out.append(
        Case(
            name="city-gov-2022-pdf-template",
            medium="pdf-template",
            what="the same report as city-gov-2022-docx-template rendered to PDF by LibreOffice (text layer,"
            " tables drawn with ruling lines, table 三 over a page break)",
            **city,  # type: ignore[arg-type]
        )
    )
    out.append(
        Case(
            name="city-gov-2022-pdftotext",
            medium="pdftotext",
            what="the text of that PDF as `pdftotext -layout` (and archives) keep it: columns aligned with"
            " spaces, labels wrapped onto the lines below their numbers, page breaks inside table 三",
            **city,  # type: ignore[arg-type]
        )
    )

    # 4 — a county bureau, 2024, text copied from its page: tab-separated cells, full-width digits.
    name = "county-bureau-2024-text-tabs"
    agency, year = "桐庐县市场监督管理局", 2024
    t3 = t3_from(
        "2021",
        {
            "granted": [5, 2, 0, 0, 0, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [3, 1, 0, 0, 0, 0],
            "nohandle_repeat": [1, 0, 0, 0, 0, 0],
        },
        carried=[1, 0, 0, 0, 0, 0],
        forward=[0, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0])
    CHROME[name] = (
        [
            "当前位置：首页 > 政务公开 > 政府信息公开 > 政府信息公开年报",
            f"{agency}{year}年政府信息公开工作年度报告",
            "发布时间：2025-01-20 15:32    来源：县市场监管局    浏览次数：312",
            "【字体：大 中 小】 【打印】 【关闭】",
        ],
        [
            "扫一扫在手机打开当前页",
            "【打印本页】 【关闭窗口】",
            "主办：桐庐县人民政府办公室  技术支持：桐庐县大数据发展中心",
        ],
    )
    t2 = t2_2021(("—", "—", "—"), ("1", "0", "4"), fw("2856"), fw("312"), fw("47"), "0")
    out.append(
        Case(
            name=name,
            medium="text-tabs",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2025-01-20",
            headings=STD,
            prose=sections(
                agency, year, "2021", 423, t3, t4, "dept", "桐庐县人民政府门户网站", "0571-64621130"
            ),
            figures=Figures(t2=t2, t3=printed(t3), t4=[str(v) for v in t4]),
            signature=["桐庐县市场监督管理局", "2025年1月20日"],
            what="a copied page (breadcrumb, 发布时间/浏览次数 line, the title twice, footer), tab-separated cells"
            " with merged cells printed once, '—' in the 规章 row of a bureau without rule-making power,"
            " full-width digits in table 二, a direct lawsuit pending",
        )
    )

    # 5 — a township, 2025, pipe rows as a site export, blank cells in table 二.
    name = "township-2025-text-pipes"
    agency, year = "临安区太阳镇人民政府", 2025
    t3 = t3_from(
        "2021",
        {"granted": [2, 0, 0, 0, 0, 0], "unable_not_held": [1, 0, 0, 0, 0, 0]},
        carried=Z6,
        forward=Z6,
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    CHROME[name] = (["信息来源：太阳镇人民政府    发布日期：2026-01-16"], [])
    prose = sections(
        agency, year, "2021", 186, t3, t4, "town", "临安区人民政府门户网站太阳镇专栏", "0571-63810126"
    )
    prose[1] = [
        f"{year}年，太阳镇在区委、区政府的领导下，认真贯彻落实《条例》，紧扣乡村振兴、基层治理等中心工作，"
        "推进基层政务公开标准化规范化建设，全年主动公开政府信息186条。",
        "（一）主动公开方面。围绕财政资金、惠农补贴、社会救助、村级“三务”等群众关注事项，通过镇政府信息公开专栏、"
        "村务公开栏和微信公众号及时公开相关信息。",
        "（二）依申请公开方面。全年收到政府信息公开申请3件，均按时答复，未发生行政复议和行政诉讼。",
        "（三）平台建设及监督保障方面。镇党政办明确专人负责政务公开工作，每月开展一次专栏自查。",
    ]
    out.append(
        Case(
            name=name,
            medium="text-pipes",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2026-01-16",
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2021(("", "", ""), ("0", "0", "0"), "36", "12", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["临安区太阳镇人民政府", "2026年1月16日"],
            what="a township report exported with pipe-separated rows, the 规章 row left blank, small numbers",
        )
    )

    # 6 — a street office, 2021, the statistics workbook (three sheets, merged cells, numbers typed as numbers).
    name = "street-2021-xlsx"
    agency, year = "滨湖街道办事处", 2021
    t3 = t3_from(
        "2021",
        {"granted": [3, 0, 0, 0, 0, 0], "unable_not_held": [2, 1, 0, 0, 0, 0]},
        carried=Z6,
        forward=[1, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="xlsx",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose={},
            figures=Figures(
                t2=t2_2021(("/", "/", "/"), ("0", "0", "0"), "0", "0", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            expected_rules=["SECTION-MISSING"],
            what="a statistics workbook (one table per sheet, title rows, merged cells, numbers as numbers, '/' in"
            " the 规章 row), no prose at all",
        )
    )

    # 7 — a district government, 2019 (trial format), a UTF-8 page: signed deltas, procurement with its unit.
    name = "district-2019-html-utf8"
    agency, year = "江北区人民政府", 2019
    t3 = t3_from(
        "2019",
        {
            "granted": [56, 12, 0, 1, 3, 2],
            "partial": [8, 2, 0, 0, 0, 0],
            "denied_third_party": [2, 0, 0, 0, 0, 0],
            "denied_process": [3, 1, 0, 0, 0, 0],
            "unable_not_held": [41, 9, 0, 0, 2, 1],
            "unable_needs_creation": [5, 0, 0, 0, 0, 0],
            "unable_still_unclear": [3, 0, 0, 0, 0, 0],
            "nohandle_petition": [6, 0, 0, 0, 0, 0],
            "nohandle_repeat": [4, 1, 0, 0, 0, 0],
            "other": [7, 1, 0, 0, 0, 0],
        },
        carried=[5, 1, 0, 0, 0, 0],
        forward=[9, 2, 0, 0, 0, 0],
    )
    t4 = t4_from([5, 2, 1, 1], [2, 0, 1, 1], [1, 0, 0, 0])
    SITE[name] = "江北区人民政府"
    prose = sections(agency, year, "2019", 6215, t3, t4, "gov", "江北区人民政府门户网站", "023-67868012")
    prose[0] = [
        p.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号").replace(
            "〈中华人民共和国政府信息公开工作年度报告格式〉",
            "〈中华人民共和国政府信息公开工作年度报告格式（试行）〉",
        )
        for p in prose[0]
    ]
    prose[6] = ["无。"]
    out.append(
        Case(
            name=name,
            medium="html-utf8",
            fmt="2019",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2020-03-27",
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2019(
                    {
                        "regulations": ("0", "0", "0"),
                        "normative_docs": ("12", "12", "87"),
                        "licensing": ("356", "+12", "18265"),
                        "other_services": ("215", "-3", "4532"),
                        "penalty": ("128", "+5", "3421"),
                        "coercion": ("24", "0", "56"),
                        "admin_fees": ("38", "-6"),
                        "central_procurement": ("1256", "28563.45万元"),
                    }
                ),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["重庆市江北区人民政府办公室", "2020年3月27日"],
            what="2019 trial format on a UTF-8 CMS page: signed 本年增/减 ('+12', '-3'), 采购总金额 with its unit,"
            " a single （六）其他处理 row, litigation after review",
        )
    )

    # 8 — a county government, 2020 (trial format), text copied with spaces between cells.
    name = "county-2020-text-spaces"
    agency, year = "长兴县人民政府", 2020
    t3 = t3_from(
        "2019",
        {
            "granted": [31, 6, 0, 0, 2, 0],
            "partial": [4, 0, 0, 0, 1, 0],
            "denied_state_secret": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [22, 4, 0, 1, 0, 0],
            "unable_needs_creation": [2, 1, 0, 0, 0, 0],
            "nohandle_petition": [5, 0, 0, 0, 0, 0],
            "other": [3, 0, 0, 0, 0, 0],
        },
        carried=[4, 0, 0, 0, 0, 0],
        forward=[2, 1, 0, 0, 0, 0],
    )
    t4 = t4_from([2, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0])
    CHROME[name] = (
        [
            "首页 > 信息公开 > 政府信息公开年报",
            "索引号：002570583/2021-00012  发布机构：县政府办  发布日期：2021-01-28",
        ],
        ["相关链接", "打印本页 关闭窗口"],
    )
    prose = sections(agency, year, "2019", 3310, t3, t4, "gov", "长兴县人民政府门户网站", "0572-6022130")
    prose[0] = [p.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号") for p in prose[0]]
    prose[6] = ["本年度无其他需要报告的事项。"]
    out.append(
        Case(
            name=name,
            medium="text-spaces",
            fmt="2019",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2021-01-28",
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2019(
                    {
                        "regulations": ("0", "0", "0"),
                        "normative_docs": ("9", "9", "64"),
                        "licensing": ("412", "+15", "25873"),
                        "other_services": ("187", "-7", "9120"),
                        "penalty": ("96", "+2", "2875"),
                        "coercion": ("18", "0", "134"),
                        "admin_fees": ("27", "-2"),
                        "central_procurement": ("865", "15234.8"),
                    }
                ),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["长兴县人民政府办公室", "2021年1月28日"],
            what="2019 trial format copied as text with single spaces between cells, split header words"
            " ('商业 企业'), signed deltas, procurement amount without unit",
        )
    )

    # 9 — a city bureau, 2017 (free form, 492号令), prose + the national statistics annex.
    name = "city-bureau-2017-legacy-text"
    agency, year = "绍兴市住房和城乡建设局", 2017
    CHROME[name] = (["绍兴市住房和城乡建设局 > 信息公开 > 政府信息公开年度报告", "发布日期：2018-03-26"], [])
    out.append(
        Case(
            name=name,
            medium="text-tabs",
            fmt="legacy",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2018-03-26",
            headings=LEGACY,
            prose={
                0: [
                    f"本报告根据《中华人民共和国政府信息公开条例》要求，由{agency}编制。全文包括概述，主动公开政府信息情况，"
                    "依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请提起行政复议、行政诉讼的情况，"
                    "政府信息公开工作存在的主要问题及改进情况，需要说明的事项和附表。本报告中所列数据的统计期限自2017年1月1日起"
                    "至2017年12月31日止。"
                ],
                1: [
                    "2017年，我局认真贯彻落实《条例》和省、市关于政务公开工作的部署，调整充实政府信息公开工作领导小组，"
                    "明确办公室为政府信息公开工作机构，配备专兼职工作人员3名。"
                ],
                2: [
                    "2017年，我局共主动公开政府信息1523条，其中通过政府网站公开1498条，通过政府公报公开12条，通过政务微博公开356条，"
                    "通过政务微信公开612条，通过其他方式公开85条。公开内容主要包括机构职能、政策法规、规划计划、"
                    "住房保障、建筑市场监管、房地产市场信息等。"
                ],
                3: [
                    "2017年，我局共收到政府信息公开申请37件，其中当面申请9件，网络申请21件，信函申请7件。已全部按时答复，"
                    "其中属于已主动公开范围的11件，同意公开15件，同意部分公开3件，不同意公开2件，不属于本行政机关公开的4件，"
                    "申请信息不存在的2件。"
                ],
                4: ["2017年，我局未收取政府信息公开相关费用，也无减免情况。"],
                5: [
                    "2017年，我局因政府信息公开申请被提起行政复议2件，行政诉讼1件。行政复议均维持原答复，行政诉讼一审判决驳回原告诉讼请求。"
                ],
                6: [
                    "一是信息公开的及时性有待加强；二是依申请公开答复的规范性需进一步提高。2018年，我局将进一步完善制度，"
                    "加强培训，不断提高政府信息公开工作水平。",
                    "七、需要说明的事项",
                    "无。",
                    "附表：2017年度政府信息公开情况统计表",
                ],
            },
            figures=None,
            legacy_annex=[
                ("一、主动公开情况", "", "", ""),
                ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "1523", "9876"),
                ("其中：主动公开规范性文件数", "条", "14", "86"),
                ("制发规范性文件总数", "件", "14", "86"),
                ("（二）通过不同渠道和方式公开政府信息的情况", "", "", ""),
                ("1.政府公报公开政府信息数", "条", "12", "74"),
                ("2.政府网站公开政府信息数", "条", "1498", "9712"),
                ("3.政务微博公开政府信息数", "条", "356", "1203"),
                ("4.政务微信公开政府信息数", "条", "612", "1530"),
                ("5.其他方式公开政府信息数", "条", "85", "412"),
                ("三、依申请公开情况", "", "", ""),
                ("（一）收到申请数", "件", "37", "215"),
                ("1.当面申请数", "件", "9", "71"),
                ("2.传真申请数", "件", "0", "3"),
                ("3.网络申请数", "件", "21", "96"),
                ("4.信函申请数", "件", "7", "45"),
                ("（二）申请办结数", "件", "37", "215"),
                ("1.按时办结数", "件", "37", "213"),
                ("2.延期办结数", "件", "0", "2"),
                ("（三）申请答复数", "件", "37", "215"),
                ("1.属于已主动公开范围数", "件", "11", "64"),
                ("2.同意公开答复数", "件", "15", "88"),
                ("3.同意部分公开答复数", "件", "3", "12"),
                ("4.不同意公开答复数", "件", "2", "9"),
                ("5.不属于本行政机关公开数", "件", "4", "27"),
                ("6.申请信息不存在数", "件", "2", "15"),
                ("四、行政复议数量", "件", "2", "6"),
                ("（一）维持具体行政行为数", "件", "2", "5"),
                ("（二）被依法纠错数", "件", "0", "1"),
                ("五、行政诉讼数量", "件", "1", "3"),
                ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "1", "3"),
                ("六、举报投诉数量", "件", "0", "0"),
                ("七、依申请公开信息收取的费用", "万元", "0", "0"),
            ],
            legacy_expected={
                "legacy.proactive.total": 1523,
                "legacy.proactive.gazette": 12,
                "legacy.proactive.website": 1498,
                "legacy.requests.received": 37,
                "legacy.requests.answered": 37,
                "legacy.requests.granted": 15,
                "legacy.requests.partial": 3,
                "legacy.requests.denied": 2,
                "legacy.review.total": 2,
                "legacy.litigation.total": 1,
            },
            signature=["绍兴市住房和城乡建设局", "2018年3月26日"],
            what="a 2017 free-form report with the national statistics annex of 2015–2018 (收到申请数, 申请答复数,"
            " 政府网站公开政府信息数, 行政复议数量 …; a 累计 column), tab-separated",
        )
    )

    # 10 — a district bureau, 2023, each table cell on its own line (copied from a page that breaks cells).
    name = "district-bureau-2023-text-lines"
    agency, year = "鹿城区教育局", 2023
    t3 = t3_from(
        "2021",
        {
            "granted": [14, 0, 0, 0, 2, 0],
            "partial": [3, 0, 0, 0, 0, 0],
            "unable_not_held": [6, 1, 0, 0, 0, 0],
            "nohandle_petition": [2, 0, 0, 0, 0, 0],
            "other_other": [1, 0, 0, 0, 0, 0],
        },
        carried=[2, 0, 0, 0, 0, 0],
        forward=[1, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([2, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0])
    CHROME[name] = (["鹿城区人民政府", "政府信息公开", "年度报告"], ["分享到：", "微信 微博 QQ空间"])
    out.append(
        Case(
            name=name,
            medium="text-lines",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=sections(
                agency, year, "2021", 512, t3, t4, "dept", "鹿城区人民政府门户网站", "0577-88125011"
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("2", "1", "17"), "1327", "8", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["温州市鹿城区教育局", "2024年1月25日"],
            what="every table cell on a line of its own (a page copied from a browser that breaks cells), split"
            " header words over two lines, 法律服务机构 applicants, a review and a lawsuit after review",
        )
    )

    # 11 — a county government, 2024, a Word file built from scratch with 条例-style headings and units.
    name = "county-gov-2024-docx"
    agency, year = "德清县人民政府", 2024
    t3 = t3_from(
        "2021",
        {
            "granted": [48, 9, 0, 1, 4, 2],
            "partial": [12, 3, 0, 0, 1, 0],
            "denied_third_party": [3, 1, 0, 0, 0, 0],
            "denied_process": [2, 0, 0, 0, 0, 0],
            "unable_not_held": [35, 6, 0, 0, 3, 1],
            "unable_still_unclear": [4, 0, 0, 0, 0, 0],
            "nohandle_petition": [7, 1, 0, 0, 0, 0],
            "nohandle_excessive": [6, 0, 0, 0, 0, 0],
            "other_no_correction": [5, 1, 0, 0, 0, 0],
        },
        carried=[6, 2, 0, 0, 0, 0],
        forward=[4, 1, 0, 0, 1, 0],
    )
    t4 = t4_from([6, 2, 1, 2], [2, 1, 0, 2], [1, 0, 1, 1])
    out.append(
        Case(
            name=name,
            medium="docx",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=ART50,
            prose=sections(
                agency,
                year,
                "2021",
                4127,
                t3,
                t4,
                "gov",
                "德清县人民政府门户网站",
                "0572-8082216",
                fee="本年度发出收费通知0件，收取信息处理费0元。",
            ),
            figures=Figures(
                t2=t2_2021(("—", "—", "—"), ("23", "7", "152"), "36120件", "2187件", "96件", "1268.3万元"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["德清县人民政府办公室", "2025年3月20日"],
            tracked_changes=True,
            what="a Word file built from scratch (python-docx merges), 条例 art. 50 section titles, numbers with"
            " units in table 二 ('36120件', '1268.3万元'), '—' for 规章, litigation in every block, tracked"
            " changes left in (an old number deleted, the printed one inserted)",
        )
    )

    # 12 — a provincial department, 2020 (trial format), PDF rendered from its Word file.
    name = "prov-dept-2020-pdf"
    agency, year = "浙江省交通运输厅", 2020
    t3 = t3_from(
        "2019",
        {
            "granted": [27, 5, 1, 0, 3, 1],
            "partial": [6, 2, 0, 0, 0, 0],
            "denied_law_prohibited": [1, 0, 0, 0, 0, 0],
            "denied_internal": [2, 0, 0, 0, 0, 0],
            "unable_not_held": [18, 3, 0, 0, 1, 0],
            "unable_needs_creation": [4, 1, 0, 0, 0, 0],
            "nohandle_repeat": [3, 0, 0, 0, 0, 0],
            "other": [2, 1, 0, 0, 0, 0],
        },
        carried=[3, 0, 0, 0, 0, 0],
        forward=[5, 1, 0, 0, 0, 0],
    )
    t4 = t4_from([4, 0, 1, 1], [1, 0, 0, 1], [0, 0, 0, 0])
    prose = sections(agency, year, "2019", 2264, t3, t4, "dept", "浙江省交通运输厅门户网站", "0571-83505012")
    prose[0] = [p.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号") for p in prose[0]]
    prose[6] = ["无。"]
    out.append(
        Case(
            name=name,
            medium="pdf",
            fmt="2019",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2019(
                    {
                        "regulations": ("0", "0", "0"),
                        "normative_docs": ("8", "8", "53"),
                        "licensing": ("62", "-4", "15326"),
                        "other_services": ("35", "+2", "2871"),
                        "penalty": ("41", "0", "6583"),
                        "coercion": ("7", "0", "312"),
                        "admin_fees": ("5", "-1"),
                        "central_procurement": ("214", "9865.32万元"),
                    }
                ),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["浙江省交通运输厅", "2021年1月29日"],
            label_widths=False,
            what="2019 trial format as a PDF rendered by LibreOffice from a Word file left at Word's equal"
            " column widths (labels wrap every two characters; a row cut by a page break, its label"
            " continuing on the next page), signed deltas, procurement in 万元",
        )
    )

    # 13 — a city government, 2025, a UTF-8 page: 条例-style titles, blank cells, thousands separators.
    name = "city-gov-2025-html-utf8"
    agency, year = "湖州市人民政府", 2025
    t3 = t3_from(
        "2021",
        {
            "granted": [163, 38, 2, 1, 12, 5],
            "partial": [21, 6, 0, 0, 2, 0],
            "denied_state_secret": [1, 0, 0, 0, 0, 0],
            "denied_third_party": [4, 2, 0, 0, 0, 0],
            "denied_process": [6, 1, 0, 0, 0, 0],
            "denied_admin_query": [3, 4, 0, 0, 1, 0],
            "unable_not_held": [97, 21, 0, 2, 6, 3],
            "unable_needs_creation": [12, 3, 0, 0, 1, 0],
            "unable_still_unclear": [5, 0, 0, 0, 0, 0],
            "nohandle_petition": [9, 0, 0, 0, 0, 0],
            "nohandle_repeat": [8, 2, 0, 0, 0, 0],
            "nohandle_confirm": [2, 0, 0, 0, 0, 0],
            "other_no_correction": [11, 2, 0, 0, 1, 0],
            "other_other": [6, 1, 0, 0, 0, 1],
        },
        carried=[17, 4, 0, 0, 1, 0],
        forward=[21, 5, 0, 0, 2, 1],
    )
    t4 = t4_from([18, 4, 6, 3], [5, 1, 2, 3], [3, 0, 1, 2])
    SITE[name] = "湖州市人民政府"
    out.append(
        Case(
            name=name,
            medium="html-utf8",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2026-03-30",
            headings=ART50,
            prose=sections(
                agency, year, "2021", 15632, t3, t4, "gov", "湖州市人民政府门户网站", "0572-2398012"
            ),
            figures=Figures(
                t2=t2_2021(("1", "0", "23"), ("31", "9", "247"), "56,231", "4,872", "215", "8615.207"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["湖州市人民政府办公室", "2026年3月30日"],
            what="a UTF-8 CMS page, 条例 art. 50 section titles, thousands separators in table 二 ('56,231'),"
            " many non-zero cells in every block",
        )
    )
    # 15 — a street office, 2022, a Word 97 .doc (saved by an office suite from a from-scratch table).
    name = "street-2022-doc"
    agency, year = "南湖街道办事处", 2022
    t3 = t3_from(
        "2021",
        {
            "granted": [4, 1, 0, 0, 0, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [2, 0, 0, 0, 0, 1],
            "other_other": [1, 0, 0, 0, 0, 0],
        },
        carried=[0, 0, 0, 0, 0, 0],
        forward=[1, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    prose = sections(
        agency, year, "2021", 264, t3, t4, "street", "嘉兴市南湖区人民政府门户网站", "0573-82091235"
    )
    out.append(
        Case(
            name=name,
            medium="doc",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("0", "0", "0"), "0", "15", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["嘉兴市南湖区南湖街道办事处", "2023年1月18日"],
            what="a Word 97 .doc (LibreOffice 'save as'), merged cells, a review, a carried-forward case",
        )
    )

    # 16 — a county bureau, 2021, still on the 2019 trial format (a real compliance error), pipes.
    name = "county-bureau-2021-oldformat-text-pipes"
    agency, year = "象山县农业农村局", 2021
    t3 = t3_from(
        "2019",
        {
            "granted": [6, 1, 0, 0, 0, 0],
            "unable_not_held": [2, 0, 0, 0, 0, 0],
            "other": [1, 0, 0, 0, 0, 0],
        },
        carried=Z6,
        forward=Z6,
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    prose = sections(agency, year, "2019", 356, t3, t4, "dept", "象山县人民政府门户网站", "0574-65721136")
    prose[0] = [p.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号") for p in prose[0]]
    CHROME[name] = (["发布时间：2022-01-25 来源：县农业农村局"], [])
    out.append(
        Case(
            name=name,
            medium="text-pipes",
            fmt="2019",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2022-01-25",
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2019(
                    {
                        "regulations": ("0", "0", "0"),
                        "normative_docs": ("2", "2", "11"),
                        "licensing": ("23", "+1", "412"),
                        "other_services": ("8", "0", "56"),
                        "penalty": ("15", "-2", "37"),
                        "coercion": ("3", "0", "2"),
                        "admin_fees": ("0", "0"),
                        "central_procurement": ("12", "286.5万元"),
                    }
                ),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["象山县农业农村局", "2022年1月25日"],
            expected_rules=["FORMAT-YEAR"],
            what="a 2021 report on the old 2019 trial template (a compliance error the rules must report, the"
            " reader must read as printed)",
        )
    )

    # 17 — a town, 2022, a UTF-8 page whose tables were pasted from Word: <th>, split runs, '/' cells.
    name = "town-2022-html-word"
    agency, year = "天子湖镇人民政府", 2022
    t3 = t3_from(
        "2021",
        {
            "granted": [11, 2, 0, 0, 0, 0],
            "partial": [2, 0, 0, 0, 0, 0],
            "unable_not_held": [3, 1, 0, 0, 0, 0],
        },
        carried=[1, 0, 0, 0, 0, 0],
        forward=Z6,
    )
    SITE[name] = "安吉县人民政府"
    out.append(
        Case(
            name=name,
            medium="html-utf8",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2023-01-30",
            headings=STD,
            prose=sections(
                agency, year, "2021", 318, t3, [0] * 15, "town", "安吉县人民政府门户网站", "0572-5090011"
            ),
            figures=Figures(
                t2=t2_2021(("/", "/", "/"), ("/", "/", "/"), "62", "27", "3", "/"),
                t3=printed(t3),
                t4=["/"] * 15,
            ),
            signature=["安吉县天子湖镇人民政府", "2023年1月30日"],
            word_html=True,
            what="tables pasted from Word into the CMS editor (<th> header cells, a number split over two runs"
            " '1<span>2</span>'), '/' in every table 四 cell and in table 二 rows a town does not have",
        )
    )

    # 18 — a district government, 2024, markdown (sites built on markdown, and transcriptions).
    name = "district-2024-markdown"
    agency, year = "南浔区人民政府", 2024
    t3 = t3_from(
        "2021",
        {
            "granted": [38, 7, 0, 0, 2, 1],
            "partial": [9, 1, 0, 0, 0, 0],
            "denied_process": [2, 0, 0, 0, 0, 0],
            "unable_not_held": [25, 4, 0, 1, 1, 0],
            "unable_needs_creation": [3, 0, 0, 0, 0, 0],
            "nohandle_repeat": [4, 0, 0, 0, 0, 0],
            "other_no_correction": [2, 1, 0, 0, 0, 0],
        },
        carried=[3, 1, 0, 0, 0, 0],
        forward=[2, 0, 0, 0, 1, 0],
    )
    t4 = t4_from([4, 1, 1, 0], [1, 0, 0, 1], [2, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="text-markdown",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=sections(
                agency, year, "2021", 5230, t3, t4, "gov", "南浔区人民政府门户网站", "0572-3022150"
            ),
            figures=Figures(
                t2=t2_2021(("—", "—", "—"), ("14", "3", "96"), "21873", "1652", "88", "612.45"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["湖州市南浔区人民政府办公室", "2025年3月25日"],
            what="markdown: '#' title, '##' section headings, pipe tables with a |---| rule and merged cells"
            " repeated in every row they cover",
        )
    )

    # 19 — a city bureau, 2023, the statistics workbook saved as .xls (BIFF8).
    name = "city-bureau-2023-xls"
    agency, year = "嘉兴市生态环境局", 2023
    t3 = t3_from(
        "2021",
        {
            "granted": [17, 6, 1, 2, 1, 0],
            "partial": [3, 2, 0, 0, 0, 0],
            "denied_third_party": [1, 1, 0, 0, 0, 0],
            "unable_not_held": [8, 2, 0, 0, 0, 0],
            "nohandle_petition": [1, 0, 0, 0, 0, 0],
        },
        carried=[1, 1, 0, 0, 0, 0],
        forward=[2, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([2, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="xls",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose={},
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("3", "1", "27"), "1865", "143", "12", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            expected_rules=["SECTION-MISSING"],
            what="the statistics workbook saved as Excel 97 .xls (merged cells, numbers as numbers)",
        )
    )
    # 21 — a county government, 2023, text copied with ideographic spaces, other numbering styles.
    name = "county-gov-2023-text-ideographic"
    agency, year = "开化县人民政府", 2023
    t3 = t3_from(
        "2021",
        {
            "granted": [22, 4, 0, 0, 1, 0],
            "partial": [5, 1, 0, 0, 0, 0],
            "denied_third_party": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [13, 3, 0, 0, 0, 1],
            "unable_still_unclear": [2, 0, 0, 0, 0, 0],
            "nohandle_repeat": [3, 0, 0, 0, 0, 0],
            "other_no_correction": [1, 0, 0, 0, 0, 0],
        },
        carried=[2, 0, 0, 0, 0, 0],
        forward=[3, 1, 0, 0, 0, 0],
    )
    t4 = t4_from([3, 1, 0, 1], [1, 0, 0, 0], [0, 0, 0, 1])
    CHROME[name] = (
        ["开化县人民政府门户网站 > 政务公开 > 年度报告", "2024-03-15 来源：县政府办"],
        ["【关闭】"],
    )
    out.append(
        Case(
            name=name,
            medium="text-ideo",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2024-03-15",
            headings=[h.replace("、", "、 ", 1) for h in STD],
            prose=sections(
                agency, year, "2021", 3896, t3, t4, "gov", "开化县人民政府门户网站", "0570-6012130"
            ),
            figures=Figures(
                t2=t2_2021(("—", "—", "—"), ("11", "4", "73"), "16504", "1213", "57", "326.81"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["开化县人民政府办公室", "2024年3月15日"],
            relabel={r"^(\d)\.": r"\1、", "（": "(", "）": ")"},
            t3_note=False,
            what="cells separated by ideographic spaces (U+3000), headings with a space after the numeral,"
            " row numbering '1、' and ASCII brackets '(一)', table 三 printed without its 勾稽关系 note",
        )
    )

    # 22 — a city department, 2024, one worksheet with the three tables stacked, totals as formulas.
    name = "city-dept-2024-xlsx-formulas"
    agency, year = "衢州市自然资源和规划局", 2024
    t3 = t3_from(
        "2021",
        {
            "granted": [31, 9, 0, 0, 2, 1],
            "partial": [7, 3, 0, 0, 1, 0],
            "denied_process": [1, 0, 0, 0, 0, 0],
            "denied_admin_query": [4, 6, 0, 0, 1, 0],
            "unable_not_held": [19, 5, 0, 0, 0, 0],
            "nohandle_petition": [2, 0, 0, 0, 0, 0],
            "other_other": [1, 1, 0, 0, 0, 0],
        },
        carried=[4, 1, 0, 0, 0, 0],
        forward=[2, 2, 0, 0, 0, 0],
    )
    t4 = t4_from([5, 1, 2, 1], [2, 0, 1, 0], [1, 1, 0, 0])
    out.append(
        Case(
            name=name,
            medium="xlsx-formulas",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose={},
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("5", "2", "41"), "8732", "96", "4", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            expected_rules=["SECTION-MISSING"],
            what="one worksheet with tables 二, 三, 四 stacked, every 总计 a =SUM formula (cached values"
            " written by LibreOffice), merged cells",
        )
    )

    # 23 — a provincial government office, 2021, GBK page: table 二 as four small tables, <h3> headings.
    name = "prov-office-2021-html-split"
    agency, year = "浙江省人民政府办公厅", 2021
    t3 = t3_from(
        "2021",
        {
            "granted": [86, 21, 1, 2, 7, 3],
            "partial": [12, 4, 0, 0, 1, 0],
            "denied_state_secret": [1, 0, 0, 0, 0, 0],
            "denied_internal": [3, 0, 0, 0, 0, 0],
            "denied_process": [5, 1, 0, 0, 0, 0],
            "unable_not_held": [64, 12, 0, 1, 3, 2],
            "unable_needs_creation": [7, 1, 0, 0, 0, 0],
            "nohandle_petition": [11, 0, 0, 0, 0, 0],
            "nohandle_publication": [1, 0, 0, 0, 0, 0],
            "other_no_correction": [6, 1, 0, 0, 0, 0],
            "other_other": [2, 0, 0, 0, 0, 1],
        },
        carried=[9, 2, 0, 0, 1, 0],
        forward=[12, 3, 0, 0, 0, 1],
    )
    t4 = t4_from([9, 2, 3, 2], [3, 0, 1, 2], [2, 0, 0, 1])
    SITE[name] = "浙江省人民政府"
    out.append(
        Case(
            name=name,
            medium="html-gbk",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2022-01-28",
            headings=STD,
            prose=sections(
                agency, year, "2021", 2841, t3, t4, "dept", "浙江省人民政府门户网站", "0571-87052516"
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("0", "0", "0"), "0", "0", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["浙江省人民政府办公厅", "2022年1月28日"],
            split_t2=True,
            html_headings=True,
            what="GBK page, section headings in <h3>, table 二 printed as four small tables (one per 第二十条"
            " block) with all zeros, many non-zero table 三 cells",
        )
    )
    # 24, 25 — an archiving crawler's page.txt (the holdout's own archive): body on one line, cells fused.
    name = "area-office-2024-crawler-fused"
    agency, year = "滨海新区东澳片区管理局", 2024
    t3 = t3_from(
        "2021",
        {
            "granted": [12, 1, 0, 0, 0, 0],
            "partial": [3, 0, 0, 0, 0, 0],
            "unable_not_held": [6, 2, 0, 0, 0, 0],
            "nohandle_repeat": [1, 0, 0, 0, 0, 0],
        },
        carried=[1, 0, 0, 0, 0, 0],
        forward=[2, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([1, 0, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="text-crawler",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年度政府信息公开工作年度报告",
            publish_date="2025-01-21",
            headings=STD,
            prose=sections(agency, year, "2021", 167, t3, t4, "town", "新区门户网站", "0591-2316521"),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("0", "0", "0"), "23", "8", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=[f"{agency}", "2025年1月21日"],
            fused=True,
            what="a crawler's page.txt: 标题/发布时间/原文链接 header, the whole body on one line, header cells"
            " spaced, every row's cells fused into one run of digits (two-digit cells among one-digit ones)",
        )
    )
    name = "bureau-2020-crawler-fused"
    agency, year = "滨海新区文化旅游局", 2020
    t3 = t3_from(
        "2019",
        {
            "granted": [4, 0, 0, 0, 0, 0],
            "unable_not_held": [2, 1, 0, 0, 0, 0],
            "other": [1, 0, 0, 0, 0, 0],
        },
        carried=Z6,
        forward=Z6,
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    prose = sections(agency, year, "2019", 96, t3, t4, "dept", "新区门户网站", "0591-2316530")
    prose[0] = [p.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号") for p in prose[0]]
    out.append(
        Case(
            name=name,
            medium="text-crawler",
            fmt="2019",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2021-01-26",
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2019(
                    {
                        "regulations": ("0", "0", "0"),
                        "normative_docs": ("1", "1", "3"),
                        "licensing": ("12", "-1", "86"),
                        "other_services": ("4", "0", "17"),
                        "penalty": ("9", "+2", "31"),
                        "coercion": ("0", "0", "0"),
                        "admin_fees": ("0", "0"),
                        "central_procurement": ("6", "128.6万元"),
                    }
                ),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=[f"{agency}", "2021年1月26日"],
            fused=True,
            what="the same crawler form in the 2019 format: table 二 rows fused with signed deltas and a"
            " procurement amount with its unit",
        )
    )
    # 26 — a county bureau, 2022, the template as PDF with 重复标题行 on table 三, prose quoting table 二.
    name = "county-bureau-2022-pdf-repeat-header"
    agency, year = "常山县住房和城乡建设局", 2022
    t3 = t3_from(
        "2021",
        {
            "granted": [9, 3, 0, 0, 0, 1],
            "partial": [2, 1, 0, 0, 0, 0],
            "denied_third_party": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [5, 2, 0, 0, 1, 0],
            "unable_needs_creation": [1, 0, 0, 0, 0, 0],
            "nohandle_petition": [2, 0, 0, 0, 0, 0],
            "other_no_correction": [1, 0, 0, 0, 0, 0],
            "other_other": [1, 0, 0, 0, 0, 0],
        },
        carried=[1, 1, 0, 0, 0, 0],
        forward=[2, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([2, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 0])
    prose = sections(agency, year, "2021", 743, t3, t4, "dept", "常山县人民政府门户网站", "0570-5021143")
    prose[2] = [
        "本年度主动公开政府信息743条。全年制发行政规范性文件2件、废止1件，现行有效行政规范性文件15件；"
        "作出行政许可决定1268件、行政处罚决定37件、行政强制决定2件。具体情况如下表："
    ]
    out.append(
        Case(
            name=name,
            medium="pdf-template",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("2", "1", "15"), "1268", "37", "2", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["常山县住房和城乡建设局", "2023年1月20日"],
            repeat_header=True,
            what="the official template as a PDF with Word's 重复标题行 on table 三 (its three header rows"
            " printed again on the next page), prose before table 二 quoting its figures",
        )
    )

    # 27 — a district bureau, 2023, pipes, table 二 without its 第二十条 heading rows, prose quoting it.
    name = "district-bureau-2023-t2-no-headings"
    agency, year = "柯城区卫生健康局", 2023
    t3 = t3_from(
        "2021",
        {
            "granted": [7, 0, 0, 0, 1, 0],
            "unable_not_held": [3, 0, 0, 0, 0, 0],
            "nohandle_repeat": [1, 0, 0, 0, 0, 0],
        },
        carried=Z6,
        forward=[1, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    prose = sections(agency, year, "2021", 412, t3, t4, "dept", "柯城区人民政府门户网站", "0570-3012245")
    prose[2] = [
        "本年度主动公开政府信息412条，其中制发行政规范性文件1件，现行有效行政规范性文件6件；"
        "行政许可办理2035件，行政处罚58件，行政强制0件，收取行政事业性收费12.6万元。具体情况如下表："
    ]
    out.append(
        Case(
            name=name,
            medium="text-pipes",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=prose,
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("1", "0", "6"), "2035", "58", "0", "12.6"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["衢州市柯城区卫生健康局", "2024年1月22日"],
            t2_headings=False,
            what="table 二 printed without its 第二十条第（X）项 heading rows (only 信息内容 rows and values), after"
            " prose that quotes the same figures with the same row names",
        )
    )
    # 28 — a county bureau, 2025, tabs, table 三 with one label column and group labels on their own rows.
    name = "county-bureau-2025-text-group-rows"
    agency, year = "江山市民政局", 2025
    t3 = t3_from(
        "2021",
        {
            "granted": [6, 0, 0, 1, 0, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "denied_internal": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [4, 1, 0, 0, 0, 0],
            "nohandle_confirm": [1, 0, 0, 0, 0, 0],
            "other_no_fee": [1, 0, 0, 0, 0, 0],
        },
        carried=[1, 0, 0, 0, 0, 0],
        forward=Z6,
    )
    t4 = t4_from([1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="text-tabs",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=sections(
                agency, year, "2021", 288, t3, t4, "dept", "江山市人民政府门户网站", "0570-4022316"
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("2", "0", "12"), "4310", "0", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["江山市民政局", "2026年1月23日"],
            group_rows=True,
            what="table 三 as a hand-made table: one label column, 三、本年度办理结果 and the （三）–（六） group"
            " labels on rows of their own with empty cells, tab-separated",
        )
    )

    # 29 — a district government, 2024, PDF of a Word file whose tables have no borders.
    name = "district-gov-2024-pdf-unruled"
    agency, year = "衢江区人民政府", 2024
    t3 = t3_from(
        "2021",
        {
            "granted": [25, 5, 0, 0, 1, 0],
            "partial": [4, 1, 0, 0, 0, 0],
            "unable_not_held": [11, 2, 0, 0, 1, 0],
            "nohandle_petition": [3, 0, 0, 0, 0, 0],
            "other_no_correction": [2, 0, 0, 0, 0, 0],
        },
        carried=[2, 0, 0, 0, 0, 0],
        forward=[1, 1, 0, 0, 0, 0],
    )
    t4 = t4_from([2, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="pdf",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=sections(
                agency, year, "2021", 3127, t3, t4, "gov", "衢江区人民政府门户网站", "0570-3882012"
            ),
            figures=Figures(
                t2=t2_2021(("—", "—", "—"), ("6", "2", "44"), "12876", "803", "21", "97.35"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["衢州市衢江区人民政府办公室", "2025年3月26日"],
            borderless=True,
            what="a PDF whose tables have no ruling lines (the Word tables had no borders): rows and columns"
            " only from the positions of the words",
        )
    )
    # 30 — a department subsite, 2023: the title without the agency, year in Chinese numerals elsewhere,
    # related links to other years' reports below the text.
    name = "bureau-2023-bare-title-related-links"
    agency, year = "龙游县财政局", 2023
    t3 = t3_from(
        "2021",
        {"granted": [3, 1, 0, 0, 0, 0], "unable_not_held": [2, 0, 0, 0, 0, 0]},
        carried=Z6,
        forward=Z6,
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    CHROME[name] = (
        ["龙游县财政局 > 政府信息公开 > 政府信息公开年报", "发布日期：2024-01-19    信息来源：县财政局"],
        [
            "相关文章",
            "龙游县财政局2022年政府信息公开工作年度报告",
            "龙游县财政局2021年政府信息公开工作年度报告",
            "龙游县人民政府2023年政府信息公开工作年度报告",
            "版权所有：龙游县人民政府  网站标识码：3308250001",
        ],
    )
    out.append(
        Case(
            name=name,
            medium="text-pipes",
            fmt="2021",
            agency=agency,
            year=year,
            title="2023年政府信息公开工作年度报告",
            publish_date="2024-01-19",
            headings=STD,
            prose=sections(
                agency, year, "2021", 205, t3, t4, "dept", "龙游县人民政府门户网站", "0570-7012125"
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("3", "2", "18"), "0", "0", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["龙游县财政局", "2024年1月19日"],
            what="a department subsite: the title without the agency (the agency only in the breadcrumb, the"
            " preamble and the signature), 'related articles' with other agencies' and years' report"
            " titles below the text",
        )
    )

    # 31 — a county government, 2022: the year in the title in Chinese numerals.
    name = "county-gov-2022-chinese-numeral-year"
    agency, year = "遂昌县人民政府", 2022
    t3 = t3_from(
        "2021",
        {
            "granted": [18, 2, 0, 0, 1, 0],
            "partial": [2, 0, 0, 0, 0, 0],
            "unable_not_held": [9, 1, 0, 0, 0, 0],
            "nohandle_petition": [1, 0, 0, 0, 0, 0],
        },
        carried=[1, 0, 0, 0, 0, 0],
        forward=[2, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([1, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="text-tabs",
            fmt="2021",
            agency=agency,
            year=year,
            title="遂昌县人民政府二〇二二年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=sections(
                agency, year, "2021", 2675, t3, t4, "gov", "遂昌县人民政府门户网站", "0578-8122013"
            ),
            figures=Figures(
                t2=t2_2021(("—", "—", "—"), ("7", "3", "58"), "9856", "611", "17", "204.5"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["遂昌县人民政府办公室", "二〇二三年三月二十日"],
            what="the year in the title and the signature date written in Chinese numerals (二〇二二年,"
            " 二〇二三年三月二十日)",
        )
    )
    # 32 — a district bureau, 2024, a page that leaves zero cells of tables 三 and 四 empty.
    name = "district-bureau-2024-html-blank-zeros"
    agency, year = "婺城区交通运输局", 2024
    t3v = t3_from(
        "2021",
        {
            "granted": [8, 2, 0, 0, 0, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [4, 0, 0, 0, 0, 1],
            "nohandle_repeat": [1, 0, 0, 0, 0, 0],
        },
        carried=[1, 0, 0, 0, 0, 0],
        forward=Z6,
    )
    t4v = t4_from([1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    SITE[name] = "金华市婺城区人民政府"
    out.append(
        Case(
            name=name,
            medium="html-utf8",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date="2025-01-24",
            headings=STD,
            prose=sections(
                agency, year, "2021", 356, t3v, t4v, "dept", "婺城区人民政府门户网站", "0579-82468012"
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("1", "0", "9"), "3620", "215", "9", "0"),
                t3={k: [str(v) if v else "" for v in vs] for k, vs in t3v.items()},
                t4=[str(v) if v else "" for v in t4v],
            ),
            signature=["金华市婺城区交通运输局", "2025年1月24日"],
            consistent=True,
            what="a page whose tables 三 and 四 leave every zero cell empty (most rows blank throughout)",
        )
    )

    # 33 — a town, 2023, tabs, the long row labels of table 三 shortened as many agencies print them.
    name = "town-2023-text-short-labels"
    agency, year = "汤溪镇人民政府", 2023
    t3 = t3_from(
        "2021",
        {
            "granted": [3, 0, 0, 0, 0, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [1, 0, 0, 0, 0, 0],
            "other_no_correction": [1, 0, 0, 0, 0, 0],
        },
        carried=Z6,
        forward=Z6,
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="text-tabs",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=sections(
                agency, year, "2021", 133, t3, t4, "town", "金华市婺城区人民政府门户网站", "0579-82658011"
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("0", "0", "0"), "18", "6", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            signature=["金华市婺城区汤溪镇人民政府", "2024年1月29日"],
            relabel={
                "（区分处理的，只计这一情形，不计其他情形）": "",
                "、行政机关不再处理其政府信息公开申请": "",
            },
            what="table 三 with the long labels shortened: （二）部分公开 without its note, （六）1/2 without"
            " '、行政机关不再处理其政府信息公开申请'",
        )
    )
    # 34 — a street office, 2025, a workbook whose cells were formatted as text before typing.
    name = "street-2025-xlsx-text-numbers"
    agency, year = "府山街道办事处", 2025
    t3 = t3_from(
        "2021",
        {"granted": [5, 1, 0, 0, 0, 0], "partial": [1, 0, 0, 0, 0, 0], "unable_not_held": [2, 0, 0, 0, 0, 0]},
        carried=[1, 0, 0, 0, 0, 0],
        forward=[1, 0, 0, 0, 0, 0],
    )
    t4 = t4_from([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    out.append(
        Case(
            name=name,
            medium="xlsx",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose={},
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("0", "0", "0"), "0", "3", "0", "0"),
                t3=printed(t3),
                t4=[str(v) for v in t4],
            ),
            numbers_as_text=True,
            expected_rules=["SECTION-MISSING"],
            what="a statistics workbook whose cells were formatted as text: every number is a string cell",
        )
    )
    # 35 — a county bureau, 2022, tabs, tables printed with errors (as real reports are): the rules
    # must report them and the reader must keep the printed values, never repair them.
    name = "county-bureau-2022-inconsistent-tabs"
    agency, year = "缙云县人力资源和社会保障局", 2022
    t3 = t3_from(
        "2021",
        {
            "granted": [9, 1, 0, 0, 0, 0],
            "partial": [2, 0, 0, 0, 0, 0],
            "unable_not_held": [4, 1, 0, 0, 0, 0],
        },
        carried=[1, 0, 0, 0, 0, 0],
        forward=[2, 0, 0, 0, 0, 0],
    )
    t3p = printed(t3)
    t3p["total"] = ["16", "2", "0", "0", "0", "0", "17"]  # 自然人 总计 misprinted (15 + 2 carried ≠ 16)
    t4p = ["1", "1", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]  # 复议 总计 1 ≠ 1 + 1
    out.append(
        Case(
            name=name,
            medium="text-tabs",
            fmt="2021",
            agency=agency,
            year=year,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            publish_date=None,
            headings=STD,
            prose=sections(
                agency,
                year,
                "2021",
                264,
                t3,
                [1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                "dept",
                "缙云县人民政府门户网站",
                "0578-3112233",
            ),
            figures=Figures(
                t2=t2_2021(("0", "0", "0"), ("2", "0", "14"), "5318", "27", "0", "0"),
                t3=t3p,
                t4=t4p,
            ),
            signature=["缙云县人力资源和社会保障局", "2023年1月30日"],
            consistent=False,
            expected_rules=["T3-BALANCE", "T3-OUTCOMES-SUM", "T3-ROW-TOTAL", "T4-BLOCK-TOTAL"],
            what="errors as printed: （七）总计 自然人 16 (the outcomes add up to 15; R1, R2 and R3 break) and"
            " 行政复议 总计 1 with 维持 1 + 纠正 1 (R4); read as printed, reported by the rules",
        )
    )
    return out
