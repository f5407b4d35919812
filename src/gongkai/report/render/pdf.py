"""A report as PDF: the HTML page laid out by WeasyPrint on A4 with embedded Noto CJK fonts.

The fonts are Debian's fonts-noto-cjk (Noto Serif CJK SC for the body and tables, Noto Sans CJK SC
for headings); WeasyPrint embeds the used glyphs as subset CID fonts, so the PDF shows the same on a
machine without them. Each page carries its number at the bottom, "第 N 页". Charts are drawn with
their text as paths: in a PDF they are pictures, and their labels must not be taken for report text
by a PDF reader.
"""

from __future__ import annotations

from ...errors import GongkaiError
from ..model import Report
from .html import PRINT_FONTS, page_html

PAGE_CSS = """
@page {
  size: A4;
  margin: 25mm 22mm 22mm 22mm;
  @bottom-center { content: "第 " counter(page) " 页"; font-family: "Noto Serif CJK SC", serif;
    font-size: 10pt; }
}
body { font-size: 12pt; line-height: 1.6; }
table { font-size: 8.5pt; }
caption { font-size: 9pt; }
figure img { width: 15cm; }
"""


def render_pdf(report: Report, *, previous: Report | None = None, charts: bool = True) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # pango missing: WeasyPrint cannot load its libraries
        raise GongkaiError(f"无法生成 PDF：WeasyPrint 缺少系统库（{exc}），请安装 libpango-1.0-0") from exc
    page = page_html(
        report, previous=previous, charts=charts, fonts=PRINT_FONTS, extra_css=PAGE_CSS, text_as_paths=True
    )
    document: bytes = HTML(string=page, base_url=".").write_pdf()
    return document
