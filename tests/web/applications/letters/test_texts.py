"""Reply texts per outcome (条例 art. 36), art. 35 and art. 32 letters, and the completeness check."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.applications.letters import LetterContext, LetterKind, draft, gaps, refusal, unfilled
from gongkai.web.applications.letters.remedy import DEFAULT_RULES, RemedyKind, RemedyRule, clause, remedy_kind
from gongkai.web.applications.outcomes import OUTCOMES

CTX = LetterContext(
    agency_name="青溪县教育局",
    applicant_name="张三",
    tracking_number="QX-EDUCATION-2026-000013",
    received=date(2026, 11, 2),
    description="2026年青溪县义务教育阶段招生计划",
    today=date(2026, 12, 2),
    review_body="青溪县人民政府",
)
COMPLETE = {
    "decision_reasons": "该信息为局务会讨论记录。",
    "withheld_parts": "学生家庭住址",
    "third_party_name": "青溪县恒达建材有限公司",
    "public_interest_reasons": "涉及学校食品安全，公开有利于公共利益。",
    "decision_text": "2026年招生计划全文",
}

#: The article each row must cite (条例 arts. 14–16, 30, 32, 35–39; 109号); "" = none exists.
EXPECTED_ARTICLE = {
    "granted": "第三十六条第（二）项",
    "partial": "第三十七条",
    "denied_state_secret": "第十四条",
    "denied_law_prohibited": "第十四条",
    "denied_security": "第十四条",
    "denied_third_party": "第十五条",
    "denied_internal": "第十六条第一款",
    "denied_process": "第十六条第二款",
    "denied_enforcement_file": "第十六条第二款",
    "denied_admin_query": "第三十六条第（七）项",
    "unable_not_held": "第三十六条第（四）项",
    "unable_needs_creation": "第三十八条",
    "unable_still_unclear": "第三十条",
    "nohandle_petition": "第三十九条第一款",
    "nohandle_repeat": "第三十六条第（六）项",
    "nohandle_publication": "第三十九条第二款",
    "nohandle_excessive": "第三十五条",
    "nohandle_confirm": "",
    "other_no_correction": "第三十条",
    "other_no_fee": "国办函〔2020〕109号",
    "other_other": "",
}


def _reply(row: str, **extra: object) -> str:
    ctx = LetterContext(**{**CTX.__dict__, **COMPLETE, "outcome": row, **extra})
    return draft(LetterKind.REPLY, ctx).body


def test_every_outcome_row_has_an_expected_article() -> None:
    assert set(EXPECTED_ARTICLE) == set(OUTCOMES)  # the 21 table 三 rows


@pytest.mark.parametrize("row", list(OUTCOMES))
def test_reply_names_its_article_and_never_a_hint(row: str) -> None:
    body = _reply(row)
    expected = EXPECTED_ARTICLE[row]
    if expected:
        assert expected in body
    else:  # no invented basis: nothing is cited before the remedy clause
        assert "根据" not in body.split("如对本答复不服")[0]
    assert "【" not in body and "待填写" not in body and "请填写" not in body
    assert "实践类别" not in body and "其他情形（" not in body  # the old invented "bases"
    assert "申请行政复议" in body


@pytest.mark.parametrize("row", [r for r in OUTCOMES if r.startswith("denied_")] + ["partial"])
def test_refusal_without_reasons_has_a_gap(row: str) -> None:
    """条例 art. 36(3) / art. 37: a refusal gives reasons; without them the letter cannot be sent."""
    body = _reply(row, decision_reasons="", withheld_parts="")
    missing = gaps(title="答复书", addressee="张三：", body=body)
    assert missing and all("理由" in m or "内容" in m or "途径" in m for m in missing)
    assert "不能发送" in refusal(missing)
    assert gaps(title="答复书", addressee="张三：", body=_reply(row)) == []


def test_partial_says_what_was_withheld_and_why() -> None:
    body = _reply("partial")
    assert "不予公开的内容：学生家庭住址" in body and "不予公开的理由：该信息为局务会讨论记录。" in body


def test_36_4_and_36_5_are_different_answers() -> None:
    """条例 art. 36(4): does not exist; art. 36(5): not ours — with reasons and the responsible agency."""
    not_exist = _reply("unable_not_held", answer_item="art36_4", decision_reasons="")
    not_ours = _reply(
        "unable_not_held",
        answer_item="art36_5",
        decision_reasons="学校用地审批由自然资源部门负责。",
        responsible_agency="青溪县自然资源局",
        responsible_contact="电话 0000-7654321",
    )
    assert "第三十六条第（四）项" in not_exist and "不存在" in not_exist and "第（五）项" not in not_exist
    assert "第三十六条第（五）项" in not_ours and "不属于本机关负责公开" in not_ours
    assert "青溪县自然资源局" in not_ours and "0000-7654321" in not_ours and "自然资源局" not in not_exist
    gap = _reply("unable_not_held", answer_item="art36_5", decision_reasons="x")
    assert gaps(title="t", addressee="a：", body=gap) == ["负责公开的行政机关", "负责公开机关的联系方式"]
    unknown = _reply(
        "unable_not_held", answer_item="art36_5", decision_reasons="x", responsible_unidentified=True
    )
    assert "无法确定负责公开" in unknown and not unfilled(unknown)


def test_36_1_already_public_tells_the_way() -> None:
    body = _reply("granted", answer_item="art36_1", decision_text="青溪县人民政府门户网站政府信息公开专栏")
    assert "第三十六条第（一）项" in body and "门户网站" in body


def test_art35_letters() -> None:
    reasons = draft(LetterKind.ART35_REASONS, CTX)
    assert "第三十五条" in reasons.body and "请您说明理由" in reasons.body
    assert gaps(title=reasons.title, addressee=reasons.addressee, body=reasons.body) == [
        "申请数量、频次的具体情况"
    ]
    later = draft(
        LetterKind.ART35_LATER, LetterContext(**{**CTX.__dict__, "extra": {"later_due": "2027年3月1日"}})
    )
    assert "第三十五条" in later.body and "2027年3月1日" in later.body and not unfilled(later.body)
    assert (
        reasons.title == "政府信息公开申请说明理由告知书" and later.title == "政府信息公开申请延后答复告知书"
    )


def test_third_party_disclosure_notice() -> None:
    """条例 art. 32: disclosure over an objection → written notice to the third party: content and reasons."""
    ctx = LetterContext(**{**CTX.__dict__, **COMPLETE, "consultation_answered": date(2026, 11, 20)})
    notice = draft(LetterKind.THIRD_PARTY_DISCLOSURE, ctx)
    assert notice.addressee == "青溪县恒达建材有限公司："
    assert "第三十二条" in notice.body and "2026年11月20日" in notice.body
    assert "决定公开的内容：2026年招生计划全文" in notice.body and "公共利益" in notice.body
    assert "如对本决定不服" in notice.body and not unfilled(notice.body)
    bare = draft(LetterKind.THIRD_PARTY_DISCLOSURE, CTX)
    assert "决定公开的理由" in gaps(title=bare.title, addressee=bare.addressee, body=bare.body)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("于【答复期限：待填写】前", ["【答复期限：待填写】"]),
        ("【请填写理由】", ["【请填写理由】"]),
        ("理由：待填写", ["待填写"]),
        ("依照《条例》【第三十条】办理", []),  # brackets without a hint are text
        ("完整的文书。", []),
    ],
)
def test_unfilled_finds_every_hint(text: str, found: list[str]) -> None:
    assert unfilled(text) == found


def test_remedy_clause_per_policy() -> None:
    """行政复议法 (2023) 第二十三条第一款第（四）项: refusals → 复议前置; others choose (行政诉讼法 arts. 45, 46)."""
    first = clause(DEFAULT_RULES[RemedyKind.DENIED], review_body="青溪县人民政府", dated=date(2026, 12, 2))
    assert "应当先申请行政复议" in first and "60日内向青溪县人民政府" in first and "15日内" in first
    assert "6个月" not in first
    choice = clause(DEFAULT_RULES[RemedyKind.GRANTED], review_body="青溪县人民政府", dated=date(2026, 12, 2))
    assert "应当先" not in choice and "6个月内直接" in choice
    before = clause(DEFAULT_RULES[RemedyKind.DENIED], review_body="X", dated=date(2023, 12, 31))
    assert "应当先" not in before  # the revised law is in force from 2024-01-01
    edited = RemedyRule(RemedyKind.DENIED, review_first=True, review_body="某市人民政府", review_days=90)
    assert "90日内向某市人民政府" in clause(edited, review_body="X", dated=date(2026, 12, 2))


def test_remedy_kind_of_every_row() -> None:
    kinds = {row: remedy_kind(row) for row in OUTCOMES}
    assert kinds["granted"] is RemedyKind.GRANTED and kinds["partial"] is RemedyKind.PARTIAL
    assert {kinds[r] for r in OUTCOMES if r.startswith("denied_")} == {RemedyKind.DENIED}
    assert kinds["unable_not_held"] is RemedyKind.UNABLE and kinds["nohandle_repeat"] is RemedyKind.NOHANDLE
    assert kinds["other_no_fee"] is RemedyKind.OTHER
