"""Attachments: accepted by content, bounded, their text found by search."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from gongkai.web.disclosures import search
from gongkai.web.disclosures.attachments import add_attachment

from .helpers import published_item

pytestmark = pytest.mark.django_db


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx(text: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["项目", text])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_attachment_text_is_searchable(personas, client) -> None:  # type: ignore[no-untyped-def]
    item = published_item(personas.bureau)
    add_attachment(item, personas.users["approver"], "附件1.docx", _docx("校舍抗震加固工程清单"))
    add_attachment(item, personas.users["approver"], "附件2.xlsx", _xlsx("营养改善计划资金"))
    assert search.search("抗震加固").hits[0].item == item
    assert search.search("营养改善").hits[0].item == item
    attachment = item.attachments.get(name="附件1.docx")
    response = client.get(f"/zfxxgk/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"PK")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"<html>not a pdf</html>", "不是可接受的类型"),
        ("a.exe", b"MZ\x90\x00", "不是可接受的类型"),
        ("empty.pdf", b"", "空文件"),
    ],
)
def test_refused_by_content(personas, name: str, data: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    item = published_item(personas.bureau)
    with pytest.raises(ValidationError, match=message):
        add_attachment(item, personas.users["approver"], name, data)


def test_bounded(personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="超过上限"):
        add_attachment(
            published_item(personas.bureau), personas.users["approver"], "big.pdf", b"%PDF-" + b"0" * 2000
        )
