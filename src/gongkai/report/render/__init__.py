"""Writing a report: HTML, DOCX (official layout), XLSX, PDF and Markdown, with charts.

``render_report(report, to, **options) -> bytes`` is the one entry point (``gongkai.render``).
Options, accepted by every target: ``previous`` (last year's report: adds the change chart) and
``charts`` (default True; False leaves charts out). The layout of the tables is declared once in
:mod:`.tables`, read from :mod:`gongkai.report.formats`; each renderer only draws it.

Legacy reports (≤ 2018, free-form, no fixed tables) are written with their section texts and their
figures as a simple two-column list; nothing is invented to fill the official tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import GongkaiError
from ..model import Report

TARGETS: dict[str, tuple[str, str]] = {
    # target: (module, function)
    "html": ("html", "render_html"),
    "docx": ("docx", "render_docx"),
    "xlsx": ("xlsx", "render_xlsx"),
    "pdf": ("pdf", "render_pdf"),
    "md": ("markdown", "render_markdown"),
}
#: file extension → target (for ``-o report.docx`` without ``--to``)
EXTENSIONS = {
    "html": "html",
    "htm": "html",
    "docx": "docx",
    "xlsx": "xlsx",
    "pdf": "pdf",
    "md": "md",
    "markdown": "md",
}
OPTIONS = frozenset({"previous", "charts"})


def renderer(to: str) -> Callable[..., bytes]:
    import importlib

    key = to.lower().lstrip(".")
    if key not in TARGETS:
        raise GongkaiError(f"不支持的输出格式“{to}”：可选 {'、'.join(TARGETS)}")
    module_name, function = TARGETS[key]
    module = importlib.import_module(f"{__name__}.{module_name}")
    result: Callable[..., bytes] = getattr(module, function)
    return result


def render_report(report: Report, to: str, **options: Any) -> bytes:
    """The report written as ``to`` (html, docx, xlsx, pdf, md), as bytes.

    Raises GongkaiError for an unknown target or option, ContractError for a cell id that is not
    canonical or a value of the wrong type (naming the cell).
    """
    unknown = set(options) - OPTIONS
    if unknown:
        raise GongkaiError(f"未知的生成选项：{'、'.join(sorted(unknown))}（可用：previous、charts）")
    previous = options.get("previous")
    if previous is not None and not isinstance(previous, Report):
        raise GongkaiError("previous 必须是上一年度的报告（Report）")
    return renderer(to)(report, previous=previous, charts=bool(options.get("charts", True)))


__all__ = ["EXTENSIONS", "TARGETS", "render_report", "renderer"]
