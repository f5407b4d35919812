"""The DOCX of a letter in the 公文 layout of GB/T 9704-2012 《党政机关公文格式》.

- Paper A4 (210 × 297 mm); 天头 (top margin) 37 mm, 订口 (left margin) 28 mm, 版心 156 × 225 mm, so the
  right margin is 26 mm and the bottom 35 mm (§5.2.1, §5.2.2).
- Body 3号 (16 pt) 仿宋_GB2312, 22 lines of 28 characters: line pitch 225 mm / 22 = 28.95 pt, fixed
  (§5.2.3, §5.2.4); the character grid asks Word/WPS for 28 characters per line.
- 版头: 发文机关标志 (letterhead) in red 小标宋, the 发文字号 centred under it, a red separator line (§7.2).
- 标题 2号 (22 pt) 方正小标宋简体, centred; 主送 at the left margin; paragraphs indented two characters
  (§7.3.1–§7.3.3).
- 发文机关署名 centred over the 成文日期, the date four characters from the right margin, in Arabic
  numerals (2026年12月2日); the seal image, when the agency has one, pressed over both (§7.3.5.1).
- 页码 "— 1 —" 4号 (14 pt) 半角宋体, odd pages right, even pages left, one character from the edge
  (§7.5).

Fonts are named as Chinese offices have them; the DOCX font table gives a fallback (``w:altName``)
for machines without them (宋体/仿宋), and LibreOffice substitutes an installed CJK font.
"""

from __future__ import annotations

import io
from datetime import date

from .kinds import cn_date

BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "仿宋"
TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
PAGE_NUMBER_FONT = "宋体"
RED = "FF0000"
#: 225 mm / 22 lines in twentieths of a point (28.95 pt).
LINE_PITCH_TWIPS = 579
#: 156 mm / 28 characters = 15.79 pt per character: the 16 pt body font with its character spacing
#: condensed by 0.25 pt (in twentieths of a point). A character grid (w:charSpace) would say the same to
#: Word, but LibreOffice reads a negative charSpace differently (14 characters per line), so the
#: spacing is set on the font instead and the grid pins lines only.
CHAR_SPACING_TWIPS = -5
SEAL_MM = 42
#: The fee table's columns (计收方式, 数量, 单价/档次, 金额) within the 156 mm 版心.
TABLE_WIDTHS_MM = (32, 26, 66, 30)  # the usual diameter of an official seal


def _paragraphs(body: str) -> list[str]:
    blocks = body.replace("\r\n", "\n").split("\n\n")
    return [" ".join(line.strip() for line in b.split("\n") if line.strip()) for b in blocks if b.strip()]


def _text_width_chars(text: str) -> float:
    """Width in full-width characters (ASCII counts half)."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def render_docx(
    *,
    title: str,
    addressee: str,
    body: str,
    agency_name: str,
    dated: date,
    number: str = "",
    letterhead: str = "",
    seal_png: bytes | None = None,
    table: tuple[tuple[str, ...], ...] | list[list[str]] = (),
    table_anchor: str = "收费明细如下",
) -> bytes:
    """Build the DOCX of a letter from its (edited) text; returns the file bytes.

    Paragraphs of ``body`` are separated by blank lines. ``table`` (header row first) is placed after
    the first paragraph containing ``table_anchor`` (at the end of the body when none does).
    Characters XML cannot hold (a stored ``\x0b``, say) are dropped here too, behind the input
    cleaning of security/forms.py.
    """
    from gongkai.web.security.text import xml_safe

    title, addressee, body = xml_safe(title), xml_safe(addressee), xml_safe(body)
    agency_name, number, letterhead = xml_safe(agency_name), xml_safe(number), xml_safe(letterhead)
    table = [[xml_safe(str(c)) for c in row] for row in table]
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(21)
    _grid(section)

    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT, latin="Times New Roman")
    _condense(normal.element.get_or_add_rPr(), CHAR_SPACING_TWIPS)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH_TWIPS / 20)
    pf.space_before = pf.space_after = Pt(0)
    pf.widow_control = False

    def para(text: str = "", align: object = None, size: float | None = None, font: str | None = None,
             color: str | None = None, indent_chars: float = 0, right_chars: float = 0) -> object:  # fmt: skip
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent_chars:
            p.paragraph_format.first_line_indent = Pt(16 * indent_chars)
        if right_chars:
            p.paragraph_format.right_indent = Pt(16 * right_chars)
        if text:
            run = p.add_run(text)
            if size:
                run.font.size = Pt(size)
            if font:
                _fonts(run._element.get_or_add_rPr(), font)
            if color:
                from docx.shared import RGBColor

                run.font.color.rgb = RGBColor.from_string(color)
        return p

    # 版头: 发文机关标志, 发文字号, red separator line.
    head = para(letterhead or agency_name, WD_ALIGN_PARAGRAPH.CENTER, 26, TITLE_FONT, RED)
    head.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST  # a big title must not be clipped
    num = para(number, WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(num)
    para()
    # 标题 (2号小标宋), then one blank line and the 主送.
    heading = para(title, WD_ALIGN_PARAGRAPH.CENTER, 22, TITLE_FONT)
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    para()
    para(addressee)
    placed = not table
    texts = _paragraphs(body)
    for n, text in enumerate(texts):
        p = para(text, WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=2)
        if n == len(texts) - 1:
            p.paragraph_format.keep_with_next = True  # the 落款 never stands alone on a page
        if not placed and table_anchor in text:
            _table(doc, table, WD_TABLE_ALIGNMENT, Pt)
            placed = True
    if not placed:
        _table(doc, table, WD_TABLE_ALIGNMENT, Pt)
    # 落款: 署名 centred over the date; the date four characters from the right.
    for _ in range(2):
        para().paragraph_format.keep_with_next = True
    date_text = cn_date(dated)
    date_width = _text_width_chars(date_text)
    name_right = max(0.0, 4 + (date_width - _text_width_chars(agency_name)) / 2)
    signature = para(agency_name, WD_ALIGN_PARAGRAPH.RIGHT, right_chars=name_right)
    signature.paragraph_format.keep_with_next = True
    para(date_text, WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    if seal_png:
        _seal(signature, seal_png, right_pt=16 * (4 + date_width / 2))
    _page_numbers(doc, section)
    _font_table(doc)
    doc.core_properties.title = title
    doc.core_properties.author = agency_name
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _fonts(rpr: object, east_asian: str, latin: str | None = None) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        from docx.oxml import OxmlElement

        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin or east_asian)
    fonts.set(qn("w:hAnsi"), latin or east_asian)


def _condense(rpr: object, twips: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twips))
    rpr.append(spacing)  # type: ignore[attr-defined]


def _grid(section: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr  # type: ignore[attr-defined]
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _red_rule(paragraph: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", RED)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # CT_PPr's schema order: pBdr comes before shd, spacing, ind, jc … (LibreOffice drops it otherwise).
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
        "w:rPr", "w:sectPr", "w:pPrChange",
    )  # fmt: skip


def _table(
    doc: object, rows: tuple[tuple[str, ...], ...] | list[list[str]], align: object, pt: object
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = align.CENTER  # type: ignore[attr-defined]
    widths = TABLE_WIDTHS_MM if len(rows[0]) == len(TABLE_WIDTHS_MM) else ()
    if widths:
        table.autofit = False
        for column, mm in zip(table.columns, widths, strict=True):
            column.width = Mm(mm)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            if widths:
                cell.width = Mm(widths[c])
            cell.text = ""
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(value)
            run.font.size = pt(14)  # type: ignore[operator]
            run.bold = r == 0


def _seal(paragraph: object, png: bytes, *, right_pt: float) -> None:
    """The seal as a floating picture over the 署名 and date (GB/T 9704-2012 §7.3.5.1)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm, Pt

    run = paragraph.add_run()  # type: ignore[attr-defined]
    run.add_picture(io.BytesIO(png), width=Mm(SEAL_MM), height=Mm(SEAL_MM))
    inline = run._r.find(".//" + qn("wp:inline"))
    size = int(Mm(SEAL_MM))
    # Centre of the seal on the centre of the date line; the paragraph is the 署名, one line above.
    column = int(Mm(156))
    x = column - int(Pt(right_pt)) - size // 2
    y = -size // 2 + int(Pt(LINE_PITCH_TWIPS / 20))
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{size}" cy="{size}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="1000" name="印章"/><wp:cNvGraphicFramePr/></wp:anchor>'
    )
    anchor.append(inline.find(qn("a:graphic")))
    inline.getparent().replace(inline, anchor)


def _page_numbers(doc: object, section: object) -> None:
    """ "— 1 —" in 4号宋体: odd pages right, even pages left, one character from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    doc.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),  # type: ignore[attr-defined]
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),  # type: ignore[attr-defined]
    ):
        p = footer.paragraphs[0]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = Pt(14)
        else:
            p.paragraph_format.left_indent = Pt(14)
        rpr = (
            f'<w:rPr><w:rFonts w:ascii="{PAGE_NUMBER_FONT}" w:hAnsi="{PAGE_NUMBER_FONT}" '
            f'w:eastAsia="{PAGE_NUMBER_FONT}"/><w:sz w:val="28"/></w:rPr>'
        )
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'))
        p._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'
            )
        )
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'))


def _font_table(doc: object) -> None:
    """Declare the 公文 fonts with a fallback name (w:altName) for machines that lack them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part = doc.part  # type: ignore[attr-defined]
    table_part = next((r.target_part for r in part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if table_part is None:  # pragma: no cover - python-docx's template has one
        return
    root = parse_xml(table_part.blob)
    for name, alt in ((BODY_FONT, BODY_FALLBACK), (TITLE_FONT, TITLE_FALLBACK)):
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                f'<w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    from lxml import etree

    table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
