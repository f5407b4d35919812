"""The PDF of a sent letter, made in the background: a request never waits on LibreOffice.

:func:`letter_services.send_files` stores the DOCX (the legal record, synchronous) and marks the letter
``PDF 生成中`` (:data:`PENDING`); after the commit the task :func:`render_letter_pdf` converts that very
DOCX and stores the PDF with its sha256 (compare-and-set on "no PDF yet": idempotent, so a re-run after
a worker died changes nothing). LibreOffice missing or refusing the file is recorded in ``pdf_note``
and not retried; any other failure is retried with back-off (:mod:`gongkai.web.tasks.engine`).
"""

from __future__ import annotations

from gongkai.web import audit
from gongkai.web.tasks.engine import background

from .letters import sha256_hex
from .letters.pdf import LetterPdfError, docx_to_pdf
from .models import Letter

#: ``pdf_note`` while the background task has not finished (the letter page shows it).
PENDING = "PDF 生成中，稍后刷新本页即可下载。"


@background(max_attempts=4, give_up_on=(Letter.DoesNotExist,))
def render_letter_pdf(letter_id: int) -> str:
    """Convert the sent letter's DOCX to PDF and store it; returns the PDF's sha256 (or the note)."""
    letter = Letter.objects.get(pk=letter_id)
    if letter.pdf_sha256 or not letter.docx:
        return letter.pdf_sha256
    try:
        pdf = docx_to_pdf(bytes(letter.docx))
    except LetterPdfError as exc:
        note = getattr(exc, "message", None) or str(exc)
        Letter.objects.filter(pk=letter_id, pdf_sha256="").update(pdf_note=note[:300])
        return note
    digest = sha256_hex(pdf)
    if Letter.objects.filter(pk=letter_id, pdf_sha256="").update(pdf=pdf, pdf_sha256=digest, pdf_note=""):
        audit.record(None, "letter.pdf", letter, after={"pdf_sha256": digest}, note="文书 PDF 已生成")
    return digest
