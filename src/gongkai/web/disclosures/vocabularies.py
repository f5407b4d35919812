"""The controlled vocabularies of the register, as data.

主题分类 and 体裁 are seeded into :class:`~gongkai.web.disclosures.models.Term` by the app's data
migration and are editable by the system administrator afterwards (the national catalogue guide —
国办秘书局《政府信息公开目录系统实施指引（试行）》 — leaves the lists to each government; these are the
usual ones of provincial portals). 条例第二十条's fifteen items and the default catalogue columns are
fixed by the law and kept here.
"""

from __future__ import annotations

#: (code, label) of 主题分类 — the common first-level list of provincial catalogues.
TOPICS: tuple[tuple[str, str], ...] = (
    ("zhengwu", "综合政务"),
    ("guomin", "国民经济管理、国有资产监管"),
    ("caizheng", "财政、金融、审计"),
    ("guotu", "国土资源、能源"),
    ("nongye", "农业、林业、水利"),
    ("gongye", "工业、交通"),
    ("shangmao", "商贸、海关、旅游"),
    ("shichang", "市场监管、安全生产监管"),
    ("chengxiang", "城乡建设、环境保护"),
    ("keji", "科技、教育"),
    ("wenhua", "文化、广电、新闻出版"),
    ("weisheng", "卫生、体育"),
    ("renkou", "人口与计划生育、妇女儿童工作"),
    ("laodong", "劳动、人事、监察"),
    ("gongan", "公安、安全、司法"),
    ("minzheng", "民政、扶贫、救灾"),
    ("minzu", "民族、宗教"),
    ("waijiao", "对外事务"),
    ("junshi", "国防"),
    ("qita", "其他"),
)

#: (code, label) of 体裁 (document genre). ``rule``/``normative`` mark 规章 and 行政规范性文件,
#: whose validity history feeds table 二 第二十条第（一）项.
GENRES: tuple[tuple[str, str], ...] = (
    ("rule", "规章"),
    ("normative", "行政规范性文件"),
    ("decision", "决定"),
    ("order", "命令（令）"),
    ("notice", "通知"),
    ("circular", "通报"),
    ("opinion", "意见"),
    ("reply", "批复"),
    ("report", "报告"),
    ("announcement", "公告"),
    ("public_notice", "通告"),
    ("plan", "规划"),
    ("interpretation", "政策解读"),
    ("table", "统计表"),
    ("other", "其他"),
)

#: Genres whose documents have a validity history counted in table 二 第二十条第（一）项.
REGULATORY_GENRES = ("rule", "normative")

#: 条例第二十条's fifteen items (domain.md §5), numbered as in the article.
ARTICLE_20_ITEMS: tuple[tuple[int, str], ...] = (
    (1, "行政法规、规章和规范性文件"),
    (2, "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    (3, "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    (4, "国民经济和社会发展统计信息"),
    (5, "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    (6, "实施行政处罚、行政强制的依据、条件、程序以及本机关认为具有一定社会影响的行政处罚决定"),
    (7, "财政预算、决算信息"),
    (8, "行政事业性收费项目及其依据、标准"),
    (9, "政府集中采购项目的目录、标准及实施情况"),
    (10, "重大建设项目的批准和实施情况"),
    (11, "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    (12, "突发公共事件的应急预案、预警信息及应对情况"),
    (13, "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    (14, "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    (15, "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)

CHINESE_NUMERALS = "一二三四五六七八九十"


def article20_label(number: int) -> str:
    """``第二十条第（七）项``."""
    numeral = CHINESE_NUMERALS[number - 1] if number <= 10 else "十" + CHINESE_NUMERALS[number - 11]
    return f"第二十条第（{numeral}）项"


#: The usual columns of an agency's 公开目录 (slug, name, 第二十条 items), seeded per agency and
#: editable: 条例第二十条 grouped as provincial catalogues group it.
DEFAULT_CATALOGUE: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("jgzn", "机构职能", (2,)),
    ("fgwj", "法规文件", (1,)),
    ("zcjd", "政策解读", (1,)),
    ("ghjh", "规划计划", (3,)),
    ("tjxx", "统计信息", (4,)),
    ("xzxk", "行政许可和服务事项", (5,)),
    ("xzcf", "行政处罚和行政强制", (6,)),
    ("czyjs", "财政预决算", (7,)),
    ("sfxm", "行政事业性收费", (8,)),
    ("zfcg", "政府采购", (9,)),
    ("zdxm", "重大建设项目", (10,)),
    ("msbz", "民生保障", (11,)),
    ("yjgl", "应急管理", (12,)),
    ("jdjc", "监督检查", (13,)),
    ("rsxx", "人事信息", (14,)),
    ("qt", "其他", (15,)),
)
