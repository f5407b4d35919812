"""The kinds of letter and the facts a letter may mention (no ORM)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .remedy import RemedyRule

ACT = "《中华人民共和国政府信息公开条例》"
#: 条例 is cited in full once, then as 《条例》 (the usual practice of reply letters).
ACT_SHORT = "《条例》"
FEE_ACT = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


class LetterKind(StrEnum):
    RECEIPT = "receipt"
    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    COPRODUCER = "coproducer"
    FEE = "fee"
    REPLY = "reply"
    ART35_REASONS = "art35_reasons"
    ART35_LATER = "art35_later"
    THIRD_PARTY_DISCLOSURE = "third_party_disclosure"

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
    LetterKind.ART35_REASONS: "政府信息公开申请说明理由告知书",
    LetterKind.ART35_LATER: "政府信息公开申请延后答复告知书",
    LetterKind.THIRD_PARTY_DISCLOSURE: "政府信息公开告知书（第三方）",
}

#: Letters addressed to a third party or a co-producing agency, not to the applicant.
THIRD_PARTY_KINDS = frozenset(
    {LetterKind.CONSULTATION, LetterKind.COPRODUCER, LetterKind.THIRD_PARTY_DISCLOSURE}
)
#: Letters the clerk may start from the case page (the others are created by the action that needs them).
MANUAL_KINDS = (LetterKind.ART35_REASONS, LetterKind.ART35_LATER)


def cn_date(d: date) -> str:
    """2026年1月20日 — the date as written in official letters (GB/T 9704-2012 7.3.5.3: Arabic numerals)."""
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class LetterContext:
    """Facts a letter may mention. A missing fact becomes a placeholder the send check refuses."""

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
    consultation_answered: date | None = None
    fee_amount: Decimal | int | None = None
    fee_explanation: str = ""
    fee_rows: tuple[tuple[str, str, str, str], ...] = ()
    payment_deadline: date | None = None
    payment_workdays: int = 20
    payment_instructions: str = ""
    outcome: str = ""
    decision_text: str = ""
    answer_item: str = ""
    decision_reasons: str = ""
    withheld_parts: str = ""
    responsible_agency: str = ""
    responsible_contact: str = ""
    responsible_unidentified: bool = False
    public_interest_reasons: str = ""
    provision: str = ""
    review_body: str = ""
    remedy: RemedyRule | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LetterDraft:
    kind: LetterKind
    title: str
    addressee: str
    body: str  # paragraphs separated by blank lines; the clerk edits this
    table: tuple[tuple[str, ...], ...] = ()  # the fee notice's table (header row first), else empty
