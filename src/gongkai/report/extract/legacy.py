"""Legacy reports (≤ 2018): the figures of formats/legacy.py that are actually printed.

First the annex 统计表, read like a table (indicator labels in order; the first value column is the
report year, a second one 历年累计 is ignored); fused values ("条5831294" for 本年 | 累计) are split
only when the print allows one reading, otherwise the figure is left out with a finding; a lone
0 under the two columns is the year's 0 either way (the year's count is part of the cumulative). Figures the
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
from .numbers import Piece, PieceKind, pieces_of, select_data
from .rows import read_row
from .sparse import lone_zero, one_cell_per_line
from .stream import Stream, compact

_UNIT_HEAD = re.compile(r"^\s*(?:条|件|元|个|份)")
_LIST_NUMBER = re.compile(r"(?:其中:?)?\d\.$")  # the annex lists at most nine sub-items
_CUMULATIVE = ("累计", "截至", "截止", "历年")


def extract_legacy(stream: Stream, report: Report) -> None:
    """Add the legacy figures actually printed to ``report.cells`` (see the module docstring)."""
    annex = _annex_start(stream)
    lone = _read_annex(stream, report, annex) if annex is not None else {}
    for figure in LEGACY_FIGURES:
        _read_prose(stream, report, figure)
        ambiguous = lone.get(figure.id)
        cell = report.cells.get(figure.id)
        if ambiguous is None or cell is None:
            continue
        # The annex printed one value under 本年 | 历年累计 and the prose gives the year's figure: it
        # settles the reading when it is at most the printed value (either column); else it stays open.
        printed = str(ambiguous.actual or "")
        if printed.isdigit() and isinstance(cell.value, int) and cell.value <= int(printed):
            report.read_findings.remove(ambiguous)
        else:
            del report.cells[figure.id]


def _annex_start(stream: Stream) -> int | None:
    for key in ("指标名称", "统计表"):
        pos = stream.compact.find(compact(key))
        if pos >= 0:
            return pos
    return None


def _read_annex(stream: Stream, report: Report, start: int) -> dict[str, Finding]:
    """Read the annex; return the findings of rows that printed one value for two columns."""
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
    rows: list[tuple[LegacyFigure, int, list[Piece]]] = []
    for i, (figure, m) in enumerate(found):
        stop = found[i + 1][1].start if i + 1 < len(found) else end
        stop = _before_list_number(stream, m.end, stop)
        a, b = stream.to_text_end(m.end), stream.to_text(stop)
        text = _UNIT_HEAD.sub(lambda u: " " * len(u.group()), stream.text[a:b])
        rows.append((figure, a, select_data(pieces_of(text, a), columns)))
    per_line = one_cell_per_line([data for _, _, data in rows])
    lone: dict[str, Finding] = {}
    for figure, a, data in rows:
        if not data or any(p.kind is not PieceKind.NUM for p in data[:1]):
            continue
        if lone_zero(data, columns):
            # A lone 0 under 本年 | 历年累计 (the other cell left blank): the year's figure is 0
            # whichever column it stands in, since the year's count is part of the cumulative one.
            zero = data[0]
            report.cells[figure.id] = Cell(figure.id, 0, zero.printed, stream.span_at(zero.start))
            continue
        if per_line and len(data) < columns:
            # One value on its own line for two columns (the blank cell dropped): not split as
            # fused digits; the year's prose figure may settle it (see extract_legacy).
            lone[figure.id] = Finding(
                "READ-AMBIGUOUS-SPLIT",
                Severity.WARNING,
                f"附表“{figure.label}”只印一个数“{data[0].printed}”（另一格空白被略去），"
                "无法确定是本年数还是累计数，未读取",
                cells=(figure.id,),
                actual=data[0].printed,
                location=stream.span_at(a),
            )
            report.read_findings.append(lone[figure.id])
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
    return lone


def _before_list_number(stream: Stream, start: int, stop: int) -> int:
    """Cut "2." / "其中：1." printed before the next indicator off this indicator's values."""
    m = _LIST_NUMBER.search(stream.compact[start:stop])
    return start + m.start() if m else stop


def _cumulative(text: str, at: int) -> bool:
    """Whether the figure at ``at`` is a cumulative one ("截至2018年底，全市累计申请行政复议18件，受理
    举报件1件"): its sentence says 累计 / 截至 / 历年 before it. Such a figure is never the year's."""
    clause = max(text.rfind(ch, 0, at) for ch in "。；;\n") + 1
    return any(word in text[clause:at] for word in _CUMULATIVE)


def _prose_match(stream: Stream, figure: LegacyFigure) -> tuple[re.Match[str], int] | None:
    """The first year's (not cumulative) prose figure and its text offset: searched in the text,
    then — for reports whose figures stand on lines of their own ("举报件\\n1\\n件") — in the
    compact view."""
    for haystack, compacted in ((stream.text, False), (stream.compact, True)):
        for pattern in figure.prose:
            for m in re.finditer(pattern, haystack):
                if not _cumulative(haystack, m.start()):
                    return m, stream.to_text(m.start("n")) if compacted else m.start("n")
    return None


def _read_prose(stream: Stream, report: Report, figure: LegacyFigure) -> None:
    found = _prose_match(stream, figure)
    if found is not None:
        m, at = found
        value = int(m.group("n"))
        cell = report.cells.get(figure.id)
        if cell is None:
            report.cells[figure.id] = Cell(figure.id, value, m.group("n"), stream.span_at(at))
        elif cell.value != value:
            report.read_findings.append(
                Finding(
                    "READ-LEGACY-CONFLICT",
                    Severity.WARNING,
                    f"“{figure.label}”正文印为 {value}，附表印为 {cell.value}，按附表读取",
                    cells=(figure.id,),
                    expected=cell.value,
                    actual=value,
                    location=stream.span_at(at),
                )
            )


__all__ = ["extract_legacy"]
