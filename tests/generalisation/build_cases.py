"""Builds the generalisation cases: annual reports that are NOT in the corpus, in the forms real sites
publish them, each with the cells it prints.

``uv run python tests/generalisation/build_cases.py`` rewrites ``cases/<name>/`` (``source.*``,
``expected.json``, ``CASE.md``). The reports are invented (agencies, prose, numbers), written from how
real 政府信息公开工作年度报告 look: six sections, prose quoting the figures, the official tables with
their printed deviations (split header cells, full-width digits, blank and "—" cells, numbers with
units, 条例-style titles) and the publication forms of real sites (text copied from a page with tabs,
pipes, spaces or one cell per line; a GBK CMS page with nested layout tables and rowspan/colspan; the
official Word template filled in; a spreadsheet; a PDF rendered from the Word file by LibreOffice).

``expected.json`` is written from what is *printed* here — the labels come from the spec
(cells.yaml, read as a file: src/gongkai/report/formats/cells.yaml), never from the Python declarations
of ``gongkai.report.formats`` and never from a reader — so the
evaluation (bench/eval_generalisation.py, tests/generalisation/test_cases.py) can fail.
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CASES_DIR = HERE / "cases"
SPEC = ROOT / "src" / "gongkai" / "report" / "formats" / "cells.yaml"
TEMPLATE_2021 = ROOT / "tests" / "reference" / "official-template-2021.docx"

COLS = ("np", "com", "res", "npo", "law", "oth", "tot")
T4_BLOCKS = ("review", "direct", "after_review")
T4_COLS = ("maintain", "correct", "other", "pending", "total")
OUTCOMES_2019 = [
    "granted",
    "partial",
    "denied_state_secret",
    "denied_law_prohibited",
    "denied_security",
    "denied_third_party",
    "denied_internal",
    "denied_process",
    "denied_enforcement_file",
    "denied_admin_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_still_unclear",
    "nohandle_petition",
    "nohandle_repeat",
    "nohandle_publication",
    "nohandle_excessive",
    "nohandle_confirm",
    "other",
]


def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC.read_text("utf-8"))  # type: ignore[no-any-return]


def t3_labels(fmt: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    for r in spec()["table3_rows_2021"]:
        if "key" not in r:
            continue
        if fmt == "2019" and r["key"].startswith("other_"):
            if r["key"] == "other_no_correction":
                rows["other"] = "（六）其他处理"  # the single 2019 row, where the 2021 sub-rows stand
            continue
        rows[r["key"]] = r["label"]
    return rows


def outcome_rows(fmt: str) -> list[str]:
    return list(spec()["outcome_rows_2021"]) if fmt == "2021" else OUTCOMES_2019


# ----------------------------------------------------------------------------------------------
# The figures of a report, always printed consistently unless a case says otherwise.


@dataclass
class Figures:
    """Table values as *printed* (strings); ``t3`` is built from the outcomes so that R1–R3 hold."""

    t2: dict[str, str]  # cell id → printed text
    t3: dict[str, list[str]]  # row key → 7 printed cells
    t4: list[str]  # 15 printed cells


def t3_from(
    fmt: str, outcomes: dict[str, list[int]], carried: list[int], forward: list[int]
) -> dict[str, list[int]]:
    """A consistent table 三 from the outcome rows (6 applicant columns each) and the carry-overs."""
    rows: dict[str, list[int]] = {}
    zero = [0] * 6
    total = [sum(outcomes.get(r, zero)[i] for r in outcome_rows(fmt)) for i in range(6)]
    new = [total[i] + forward[i] - carried[i] for i in range(6)]
    assert min(new) >= 0, new
    for key in t3_labels(fmt):
        six = {"new_received": new, "carried_over": carried, "total": total, "carry_forward": forward}.get(
            key, outcomes.get(key, zero)
        )
        rows[key] = [*six, sum(six)]
    return rows


def t4_from(review: list[int], direct: list[int], after: list[int]) -> list[int]:
    return [*review, sum(review), *direct, sum(direct), *after, sum(after)]


def printed(values: dict[str, list[int]]) -> dict[str, list[str]]:
    return {k: [str(v) for v in vs] for k, vs in values.items()}


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def expected_value(text: str) -> Any:
    """The cells.yaml value of a printed cell (written for this builder, independent of the readers)."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s == "":
        return None
    for unit in ("万元", "件", "个", "项", "条", "元"):
        if s.endswith(unit) and s[: -len(unit)].strip().lstrip("+-").replace(".", "", 1).isdigit():
            s = s[: -len(unit)].strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})+", s):  # thousands separators: "56,231"
        s = s.replace(",", "")
    body = s.lstrip("+-")
    if body.isdigit():
        return int(s)
    if body.replace(".", "", 1).isdigit():
        return {"decimal": str(Decimal(s))}
    return text.strip()


# ----------------------------------------------------------------------------------------------
# Table grids: rows of (text, rowspan, colspan), as an HTML table is written.


@dataclass
class C:
    text: str
    rs: int = 1
    cs: int = 1


Grid = list[list[C]]


def grid_t2(fmt: str, t2: dict[str, str]) -> Grid:
    g: Grid = []
    for block in spec()["table2_2021" if fmt == "2021" else "table2_2019"]:
        cols = block["columns"]
        g.append([C(block["block"], cs=4)])
        heads = list(cols.values())
        g.append([C("信息内容"), *[C(h, cs=4 - len(heads) if len(heads) == 1 else 1) for h in heads]])
        if len(heads) == 2:
            g[-1][-1].cs = 2
        if len(heads) == 1:
            g[-1][-1].cs = 3
        for row_key, row_label in block["rows"].items():
            vals = [t2[f"t2.{row_key}.{c}"] for c in cols]
            cells = [C(row_label), *[C(v) for v in vals]]
            if len(vals) == 1:
                cells[-1].cs = 3
            if len(vals) == 2:
                cells[-1].cs = 2
            g.append(cells)
    return g


def grid_t3(fmt: str, t3: dict[str, list[str]], split_heads: bool = True) -> Grid:
    labels = t3_labels(fmt)
    note = spec()["table3_note"]
    brk = "\n" if split_heads else ""
    g: Grid = [
        [C(note, rs=3, cs=3), C("申请人情况", cs=7)],
        [C("自然人", rs=2), C("法人或其他组织", cs=5), C("总计", rs=2)],
        [C(f"商业{brk}企业"), C(f"科研{brk}机构"), C("社会公益组织"), C("法律服务机构"), C("其他")],
    ]
    groups = {
        "denied_state_secret": ("（三）不予公开", 8),
        "unable_not_held": ("（四）无法提供", 3),
        "nohandle_petition": ("（五）不予处理", 5),
        "other_no_correction": ("（六）其他处理", 3),
    }
    n_results = len(outcome_rows(fmt)) + 1  # rows under 三、本年度办理结果: the outcomes + （七）总计
    in_group = 0
    for key, label in labels.items():
        vals = [C(v) for v in t3[key]]
        if key in ("new_received", "carried_over", "carry_forward"):
            g.append([C(label, cs=3), *vals])
            continue
        row: list[C] = []
        if key == "granted":
            row.append(C("三、本年度办理结果", rs=n_results))
        if key in groups:
            gl, n = groups[key]
            row.append(C(gl, rs=n))
            in_group = n
        if in_group:
            row.append(C(label))
            in_group -= 1
        else:
            row.append(C(label, cs=2))
        g.append([*row, *vals])
    return g


def grid_t3_group_rows(fmt: str, t3: dict[str, list[str]]) -> Grid:
    """Table 三 as hand-made tables print it: one label column, the group labels (三、本年度办理结果,
    （三）不予公开 …) on rows of their own with empty cells."""
    labels = t3_labels(fmt)
    g: Grid = [
        [C(spec()["table3_note"], rs=3), C("申请人情况", cs=7)],
        [C("自然人", rs=2), C("法人或其他组织", cs=5), C("总计", rs=2)],
        [C("商业企业"), C("科研机构"), C("社会公益组织"), C("法律服务机构"), C("其他")],
    ]
    groups = {
        "granted": "三、本年度办理结果",
        "denied_state_secret": "（三）不予公开",
        "unable_not_held": "（四）无法提供",
        "nohandle_petition": "（五）不予处理",
        "other_no_correction": "（六）其他处理",
    }
    for key, label in labels.items():
        if key in groups:
            g.append([C(groups[key]), *[C("") for _ in range(7)]])
        g.append([C(label), *[C(v) for v in t3[key]]])
    return g


def grid_t4(t4: list[str]) -> Grid:
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return [
        [C("行政复议", cs=5), C("行政诉讼", cs=10)],
        [*[C(h, rs=2) for h in heads], C("未经复议直接起诉", cs=5), C("复议后起诉", cs=5)],
        [*[C(h) for h in heads], *[C(h) for h in heads]],
        [C(v) for v in t4],
    ]


def placed(grid: Grid) -> list[tuple[int, int, C]]:
    """(row, col, cell) with the columns taken by row spans from above skipped."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    taken.add((r + dr, c + dc))
            c += cell.cs
    return out


# ----------------------------------------------------------------------------------------------
# A case


@dataclass
class Case:
    name: str
    medium: str  # text-tabs, text-pipes, text-spaces, text-lines, html-gbk, html-utf8, docx, docx-template, pdf, xlsx
    fmt: str  # 2021, 2019, legacy
    agency: str
    year: int
    title: str
    publish_date: str | None
    headings: list[str]  # the six section headings as printed
    prose: dict[int, list[str]]  # section number (0 = preamble) → paragraphs
    figures: Figures | None
    signature: list[str] = field(default_factory=list)
    what: str = ""  # what it exercises
    split_heads: bool = True
    legacy_annex: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # label, unit, year, cumulative
    legacy_expected: dict[str, int] = field(default_factory=dict)
    consistent: bool = True
    #: rule findings this case is right to get (a workbook has no six sections; an old format)
    expected_rules: list[str] = field(default_factory=list)
    #: cells fused into digit runs: a cell may be left out as ambiguous (with a finding), never wrong
    fused: bool = False
    word_html: bool = False  # HTML tables pasted from Word (th, split runs)
    relabel: dict[str, str] = field(default_factory=dict)  # label rewrites (numbering styles)
    split_t2: bool = False  # table 二 printed as one small table per 第二十条 block
    html_headings: bool = False  # section headings as <h3> rather than bold paragraphs
    t3_note: bool = True  # the （本列数据的勾稽关系…） note printed in table 三's corner
    t2_headings: bool = True  # table 二's 第二十条第（X）项 heading rows printed
    repeat_header: bool = False  # Word's 重复标题行 on table 三 (headers repeated after a page break)
    group_rows: bool = False  # table 三's group labels as rows of their own (empty cells), two label columns
    borderless: bool = False  # Word tables without borders (an unruled table in the PDF)
    #: label columns as wide as a real table's; False: Word's default equal widths (labels wrap
    #: every two characters, rows cut by page breaks)
    label_widths: bool = True
    numbers_as_text: bool = False  # a workbook whose numbers were typed as text ('12, cell format 文本)
    tracked_changes: bool = False  # Word revision marks left in the values (a deleted old number)

    def printed_title(self) -> str:
        """The title as the medium prints it (a workbook calls itself a 统计表)."""
        if self.medium in ("xlsx", "xls"):
            return f"{self.title}（统计表）"
        if self.medium == "xlsx-formulas":
            return f"{self.agency}{self.year}年政府信息公开工作年度报告统计表"
        return self.title

    def expected(self) -> dict[str, Any]:
        cells: dict[str, Any] = {}
        if self.figures is not None:
            for cid, text in self.figures.t2.items():
                cells[cid] = expected_value(text)
            for row, vals in self.figures.t3.items():
                for col, text in zip(COLS, vals, strict=True):
                    cells[f"t3.{row}.{col}"] = expected_value(text)
            for i, text in enumerate(self.figures.t4):
                cells[f"t4.{T4_BLOCKS[i // 5]}.{T4_COLS[i % 5]}"] = expected_value(text)
        cells.update(self.legacy_expected)
        return {
            "format": self.fmt,
            "agency": self.agency,
            "year": self.year,
            "title": self.printed_title(),
            "publish_date": self.publish_date,
            "consistent": self.consistent,
            "expected_rules": self.expected_rules,
            "fused": self.fused,
            "cells": dict(sorted(cells.items())),
        }


# ----------------------------------------------------------------------------------------------
# Renderers


def _cell_text(text: str, sep_newline: str) -> str:
    return text.replace("\n", sep_newline)


def text_table(grid: Grid, style: str) -> list[str]:
    lines = []
    for row in grid:
        texts = [c.text for c in row]
        if style == "tabs":
            lines.append("\t".join(_cell_text(t, "") for t in texts))
        elif style == "pipes":
            lines.append(" | ".join(_cell_text(t, " ") for t in texts) + " |")
        elif style == "spaces":
            lines.append(" ".join(_cell_text(t, " ") for t in texts))
        elif style == "ideo":
            lines.append("\u3000".join(_cell_text(t, "") for t in texts))
        elif style == "lines":
            lines.extend(t for t in texts)  # one cell per line, split headers over two lines
        else:
            raise ValueError(style)
    return lines


def markdown_table(grid: Grid) -> list[str]:
    """A pipe table as markdown sites and transcriptions print it: merged cells repeated, one header
    row, the |---| rule under it."""
    width = sum(c.cs for c in grid[0])
    cells: dict[tuple[int, int], str] = {}
    for r, c, cell in placed(grid):
        for dr in range(cell.rs):
            for dc in range(cell.cs):
                cells[(r + dr, c + dc)] = cell.text.replace("\n", "")
    lines = []
    for r in range(len(grid)):
        lines.append("| " + " | ".join(cells.get((r, c), "") for c in range(width)) + " |")
        if r == 0:
            lines.append("|" + "---|" * width)
    return lines


def _relabel(text: str, rewrites: dict[str, str]) -> str:
    for old, new in rewrites.items():
        text = re.sub(old, new, text)
    return text


def body_blocks(case: Case) -> list[tuple[str, Any]]:
    """The report in reading order: ("title"|"p"|"h"|"table", payload)."""
    out: list[tuple[str, Any]] = [("title", case.title)]
    out += [("p", p) for p in case.prose.get(0, [])]
    for i, heading in enumerate(case.headings, start=1):
        out.append(("h", heading))
        paras = case.prose.get(i, [])
        if case.figures is not None and i in (2, 3, 4):
            intro, rest = paras[:1], paras[1:]
            out += [("p", p) for p in intro]
            grid = {
                2: lambda: grid_t2(case.fmt, case.figures.t2),  # type: ignore[union-attr]
                3: lambda: (
                    grid_t3_group_rows(case.fmt, case.figures.t3)  # type: ignore[union-attr]
                    if case.group_rows
                    else grid_t3(case.fmt, case.figures.t3, case.split_heads)  # type: ignore[union-attr]
                ),
                4: lambda: grid_t4(case.figures.t4),  # type: ignore[union-attr]
            }[i]()
            grid = [[C(_relabel(c.text, case.relabel), c.rs, c.cs) for c in row] for row in grid]
            if i == 3 and not case.t3_note:
                grid[0][0].text = ""
            if i == 2 and not case.t2_headings:
                grid = [row for row in grid if not row[0].text.startswith("第二十条")]
            if i == 2 and case.split_t2:
                starts = [r for r, row in enumerate(grid) if row[0].text.startswith("第二十条")] + [len(grid)]
                out += [("table", grid[a:b]) for a, b in itertools.pairwise(starts)]
            else:
                out.append(("table", grid))
            out += [("p", p) for p in rest]
        else:
            out += [("p", p) for p in paras]
            if i == 6 and case.legacy_annex:
                grid = [[C("指标"), C("单位"), C("本年数"), C("累计数")]] + [
                    [C(a), C(b), C(c), C(d)] for a, b, c, d in case.legacy_annex
                ]
                out.append(("table", grid))
    out += [("sig", s) for s in case.signature]
    return out


def crawler_table(grid: Grid) -> str:
    """A table as an archiving crawler keeps a page's text: header cells separated by spaces, each data
    row's label then its values fused into one run of digits, the rows run together."""
    out = []
    for row in grid:
        labels = [
            c.text.replace("\n", " ") for c in row if expected_value(c.text) is None or not c.text.strip()
        ]
        values = [c.text for c in row if c.text.strip() and expected_value(c.text) is not None]
        if values:
            out.append(" ".join(t for t in labels if t) + " " + "".join(values))
        else:
            out.append(" " + " ".join(labels) + " ")
    return "".join(out)


def render_crawler(case: Case) -> bytes:
    body = []
    for kind, payload in body_blocks(case):
        if kind == "title":
            continue
        body.append(crawler_table(payload) if kind == "table" else payload)
    head = [
        f"标题: {case.title}",
        f"发布时间: {case.publish_date} 10:12",
        "文号: ",
        f"发布机构: {case.agency}",
        "栏目: 政府信息公开年报",
        f"原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/{case.year + 1}01/t{case.year + 1}0120_1234.htm",
        "==================== 正文 ====================",
    ]
    return ("\n".join([*head, "".join(body), "附件下载"]) + "\n").encode("utf-8")


def render_text(case: Case, style: str, header: list[str], footer: list[str]) -> bytes:
    lines = list(header)
    for kind, payload in body_blocks(case):
        if kind == "table" and style == "markdown":
            lines += ["", *markdown_table(payload), ""]
        elif kind == "table":
            lines += text_table(payload, style)
        elif style == "markdown" and kind == "title":
            lines.append(f"# {payload}")
        elif style == "markdown" and kind == "h":
            lines += ["", f"## {payload}", ""]
        else:
            lines.append(payload)
    lines += footer
    return ("\n".join(lines) + "\n").encode("utf-8")


def html_table(grid: Grid, word_html: bool = False) -> str:
    """The table as a CMS prints it; ``word_html`` is the markup of a Word document pasted into the
    editor (header rows in <th>, runs split inside a number, &nbsp; padding)."""
    rows = []
    header_rows = next(
        (
            i
            for i, row in enumerate(grid)
            if any(
                expected_value(c.text) is not None and isinstance(expected_value(c.text), int) for c in row
            )
        ),
        len(grid),
    )
    for r, row in enumerate(grid):
        tds = []
        for c in row:
            attrs = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            text = "<br/>".join(html.escape(t) for t in c.text.split("\n")) or "&nbsp;"
            if word_html and len(c.text) > 1 and c.text.isdigit():
                # Word splits a run where the text was edited: "1<span>2</span>"
                text = f'{c.text[:-1]}<span lang="EN-US" style="font-size:10.5pt">{c.text[-1]}</span>'
            if word_html:
                text += "<o:p></o:p>"  # Word's empty paragraph marks
            tag = "th" if word_html and r < header_rows and r < 3 else "td"
            tds.append(
                f'<{tag}{attrs} style="border:1px solid #000;text-align:center" valign="middle">'
                f'<p style="text-align:center"><span style="font-family:宋体;font-size:12px">{text}</span></p></{tag}>'
            )
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="0" width="600" style="border-collapse:collapse">'
        + ("\n".join(rows))
        + "</table>"
    )


#: What Word leaves at the top of a document pasted into a CMS editor.
WORD_PREAMBLE = """<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom>
<w:PunctuationKerning/><w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
</w:WordDocument></xml><![endif]--><!--[if gte mso 10]><style>table.MsoNormalTable{mso-style-name:普通表格;}
</style><![endif]-->"""


def render_html(case: Case, encoding: str, site: str) -> bytes:
    body = []
    for kind, payload in body_blocks(case):
        if kind == "title":
            continue
        if kind == "table":
            body.append(html_table(payload, word_html=case.word_html))
        elif kind == "h" and case.html_headings:
            body.append(f"<h3>{html.escape(payload)}</h3>")
        elif kind == "h":
            body.append(f'<p style="text-indent:2em"><strong>{html.escape(payload)}</strong></p>')
        elif kind == "h" and case.word_html:
            body.append(
                '<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0">'
                f'<b><span style="font-family:黑体;mso-ascii-font-family:Calibri">{html.escape(payload)}'
                "<span lang=EN-US><o:p></o:p></span></span></b></p>"
            )
        elif kind == "sig":
            body.append(f'<p style="text-align:right">{html.escape(payload)}</p>')
        else:
            body.append(f'<p style="text-indent:2em">{html.escape(payload)}</p>')
    charset = "gb2312" if encoding == "gbk" else "utf-8"
    date = case.publish_date or ""
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{html.escape(case.title)}_{html.escape(site)}</title>
<meta name="SiteName" content="{html.escape(site)}" />
<meta name="ArticleTitle" content="{html.escape(case.title)}" />
<meta name="PubDate" content="{date} 09:30" />
<meta name="ContentSource" content="{html.escape(case.agency)}" />
<link rel="stylesheet" href="/images/style.css" type="text/css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<style>.nav a{{color:#fff}} .bt{{font-size:22px;font-weight:bold}}</style>
</head>
<body>
<div class="top"><table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="/images/logo.png" alt="{html.escape(site)}" /></td>
<td align="right"><a href="/">首页</a> | <a href="javascript:void(0)" onclick="addfavor()">加入收藏</a> | <a href="/wza/">无障碍浏览</a> | 长者模式</td></tr></table></div>
<div class="nav"><table width="1000" border="0" align="center"><tr>
<td><a href="/">网站首页</a></td><td><a href="/zwgk/">政务公开</a></td><td><a href="/zwfw/">政务服务</a></td><td><a href="/hdjl/">互动交流</a></td><td><a href="/zjxx/">走进{html.escape(site[:2])}</a></td>
</tr></table></div>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="200" valign="top" class="left"><table width="100%" border="0"><tr><td class="lm">信息公开目录</td></tr>
<tr><td><a href="../zn/">信息公开指南</a></td></tr><tr><td><a href="../zd/">信息公开制度</a></td></tr>
<tr><td><a href="../nb/">信息公开年报</a></td></tr><tr><td><a href="../ysqgk/">依申请公开</a></td></tr></table></td>
<td width="800" valign="top">
<table width="100%" border="0"><tr><td class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="../nb/">政府信息公开年报</a></td></tr></table>
<table width="100%" border="0" cellpadding="0" cellspacing="0" class="xxgk_table">
<tr><td>索 引 号：</td><td>11{case.year}-00{len(case.name)}-2{case.year + 1}-0012</td><td>主题分类：</td><td>政务公开</td></tr>
<tr><td>发布机构：</td><td>{html.escape(case.agency)}</td><td>发布日期：</td><td>{date}</td></tr>
<tr><td>名　　称：</td><td colspan="3">{html.escape(case.title)}</td></tr></table>
<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td align="center" class="bt">{html.escape(case.title)}</td></tr>
<tr><td align="center" class="info">发布时间：{date}　来源：{html.escape(case.agency)}　浏览次数：<span id="hits">1287</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td class="content"><div class="TRS_Editor"><div class="Custom_UnionStyle">{WORD_PREAMBLE if case.word_html else ""}
{chr(10).join(body)}
</div></div></td></tr>
<tr><td align="right"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr></table>
</td></tr></table>
<div class="footer"><table width="1000" border="0" align="center"><tr><td align="center">
<p>主办单位：{html.escape(site)}办公室　承办单位：{html.escape(site)}信息中心</p>
<p>网站标识码：3{case.year}000017　<a href="https://beian.miit.gov.cn/">备案号：ICP备05002917号-1</a>　公安机关备案号：33010202000123号</p>
<p>联系电话：0571-8888{case.year % 100:02d}01　建议使用1366×768分辨率浏览</p>
<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script>
</td></tr></table></div>
</body>
</html>
"""
    return page.encode("gbk" if encoding == "gbk" else "utf-8")


def _docx_insert_after(paragraph: Any, text: str) -> Any:
    from docx.text.paragraph import Paragraph

    new_p = copy.deepcopy(paragraph._p)
    for r in list(new_p):
        if r.tag.endswith("}r"):
            new_p.remove(r)
    paragraph._p.addnext(new_p)
    para = Paragraph(new_p, paragraph._parent)
    para.add_run(text)
    return para


def render_docx_template(case: Case, path: Path) -> None:
    """The official 2021 Word template filled in, as agencies do (2021 format only)."""
    import docx

    assert case.fmt == "2021" and case.figures is not None
    d = docx.Document(str(TEMPLATE_2021))
    paras = d.paragraphs
    headings = {p.text.strip(): p for p in paras}
    title = next(p for p in paras if "模板" in p.text)
    for r in title.runs:
        r.text = ""
    title.runs[0].text = case.title
    std = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    last = title
    for text in case.prose.get(0, []):
        last = _docx_insert_after(last, text)
    for i, key in enumerate(std, start=1):
        h = headings[key]
        if case.headings[i - 1] != key:
            for r in h.runs:
                r.text = ""
            h.runs[0].text = case.headings[i - 1]
        after = h
        paragraphs = case.prose.get(i, [])
        if i in (2, 3, 4):
            paragraphs = paragraphs[:1]  # the table follows the heading; later prose is not in the template
        for text in paragraphs:
            after = _docx_insert_after(after, text)
    for p in paras:
        if p.text.strip().startswith("（文字描述"):
            p._p.getparent().remove(p._p)
    t2, t3, t4 = d.tables
    f = case.figures
    t2_pos = {
        "regulations": 2,
        "normative_docs": 3,
        "licensing": 6,
        "penalty": 9,
        "coercion": 10,
        "admin_fees": 13,
    }
    for cid, text in f.t2.items():
        _, row, col = cid.split(".")
        c = {"made": 1, "repealed": 2, "in_force": 3}.get(col, 1)
        t2.cell(t2_pos[row], c).text = text
    for r, key in enumerate(t3_labels("2021"), start=3):
        for c, text in enumerate(f.t3[key], start=3):
            t3.cell(r, c).text = text
    for c, text in enumerate(f.t4):
        t4.cell(3, c).text = text
    if case.repeat_header:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for row in t3.rows[:3]:
            tr_pr = row._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
    last_p = d.paragraphs[-1]
    for s in case.signature:
        last_p = _docx_insert_after(last_p, s)
    d.save(str(path))


def _revise(paragraph: Any, old: str, new: str) -> None:
    """The paragraph as Word keeps a tracked edit: the old number deleted, the new one inserted."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    stamp = 'w:author="办公室" w:date="2025-03-18T09:00:00Z"'
    paragraph._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" {stamp}><w:r><w:delText>{old}</w:delText></w:r></w:del>')
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" {stamp}><w:r><w:t>{new}</w:t></w:r></w:ins>')
    )


def render_docx_grid(case: Case, path: Path) -> None:
    """A Word report written from scratch, tables built cell by cell with merges."""
    import docx
    from docx.shared import Cm, Pt

    d = docx.Document()
    for kind, payload in body_blocks(case):
        if kind == "title":
            p = d.add_paragraph()
            run = p.add_run(payload)
            run.bold = True
            run.font.size = Pt(18)
        elif kind == "table":
            nrows = len(payload)
            ncols = sum(c.cs for c in payload[0])
            t = d.add_table(rows=nrows, cols=ncols)
            if not case.borderless:
                t.style = "Table Grid"
            if case.label_widths:
                t.autofit = False
                widths = _column_widths(payload, ncols)
                for c, column in enumerate(t.columns):
                    column.width = Cm(widths[c])  # the grid LibreOffice lays out by
                for row in t.rows:
                    for c, cell in enumerate(row.cells):
                        cell.width = Cm(widths[c])
            for r, c, cell in placed(payload):
                target = t.cell(r, c)
                if cell.rs > 1 or cell.cs > 1:
                    target = target.merge(t.cell(r + cell.rs - 1, c + cell.cs - 1))
                lines = cell.text.split("\n")
                target.paragraphs[0].text = lines[0]
                for extra in lines[1:]:
                    target.add_paragraph(extra)
                value = expected_value(cell.text)
                if case.tracked_changes and isinstance(value, int) and value > 0 and r % 2 == 0:
                    _revise(target.paragraphs[0], str(value + 1), cell.text)
        else:
            d.add_paragraph(payload)
    d.save(str(path))


def convert(source: Path, target: Path, fmt: str) -> None:
    """LibreOffice conversion (docx → pdf/doc, xlsx → xls), as agencies' own office suites save them."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                fmt,
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(Path(tmp) / f"{source.stem}.{fmt}", target)


def _column_widths(grid: Grid, ncols: int) -> list[float]:
    """Column widths (cm) as a real table has them: label columns wide, value columns narrow."""
    labels = 0
    for cell in grid[-1]:
        if expected_value(cell.text) is not None and not isinstance(expected_value(cell.text), str):
            break
        labels += cell.cs
    labels = max(1, min(labels, ncols - 1)) if ncols > 1 else 1
    if ncols >= 15:
        return [1.0] * ncols
    label_total = 7.2 if ncols >= 8 else 4.4
    value = (15.5 - label_total) / (ncols - labels)
    if labels == 3:
        return [1.2, 1.6, 4.4] + [value] * (ncols - 3)
    return [label_total / labels] * labels + [value] * (ncols - labels)


def render_pdf(docx_path: Path, pdf_path: Path) -> None:
    convert(docx_path, pdf_path, "pdf")


def render_xlsx(case: Case, path: Path) -> None:
    """The statistics workbook agencies attach: a title row, then the three tables, one per sheet."""
    import openpyxl
    from openpyxl.styles import Alignment

    assert case.figures is not None
    wb = openpyxl.Workbook()
    sheets = [
        ("表二 主动公开", "二、主动公开政府信息情况", grid_t2(case.fmt, case.figures.t2)),
        (
            "表三 依申请公开",
            "三、收到和处理政府信息公开申请情况",
            grid_t3(case.fmt, case.figures.t3, case.split_heads),
        ),
        ("表四 复议诉讼", "四、政府信息公开行政复议、行政诉讼情况", grid_t4(case.figures.t4)),
    ]
    for n, (sheet_name, heading, grid) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = sheet_name
        width = sum(c.cs for c in grid[0])
        ws.cell(1, 1, case.printed_title() if n == 0 else heading)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        if n == 0:
            ws.cell(2, 1, heading)
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        top = 3 if n == 0 else 2
        for r, c, cell in placed(grid):
            value: Any = cell.text
            v = expected_value(cell.text) if r >= 1 else None
            if isinstance(v, int) and cell.text.strip().isdigit() and not case.numbers_as_text:
                value = v  # numbers typed as numbers, as in a real workbook
            ws.cell(top + r, 1 + c, value).alignment = Alignment(wrap_text=True)
            if cell.rs > 1 or cell.cs > 1:
                ws.merge_cells(
                    start_row=top + r,
                    start_column=1 + c,
                    end_row=top + r + cell.rs - 1,
                    end_column=c + cell.cs,
                )
        ws.cell(top + len(grid) + 1, 1, f"填报单位：{case.agency}")
    wb.save(str(path))


def render_xlsx_stacked(case: Case, path: Path) -> None:
    """One sheet, the three tables one below the other, totals as formulas (=SUM), saved once by
    LibreOffice so that the cached values are there — as a workbook filled in by hand is."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    assert case.figures is not None
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "统计表"
    ws.cell(1, 1, case.printed_title())
    top = 3
    for heading, grid, totals in (
        ("二、主动公开政府信息情况", grid_t2(case.fmt, case.figures.t2), "none"),
        ("三、收到和处理政府信息公开申请情况", grid_t3(case.fmt, case.figures.t3, case.split_heads), "t3"),
        ("四、政府信息公开行政复议、行政诉讼情况", grid_t4(case.figures.t4), "t4"),
    ):
        ws.cell(top, 1, heading)
        top += 1
        for r, c, cell in placed(grid):
            value: Any = cell.text
            v = expected_value(cell.text)
            if isinstance(v, int) and cell.text.strip().isdigit() and r >= 1:
                value = v
            row, col = top + r, 1 + c
            if totals == "t3" and r >= 3 and c == 9:
                value = f"=SUM({get_column_letter(4)}{row}:{get_column_letter(9)}{row})"
            if totals == "t4" and r == 3 and c % 5 == 4:
                value = f"=SUM({get_column_letter(c - 3)}{row}:{get_column_letter(c)}{row})"
            ws.cell(row, col, value)
            if cell.rs > 1 or cell.cs > 1:
                ws.merge_cells(
                    start_row=row, start_column=col, end_row=row + cell.rs - 1, end_column=col + cell.cs - 1
                )
        top += len(grid) + 1
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "in" / "report.xlsx"
        raw.parent.mkdir()
        wb.save(str(raw))
        convert(raw, path, "xlsx")


def write_case(case: Case, cases_dir: Path = CASES_DIR) -> None:
    out = cases_dir / case.name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    header, footer = CHROME.get(case.name, ([], []))
    m = case.medium
    if m == "text-crawler":
        (out / "source.txt").write_bytes(render_crawler(case))
    elif m == "text-markdown":
        (out / "source.md").write_bytes(render_text(case, "markdown", header, footer))
    elif m.startswith("text-"):
        (out / "source.txt").write_bytes(render_text(case, m.removeprefix("text-"), header, footer))
    elif m == "html-gbk":
        (out / "source.html").write_bytes(render_html(case, "gbk", SITE[case.name]))
    elif m == "html-utf8":
        (out / "source.html").write_bytes(render_html(case, "utf-8", SITE[case.name]))
    elif m == "docx-template":
        render_docx_template(case, out / "source.docx")
    elif m == "docx":
        render_docx_grid(case, out / "source.docx")
    elif m in ("pdf", "pdf-template"):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp) / "report.docx"
            (render_docx_template if m == "pdf-template" else render_docx_grid)(case, d)
            render_pdf(d, out / "source.pdf")
    elif m == "xlsx":
        render_xlsx(case, out / "source.xlsx")
    elif m == "xlsx-formulas":
        render_xlsx_stacked(case, out / "source.xlsx")
    elif m == "xls":
        with tempfile.TemporaryDirectory() as tmp:
            render_xlsx(case, Path(tmp) / "report.xlsx")
            convert(Path(tmp) / "report.xlsx", out / "source.xls", "xls")
    elif m == "doc":
        with tempfile.TemporaryDirectory() as tmp:
            render_docx_grid(case, Path(tmp) / "report.docx")
            convert(Path(tmp) / "report.docx", out / "source.doc", "doc")
    elif m == "pdftotext":
        # the text of a PDF as archives and "copy all" keep it: columns aligned with spaces,
        # wrapped labels on the lines below their numbers
        with tempfile.TemporaryDirectory() as tmp:
            render_docx_template(case, Path(tmp) / "report.docx")
            render_pdf(Path(tmp) / "report.docx", Path(tmp) / "report.pdf")
            text = subprocess.run(
                ["pdftotext", "-layout", str(Path(tmp) / "report.pdf"), "-"],
                check=True,
                capture_output=True,
                timeout=60,
            ).stdout
            (out / "source.txt").write_bytes(text)
    else:
        raise ValueError(m)
    expected = case.expected()
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (out / "CASE.md").write_text(
        f"# {case.title}\n\nInvented report (not a real publication), medium `{case.medium}`, format {case.fmt}.\n\n"
        f"What it exercises: {case.what}\n\nBuilt by `tests/generalisation/build_cases.py`; expected cells are the "
        f"printed values ({len(expected['cells'])} cells).\n",
        "utf-8",
    )


#: page chrome around a copied text (breadcrumbs, header lines, footer) and the site name of HTML pages
CHROME: dict[str, tuple[list[str], list[str]]] = {}
SITE: dict[str, str] = {}


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="write the generalisation cases")
    parser.add_argument("names", nargs="*", help="cases to write (default: all)")
    parser.add_argument("--out", type=Path, default=CASES_DIR, help="directory of the cases")
    args = parser.parse_args(argv)
    import case_data

    for case in case_data.cases():
        if not args.names or case.name in args.names:
            write_case(case, args.out)
            print(case.name)


if __name__ == "__main__":
    import sys

    # case_data imports this file as the module ``build_cases``: run that one, not ``__main__``, so that
    # both share CHROME and SITE.
    sys.path.insert(0, str(HERE))
    import build_cases

    build_cases.main(sys.argv[1:])
