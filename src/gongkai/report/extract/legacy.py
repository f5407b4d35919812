"""Legacy reports (≤ 2018): the figures of formats/legacy.py that are actually printed.

First the annex 统计表, read like a table (indicator labels in order; the first value column is the
report year, a second one 历年累计 is ignored); fused values ("条5831294" for 本年 | 累计) are split
only when the print allows one reading, otherwise the figure is left out with a finding. Figures the
annex does not give are taken from prose sentences ("共收到政府信息公开申请27件"), the first one only.
When the annex and the prose print different numbers for one figure, the annex wins and a finding
says so — the report is inconsistent, and the reader shows it rather than choosing silently.
"""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from ..formats import ValueKind
from ..formats.legacy import LEGACY_FIGURES, LegacyFigure
from ..model import Cell, Report
from .labels import find_label, keys_for
from .numbers import PieceKind, pieces_of, select_data
from .rows import read_row
from .stream import Stream, compact

_UNIT_HEAD = re.compile(r"^\s*(?:条|件|元|个|份)")
_LIST_NUMBER = re.compile(r"(?:其中:?)?\d\.$")  # the annex lists at most nine sub-items


def extract_legacy(stream: Stream, report: Report) -> None:
    """Add the legacy figures actually printed to ``report.cells`` (see the module docstring)."""
    annex = _annex_start(stream)
    if annex is not None:
        _read_annex(stream, report, annex)
    for figure in LEGACY_FIGURES:
        _read_prose(stream, report, figure)


def _annex_start(stream: Stream) -> int | None:
    for key in ("指标名称", "统计表"):
        pos = stream.compact.find(compact(key))
        if pos >= 0:
            return pos
    return None


def _read_annex(stream: Stream, report: Report, start: int) -> None:
    figures = [f for f in LEGACY_FIGURES if f.table_labels]
    end = len(stream.compact)
    # Each indicator is looked up on its own: the annex tables of different years and provinces list
    # them in different orders (政府公报 before or after 政府网站), and they are independent figures.
    matches = [find_label(stream, keys_for(f.table_labels), start, end) for f in figures]
    found = sorted(
        ((f, m) for f, m in zip(figures, matches, strict=True) if m is not None), key=lambda fm: fm[1].start
    )
    # A label inside a longer one ("同意公开答复数" in "不同意公开答复数") is not printed there.
    found = [
        (f, m)
        for f, m in found
        if not any(
            o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
            for _, o in found
        )
    ]
    columns = 2 if stream.compact.find("累计", start) >= 0 else 1
    for i, (figure, m) in enumerate(found):
        stop = found[i + 1][1].start if i + 1 < len(found) else end
        stop = _before_list_number(stream, m.end, stop)
        a, b = stream.to_text_end(m.end), stream.to_text(stop)
        text = _UNIT_HEAD.sub(lambda u: " " * len(u.group()), stream.text[a:b])
        data = select_data(pieces_of(text, a), columns)
        if not data or any(p.kind is not PieceKind.NUM for p in data[:1]):
            continue
        read = read_row(data, [ValueKind.COUNT] * columns)
        if len(read.candidates) == 1:
            first = read.candidates[0][0]
            report.cells[figure.id] = Cell(figure.id, first.value, first.printed, stream.span_at(first.start))
        else:
            report.read_findings.append(
                Finding(
                    "READ-AMBIGUOUS-SPLIT",
                    Severity.WARNING,
                    f"附表“{figure.label}”印为“{read.run}”，本年数与累计数无法确定地分开，未读取",
                    cells=(figure.id,),
                    actual=read.run,
                    location=stream.span_at(a),
                )
            )


def _before_list_number(stream: Stream, start: int, stop: int) -> int:
    """Cut "2." / "其中：1." printed before the next indicator off this indicator's values."""
    m = _LIST_NUMBER.search(stream.compact[start:stop])
    return start + m.start() if m else stop


def _read_prose(stream: Stream, report: Report, figure: LegacyFigure) -> None:
    for pattern in figure.prose:
        m = re.search(pattern, stream.text)
        if m is None:
            continue
        value = int(m.group("n"))
        cell = report.cells.get(figure.id)
        if cell is None:
            report.cells[figure.id] = Cell(figure.id, value, m.group("n"), stream.span_at(m.start("n")))
        elif cell.value != value:
            report.read_findings.append(
                Finding(
                    "READ-LEGACY-CONFLICT",
                    Severity.WARNING,
                    f"“{figure.label}”正文印为 {value}，附表印为 {cell.value}，按附表读取",
                    cells=(figure.id,),
                    expected=cell.value,
                    actual=value,
                    location=stream.span_at(m.start("n")),
                )
            )
        return


__all__ = ["extract_legacy"]
