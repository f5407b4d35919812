"""Agency short codes (编号简码): the readable prefix of tracking numbers, e.g. ``QXJY-2026-0013``.

A short code is 2–12 upper-case letters or digits, starting with a letter, unique among agencies. The
system administrator may set it (admin); when empty it is derived from the agency's ``code`` — the
first letters of each part of the slug (``xc-education`` → ``XCEDUC``) — and made unique with a
numeric suffix. Pure functions: the data migration desk_short_code uses the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_LENGTH = 12
_BASE_LENGTH = 8


def derive(code: str) -> str:
    """The short code suggested by a slug ``code`` (not yet made unique)."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", code.upper()) if p]
    if not parts:
        return "AG"
    head, rest = parts[0][:4], "".join(p[:4] for p in parts[1:])
    base = (head + rest)[:_BASE_LENGTH]
    if not base[0].isalpha():
        base = ("A" + base)[:_BASE_LENGTH]
    return base.ljust(2, "X")


def unique(code: str, taken: Callable[[str], bool]) -> str:
    """:func:`derive` of ``code``, with the smallest suffix 2, 3, … that ``taken`` does not refuse."""
    base = derive(code)
    if not taken(base):
        return base
    n = 2
    while True:
        suffix = str(n)
        candidate = base[: MAX_LENGTH - len(suffix)] + suffix
        if not taken(candidate):
            return candidate
        n += 1
