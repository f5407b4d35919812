"""How a case's result maps onto table 四's columns — data, with its sources.

Table 四 of the 2021 format (国办公开办函〔2021〕30号; domain.md §2.5) has three blocks — 行政复议,
行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 — each with 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计.
The block and column keys are the core's (``FORMAT_2021.table4_blocks`` / ``table4_columns``); no
label is retyped here.

The format does not define 纠正 and 其他 [M, domain.md §2.5]. Our mapping follows the kinds of
decision the laws name:

* 行政复议法（2023年修订）第六十三条至第六十九条: 变更 (第63条), 撤销或者部分撤销/责令重新作出 (第64条),
  确认违法 (第65条), 责令履行 (第66条), 确认无效 (第67条), 维持 (第68条), 驳回复议请求 (第69条);
  终止 (第41条); 调解、和解 (第73条、第74条).
* 行政诉讼法第六十九条至第七十八条: 驳回诉讼请求 (第69条), 撤销或者部分撤销 (第70条), 判决履行 (第72条),
  给付 (第73条), 确认违法 (第74条), 确认无效 (第75条), 变更 (第77条); 裁定驳回起诉、准予撤诉 (第51条、第62条).

维持 → 结果维持; 撤销、变更、确认违法、确认无效、责令履行 → 结果纠正; 驳回（复议申请/起诉/诉讼请求）、
终止、撤回/撤诉、调解、和解 → 其他结果 [M: 驳回诉讼请求 is substantively a win for the agency; most
published reports we read count it under 维持 for 诉讼 — so 驳回诉讼请求 is a separate result whose
column is a setting, ``GONGKAI_T4_DISMISSED_CLAIM_COLUMN`` (default ``maintain``)].
"""

from __future__ import annotations

from django.db import models

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.environment import env_str

#: Block keys of table 四, from the core's format data.
BLOCKS: tuple[str, ...] = tuple(b.key for b in FORMAT_2021.table4_blocks)
#: Column keys of table 四 (maintain, correct, other, pending, total).
COLUMNS: tuple[str, ...] = tuple(c.key for c in FORMAT_2021.table4_columns)


class CaseKind(models.TextChoices):
    """The block of table 四 a case belongs to."""

    REVIEW = "review", "行政复议"
    DIRECT = "direct", "行政诉讼（未经复议直接起诉）"
    AFTER_REVIEW = "after_review", "行政诉讼（复议后起诉）"


class Result(models.TextChoices):
    """The result of a case as decided (blank while 尚未审结)."""

    MAINTAINED = "maintained", "维持"
    REVOKED = "revoked", "撤销（含部分撤销、责令重新答复）"
    VARIED = "varied", "变更"
    CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"
    CONFIRMED_VOID = "confirmed_void", "确认无效"
    ORDERED_TO_PERFORM = "ordered_to_perform", "责令履行（判决履行）"
    DISMISSED_CLAIM = "dismissed_claim", "驳回诉讼请求或复议请求"
    DISMISSED = "dismissed", "驳回起诉或复议申请（程序性）"
    TERMINATED = "terminated", "终止"
    WITHDRAWN = "withdrawn", "撤回申请或准予撤诉"
    SETTLED = "settled", "调解或和解"


#: result → table 四 column (``pending`` is for a case with no result by 31 December).
RESULT_COLUMN: dict[str, str] = {
    Result.MAINTAINED: "maintain",
    Result.REVOKED: "correct",
    Result.VARIED: "correct",
    Result.CONFIRMED_ILLEGAL: "correct",
    Result.CONFIRMED_VOID: "correct",
    Result.ORDERED_TO_PERFORM: "correct",
    Result.DISMISSED_CLAIM: "maintain",  # [M] overridable, see column_of
    Result.DISMISSED: "other",
    Result.TERMINATED: "other",
    Result.WITHDRAWN: "other",
    Result.SETTLED: "other",
}

#: Where each result's basis is (shown in docs/annual.md and on the case page).
RESULT_BASIS: dict[str, str] = {
    Result.MAINTAINED: "行政复议法第六十八条；行政诉讼法第六十九条（驳回诉讼请求，维持原行为）",
    Result.REVOKED: "行政复议法第六十四条；行政诉讼法第七十条",
    Result.VARIED: "行政复议法第六十三条；行政诉讼法第七十七条",
    Result.CONFIRMED_ILLEGAL: "行政复议法第六十五条；行政诉讼法第七十四条",
    Result.CONFIRMED_VOID: "行政复议法第六十七条；行政诉讼法第七十五条",
    Result.ORDERED_TO_PERFORM: "行政复议法第六十六条；行政诉讼法第七十二条",
    Result.DISMISSED_CLAIM: "行政复议法第六十九条；行政诉讼法第六十九条 [M：计入“维持”或“其他”，可配置]",
    Result.DISMISSED: "行政复议法第三十条、第六十九条；行政诉讼法第五十一条",
    Result.TERMINATED: "行政复议法第四十一条",
    Result.WITHDRAWN: "行政复议法第七十四条；行政诉讼法第六十二条",
    Result.SETTLED: "行政复议法第七十三条；行政诉讼法第六十条",
}


def column_of(result: str | None) -> str:
    """The table 四 column of a result; ``pending`` when there is none yet (尚未审结)."""
    if not result:
        return "pending"
    if result == Result.DISMISSED_CLAIM:
        configured = env_str("GONGKAI_T4_DISMISSED_CLAIM_COLUMN", "maintain")
        return configured if configured in ("maintain", "other") else "maintain"
    return RESULT_COLUMN[result]
