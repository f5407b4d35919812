"""Letters of the application workflow: default texts and DOCX generation (no ORM).

The clerk starts from a default text (:func:`draft`), edits it in a form, and the DOCX is generated
from the edited text (:func:`render_docx`). Once sent, the DOCX bytes and their sha256 are archived
by the ``Letter`` model and never changed.

Letter set (domain.md §7; 条例 arts. 30–39; 国办函〔2020〕109号): 申请接收回执, 补正告知书 (art. 30),
延期答复告知书 (art. 33 ¶2), 第三方征求意见书 (art. 32), 共同制作机关征求意见书 (art. 34),
收费通知书 (109号), and the 答复书/告知书 of each table 三 outcome (art. 36) with the remedy clause
chosen by :func:`gongkai.web.applications.outcomes.remedy_clause`. No national template exists
(domain.md §7); wording follows local template sets such as 宿政办函〔2021〕21号.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ..outcomes import OUTCOMES, RemedyPolicy, remedy_clause

ACT = "《中华人民共和国政府信息公开条例》"


class LetterKind(StrEnum):
    RECEIPT = "receipt"
    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    COPRODUCER = "coproducer"
    FEE = "fee"
    REPLY = "reply"

    @property
    def label(self) -> str:
        return LETTER_LABELS[self]


LETTER_LABELS = {
    LetterKind.RECEIPT: "政府信息公开申请接收回执",
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULTATION: "政府信息公开第三方征求意见书",
    LetterKind.COPRODUCER: "政府信息公开共同制作机关征求意见书",
    LetterKind.FEE: "政府信息公开信息处理费收费通知书",
    LetterKind.REPLY: "政府信息公开申请答复书",
}


def cn_date(d: date) -> str:
    """2026年1月20日 — the date as written in official letters."""
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class LetterContext:
    """Facts a letter may mention. Only the fields a kind needs must be set (:func:`draft` says which)."""

    agency_name: str
    applicant_name: str
    tracking_number: str
    received: date
    description: str
    today: date
    office_contact: str = ""
    reply_due: date | None = None
    correction_items: str = ""
    supplement_deadline: date | None = None
    extended_due: date | None = None
    #: Years without an imported 国务院办公厅 notice: a date in them is 暂定 and the letter says so.
    provisional_years: frozenset[int] = frozenset()
    extension_reason: str = ""
    third_party_name: str = ""
    consultation_due: date | None = None
    fee_amount: Decimal | int | None = None
    fee_explanation: str = ""
    payment_deadline: date | None = None
    outcome: str = ""
    decision_text: str = ""
    review_body: str = ""
    remedy_policy: RemedyPolicy | None = None


@dataclass(frozen=True)
class LetterDraft:
    kind: LetterKind
    title: str
    addressee: str
    body: str  # paragraphs separated by blank lines; the clerk edits this


class LetterContextError(ValueError):
    """A field the letter needs is missing (raised only by ``draft(..., strict=True)``)."""


#: Marks a fact the clerk must fill in before sending (e.g. a due date in a year whose calendar is
#: not loaded yet); :func:`unfilled` finds it and the platform refuses to send such a letter.
PLACEHOLDER = "【{}：待填写】"


def unfilled(text: str) -> list[str]:
    """The placeholders still present in a letter text."""
    return re.findall(r"【[^】]*：待填写】", text)


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


def _opening(ctx: LetterContext) -> str:
    return (
        f"本机关于{cn_date(ctx.received)}收到您提出的政府信息公开申请（登记编号：{ctx.tracking_number}），"
        f"申请获取“{ctx.description}”。"
    )


def draft(kind: LetterKind, ctx: LetterContext, *, strict: bool = False) -> LetterDraft:
    """The default text of a letter of ``kind``; the clerk may edit it before sending.

    A missing fact becomes a :data:`PLACEHOLDER` for the clerk to fill in (``strict``: an error).
    """
    addressee = f"{ctx.applicant_name}："
    paragraphs: list[str]
    if kind is LetterKind.RECEIPT:
        _need(ctx, strict, "reply_due")
        paragraphs = [
            _opening(ctx),
            f"根据{ACT}第三十一条，本机关收到申请的日期为{cn_date(ctx.received)}。"
            f"依照第三十三条，本机关将在收到申请之日起20个工作日内（即{_day(ctx.reply_due, '答复期限', ctx.provisional_years)}前）予以答复；"
            "需要延长答复期限的，将另行告知。您可以凭登记编号查询办理进度。",
        ]
    elif kind is LetterKind.CORRECTION:
        _need(ctx, strict, "correction_items", "supplement_deadline")
        paragraphs = [
            _opening(ctx),
            f"经审查，您的申请内容不够明确。根据{ACT}第三十条，请您对以下内容作出补正：",
            ctx.correction_items,
            f"请于{_day(ctx.supplement_deadline, '补正期限', ctx.provisional_years)}前提交补正材料。答复期限自本机关收到补正后的申请之日起计算。"
            "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    elif kind is LetterKind.EXTENSION:
        _need(ctx, strict, "extended_due")
        reason = ctx.extension_reason or "因需要检索、汇总的信息较多"
        paragraphs = [
            _opening(ctx),
            f"{reason}，本机关无法在规定期限内答复。根据{ACT}第三十三条第二款，"
            f"经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日，"
            f"本机关将于{_day(ctx.extended_due, '延期后答复期限', ctx.provisional_years)}前作出答复。",
        ]
    elif kind in (LetterKind.CONSULTATION, LetterKind.COPRODUCER):
        _need(ctx, strict, "third_party_name", "consultation_due")
        addressee = f"{ctx.third_party_name}："
        if kind is LetterKind.CONSULTATION:
            article = "第三十二条"
            silence = "逾期未提出意见的，由本机关依照条例的规定决定是否公开。"
            why = "本机关认为该信息公开可能损害您的合法权益"
        else:
            article = "第三十四条"
            silence = "逾期未提出意见的，视为同意公开。"
            why = "该信息由本机关与贵机关共同制作"
        paragraphs = [
            f"本机关收到政府信息公开申请（登记编号：{ctx.tracking_number}），申请获取“{ctx.description}”。"
            f"{why}，根据{ACT}{article}，现书面征求您的意见。",
            f"请于{_day(ctx.consultation_due, '答复期限', ctx.provisional_years)}前（收到本征求意见书之日起15个工作日内）书面提出意见。{silence}",
        ]
    elif kind is LetterKind.FEE:
        _need(ctx, strict, "fee_amount", "payment_deadline")
        paragraphs = [
            _opening(ctx),
            f"根据{ACT}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
            f"您的申请需缴纳信息处理费人民币{ctx.fee_amount if ctx.fee_amount is not None else PLACEHOLDER.format('金额')}元。",
            ctx.fee_explanation or "",
            f"请于{_day(ctx.payment_deadline, '缴费期限', ctx.provisional_years)}前缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    elif kind is LetterKind.REPLY:
        _need(ctx, strict, "outcome", "review_body")
        if ctx.outcome not in OUTCOMES:
            raise LetterContextError("答复书需要办理结果")
        outcome = OUTCOMES[ctx.outcome]
        paragraphs = [
            _opening(ctx),
            f"经审查，根据{outcome.basis}，现答复如下：",
            ctx.decision_text or outcome.reason,
            remedy_clause(outcome, ctx.today, review_body=ctx.review_body, policy=ctx.remedy_policy),
        ]
    else:  # pragma: no cover - the enum is exhaustive
        raise LetterContextError(f"未知的文书类型：{kind}")
    if ctx.office_contact:
        paragraphs.append(f"联系方式：{ctx.office_contact}")
    body = "\n\n".join(p for p in paragraphs if p)
    return LetterDraft(kind=kind, title=kind.label, addressee=addressee, body=body)


def render_docx(
    *, title: str, addressee: str, body: str, agency_name: str, dated: date, number: str = ""
) -> bytes:
    """Build the DOCX of a letter from its (edited) text; returns the file bytes.

    Paragraphs of ``body`` are separated by blank lines. Fonts are set for East Asian text so that
    Word and WPS show 仿宋/宋体 rather than a Latin fallback.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")

    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(agency_name)
    run.font.size = Pt(22)
    run.bold = True
    heading2 = doc.add_paragraph()
    heading2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading2.add_run(title)
    run.font.size = Pt(22)
    run.bold = True
    if number:
        p = doc.add_paragraph(number)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(addressee)
    for text in _paragraphs(body):
        p = doc.add_paragraph(text)
        p.paragraph_format.first_line_indent = Pt(32)
    for text in (agency_name, cn_date(dated)):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.core_properties.title = title
    doc.save(buffer)
    return buffer.getvalue()


def _paragraphs(body: str) -> list[str]:
    blocks = body.replace("\r\n", "\n").split("\n\n")
    return [" ".join(line.strip() for line in b.split("\n") if line.strip()) for b in blocks if b.strip()]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
