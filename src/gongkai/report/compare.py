"""Two years of one agency's report, side by side: cell changes, carry-over, reused text.

:func:`compare_reports` orders the two reports by year (earlier first, whatever order they are
given in) and returns a :class:`Comparison`:

- **cell changes** — every canonical cell whose value differs between the years, or that only one
  year has (e.g. 2019 → 2021 format changes in table 二), with the numeric difference when both are
  numbers;
- **cross-year findings** — the rules of :data:`gongkai.report.rules.CROSS_YEAR_RULES` (X1 carry-over:
  this year's 上年结转 against last year's 结转下年度继续办理, column by column; X3/X4 table 二
  continuity), run on the later report against the earlier one; nothing is re-implemented here;
- **reused text** — per section, the share of this year's text reused verbatim from the previous
  year's same section.

Definition of "reused verbatim" (documented in docs/report-writing.md): a section's running text
(in sections 二–四 without the rows of the printed table) is split
into sentences at 。！？；and line ends, and each sentence is normalised (Unicode NFKC, all
whitespace removed). Sentences shorter than :data:`MIN_SENTENCE` characters after normalisation
(“无。”, headings like “（一）”) are ignored. A sentence of the later year is *reused verbatim* when
the identical normalised sentence occurs in the earlier year's same section. The share is the number
of characters in reused sentences over the number of characters in all counted sentences of the
later year's section. A second, looser share, *same wording with other numbers*, masks every run of
digits before comparing, which catches templates where only the figures were updated. A section
without counted sentences in the later year has no share (None), not 0.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from typing import Any

from .findings import Finding
from .formats import FORMAT_2021, FORMATS, any_cell
from .formats.spec import Section
from .model import CellValue, Report

MIN_SENTENCE = 6
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class CellChange:
    id: str
    label: str
    before: CellValue
    after: CellValue
    in_before: bool
    in_after: bool

    @property
    def delta(self) -> int | Decimal | None:
        """after − before when both are numbers."""
        numeric = (int, Decimal)
        if isinstance(self.before, numeric) and isinstance(self.after, numeric):
            if isinstance(self.before, bool) or isinstance(self.after, bool):
                return None
            return self.after - self.before
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "cell": self.id,
            "label": self.label,
            "before": _jsonable(self.before) if self.in_before else "absent",
            "after": _jsonable(self.after) if self.in_after else "absent",
            "delta": _jsonable(self.delta),
        }


@dataclass(frozen=True)
class TextReuse:
    section: str  # section key
    title: str
    sentences: int  # sentences counted in the later year's section
    characters: int  # their characters
    verbatim_characters: int
    template_characters: int  # identical once digits are masked (includes the verbatim ones)

    @property
    def verbatim_share(self) -> float | None:
        return None if self.characters == 0 else self.verbatim_characters / self.characters

    @property
    def template_share(self) -> float | None:
        return None if self.characters == 0 else self.template_characters / self.characters

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "title": self.title,
            "sentences": self.sentences,
            "characters": self.characters,
            "verbatim_share": _share(self.verbatim_share),
            "same_wording_other_numbers_share": _share(self.template_share),
        }


@dataclass(frozen=True)
class Comparison:
    earlier: Report
    later: Report
    changes: tuple[CellChange, ...]
    unchanged: int  # cells present in both with the same value
    findings: tuple[Finding, ...]
    reuse: tuple[TextReuse, ...]
    notes: tuple[str, ...] = field(default=())  # Chinese remarks (reports given in reverse order ...)

    @property
    def carry_over_checked(self) -> bool:
        """Both years printed 上年结转 / 结转下年度 as numbers in at least one column (X1 could run)."""
        return any(
            self.later.number(f"t3.carried_over.{c}") is not None
            and self.earlier.number(f"t3.carry_forward.{c}") is not None
            for c in ("np", "com", "res", "npo", "law", "oth", "tot")
        )

    @property
    def overall_verbatim_share(self) -> float | None:
        total = sum(r.characters for r in self.reuse)
        return None if total == 0 else sum(r.verbatim_characters for r in self.reuse) / total

    def to_json(self) -> dict[str, Any]:
        return {
            "earlier": _identity(self.earlier),
            "later": _identity(self.later),
            "changes": [c.to_json() for c in self.changes],
            "unchanged": self.unchanged,
            "findings": [f.to_json() for f in self.findings],
            "reuse": [r.to_json() for r in self.reuse],
            "overall_verbatim_share": _share(self.overall_verbatim_share),
            "notes": list(self.notes),
            "carry_over_checked": self.carry_over_checked,
        }

    def to_text(self) -> str:
        return comparison_text(self)

    def to_html(self) -> str:
        return comparison_html(self)


def _jsonable(value: object) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    return value


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _identity(report: Report) -> dict[str, Any]:
    return {
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "file": report.source.file if report.source else None,
    }


# ---- cells -------------------------------------------------------------------------------------


def _label(cell_id: str) -> str:
    try:
        return any_cell(cell_id).label
    except KeyError:
        pass
    from .render.tables import legacy_labels

    return legacy_labels().get(cell_id, cell_id)


def _order(cell_id: str) -> tuple[int, int]:
    for rank, fmt in enumerate((FORMAT_2021, *[f for k, f in FORMATS.items() if k != "2021"])):
        ids = fmt.cell_ids()
        if cell_id in ids:
            return (ids.index(cell_id), rank)
    return (10**6, 0)


def cell_changes(earlier: Report, later: Report) -> tuple[tuple[CellChange, ...], int]:
    """Cells whose value differs (or that one year lacks), in printed order; and the unchanged count."""
    changes: list[CellChange] = []
    unchanged = 0
    for cid in sorted(set(earlier.cells) | set(later.cells), key=_order):
        a, b = earlier.cells.get(cid), later.cells.get(cid)
        before = None if a is None else a.value
        after = None if b is None else b.value
        if a is not None and b is not None and type(before) is type(after) and before == after:
            unchanged += 1
            continue
        if a is not None and b is not None and _same_number(before, after):
            unchanged += 1
            continue
        changes.append(CellChange(cid, _label(cid), before, after, a is not None, b is not None))
    return tuple(changes), unchanged


def _same_number(a: CellValue, b: CellValue) -> bool:
    numeric = (int, Decimal)
    return isinstance(a, numeric) and isinstance(b, numeric) and a == b


# ---- text reuse --------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """The normalised sentences of a text that count for reuse (see module docstring)."""
    result = []
    for piece in _SENTENCE_END.split(unicodedata.normalize("NFKC", text)):
        sentence = _SPACE.sub("", piece)
        if len(sentence) >= MIN_SENTENCE:
            result.append(sentence)
    return result


def _mask(sentence: str) -> str:
    return _DIGITS.sub("#", sentence)


def text_reuse(section: Section, earlier: str, later: str) -> TextReuse:
    before = set(sentences(earlier))
    before_masked = {_mask(s) for s in before}
    counted = sentences(later)
    verbatim = sum(len(s) for s in counted if s in before)
    template = sum(len(s) for s in counted if s in before or _mask(s) in before_masked)
    return TextReuse(
        section.key,
        section.title,
        len(counted),
        sum(len(s) for s in counted),
        verbatim,
        template,
    )


def _prose(report: Report, key: str) -> str:
    """A section's running text: the printed table rows that readers keep in sections 二–四 are
    left out (the same structural test the renderers use), so that tables do not count as text."""
    from .render.document import paragraphs
    from .render.tables import TABLE_SECTIONS

    return "\n".join(paragraphs(report.sections.get(key), has_table=key in TABLE_SECTIONS.values()))


# ---- the comparison ----------------------------------------------------------------------------


def compare_reports(a: Report, b: Report) -> Comparison:
    """Compare two years of one agency's report (either order; see the module docstring)."""
    from .rules import CROSS_YEAR_RULES

    notes: list[str] = []
    earlier, later = a, b
    if a.year is not None and b.year is not None and a.year > b.year:
        earlier, later = b, a
        notes.append(f"按年度排序：{earlier.year} 年度在前，{later.year} 年度在后")
    if (
        earlier.agency
        and later.agency
        and earlier.agency not in later.agency
        and later.agency not in earlier.agency
    ):
        notes.append(f"两份报告的机关名称不同（“{earlier.agency}”与“{later.agency}”），请确认是同一机关")
    if earlier.year is not None and earlier.year == later.year:
        notes.append(f"两份报告都是 {later.year} 年度")
    changes, unchanged = cell_changes(earlier, later)
    findings = [f for rule in CROSS_YEAR_RULES for f in rule(later, earlier)]
    fmt = FORMATS.get(later.format, FORMAT_2021)
    reuse = tuple(
        text_reuse(section, _prose(earlier, section.key), _prose(later, section.key))
        for section in fmt.sections
    )
    return Comparison(earlier, later, changes, unchanged, tuple(findings), reuse, tuple(notes))


# ---- output ------------------------------------------------------------------------------------


def _value(value: CellValue, present: bool) -> str:
    if not present:
        return "（未读取）"
    if value is None:
        return "（空白）"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _delta(change: CellChange) -> str:
    delta = change.delta
    if delta is None:
        return ""
    text = format(delta, "f") if isinstance(delta, Decimal) else str(delta)
    return text if text.startswith("-") else f"+{text}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _year(report: Report) -> str:
    return f"{report.year} 年度" if report.year else "（年度不详）"


def _carry_note(comparison: Comparison) -> str:
    if comparison.carry_over_checked:
        return "上年结转与上一年度结转下年度一致。"
    return "未核对上年结转：两份报告的表三结转数未都读取（或为无固定表格的旧式报告）。"


def comparison_text(comparison: Comparison) -> str:
    earlier, later = comparison.earlier, comparison.later
    agency = later.agency or earlier.agency or ""
    lines = [f"{agency}：{_year(earlier)} → {_year(later)}"]
    lines += [f"说明：{note}" for note in comparison.notes]
    lines.append("")
    lines.append(f"单元格变化：{len(comparison.changes)} 个（未变 {comparison.unchanged} 个）")
    for change in comparison.changes:
        before = _value(change.before, change.in_before)
        after = _value(change.after, change.in_after)
        delta = _delta(change)
        lines.append(f"  {change.id}  {change.label}：{before} → {after}" + (f"（{delta}）" if delta else ""))
    lines.append("")
    lines.append(f"跨年度核对：{len(comparison.findings)} 条")
    for finding in comparison.findings:
        lines.append(f"  {finding.severity} [{finding.rule}] {finding.message}")
    if not any(f.rule == "CARRY-OVER" for f in comparison.findings):
        lines.append(f"  {_carry_note(comparison)}")
    lines.append("")
    lines.append("与上一年度相同的文字（逐句原样重复 / 仅数字不同）：")
    for reuse in comparison.reuse:
        lines.append(
            f"  {reuse.title}：{_percent(reuse.verbatim_share)} / {_percent(reuse.template_share)}"
            f"（{reuse.sentences} 句）"
        )
    lines.append(f"  全文：{_percent(comparison.overall_verbatim_share)}")
    return "\n".join(lines) + "\n"


def comparison_html(comparison: Comparison) -> str:
    earlier, later = comparison.earlier, comparison.later
    agency = later.agency or earlier.agency or ""
    title = f"{agency}{_year(earlier)}与{_year(later)}政府信息公开工作年度报告比较"
    out = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #999;"
        "padding:2px 6px;text-align:left}td.num{text-align:right}.warning{color:#a40}</style>",
        "</head>\n<body>\n<main>",
        f"<h1>{escape(title)}</h1>",
    ]
    out += [f"<p>{escape(note)}</p>" for note in comparison.notes]
    out.append(f"<h2>单元格变化（{len(comparison.changes)} 个，未变 {comparison.unchanged} 个）</h2>")
    out.append(
        '<table id="changes"><caption>变化的单元格</caption><thead><tr><th scope="col">单元格</th>'
        f'<th scope="col">名称</th><th scope="col">{escape(_year(earlier))}</th>'
        f'<th scope="col">{escape(_year(later))}</th><th scope="col">增减</th></tr></thead><tbody>'
    )
    for change in comparison.changes:
        out.append(
            f'<tr><th scope="row">{escape(change.id)}</th><td>{escape(change.label)}</td>'
            f'<td class="num">{escape(_value(change.before, change.in_before))}</td>'
            f'<td class="num">{escape(_value(change.after, change.in_after))}</td>'
            f'<td class="num">{escape(_delta(change))}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append("<h2>跨年度核对</h2>")
    out.append('<ul id="findings">')
    out += [
        f'<li class="{escape(str(f.severity))}">[{escape(f.rule)}] {escape(f.message)}</li>'
        for f in comparison.findings
    ]
    if not any(f.rule == "CARRY-OVER" for f in comparison.findings):
        out.append(f"<li>{escape(_carry_note(comparison))}</li>")
    out.append("</ul>")
    out.append("<h2>与上一年度相同的文字</h2>")
    out.append(
        '<table id="reuse"><caption>各部分文字与上一年度相同的比例（按字数）</caption><thead><tr>'
        '<th scope="col">部分</th><th scope="col">逐句原样重复</th><th scope="col">仅数字不同</th>'
        '<th scope="col">句数</th></tr></thead><tbody>'
    )
    for reuse in comparison.reuse:
        out.append(
            f'<tr><th scope="row">{escape(reuse.title)}</th><td class="num">{_percent(reuse.verbatim_share)}</td>'
            f'<td class="num">{_percent(reuse.template_share)}</td><td class="num">{reuse.sentences}</td></tr>'
        )
    out.append(
        f'<tr><th scope="row">全文</th><td class="num">{_percent(comparison.overall_verbatim_share)}</td>'
        "<td></td><td></td></tr></tbody></table>"
    )
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)
