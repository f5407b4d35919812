"""Attachments of register items: PDF, DOCX, XLS(X) and images — bounded, accepted by their content
(magic bytes, not the name), their text extracted for search."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role

from .models import Attachment, Item

ACCEPTED = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word（docx）",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel（xlsx）",
    "application/vnd.ms-excel": "Excel 97-2003（xls）",
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
    "image/gif": "GIF 图片",
}
#: Characters of extracted text kept per attachment (what search needs; the file stays whole).
MAX_TEXT = 200_000


def sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/vnd.ms-excel"  # an OLE file: accepted only if xlrd can read it as a workbook
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def extract_text(data: bytes, content_type: str) -> str:
    """The text of a document for search ('' for images or when the file yields none)."""
    try:
        if content_type == "application/pdf":
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages[:200])[:MAX_TEXT]
        if content_type.endswith("wordprocessingml.document"):
            import docx

            document = docx.Document(io.BytesIO(data))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            return "\n".join([p.text for p in document.paragraphs] + cells)[:MAX_TEXT]
        if content_type.endswith("spreadsheetml.sheet"):
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return "\n".join(
                " ".join(str(v) for v in row if v is not None)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            )[:MAX_TEXT]
        if content_type == "application/vnd.ms-excel":
            import xlrd

            book = xlrd.open_workbook(file_contents=data)
            return "\n".join(
                " ".join(str(v) for v in sheet.row_values(r) if v != "")
                for sheet in book.sheets()
                for r in range(sheet.nrows)
            )[:MAX_TEXT]
    except Exception as exc:  # a damaged document: refused by the caller with the reader's reason
        raise ValidationError(f"无法读取附件内容：{type(exc).__name__}") from None
    return ""


def add_attachment(item: Item, actor: Any, name: str, data: bytes) -> Attachment:
    """Attach a checked file to ``item`` (clerk while drafting; 负责人 when correcting)."""
    scope.require(actor, item.agency, [Role.CLERK, Role.APPROVER])
    limit = int(getattr(settings, "GONGKAI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
    name = name[:200] or "附件"
    if not data:
        raise ValidationError(f"文件“{name}”是空文件。")
    if len(data) > limit:
        raise ValidationError(f"文件“{name}”超过上限 {limit // 1024 // 1024} MB。")
    kind = sniff(data)
    if kind is None:
        raise ValidationError(f"文件“{name}”的内容不是可接受的类型（{'、'.join(ACCEPTED.values())}）。")
    text = extract_text(data, kind)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        attachment = Attachment(
            item=item, name=name, content_type=kind, size=len(data), sha256=digest, text=text
        )
        attachment.file.save(digest, ContentFile(data), save=False)
        attachment.save()
        audit.record(
            actor, "disclosure.attach", item, after={"name": name, "sha256": digest, "size": len(data)}
        )
        if item.status == "published":
            from .tasks import index_soon  # lazy: tasks imports the importer, which imports the services

            index_soon(item)
    return attachment
