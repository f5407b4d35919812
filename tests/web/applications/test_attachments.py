"""Attachments: accepted by content (magic bytes), bounded in size, refused with a Chinese message."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from gongkai.web.applications.attachments import check_upload, sniff


def _docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "application/msword"),
        (_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (b"PK\x03\x04 not really a zip", None),
        (b"MZ\x90\x00", None),
        (b"<html><script>", None),
    ],
)
def test_sniff(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


class Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name
        self.size = len(data)


def test_name_does_not_matter(settings) -> None:
    checked = check_upload(Upload(b"%PDF-1.4", "photo.jpg"))
    assert checked.content_type == "application/pdf" and len(checked.sha256) == 64
    with pytest.raises(ValidationError, match="内容不是可接受的类型"):
        check_upload(Upload(b"MZ\x90\x00", "scan.pdf"))


def test_size_bound(settings) -> None:
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError, match="超过上限"):
        check_upload(Upload(b"%PDF-" + b"0" * 2000, "big.pdf"))
    with pytest.raises(ValidationError, match="空文件"):
        check_upload(Upload(b"", "empty.pdf"))
