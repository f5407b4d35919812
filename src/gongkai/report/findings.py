"""Findings: what a rule (or the extractor) found wrong or doubtful, pointing at the exact cells."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import SourceSpan


class Severity(StrEnum):
    ERROR = "error"  # the report is wrong (a hard rule of domain.md §4.1 fails)
    WARNING = "warning"  # doubtful: a soft rule, or a cell that could not be read with confidence
    INFO = "info"  # worth knowing, not a defect


def _jsonable(value: object) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id: "T3-BALANCE", "T4-TOTAL", "READ-AMBIGUOUS", ...
    severity: Severity
    message: str  # Chinese, one line
    cells: tuple[str, ...] = ()
    expected: object = None
    actual: object = None
    location: SourceSpan | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "cells": list(self.cells),
            "expected": _jsonable(self.expected),
            "actual": _jsonable(self.actual),
            "location": self.location.to_json() if self.location else None,
        }
