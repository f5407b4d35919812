"""Decisions: the outcome of an application is one of the 2021 table 三 outcome rows.

The rows, their order and their Chinese labels are read from
:data:`gongkai.report.formats.v2021.FORMAT_2021` (``table3_outcome_rows``) — never re-declared here.
This module adds what the workflow needs for each row: the legal basis (domain.md §2.4, 条例
国务院令第711号), a short reason for the reply letter, and whether the outcome refuses disclosure
(the remedy clause's kind, :func:`.letters.remedy.remedy_kind`).

Where domain.md marks the mapping [M] (a matter of practice, not settled law), the basis is flagged
``settled=False`` and can be replaced through :func:`outcome_catalogue` (no setting feeds it: the
reply letters cite their articles from :mod:`.letters.replies`, and their remedy clause follows the
sysadmin-edited policy of :mod:`.letters.remedy`).

Counting rule printed in table 三: a partially disclosed application counts only under （二）部分公开.
An application has exactly one outcome, so the rule holds by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from gongkai.report.formats.v2021 import FORMAT_2021

ACT = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class Outcome:
    """One table 三 outcome row as a decision.

    ``row`` is the row key (``granted``, ``denied_third_party`` ...), ``label`` the verbatim row label
    from the format, ``group`` its group label (（三）不予公开 ...), ``basis`` the article(s) relied on,
    ``reason`` the sentence used in the reply letter, ``settled`` False where domain.md marks the
    mapping [M], ``refusal`` True when disclosure is refused in whole or part (remedy clause).
    """

    row: str
    label: str
    group: str | None
    basis: str
    reason: str
    settled: bool = True
    refusal: bool = False
    disclosed: bool = False

    @property
    def cell_prefix(self) -> str:
        """The canonical cell id prefix in table 三: ``t3.<row>``."""
        return f"t3.{self.row}"

    @property
    def short_label(self) -> str:
        """The label with the group for sub-rows: 不予公开·4.保护第三方合法权益."""
        if self.group and self.group.startswith("（") and "三、" not in self.group:
            return f"{self.group}{self.label}"
        return self.label


# row key → (basis, reason, settled, refusal, disclosed). Articles per domain.md §2.4.
_BASIS: Mapping[str, tuple[str, str, bool, bool, bool]] = {
    "granted": (
        f"{ACT}第三十六条第（一）项、第（二）项",
        "您申请获取的政府信息属于可以公开的政府信息（已主动公开的，告知获取的方式和途径），现予以公开。",
        False,  # [M] counting "already public" (art. 36(1)) under （一） is common practice
        False,
        True,
    ),
    "partial": (
        f"{ACT}第三十七条",
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，现向您提供可以公开的部分。",
        True,
        True,
        True,
    ),
    "denied_state_secret": (
        f"{ACT}第十四条",
        "您申请获取的政府信息属于依法确定为国家秘密的政府信息，不予公开。",
        True,
        True,
        False,
    ),
    "denied_law_prohibited": (
        f"{ACT}第十四条",
        "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，不予公开。",
        True,
        True,
        False,
    ),
    "denied_security": (
        f"{ACT}第十四条",
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，不予公开。",
        True,
        True,
        False,
    ),
    "denied_third_party": (
        f"{ACT}第十五条、第三十二条",
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，不予公开。",
        True,
        True,
        False,
    ),
    "denied_internal": (
        f"{ACT}第十六条第一款",
        "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，可以不予公开。",
        True,
        True,
        False,
    ),
    "denied_process": (
        f"{ACT}第十六条第二款",
        "您申请获取的政府信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开。",
        True,
        True,
        False,
    ),
    "denied_enforcement_file": (
        f"{ACT}第十六条第二款",
        "您申请获取的政府信息属于行政执法案卷信息，可以不予公开。",
        True,
        True,
        False,
    ),
    "denied_admin_query": (
        f"{ACT}第三十六条第（七）项",
        "您申请获取的信息属于工商、不动产登记资料等，有关法律、行政法规对信息的获取有特别规定，请按照有关规定办理。",
        False,  # [M]
        True,
        False,
    ),
    "unable_not_held": (
        f"{ACT}第三十六条第（四）项、第（五）项",
        "经检索查找，本机关不掌握您申请获取的政府信息（或该信息不属于本机关负责公开）。",
        False,  # [M] art. 36(5) counted here
        False,
        False,
    ),
    "unable_needs_creation": (
        f"{ACT}第三十八条",
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。",
        True,
        False,
        False,
    ),
    "unable_still_unclear": (
        f"{ACT}第三十条",
        "经补正，您的申请内容仍不明确，本机关无法提供。",
        True,
        False,
        False,
    ),
    "nohandle_petition": (
        f"{ACT}第三十九条第一款",
        "您以政府信息公开申请形式提出的信访、投诉、举报等诉求，本机关不作为政府信息公开申请处理，请通过相应渠道提出。",
        True,
        False,
        False,
    ),
    "nohandle_repeat": (
        f"{ACT}第三十六条第（六）项",
        "您向本机关重复申请公开已答复的政府信息，本机关不予重复处理。",
        True,
        False,
        False,
    ),
    "nohandle_publication": (
        f"{ACT}第三十九条第二款",
        "您申请获取的信息属于公开出版物，请通过公开出版渠道获取。",
        True,
        False,
        False,
    ),
    "nohandle_excessive": (
        f"{ACT}第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
        True,
        False,
        False,
    ),
    "nohandle_confirm": (
        "实践类别（条例无明确条款）",
        "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请处理范围，本机关不予处理。",
        False,  # [M] no explicit article
        False,
        False,
    ),
    "other_no_correction": (
        f"{ACT}第三十条",
        "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
        True,
        False,
        False,
    ),
    "other_no_fee": (
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该政府信息公开申请。",
        False,  # [M] exact article not retrieved
        False,
        False,
    ),
    "other_other": (
        "其他情形（如申请人撤回申请）",
        "您的申请已按其他情形办结（如申请人撤回申请）。",
        False,  # [M]
        False,
        False,
    ),
}


def outcome_catalogue(overrides: Mapping[str, Mapping[str, object]] | None = None) -> dict[str, Outcome]:
    """Every outcome row of the 2021 format, in printed order, keyed by row key.

    ``overrides`` (row key → field → value, e.g. ``{"granted": {"basis": "..."}}``) replaces [M]
    mappings without touching the code; unknown row keys or fields raise ``KeyError``.
    """
    rows = {r.key: r for r in FORMAT_2021.table3_rows}
    result: dict[str, Outcome] = {}
    for key in FORMAT_2021.table3_outcome_rows:
        row = rows[key]
        basis, reason, settled, refusal, disclosed = _BASIS[key]
        result[key] = Outcome(
            row=key,
            label=row.label,
            group=row.group,
            basis=basis,
            reason=reason,
            settled=settled,
            refusal=refusal,
            disclosed=disclosed,
        )
    for key, fields in (overrides or {}).items():
        if key not in result:
            raise KeyError(f"未知的办理结果：{key}")
        result[key] = replace(result[key], **fields)  # type: ignore[arg-type]
    return result


OUTCOMES: Mapping[str, Outcome] = outcome_catalogue()


def outcome_choices() -> list[tuple[str, str]]:
    """(row key, Chinese label with group) pairs for a form's choice field."""
    return [(o.row, o.short_label) for o in OUTCOMES.values()]
