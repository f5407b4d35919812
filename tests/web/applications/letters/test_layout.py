"""The 公文 layout of GB/T 9704-2012 in the DOCX, and the PDF LibreOffice makes from the same DOCX."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.report.read import doc as doc_runner
from gongkai.web.applications import services
from gongkai.web.applications.letters import LetterContext, LetterKind, draft, render_docx
from gongkai.web.applications.letters.pdf import LetterPdfError, available, docx_to_pdf

from ..helpers import register

CTX = LetterContext(
    agency_name="青溪县教育局",
    applicant_name="张三",
    tracking_number="QX-EDUCATION-2026-000013",
    received=dt.date(2026, 11, 2),
    description="2026年招生计划",
    today=dt.date(2026, 12, 2),
    review_body="青溪县人民政府",
    outcome="granted",
)
NUMBER = "青教公开〔2026〕13号"


def _docx(**extra: object) -> bytes:
    d = draft(LetterKind.REPLY, CTX)
    return render_docx(title=d.title, addressee=d.addressee, body=d.body, agency_name=CTX.agency_name,
                       dated=CTX.today, number=NUMBER, **extra)  # type: ignore[arg-type]  # fmt: skip


def _seal_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((5, 5, 195, 195), outline=(255, 0, 0, 255), width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a4_margins_and_type_area() -> None:
    """GB/T 9704-2012 §5.2: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm."""
    s = Document(io.BytesIO(_docx())).sections[0]

    def mm(length: int) -> float:  # DOCX stores twips; 1 mm = 36000 EMU
        return round(length / Mm(1), 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert (mm(s.top_margin), mm(s.left_margin), mm(s.right_margin), mm(s.bottom_margin)) == (37, 28, 26, 35)
    assert mm(s.page_width - s.left_margin - s.right_margin) == 156
    assert mm(s.page_height - s.top_margin - s.bottom_margin) == 225


def test_fonts_lines_and_parts() -> None:
    """3号仿宋_GB2312 body at 28.95 pt (22 lines), 2号方正小标宋简体 title, red letterhead, 文号, 落款."""
    document = Document(io.BytesIO(_docx()))
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert abs(normal.paragraph_format.line_spacing.pt - 28.95) < 0.01
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    head = paragraphs[0]
    assert head.text == "青溪县教育局" and str(head.runs[0].font.color.rgb) == "FF0000"
    assert head.runs[0].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert texts[1] == NUMBER
    rule = paragraphs[1]._p.pPr
    border = rule.find(qn("w:pBdr"))  # the red separator line under the 发文字号 (GB/T 9704-2012 §7.2.4)
    assert border is not None and border.find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    assert list(rule).index(border) < list(rule).index(rule.find(qn("w:jc")))  # schema order, or LO drops it
    title = paragraphs[texts.index("政府信息公开申请答复书")]
    assert title.runs[0].font.size == Pt(22)
    assert title.runs[0].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert texts[-2:] == ["青溪县教育局", "2026年12月2日"]
    assert paragraphs[-1].paragraph_format.right_indent == Pt(64)  # 右空四字


def test_page_numbers_and_font_fallbacks() -> None:
    document = Document(io.BytesIO(_docx()))
    footer = document.sections[0].footer._element.xml
    assert "— " in footer and " PAGE " in footer and " —" in footer
    assert document.settings.odd_and_even_pages_header_footer
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    assert re.search(
        rb'w:name="\xe6\x96\xb9\xe6\xad\xa3\xe5\xb0\x8f\xe6\xa0\x87\xe5\xae\x8b\xe7\xae\x80\xe4\xbd\x93"><w:altName',
        font_table.blob,
    )


def test_seal_is_a_floating_picture_over_the_signature() -> None:
    xml = Document(io.BytesIO(_docx(seal_png=_seal_png()))).paragraphs[-2]._p.xml
    assert "wp:anchor" in xml and 'behindDoc="0"' in xml and "印章" in xml


needs_libreoffice = pytest.mark.skipif(not available(), reason="LibreOffice is not installed")


@needs_libreoffice
def test_libreoffice_makes_an_a4_pdf_with_title_number_and_signature() -> None:
    import pdfplumber

    pdf = docx_to_pdf(_docx(seal_png=_seal_png()))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
        text = "".join("".join(p.extract_text().split()) for p in document.pages)
    assert "政府信息公开申请答复书" in text and "青教公开〔2026〕13号" in text
    assert "青溪县教育局" in text and "2026年12月2日" in text


def test_missing_libreoffice_is_said_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_runner, "SOFFICE_NAMES", ("no-such-soffice-binary",))
    with pytest.raises(LetterPdfError, match="未安装 LibreOffice"):
        docx_to_pdf(_docx())


@pytest.mark.django_db
@needs_libreoffice
def test_sent_letter_keeps_its_pdf(
    personas, settings, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2

    settings.GONGKAI_LETTER_PDF = True
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    # The PDF is a background task run after the commit: until then the letter says so.
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_letter(
            app.letters.get(kind="receipt"), clerk, app.version, on=dt.date(2026, 1, 21)
        )
        assert "PDF 生成中" in sent.pdf_note and not sent.pdf
        page = client_for("clerk").get(f"/applications/letter/{sent.pk}/").content.decode()
        assert "PDF 生成中" in page
    sent.refresh_from_db()
    assert sent.pdf_sha256 and bytes(sent.pdf)[:5] == b"%PDF-"
    width, height = pypdfium2.PdfDocument(bytes(sent.pdf))[0].get_size()
    assert (round(width), round(height)) == (595, 842)
    response = client_for("clerk").get(f"/applications/letter/{sent.pk}/download/?format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert ".pdf" in response["Content-Disposition"]


@pytest.mark.django_db
def test_sent_letter_without_libreoffice_keeps_the_docx(  # type: ignore[no-untyped-def]
    personas, settings, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    settings.GONGKAI_LETTER_PDF = True
    monkeypatch.setattr(doc_runner, "SOFFICE_NAMES", ("no-such-soffice-binary",))
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_letter(
            app.letters.get(kind="receipt"), clerk, app.version, on=dt.date(2026, 1, 21)
        )
    sent.refresh_from_db()
    assert sent.is_sent and bytes(sent.docx)[:2] == b"PK" and not sent.pdf
    assert "未安装 LibreOffice" in sent.pdf_note
