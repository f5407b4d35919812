"""Charts of a report (matplotlib, Agg, no pyplot global state), as SVG or PNG with a CJK font.

Three charts, each computed from the format declarations, never from hard-coded labels:

- ``outcomes`` — 本年度办理结果: the 总计 column of table 三 per outcome category (（一）予以公开,
  （二）部分公开, and each group （三）…（六） summed over its sub-rows);
- ``applicants`` — 申请人情况: 本年新收 per applicant column;
- ``change`` — two years side by side: new, carried over, each outcome category, carried forward.

A bar whose cells are not all numbers (not read, blank, or text) is not drawn and is labelled
“未能读取”: a chart never turns an unreadable cell into a silent 0.

Output is deterministic (fixed ``svg.hashsalt``, no creation date) so tests and diffs are stable.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..formats import Format
from ..model import Report

FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei", "DejaVu Sans"]
UNREAD = "未能读取"
_NOTE = re.compile(r"（[^（）]*）$")


@dataclass(frozen=True)
class Series:
    name: str  # legend entry (a year), or "" for a single series
    values: tuple[int | Decimal | None, ...]  # None = not drawable (not read, blank or text)


@dataclass(frozen=True)
class Chart:
    key: str  # "outcomes", "applicants", "change"
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "件"

    @property
    def alt(self) -> str:
        """A text equivalent of the chart (alt text, screen readers, DOCX descriptions)."""
        parts = []
        for series in self.series:
            items = "；".join(
                f"{cat} {UNREAD if v is None else f'{v}{self.unit}'}"
                for cat, v in zip(self.categories, series.values, strict=False)
            )
            parts.append(f"{series.name}：{items}" if series.name else items)
        return f"{self.title}。" + "。".join(parts) + "。"

    @property
    def empty(self) -> bool:
        return all(v is None for s in self.series for v in s.values)


def _short(label: str) -> str:
    """“（二）部分公开（区分处理的，只计这一情形，不计其他情形）” → “（二）部分公开”."""
    return _NOTE.sub("", label)


def _sum(report: Report, ids: list[str]) -> int | Decimal | None:
    total: int | Decimal = 0
    for cid in ids:
        value = report.number(cid)
        if value is None:
            return None
        total += value
    return total


def _t3_format(report: Report) -> Format | None:
    from .tables import table_format

    return table_format(report, "t3")


def outcome_categories(fmt: Format) -> list[tuple[str, list[str]]]:
    """(label, row keys) per outcome category: rows directly under the outer group stand alone,
    rows of an inner group ((三) 不予公开 …) are summed under the group's label."""
    inner = set(fmt.table3_groups[1:])
    result: list[tuple[str, list[str]]] = []
    for row in fmt.table3_rows:
        if row.key not in fmt.table3_outcome_rows:
            continue
        if row.group in inner:
            assert row.group is not None
            if result and result[-1][0] == row.group:
                result[-1][1].append(row.key)
            else:
                result.append((row.group, [row.key]))
        else:
            result.append((_short(row.label), [row.key]))
    return result


def outcomes_chart(report: Report) -> Chart | None:
    fmt = _t3_format(report)
    if fmt is None:
        return None
    cats = outcome_categories(fmt)
    values = tuple(_sum(report, [f"t3.{k}.tot" for k in keys]) for _, keys in cats)
    return Chart("outcomes", "本年度办理结果", tuple(c for c, _ in cats), (Series("", values),))


def applicants_chart(report: Report) -> Chart | None:
    fmt = _t3_format(report)
    if fmt is None:
        return None
    cols = [c for c in fmt.table3_columns if c.key != "tot"]
    values = tuple(report.number(f"t3.new_received.{c.key}") for c in cols)
    labels = tuple(c.label for c in cols)
    return Chart("applicants", "本年新收申请的申请人情况", labels, (Series("", values),))


def _key_figures(report: Report, fmt: Format) -> list[tuple[str, int | Decimal | None]]:
    rows = {r.key: r for r in fmt.table3_rows}
    figures: list[tuple[str, int | Decimal | None]] = []
    for key in ("new_received", "carried_over"):
        figures.append((_short(rows[key].label).split("、", 1)[-1], report.number(f"t3.{key}.tot")))
    for label, keys in outcome_categories(fmt):
        figures.append((label, _sum(report, [f"t3.{k}.tot" for k in keys])))
    figures.append((rows["carry_forward"].label.split("、", 1)[-1], report.number("t3.carry_forward.tot")))
    return figures


def change_chart(previous: Report, current: Report) -> Chart | None:
    """The key figures of table 三 of two years side by side (the same format's categories; a
    category that one year's format lacks is shown as not readable for that year)."""
    fmt_now = _t3_format(current)
    fmt_before = _t3_format(previous)
    if fmt_now is None or fmt_before is None:
        return None
    now = _key_figures(current, fmt_now)
    before = dict(_key_figures(previous, fmt_before))
    categories = tuple(label for label, _ in now)
    name_before = f"{previous.year}年" if previous.year else "上一年"
    name_now = f"{current.year}年" if current.year else "本年"
    return Chart(
        "change",
        "与上一年度比较",
        categories,
        (
            Series(name_before, tuple(before.get(label) for label in categories)),
            Series(name_now, tuple(v for _, v in now)),
        ),
    )


def report_charts(report: Report, previous: Report | None = None) -> list[Chart]:
    """The charts worth drawing for a report (none for a legacy report or one without table 三)."""
    charts = [c for c in (outcomes_chart(report), applicants_chart(report)) if c is not None]
    if previous is not None:
        change = change_chart(previous, report)
        if change is not None:
            charts.append(change)
    return [c for c in charts if not c.empty]


# ---- drawing -----------------------------------------------------------------------------------

_RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": FONT_FAMILIES,
    "axes.unicode_minus": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "gongkai",
    "font.size": 10,
}
_COLOURS = ("#8c8c8c", "#b22222")


def _figure(chart: Chart) -> Any:
    from matplotlib.figure import Figure

    n = len(chart.categories)
    fig = Figure(figsize=(7.2, 0.42 * n * max(1, len(chart.series)) ** 0.5 + 1.2))
    ax = fig.add_subplot()
    count = len(chart.series)
    height = 0.8 / count
    positions = list(range(n))
    top = max((float(v) for s in chart.series for v in s.values if v is not None), default=0.0)
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + height * (index + 0.5) for p in positions]
        widths = [0.0 if v is None else float(v) for v in series.values]
        colour = _COLOURS[-1] if count == 1 else _COLOURS[index % len(_COLOURS)]
        bars = ax.barh(offsets, widths, height=height * 0.9, color=colour, label=series.name or None)
        for bar, value in zip(bars, series.values, strict=False):
            text = UNREAD if value is None else f"{value}"
            ax.text(
                bar.get_width() + top * 0.01 + 0.05,
                bar.get_y() + bar.get_height() / 2,
                text,
                va="center",
                fontsize=8,
                color="#555555" if value is None else "#222222",
            )
    ax.set_yticks(positions, chart.categories)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.18 + 1)
    ax.set_xlabel(f"单位：{chart.unit}")
    ax.set_title(chart.title)
    ax.spines[["top", "right"]].set_visible(False)
    if count > 1:
        ax.legend(loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


def chart_svg(chart: Chart, *, text_as_paths: bool = False) -> bytes:
    """The chart as SVG. Text stays text (selectable, searchable) unless ``text_as_paths``."""
    import matplotlib

    rc: Any = dict(_RC, **({"svg.fonttype": "path"} if text_as_paths else {}))
    with matplotlib.rc_context(rc):
        fig = _figure(chart)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue().encode("utf-8")


def chart_png(chart: Chart, *, dpi: int = 150) -> bytes:
    import matplotlib

    rc: Any = _RC
    with matplotlib.rc_context(rc):
        fig = _figure(chart)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
