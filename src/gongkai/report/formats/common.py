"""Parts shared by the 2021 and 2019 formats: sections, table 三 columns and most rows, table 四.

Labels are verbatim from the formats (domain.md §2, §3); aliases are variants seen in published
reports (domain.md §2.1, §9; tests/corpus). Aliases are compared after the extractor's label
normalisation (NFKC, whitespace removed, quotes unified), so they need not repeat spacing variants.
"""

from __future__ import annotations

from .spec import Column, Row, Section

SECTIONS: tuple[Section, ...] = (
    Section(
        "s1_overview",
        "一、总体情况",
        aliases=("一、总体公开工作情况概述", "一、概述", "一、总体公开情况", "一、基本情况"),
    ),
    Section(
        "s2_proactive",
        "二、主动公开政府信息情况",
        aliases=("二、行政机关主动公开政府信息情况",),
    ),
    Section(
        "s3_requests",
        "三、收到和处理政府信息公开申请情况",
        aliases=("三、行政机关收到和处理政府信息公开申请情况",),
    ),
    Section(
        "s4_review_lit",
        "四、政府信息公开行政复议、行政诉讼情况",
        aliases=(
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "四、政府信息公开行政复议和行政诉讼情况",
            "四、政府信息公开行政复议与行政诉讼情况",
            "四、行政复议与行政诉讼情况",
            "四、政府信息公开行政法复议、行政诉讼情况",
        ),
    ),
    Section(
        "s5_problems",
        "五、存在的主要问题及改进情况",
        aliases=(
            "五、政府信息公开工作存在的问题及改进情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
            "五、存在的主要问题及明年工作计划",
            "五、存在的主要问题及改进措施",
        ),
    ),
    Section(
        "s6_other",
        "六、其他需要报告的事项",
        aliases=("六、需要说明的其他事项", "六、需要说明的其他事项与附表", "六、其他需要说明的事项"),
    ),
)

TABLE3_COLUMNS: tuple[Column, ...] = (
    Column("np", "自然人"),
    Column("com", "商业企业", group="法人或其他组织"),
    Column("res", "科研机构", group="法人或其他组织"),
    Column("npo", "社会公益组织", group="法人或其他组织"),
    Column("law", "法律服务机构", group="法人或其他组织"),
    Column("oth", "其他", group="法人或其他组织"),
    Column("tot", "总计"),
)

TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

G_RESULTS = "三、本年度办理结果"
G_DENIED = "（三）不予公开"
G_UNABLE = "（四）无法提供"
G_NOHANDLE = "（五）不予处理"
G_OTHER = "（六）其他处理"

ROWS_HEAD: tuple[Row, ...] = (
    Row("new_received", "一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量"),
)

ROWS_OUTCOMES_1_TO_5: tuple[Row, ...] = (
    Row("granted", "（一）予以公开", group=G_RESULTS),
    Row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        group=G_RESULTS,
        aliases=("（二）部分公开",),
    ),
    Row("denied_state_secret", "1.属于国家秘密", group=G_DENIED),
    Row(
        "denied_law_prohibited",
        "2.其他法律行政法规禁止公开",
        group=G_DENIED,
        aliases=("2.其他法律行政止公开", "2.其他法律和行政法规禁止公开", "2.其他法律、行政法规禁止公开"),
    ),
    Row("denied_security", "3.危及“三安全一稳定”", group=G_DENIED),
    Row("denied_third_party", "4.保护第三方合法权益", group=G_DENIED),
    Row("denied_internal", "5.属于三类内部事务信息", group=G_DENIED),
    Row("denied_process", "6.属于四类过程性信息", group=G_DENIED, aliases=("6.属于四类过程信息",)),
    Row("denied_enforcement_file", "7.属于行政执法案卷", group=G_DENIED),
    Row("denied_admin_query", "8.属于行政查询事项", group=G_DENIED),
    Row("unable_not_held", "1.本机关不掌握相关政府信息", group=G_UNABLE),
    Row("unable_needs_creation", "2.没有现成信息需要另行制作", group=G_UNABLE),
    Row("unable_still_unclear", "3.补正后申请内容仍不明确", group=G_UNABLE),
    Row("nohandle_petition", "1.信访举报投诉类申请", group=G_NOHANDLE),
    Row("nohandle_repeat", "2.重复申请", group=G_NOHANDLE),
    Row("nohandle_publication", "3.要求提供公开出版物", group=G_NOHANDLE),
    Row("nohandle_excessive", "4.无正当理由大量反复申请", group=G_NOHANDLE),
    Row("nohandle_confirm", "5.要求行政机关确认或重新出具已获取信息", group=G_NOHANDLE),
)

ROWS_TAIL: tuple[Row, ...] = (
    Row("total", "（七）总计", group=G_RESULTS),
    Row("carry_forward", "四、结转下年度继续办理"),
)

TABLE4_BLOCKS: tuple[Column, ...] = (
    Column("review", "行政复议"),
    Column("direct", "未经复议直接起诉", group="行政诉讼"),
    Column("after_review", "复议后起诉", group="行政诉讼"),
)

TABLE4_COLUMNS: tuple[Column, ...] = (
    Column("maintain", "结果维持"),
    Column("correct", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)

TABLE_TITLES: tuple[tuple[str, str], ...] = (
    ("t2", "二、主动公开政府信息情况"),
    ("t3", "三、收到和处理政府信息公开申请情况"),
    ("t4", "四、政府信息公开行政复议、行政诉讼情况"),
)
