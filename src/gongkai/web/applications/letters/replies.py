"""The 答复书 of each table 三 outcome row: its art. 36 answer and the articles it rests on.

Only real articles are cited (条例 arts. 14–16, 30, 32, 35–39; 国办函〔2020〕109号 for fees). A row with
no article of its own (（五）5 要求确认或重新出具已获取信息, （六）3 其他) cites none rather than an invented
basis. Facts the answer needs and the clerk has not given (the reasons of a refusal, art. 36(3); what
was withheld and why, art. 37; the responsible agency, art. 36(5)) become placeholders, which the send
check refuses (:func:`gongkai.web.applications.letters.complete.gaps`).
"""

from __future__ import annotations

from .kinds import ACT_SHORT, FEE_ACT, LetterContext

PLACEHOLDER = "【{}：待填写】"

#: 条例第三十六条 items of the answer, chosen on the decision (``Application.answer_item``).
ART36_1 = "art36_1"  # 已主动公开：告知获取的方式、途径
ART36_2 = "art36_2"  # 可以公开：提供或告知方式、途径、时间
ART36_4 = "art36_4"  # 经检索没有所申请公开信息：告知该政府信息不存在
ART36_5 = "art36_5"  # 不属于本机关负责公开：告知并说明理由；能够确定的，告知负责机关名称、联系方式

ANSWER_ITEMS = {
    ART36_1: "已主动公开（第三十六条第（一）项）",
    ART36_2: "可以公开（第三十六条第（二）项）",
    ART36_4: "政府信息不存在（第三十六条第（四）项）",
    ART36_5: "不属于本机关负责公开（第三十六条第（五）项）",
}
#: The answer items each outcome row allows (first = default).
ROW_ITEMS = {"granted": (ART36_2, ART36_1), "unable_not_held": (ART36_4, ART36_5)}

# row → (articles cited, answer sentence). Articles per domain.md §2.4 and §5.
_DENIED = "第三十六条第（三）项"
ROWS: dict[str, tuple[str, str]] = {
    "partial": ("第三十七条、第三十六条第（二）项和第（三）项", ""),
    "denied_state_secret": (
        f"第十四条、{_DENIED}",
        "您申请获取的政府信息属于依法确定为国家秘密的政府信息，本机关不予公开。",
    ),
    "denied_law_prohibited": (
        f"第十四条、{_DENIED}",
        "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关不予公开。",
    ),
    "denied_security": (
        f"第十四条、{_DENIED}",
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，本机关不予公开。",
    ),
    "denied_third_party": (
        f"第十五条、第三十二条、{_DENIED}",
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，本机关不予公开。",
    ),
    "denied_internal": (
        f"第十六条第一款、{_DENIED}",
        "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，本机关不予公开。",
    ),
    "denied_process": (
        f"第十六条第二款、{_DENIED}",
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，本机关不予公开。",
    ),
    "denied_enforcement_file": (
        f"第十六条第二款、{_DENIED}",
        "您申请获取的政府信息属于行政执法案卷信息，本机关不予公开。",
    ),
    "denied_admin_query": (
        "第三十六条第（七）项",
        "您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定，请您依照有关法律、行政法规的规定办理。",
    ),
    "unable_needs_creation": (
        "第三十八条",
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。",
    ),
    "unable_still_unclear": ("第三十条", "经补正，您的申请内容仍不明确，本机关无法提供。"),
    "nohandle_petition": (
        "第三十九条第一款",
        "您以政府信息公开申请的形式提出的信访、投诉、举报等诉求，本机关不作为政府信息公开申请处理，请您通过相应渠道提出。",
    ),
    "nohandle_repeat": ("第三十六条第（六）项", "您重复申请公开本机关已答复的政府信息，本机关不予重复处理。"),
    "nohandle_publication": (
        "第三十九条第二款",
        "您申请获取的信息属于公开出版物，请您通过公开出版渠道获取。",
    ),
    "nohandle_excessive": (
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您说明的理由不合理，本机关不予处理。",
    ),
    "nohandle_confirm": (
        "",
        "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。",
    ),
    "other_no_correction": (
        "第三十条",
        "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    "other_no_fee": ("", "您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该政府信息公开申请。"),
    "other_other": ("", "您的申请已按其他情形办结。"),
}


def _need(value: str, label: str) -> str:
    return value.strip() if value.strip() else PLACEHOLDER.format(label)


def articles(ctx: LetterContext) -> str:
    """The articles a reply of ``ctx.outcome`` cites, e.g. 《条例》第三十六条第（五）项 ("" if none)."""
    row = ctx.outcome
    if row == "granted":
        return (
            f"{ACT_SHORT}第三十六条第（一）项"
            if ctx.answer_item == ART36_1
            else f"{ACT_SHORT}第三十六条第（二）项"
        )
    if row == "unable_not_held":
        return (
            f"{ACT_SHORT}第三十六条第（五）项"
            if ctx.answer_item == ART36_5
            else f"{ACT_SHORT}第三十六条第（四）项"
        )
    if row == "other_no_fee":
        return FEE_ACT
    cited = ROWS[row][0]
    return f"{ACT_SHORT}{cited}" if cited else ""


def answer(ctx: LetterContext) -> list[str]:
    """The paragraphs of the answer (without opening and remedy clause)."""
    row = ctx.outcome
    basis = articles(ctx)
    lead = f"根据{basis}的规定，" if basis else ""
    note = ctx.decision_text.strip()
    if row == "granted":
        if ctx.answer_item == ART36_1:
            return [
                f"经审查，您申请获取的政府信息已经主动公开。{lead}现告知您获取该政府信息的方式和途径："
                f"{_need(note, '获取的方式和途径')}"
            ]
        how = note or ctx.provision or "随本答复书向您提供"
        return [
            f"经审查，您申请获取的政府信息属于可以公开的政府信息。{lead}本机关予以公开，{how}。".replace(
                "。。", "。"
            )
        ]
    if row == "partial":
        return [
            f"经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。{lead}本机关向您提供可以公开的部分"
            f"{('（' + note + '）') if note else ''}。",
            f"不予公开的内容：{_need(ctx.withheld_parts, '不予公开的内容')}",
            f"不予公开的理由：{_need(ctx.decision_reasons, '不予公开的理由')}",
        ]
    if row.startswith("denied_"):
        sentence = ROWS[row][1]
        label = "办理途径" if row == "denied_admin_query" else "不予公开的理由"
        return [f"经审查，{lead}{sentence}", f"{label}：{_need(ctx.decision_reasons, label)}"]
    if row == "unable_not_held":
        if ctx.answer_item == ART36_5:
            if ctx.responsible_unidentified:
                who = "本机关无法确定负责公开该政府信息的行政机关。"
            else:
                contact = _need(ctx.responsible_contact, "负责公开机关的联系方式")
                who = f"负责公开该政府信息的行政机关为{_need(ctx.responsible_agency, '负责公开的行政机关')}，联系方式：{contact}。"
            return [
                f"经审查，您申请获取的政府信息不属于本机关负责公开。{lead}现予告知。",
                f"理由：{_need(ctx.decision_reasons, '不属于本机关负责公开的理由')}",
                who,
            ]
        searched = f"（{note}）" if note else ""
        return [
            f"经检索查找{searched}，本机关没有制作或者获取您申请公开的政府信息。{lead}告知您该政府信息不存在。"
        ]
    sentence = ROWS[row][1]
    text = f"经审查，{sentence}" if not basis else f"经审查，{lead}{sentence}"
    return [text, note] if note else [text]
