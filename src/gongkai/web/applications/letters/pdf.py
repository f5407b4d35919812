"""The PDF beside the DOCX: the same DOCX bytes converted by LibreOffice headless.

The converter is the report reader's runner (:mod:`gongkai.report.read.doc`): its own temporary
directory and LibreOffice profile per conversion, its own process group, killed after
``CONVERTER_TIMEOUT`` seconds. Without LibreOffice the PDF is not made and the caller says so in
Chinese; the DOCX, the archived original, remains.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from gongkai.errors import GongkaiError
from gongkai.report.read import doc as _doc


class LetterPdfError(GongkaiError):
    """No PDF could be made (LibreOffice missing, failed or timed out); the message is Chinese."""


MISSING = (
    "本机未安装 LibreOffice，未生成 PDF 版本（DOCX 文书已存档）。安装：apt install libreoffice-writer-nogui"
)


def available() -> bool:
    return _doc._which(_doc.SOFFICE_NAMES) is not None


def docx_to_pdf(data: bytes, name: str = "文书.docx") -> bytes:
    """Convert DOCX bytes to PDF bytes with ``soffice --headless --convert-to pdf``."""
    soffice = _doc._which(_doc.SOFFICE_NAMES)
    if soffice is None:
        raise LetterPdfError(MISSING)
    with tempfile.TemporaryDirectory(prefix="gongkai-letter-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(data)
        outdir = work / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(source),
        ]
        try:
            result = _doc._run(cmd, name, work, "LibreOffice")
        except GongkaiError as exc:
            raise LetterPdfError(f"生成 PDF 失败：{exc}（DOCX 文书已存档）") from None
        target = outdir / "document.pdf"
        if result.returncode != 0 or not target.exists():
            raise LetterPdfError("LibreOffice 未能将文书转换为 PDF（DOCX 文书已存档）。")
        return target.read_bytes()
