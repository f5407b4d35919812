"""Legacy reports (≤ 2018, free-form): placeholder until the legacy figures are declared."""

from __future__ import annotations

from ..model import Report
from .stream import Stream


def extract_legacy(stream: Stream, report: Report) -> None:
    """Add the legacy figures actually printed (see formats/legacy.py) to ``report``."""
    return None
