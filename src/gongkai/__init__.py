"""gongkai（公开）— government information disclosure: annual reports, the statutory clock, the platform.

The small public API of the core. The CLI and the platform use only these entry points:

- :func:`read` — a file (any medium the readers accept) → :class:`~gongkai.report.model.Report`
- :func:`check` — a report (and optionally last year's) → findings
- :func:`render` — a report → bytes in html/docx/xlsx/pdf/md
- :func:`compare` — two years of one agency

Imports are lazy so that ``import gongkai`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .report.findings import Finding
    from .report.model import Report


def read(path: str, data: bytes | None = None) -> Report:
    """Read a report from a file path (or from ``data``, with ``path`` as its display name)."""
    from .report.api import read_report

    return read_report(path, data)


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding for a report: reading findings, the rules, and cross-year checks if given."""
    from .report.api import check_report

    return check_report(report, previous)


def render(report: Report, to: str, **options: Any) -> bytes:
    """Write a report as ``html``, ``docx``, ``xlsx``, ``pdf`` or ``md``."""
    from .report.render import render_report

    return render_report(report, to, **options)


def compare(a: Report, b: Report) -> Any:
    """Compare two years of one agency (cell changes, carry-over, reused text)."""
    from .report.compare import compare_reports

    return compare_reports(a, b)


__all__ = ["__version__", "check", "compare", "read", "render"]
