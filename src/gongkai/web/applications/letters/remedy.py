"""The remedy clause of a letter (条例第五十一条), written from a policy per outcome kind.

The policy (:class:`RemedyRule`) is data the system administrator edits (model ``RemedyRule``); this
module only writes the sentence. Law relied on:

- 《中华人民共和国行政复议法》（2023年修订，2024年1月1日施行）第二十条: 复议 within 60 days of knowing of
  the act; 第二十三条第一款第（四）项: "申请政府信息公开，行政机关不予公开" → 应当先申请行政复议 (复议前置);
  第二十四条: the 复议机关 of a county department is normally the county people's government.
- 《中华人民共和国行政诉讼法》第四十五条: suit within 15 days of receiving the 复议 decision;
  第四十六条: direct suit within 6 months of knowing of the act.

Which outcome kinds fall under art. 23(4) beyond 不予公开 is unsettled (domain.md §12.1 [M]); the
defaults (:data:`DEFAULT_RULES`) and why are documented in docs/decisions.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

#: 行政复议法 (2023) in force: 复议前置 applies to replies dated on or after this day.
REVISED_REVIEW_LAW_IN_FORCE = date(2024, 1, 1)
REVIEW_LAW = "《中华人民共和国行政复议法》"
COURT = "有管辖权的人民法院"


class RemedyKind(StrEnum):
    """The outcome kinds the remedy policy distinguishes (the table 三 groups)."""

    GRANTED = "granted"
    PARTIAL = "partial"
    DENIED = "denied"
    UNABLE = "unable"
    NOHANDLE = "nohandle"
    OTHER = "other"

    @property
    def label(self) -> str:
        return REMEDY_KIND_LABELS[self]


REMEDY_KIND_LABELS = {
    RemedyKind.GRANTED: "予以公开",
    RemedyKind.PARTIAL: "部分公开",
    RemedyKind.DENIED: "不予公开",
    RemedyKind.UNABLE: "无法提供",
    RemedyKind.NOHANDLE: "不予处理",
    RemedyKind.OTHER: "其他处理",
}


def remedy_kind(outcome_row: str) -> RemedyKind:
    """The kind of a table 三 outcome row key (granted, partial, denied_*, unable_*, nohandle_*, other_*)."""
    if outcome_row in ("granted", "partial"):
        return RemedyKind(outcome_row)
    head = outcome_row.split("_", 1)[0]
    return RemedyKind(head) if head in RemedyKind._value2member_map_ else RemedyKind.OTHER


@dataclass(frozen=True)
class RemedyRule:
    """复议前置 yes/no, the review body (empty: the agency's own, see services.review_body) and periods."""

    kind: RemedyKind
    review_first: bool
    review_body: str = ""
    review_days: int = 60  # 行政复议法第二十条
    suit_after_review_days: int = 15  # 行政诉讼法第四十五条
    direct_suit_months: int = 6  # 行政诉讼法第四十六条


#: The defaults seeded by migration ``letters_remedy_defaults`` (docs/decisions.md "remedy clause").
DEFAULT_RULES: dict[RemedyKind, RemedyRule] = {
    RemedyKind.GRANTED: RemedyRule(RemedyKind.GRANTED, review_first=False),
    RemedyKind.PARTIAL: RemedyRule(RemedyKind.PARTIAL, review_first=True),
    RemedyKind.DENIED: RemedyRule(RemedyKind.DENIED, review_first=True),
    RemedyKind.UNABLE: RemedyRule(RemedyKind.UNABLE, review_first=True),
    RemedyKind.NOHANDLE: RemedyRule(RemedyKind.NOHANDLE, review_first=True),
    RemedyKind.OTHER: RemedyRule(RemedyKind.OTHER, review_first=False),
}


def clause(rule: RemedyRule, *, review_body: str, dated: date, subject: str = "本答复") -> str:
    """The closing remedy paragraph. ``review_body`` is used when the rule names none."""
    body = rule.review_body or review_body
    review = f"可以自收到{subject}之日起{rule.review_days}日内向{body}申请行政复议"
    after_review = (
        f"对行政复议决定不服的，可以自收到行政复议决定书之日起{rule.suit_after_review_days}日内"
        f"依法向{COURT}提起行政诉讼"
    )
    if rule.review_first and dated >= REVISED_REVIEW_LAW_IN_FORCE:
        return (
            f"如对{subject}不服，依照{REVIEW_LAW}第二十三条第一款第（四）项，应当先申请行政复议：{review}；"
            f"{after_review}。"
        )
    return (
        f"如对{subject}不服，{review}，{after_review}；"
        f"也可以自收到{subject}之日起{rule.direct_suit_months}个月内直接向{COURT}提起行政诉讼。"
    )
