"""Letters: default texts per kind and per outcome, DOCX written and read back."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from gongkai.web.applications.letters import (
    LetterContext,
    LetterContextError,
    LetterKind,
    cn_date,
    draft,
    render_docx,
    sha256_hex,
    unfilled,
)
from gongkai.web.applications.letters.replies import articles
from gongkai.web.applications.outcomes import OUTCOMES

CTX = LetterContext(
    agency_name="某县教育局",
    applicant_name="张三",
    tracking_number="XC-JYJ-2026-000123",
    received=date(2026, 1, 20),
    description="2025年某县义务教育阶段招生计划",
    today=date(2026, 2, 10),
    office_contact="电话 0000-1234567",
    reply_due=date(2026, 2, 24),
    correction_items="请说明所需信息的具体年份和文件名称。",
    supplement_deadline=date(2026, 2, 3),
    extended_due=date(2026, 3, 23),
    third_party_name="某某有限公司",
    consultation_due=date(2026, 3, 3),
    fee_amount=1700,
    fee_explanation="按量计收：150页，70页×10元+50页×20元。",
    payment_deadline=date(2026, 3, 10),
    outcome="granted",
    review_body="某县人民政府",
)


def _read_back(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_kind_drafts_and_renders(kind: LetterKind) -> None:
    letter = draft(kind, CTX)
    assert letter.title == kind.label
    data = render_docx(
        title=letter.title,
        addressee=letter.addressee,
        body=letter.body,
        agency_name=CTX.agency_name,
        dated=CTX.today,
    )
    texts = _read_back(data)
    assert kind.label in texts
    assert texts[-1] == "2026年2月10日"
    assert "XC-JYJ-2026-000123" in "".join(texts)


def test_key_facts_in_texts() -> None:
    assert "2026年2月24日" in draft(LetterKind.RECEIPT, CTX).body
    assert "第三十条" in draft(LetterKind.CORRECTION, CTX).body
    assert "2026年3月23日" in draft(LetterKind.EXTENSION, CTX).body
    consult = draft(LetterKind.CONSULTATION, CTX)
    assert consult.addressee == "某某有限公司：" and "第三十二条" in consult.body
    assert "视为同意公开" in draft(LetterKind.COPRODUCER, CTX).body
    assert "1700元" in draft(LetterKind.FEE, CTX).body


@pytest.mark.parametrize("row", list(OUTCOMES))
def test_reply_per_outcome(row: str) -> None:
    """Every table 三 row gets its answer and its article (none where the 条例 has none) and a remedy."""
    ctx = LetterContext(
        **{**CTX.__dict__, "outcome": row, "decision_reasons": "理由。", "withheld_parts": "某部分"}
    )
    body = draft(LetterKind.REPLY, ctx).body
    cited = articles(ctx)
    if row in ("nohandle_confirm", "other_other"):
        assert cited == "" and "根据" not in body.split("如对本答复不服")[0]
    else:
        assert cited and cited.removeprefix("《条例》") in body
    assert "申请行政复议" in body and not unfilled(body)


def test_edited_text_is_what_is_rendered() -> None:
    data = render_docx(
        title="答复书",
        addressee="李四：",
        body="第一段\n续行\n\n第二段",
        agency_name="X局",
        dated=date(2025, 1, 2),
    )
    texts = _read_back(data)
    assert "第一段 续行" in texts and "第二段" in texts
    assert len(sha256_hex(data)) == 64


def test_missing_fact_is_a_placeholder_or_an_error() -> None:
    ctx = LetterContext(**{**CTX.__dict__, "extended_due": None})
    body = draft(LetterKind.EXTENSION, ctx).body
    assert unfilled(body) == ["【延期后答复期限：待填写】"]
    with pytest.raises(LetterContextError, match="extended_due"):
        draft(LetterKind.EXTENSION, ctx, strict=True)


def test_cn_date() -> None:
    assert cn_date(date(2025, 10, 8)) == "2025年10月8日"
