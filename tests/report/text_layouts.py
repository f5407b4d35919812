"""Reports written as text in the layouts found on real web pages (test helper).

``render_text`` prints a report's tables the way copied web pages do: pipe rows, space- or
tab-separated rows, one cell per line, header cells split across lines, rows fused into digit runs,
with navigation before and boilerplate after. Labels and structure come from the format
declarations, so the extractor is tested against the formats, not against strings repeated here.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.formats import FORMATS, Format
from gongkai.report.model import CellValue

LAYOUTS = ("pipe", "space", "tab", "cell_per_line", "fused")

NAVIGATION = "当前位置：首页 > 政务公开 > 政府信息公开年报\n字号：大 中 小 打印本页\n"
BOILERPLATE = "\n扫一扫在手机上查看当前页面\n账号+密码登录\n手机+密码登录\n还没有账号?\n立即注册\n"


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _row(label: str, values: list[CellValue], layout: str) -> str:
    cells = [_text(v) for v in values]
    if layout == "pipe":
        return f"{label} | " + " | ".join(cells) + " |\n"
    if layout == "tab":
        return label + "\t" + "\t".join(cells) + "\n"
    if layout == "cell_per_line":
        return label + "\n" + "".join(c + "\n" for c in cells)
    if layout == "fused":
        return label + "".join(cells)
    return label + " " + " ".join(cells) + "\n"


def _header(words: list[str], layout: str, split_words: bool) -> str:
    if split_words:
        # "商业\n企业": header cells broken in two, as extracted text often prints them
        words = [w[: len(w) // 2] + "\n" + w[len(w) // 2 :] if len(w) >= 4 else w for w in words]
    sep = {"pipe": " | ", "tab": "\t", "cell_per_line": "\n", "fused": ""}.get(layout, " ")
    return sep.join(words) + ("" if layout == "fused" else "\n")


def render_text(
    fmt_key: str,
    values: dict[str, CellValue],
    layout: str,
    *,
    agency: str = "某某县人民政府",
    year: int = 2023,
    split_headers: bool = False,
    boilerplate: bool = True,
) -> str:
    """The whole report as text: title, sections, the three tables in ``layout``."""
    fmt: Format = FORMATS[fmt_key]
    out: list[str] = []
    if boilerplate:
        out.append(NAVIGATION)
    out.append(f"{agency}{year}年政府信息公开工作年度报告\n")
    out.append(f"本报告统计数据时间段为{year}年1月1日至{year}年12月31日。\n")
    titles = [s.title for s in fmt.sections]
    out.append(titles[0] + "\n本年度认真贯彻落实《中华人民共和国政府信息公开条例》。\n")
    out.append(titles[1] + "\n")
    for block in fmt.table2:
        out.append(block.heading + ("" if layout == "fused" else "\n"))
        out.append(_header(["信息内容", *(c.label for c in block.columns)], layout, split_headers))
        for row in block.rows:
            out.append(_row(row.label, [values.get(f"t2.{row.key}.{c.key}") for c in block.columns], layout))
    out.append("\n" + titles[2] + "\n")
    out.append(_header([fmt.table3_note, "申请人情况"], layout, False))
    out.append(_header(["自然人", "法人或其他组织", "总计"], layout, False))
    out.append(_header([c.label for c in fmt.table3_columns[1:6]], layout, split_headers))
    printed_groups: set[str] = set()
    for row in fmt.table3_rows:
        prefix = ""
        if row.group and row.group in fmt.table3_groups and row.group not in printed_groups:
            printed_groups.add(row.group)
            prefix = row.group + ("" if layout == "fused" else " ")
        cols = [values.get(f"t3.{row.key}.{c.key}") for c in fmt.table3_columns]
        out.append(_row(prefix + row.label, cols, layout))
    out.append("\n" + titles[3] + "\n")
    out.append(_header([b.label for b in fmt.table4_blocks[:1]] + ["行政诉讼"], layout, False))
    out.append(
        _header(
            [c.label for c in fmt.table4_columns] + [b.label for b in fmt.table4_blocks[1:]],
            layout,
            split_headers,
        )
    )
    out.append(_header([c.label for c in fmt.table4_columns] * 2, layout, split_headers))
    t4 = [values.get(f"t4.{b.key}.{c.key}") for b in fmt.table4_blocks for c in fmt.table4_columns]
    out.append(
        _row("", t4, layout).lstrip(" |\t\n")
        if layout != "pipe"
        else " | ".join(_text(v) for v in t4) + " |\n"
    )
    out.append("\n" + titles[4] + "\n一是公开内容不够全面；二是解读形式较为单一。\n")
    out.append(titles[5] + "\n本年度未收取信息处理费。\n")
    out.append(f"{agency}办公室\n{year + 1}年1月20日\n")
    if boilerplate:
        out.append(BOILERPLATE)
    return "".join(out)
