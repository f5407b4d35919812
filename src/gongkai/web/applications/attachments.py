"""Uploaded files: bounded in size and accepted by their content (magic bytes), not their name.

条例 art. 29 lets applicants send identity documents and supporting material; agencies receive
scans and office documents. Anything else is refused with a Chinese message naming the file.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.web.security.text import clean_text

#: (content type, Chinese name) of what is accepted.
ACCEPTED = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档（docx）",
    "application/msword": "Word 97-2003 文档（doc）",
}


def max_bytes() -> int:
    """Per-file bound: the platform's upload bound ``GONGKAI_MAX_UPLOAD_BYTES`` (env GONGKAI_MAX_UPLOAD_MB)."""
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are, among :data:`ACCEPTED`; None otherwise."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/msword"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        except zipfile.BadZipFile:
            return None
    return None


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str


def check_upload(uploaded: object) -> CheckedFile:
    """Read an uploaded file within the bound and check its content; raises ``ValidationError``."""
    name = clean_text(str(getattr(uploaded, "name", "附件"))).replace("\n", " ")[:200] or "附件"
    size = int(getattr(uploaded, "size", 0) or 0)
    limit = max_bytes()
    if size > limit:
        raise ValidationError(f"文件“{name}”大小为 {size // 1024} KB，超过上限 {limit // 1024 // 1024} MB。")
    data = uploaded.read(limit + 1)  # type: ignore[attr-defined]
    if len(data) > limit:
        raise ValidationError(f"文件“{name}”超过上限 {limit // 1024 // 1024} MB。")
    if not data:
        raise ValidationError(f"文件“{name}”是空文件。")
    kind = sniff(data)
    if kind is None:
        names = "、".join(ACCEPTED.values())
        raise ValidationError(f"文件“{name}”的内容不是可接受的类型（{names}），请检查文件。")
    return CheckedFile(name=name, content_type=kind, data=data, sha256=hashlib.sha256(data).hexdigest())
