"""The one exception hierarchy of gongkai.

Findings are values (see :mod:`gongkai.report.findings`); exceptions are for input that cannot be
used at all, and for bugs. Every error a user can see carries a Chinese message that names the file
and, where known, the place in it. ``str(error)`` is that one line.
"""

from __future__ import annotations


class GongkaiError(Exception):
    """Base class: a one-line Chinese message, the file it concerns, and where in the file."""

    def __init__(self, message: str, *, file: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.where = where

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.where:
            parts.append(self.where)
        prefix = "：".join(parts)
        return f"{prefix}：{self.message}" if prefix else self.message


class ReadError(GongkaiError):
    """The bytes could not be turned into a layout (missing, truncated, encrypted, unknown medium...)."""


class EncodingError(ReadError):
    """The text could not be decoded with any plausible Chinese encoding."""


class UnsupportedMediumError(ReadError):
    """The medium is recognised but cannot be read here (e.g. OCR extra or antiword missing)."""


class InputTooLargeError(ReadError):
    """The input exceeds a size, page or decompression bound."""


class NotAReportError(GongkaiError):
    """The document was read but is not a 政府信息公开工作年度报告."""


class ContractError(GongkaiError):
    """A JSON document does not follow the canonical cell contract (unknown id, wrong value type)."""


class CalendarNotLoadedError(GongkaiError):
    """A working-day computation reached a year whose holiday schedule is not loaded."""
