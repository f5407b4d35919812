"""统一社会信用代码 (unified social credit code) check, GB 32100-2015.

18 characters: registration authority (1), organisation type (1), administrative division code (6),
organisation code (9, itself with a check character), and a check character computed modulo 31
over the first 17 with fixed weights. The alphabet leaves out I, O, Z, S and V.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100-2015 §5)."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    """True when ``code`` has 18 characters of the alphabet and a correct check character."""
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return False
    return check_character(code[:17]) == code[17]


def validate_credit_code(code: str) -> None:
    """Django validator: a Chinese message for a malformed code."""
    if len(code) != 18:
        raise ValidationError("统一社会信用代码应为 18 位（当前 %(n)s 位）。", params={"n": len(code)})
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、Z、S、V 及小写字母）。",
            params={"chars": "、".join(bad)},
        )
    if not is_valid(code):
        raise ValidationError("统一社会信用代码校验位错误，请核对。")
