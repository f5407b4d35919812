"""One completeness check for every letter, sent by hand or automatically (receipt included).

A letter is complete when it contains no placeholder or drafting hint (【…：待填写】, 【请填写…】, any
【…】 with 填写, 待填写, 待补充), its title, addressee and body are not empty. The send service calls
:func:`gaps` for every letter and refuses with a Chinese message naming each gap.
"""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"【([^】]*)】")
_HINT_WORDS = ("填写", "待补充", "待定", "请补充", "请选择")
_LOOSE = re.compile(r"待填写|请填写|待补充")


def unfilled(text: str) -> list[str]:
    """The placeholders and drafting hints still present in a letter text, in order."""
    found = [m.group(0) for m in _BRACKETED.finditer(text) if any(w in m.group(1) for w in _HINT_WORDS)]
    rest = _BRACKETED.sub("", text)
    found += [m.group(0) for m in _LOOSE.finditer(rest)]
    return found


def gap_label(marker: str) -> str:
    """【答复期限：待填写】 → 答复期限 (what the Chinese refusal message names)."""
    inner = marker.strip("【】")
    return inner.split("：", 1)[0] if "：" in inner else inner


def gaps(*, title: str, addressee: str, body: str) -> list[str]:
    """What is missing from a letter (Chinese labels); empty when it may be sent."""
    missing = []
    if not title.strip():
        missing.append("标题")
    if not addressee.strip().rstrip("："):
        missing.append("主送（称谓）")
    if not body.strip():
        missing.append("正文")
    for marker in unfilled(f"{title}\n{addressee}\n{body}"):
        label = gap_label(marker)
        if label not in missing:
            missing.append(label)
    return missing


def refusal(missing: list[str]) -> str:
    return f"文书内容不完整，不能发送：缺少{'、'.join(missing)}。请在文书中补充后再发送。"
