"""The default text of every letter kind (条例 arts. 30–39; 国办函〔2020〕109号; domain.md §7, §12.1).

A fact the letter needs and the platform does not know yet becomes a placeholder ``【…：待填写】`` in
the draft; the clerk replaces it while editing, and the send check (:mod:`.complete`) refuses any
letter that still contains one — so no drafting hint is ever printed.
"""

from __future__ import annotations

from datetime import date

from .kinds import ACT, ACT_SHORT, FEE_ACT, LetterContext, LetterDraft, LetterKind, cn_date
from .remedy import DEFAULT_RULES, clause, remedy_kind
from .replies import PLACEHOLDER, answer

FEE_TABLE_HEADER = ("计收方式", "数量", "单价/档次", "金额（元）")
#: The paragraph after which the fee table is placed in the DOCX (see layout.render_docx).
FEE_TABLE_ANCHOR = "收费明细如下"


class LetterContextError(ValueError):
    """A field the letter needs is missing (raised only by ``draft(..., strict=True)``)."""


def _need(ctx: LetterContext, strict: bool, *names: str) -> None:
    missing = [n for n in names if getattr(ctx, n) in (None, "")]
    if missing and strict:
        raise LetterContextError(f"生成文书缺少必要信息：{', '.join(missing)}")


#: Added after a provisional date in a letter: it is never presented as final.
PROVISIONAL_NOTE = "（暂定，{year}年节假日安排公布后如有变化，以重新计算的期限为准）"


def _day(value: date | None, label: str, provisional_years: frozenset[int] = frozenset()) -> str:
    if value is None:
        return PLACEHOLDER.format(label)
    return cn_date(value) + (
        PROVISIONAL_NOTE.format(year=value.year) if value.year in provisional_years else ""
    )


def _text(value: str, label: str) -> str:
    return value.strip() if value.strip() else PLACEHOLDER.format(label)


def _opening(ctx: LetterContext) -> str:
    return (
        f"本机关于{cn_date(ctx.received)}收到您提出的政府信息公开申请（登记编号：{ctx.tracking_number}），"
        f"申请获取“{ctx.description}”。"
    )


def _remedy(ctx: LetterContext, row: str, subject: str = "本答复") -> str:
    rule = ctx.remedy or DEFAULT_RULES[remedy_kind(row)]
    return clause(rule, review_body=_text(ctx.review_body, "行政复议机关"), dated=ctx.today, subject=subject)


def _abbreviate(body: str) -> str:
    """The 条例 in full at its first mention with "（以下简称《条例》）", as 《条例》 after that."""
    full, short = body.find(ACT), body.find(ACT_SHORT)
    if full < 0 and short < 0:
        return body
    first = min(i for i in (full, short) if i >= 0)
    length = len(ACT) if first == full else len(ACT_SHORT)
    rest = body[first + length :].replace(ACT, ACT_SHORT)
    return f"{body[:first]}{ACT}（以下简称{ACT_SHORT}）{rest}"


def draft(kind: LetterKind, ctx: LetterContext, *, strict: bool = False) -> LetterDraft:
    """The default text of a letter of ``kind``; the clerk may edit it before sending.

    A missing fact becomes a placeholder for the clerk to fill in (``strict``: an error).
    """
    addressee = f"{ctx.applicant_name}："
    table: tuple[tuple[str, ...], ...] = ()
    paragraphs: list[str]
    if kind is LetterKind.RECEIPT:
        _need(ctx, strict, "reply_due")
        paragraphs = [
            _opening(ctx),
            f"根据{ACT}第三十一条，本机关收到申请的日期为{cn_date(ctx.received)}。"
            f"依照{ACT_SHORT}第三十三条，本机关将在收到申请之日起20个工作日内（即{_day(ctx.reply_due, '答复期限', ctx.provisional_years)}前）予以答复；"
            "需要延长答复期限的，将另行告知。您可以凭登记编号查询办理进度。",
        ]
    elif kind is LetterKind.CORRECTION:
        _need(ctx, strict, "correction_items", "supplement_deadline")
        paragraphs = [
            _opening(ctx),
            f"经审查，您的申请内容不够明确。根据{ACT}第三十条，现一次性告知您需要补正的全部事项：",
            _text(ctx.correction_items, "需补正的事项"),
            f"请于{_day(ctx.supplement_deadline, '补正期限', ctx.provisional_years)}前提交补正材料。答复期限自本机关收到补正后的申请之日起计算。"
            "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    elif kind is LetterKind.EXTENSION:
        _need(ctx, strict, "extended_due")
        reason = ctx.extension_reason.strip() or "因需要检索、汇总的信息较多"
        paragraphs = [
            _opening(ctx),
            f"{reason.rstrip('。')}，本机关无法在规定期限内答复。根据{ACT}第三十三条第二款，"
            "经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日，"
            f"本机关将于{_day(ctx.extended_due, '延期后答复期限', ctx.provisional_years)}前作出答复。",
        ]
    elif kind in (LetterKind.CONSULTATION, LetterKind.COPRODUCER):
        _need(ctx, strict, "third_party_name", "consultation_due")
        addressee = f"{_text(ctx.third_party_name, '被征求意见方')}："
        if kind is LetterKind.CONSULTATION:
            article, why = "第三十二条", "本机关认为该信息公开可能损害您的合法权益"
            silence = "逾期未提出意见的，由本机关依照条例的规定决定是否公开。"
        else:
            article, why = "第三十四条", "该信息由本机关与贵机关共同制作"
            silence = "逾期未提出意见的，视为同意公开。"
        paragraphs = [
            f"本机关收到政府信息公开申请（登记编号：{ctx.tracking_number}），申请获取“{ctx.description}”。"
            f"{why}，根据{ACT}{article}，现书面征求您的意见。",
            f"请于{_day(ctx.consultation_due, '答复期限', ctx.provisional_years)}前（收到本征求意见书之日起15个工作日内）书面提出意见。{silence}",
        ]
    elif kind is LetterKind.FEE:
        _need(ctx, strict, "fee_amount")
        amount = f"{ctx.fee_amount}" if ctx.fee_amount is not None else PLACEHOLDER.format("金额")
        table = (FEE_TABLE_HEADER, *ctx.fee_rows) if ctx.fee_rows else ()
        paragraphs = [
            _opening(ctx),
            f"根据{ACT}第四十二条和{FEE_ACT}，您的申请需缴纳信息处理费人民币{amount}元，{FEE_TABLE_ANCHOR}：",
            "" if table else _text(ctx.fee_explanation, "收费明细"),
            f"缴费方式：{_text(ctx.payment_instructions, '缴费方式')}",
            f"请您自收到本通知书之日的次日起{ctx.payment_workdays}个工作日内缴纳。逾期未缴纳的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。缴纳信息处理费期间不计算在答复期限内。",
        ]
    elif kind is LetterKind.REPLY:
        _need(ctx, strict, "outcome", "review_body")
        if not ctx.outcome:
            raise LetterContextError("答复书需要办理结果")
        paragraphs = [_opening(ctx), *answer(ctx), _remedy(ctx, ctx.outcome)]
    elif kind is LetterKind.ART35_REASONS:
        paragraphs = [
            _opening(ctx),
            f"经审查，您申请公开政府信息的数量、频次明显超过合理范围（{_text(ctx.decision_reasons, '申请数量、频次的具体情况')}）。"
            f"根据{ACT}第三十五条，请您说明理由。",
            "本机关认为理由不合理的，告知您不予处理；认为理由合理，但是无法在规定期限内答复的，将确定合理期限后答复并告知您。",
        ]
    elif kind is LetterKind.ART35_LATER:
        paragraphs = [
            _opening(ctx),
            f"您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求，您已说明理由。经审查，本机关认为理由合理，"
            f"但无法在{ACT}第三十三条规定的期限内答复。根据{ACT_SHORT}第三十五条，"
            f"本机关确定延后答复期限为{_text(ctx.extra.get('later_due', ''), '延后的答复期限')}，届时作出答复。",
        ]
    elif kind is LetterKind.THIRD_PARTY_DISCLOSURE:
        _need(ctx, strict, "third_party_name", "public_interest_reasons")
        addressee = f"{_text(ctx.third_party_name, '第三方')}："
        objected = f"您于{cn_date(ctx.consultation_answered)}" if ctx.consultation_answered else "您"
        paragraphs = [
            f"本机关收到政府信息公开申请（登记编号：{ctx.tracking_number}），申请获取“{ctx.description}”。"
            f"本机关已依照{ACT}第三十二条书面征求您的意见，{objected}提出不同意公开。",
            f"经审查，本机关认为不公开可能对公共利益造成重大影响。根据{ACT_SHORT}第三十二条，本机关决定予以公开，现将决定公开的内容和理由书面告知如下：",
            f"决定公开的内容：{_text(ctx.decision_text, '决定公开的内容')}",
            f"理由：{_text(ctx.public_interest_reasons, '决定公开的理由')}",
            _remedy(ctx, "granted", subject="本决定"),
        ]
    else:  # pragma: no cover - the enum is exhaustive
        raise LetterContextError(f"未知的文书类型：{kind}")
    if ctx.office_contact:
        paragraphs.append(f"联系方式：{ctx.office_contact}")
    body = _abbreviate("\n\n".join(p for p in paragraphs if p))
    return LetterDraft(kind=kind, title=kind.label, addressee=addressee, body=body, table=table)
