"""Per-agency 索引号 patterns: validated data, used when a register item is created.

A pattern is text with the placeholders ``{org}``, ``{cat}``, ``{year}`` and ``{seq}`` / ``{seq:0Nd}``
(N from 1 to 9). Rules (:func:`validate_pattern`, Chinese messages): only those placeholders; ``{seq}``
exactly once and **last** (the next serial is found by reading the numbers after the fixed prefix);
``{year}`` present (a serial restarts each year, so the year keeps numbers apart); literal characters
limited to letters, digits, ``-``, ``_``, ``/``, ``.`` and CJK; the number it produces at most 80
characters (the column). Uniqueness across the whole register stays the database's constraint, and the
generator skips any number already taken (another agency's pattern may overlap).
"""

from __future__ import annotations

import re
from string import Formatter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency

from .models import IndexNumberPattern
from .services import DEFAULT_INDEX_PATTERN

FIELDS = ("org", "cat", "year", "seq")
_LITERAL = re.compile(r"^[A-Za-z0-9\-_/.\u3400-\u9fff]*$")
_SEQ_SPEC = re.compile(r"^(0[1-9]d)?$")
_ORG = re.compile(r"^[A-Za-z0-9\-]{1,30}$")


def validate_pattern(pattern: str) -> None:
    """Raise a Chinese ValidationError unless ``pattern`` is a usable 索引号 pattern."""
    if not pattern or len(pattern) > 80:
        raise ValidationError("索引号格式不能为空，且不超过80个字符。")
    try:
        parts = list(Formatter().parse(pattern))
    except ValueError:
        raise ValidationError("索引号格式中的花括号不成对。") from None
    names = [name for _lit, name, _spec, _conv in parts if name is not None]
    for literal, name, spec, conversion in parts:
        if not _LITERAL.match(literal):
            raise ValidationError(
                f"索引号格式中的“{literal}”含有不允许的字符（只允许字母、数字、汉字和 - _ / .）。"
            )
        if name is None:
            continue
        if name not in FIELDS:
            raise ValidationError(f"未知的占位符 {{{name}}}：只能使用 {{org}}、{{cat}}、{{year}}、{{seq}}。")
        if conversion or (name != "seq" and spec) or (name == "seq" and not _SEQ_SPEC.match(spec or "")):
            raise ValidationError(f"占位符 {{{name}}} 的写法不正确（流水号可写作 {{seq}} 或 {{seq:05d}}）。")
    trailing_text = parts[-1][1] is None and bool(parts[-1][0])
    if names.count("seq") != 1 or names[-1] != "seq" or trailing_text:
        raise ValidationError("索引号格式必须以流水号 {seq} 结尾，且只出现一次。")
    if "year" not in names:
        raise ValidationError("索引号格式必须包含年份 {year}（流水号每年重新编号）。")
    sample = pattern.format(org="X" * 17, cat="XXXXXXXX", year=2026, seq=99999)
    if len(sample) > 80:
        raise ValidationError("按此格式生成的索引号会超过80个字符。")


def pattern_for(agency: Agency) -> tuple[str, str | None]:
    """(pattern, 机构代码 override or None) of ``agency``."""
    row = IndexNumberPattern.objects.filter(agency=agency).first()
    if row is None:
        return DEFAULT_INDEX_PATTERN, None
    return row.pattern, row.org_code or None


def set_pattern(actor: Any, agency: Agency, pattern: str, org_code: str = "") -> IndexNumberPattern:
    """The agency administrator sets the agency's pattern (validated, audited); existing numbers stay."""
    scope.require(actor, agency, (Role.AGENCY_ADMIN,))
    pattern, org_code = pattern.strip(), org_code.strip()
    validate_pattern(pattern)
    if org_code and not _ORG.match(org_code):
        raise ValidationError("机构代码只能包含字母、数字和连字符，不超过30个字符。")
    with transaction.atomic():
        before = IndexNumberPattern.objects.filter(agency=agency).values("pattern", "org_code").first()
        row, _ = IndexNumberPattern.objects.update_or_create(
            agency=agency, defaults={"pattern": pattern, "org_code": org_code, "updated_by": actor}
        )
        audit.record(
            actor,
            "disclosure.index_pattern",
            row,
            agency=agency,
            before=before,
            after={"pattern": pattern, "org_code": org_code},
        )
    return row
