"""PDFs built by the tests: ruled tables laid out by WeasyPrint, image-only copies, encrypted files.

Nothing here is a stored fixture: every PDF is generated from HTML or from a real corpus PDF at test
time, so the tests show exactly which layout feature they exercise.
"""

from __future__ import annotations

import hashlib
import io
import struct

PAGE_CSS = """
@page { size: A4; margin: 25mm 20mm;
        @bottom-center { content: "- " counter(page) " -"; font-size: 10pt; }
        %(header)s }
body { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; }
table { border-collapse: collapse; width: 100%%; }
td, th { border: 0.6pt solid black; padding: 2pt; text-align: center; font-weight: normal; }
td.label { text-align: left; }
td.narrow { width: 1px; }
"""


def html_pdf(body: str, *, running_header: str | None = None) -> bytes:
    """A4 PDF of ``body`` (HTML) with "- n -" page numbers and an optional running header."""
    from weasyprint import HTML

    header = f'@top-center {{ content: "{running_header}"; font-size: 9pt; }}' if running_header else ""
    css = PAGE_CSS % {"header": header}
    html = f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"
    return bytes(HTML(string=html).write_pdf())


def image_pdf(
    pdf: bytes,
    *,
    scale: float = 2.0,
    pages: list[int] | None = None,
    skew: float = 0.0,
    blur: float = 0.0,
    jpeg_quality: int | None = None,
) -> bytes:
    """An image-only ("scanned") copy of ``pdf``: every page rendered to a picture, no text layer.

    ``skew`` turns each page (degrees, counter-clockwise), ``blur`` softens it (Gaussian radius in
    pixels) and ``jpeg_quality`` compresses it, as a flatbed scan of a printed report would.
    """
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        images = [doc[n - 1].render(scale=scale).to_pil().convert("RGB") for n in numbers]
    finally:
        doc.close()
    if skew:
        images = [
            im.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)) for im in images
        ]
    if blur:
        images = [im.filter(ImageFilter.GaussianBlur(blur)) for im in images]
    out = io.BytesIO()
    options = {"quality": jpeg_quality} if jpeg_quality else {}
    images[0].save(
        out, format="PDF", save_all=True, append_images=images[1:], resolution=72 * scale, **options
    )
    return out.getvalue()


# --- a password-protected PDF (standard security handler, revision 2, RC4 40-bit) ---------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF that needs ``user_password`` to open (PDF 1.4 spec, algorithms 3.2-3.4)."""
    doc_id = hashlib.md5(b"gongkai-test").digest()
    owner_key = hashlib.md5((owner_password + _PAD)[:32]).digest()[:5]
    o_value = _rc4(owner_key, (user_password + _PAD)[:32])
    permissions = -4
    key = hashlib.md5(
        (user_password + _PAD)[:32] + o_value + struct.pack("<i", permissions) + doc_id
    ).digest()[:5]
    u_value = _rc4(key, _PAD)

    def obj_key(num: int) -> bytes:
        return hashlib.md5(key + struct.pack("<i", num)[:3] + b"\x00\x00").digest()[:10]

    content = _rc4(obj_key(4), b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P "
        + str(permissions).encode()
        + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    hex_id = doc_id.hex().encode()
    out += (
        b"trailer\n<< /Size "
        + str(len(objects) + 1).encode()
        + b" /Root 1 0 R /Encrypt 5 0 R /ID [<"
        + hex_id
        + b"> <"
        + hex_id
        + b">] >>\nstartxref\n"
        + str(xref).encode()
        + b"\n%%EOF\n"
    )
    return bytes(out)


def raw_pdf(content: bytes) -> bytes:
    """A one-page A4 PDF with the given content stream (Helvetica as /F1; PDF user space)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def polyline_grid_pdf() -> bytes:
    """A 2×3 table whose rules are drawn as one polyline path (pdfminer: a "curve"), not lines."""
    # outer frame and inner rules as a single path of move/line operators, stroked once
    path = (
        b"0 0 0 RG 0.8 w 100 700 m 400 700 l 400 640 l 100 640 l 100 700 l "
        b"100 670 m 400 670 l 200 700 m 200 640 l 300 700 m 300 640 l S\n"
    )
    text = b"".join(
        f"BT /F1 11 Tf {x} {y} Td ({t}) Tj ET\n".encode()
        for x, y, t in (
            (110, 680, "Item"),
            (210, 680, "Count"),
            (310, 680, "Total"),
            (110, 650, "Rules"),
            (210, 650, "3"),
            (310, 650, "17"),
        )
    )
    intro = b"BT /F1 12 Tf 100 760 Td (Annual report) Tj ET\n"
    return raw_pdf(intro + path + text)


def hatched_pdf(segments: int) -> bytes:
    """A page with a caption and a hatching of ``segments`` short rules (a seal, a chart fill)."""
    ops = b"".join(
        f"{50 + (i % 100) * 5} {100 + (i // 100) * 6} m {50 + (i % 100) * 5} {104 + (i // 100) * 6} l ".encode()
        + f"{50 + (i % 100) * 5} {100 + (i // 100) * 6} m {53 + (i % 100) * 5} {100 + (i // 100) * 6} l ".encode()
        for i in range(segments // 2)
    )
    return raw_pdf(b"0 0 0 RG 0.5 w " + ops + b"S\nBT /F1 12 Tf 100 760 Td (Hatched seal) Tj ET\n")


TABLE_TWO = (
    "<table style='width:60%'><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
    "<tr><td>规章</td><td>3</td><td>0</td><td>17</td></tr>"
    "<tr><td>行政规范性文件</td><td>25</td><td>8</td><td>146</td></tr></table>"
)


def picture_table_pdf() -> bytes:
    """A text page whose table is pasted in as a picture (a screenshot of a ruled table)."""
    import base64

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(html_pdf(TABLE_TWO))
    try:
        image = doc[0].render(scale=2).to_pil().convert("RGB")
    finally:
        doc.close()
    width, height = image.size
    buffer = io.BytesIO()
    image.crop((0, 0, width, int(height * 0.3))).save(buffer, format="PNG")
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    return html_pdf(
        "<p>二、主动公开政府信息情况</p><p>本年度主动公开政府信息如下表所示。</p>"
        f"<img src='{uri}' style='width:100%'><p>三、收到和处理政府信息公开申请情况</p>"
    )


def rotated_pdf(pdf: bytes, rotation: int) -> bytes:
    """``pdf``'s first page stored as a landscape page drawn turned, with /Rotate ``rotation`` (90 or
    270) so that a viewer shows it upright: how some producers store a page turned for printing."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    width, height = source[0].get_size()
    xobject = source.page_as_xobject(0, out)
    page = out.new_page(height, width)
    drawn = xobject.as_pageobject()
    matrix = pdfium.PdfMatrix().rotate(rotation, ccw=True)
    drawn.transform(matrix.translate(height, 0) if rotation == 90 else matrix.translate(0, width))
    page.insert_obj(drawn)
    page.gen_content()
    page.set_rotation(rotation)
    buffer = io.BytesIO()
    out.save(buffer)
    for doc in (out, source):
        doc.close()
    return buffer.getvalue()
