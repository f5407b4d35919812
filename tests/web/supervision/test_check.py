"""/check/: a report in any medium shown as the official tables with every finding at its cell."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .helpers import DATA

pytestmark = pytest.mark.django_db


def _check(client, name: str, data: bytes):  # type: ignore[no-untyped-def]
    return client.post("/check/", {"file": SimpleUploadedFile(name, data)})


def _cell_classes(html: str, cell_id: str) -> str:
    match = re.search(rf'<td data-cell="{re.escape(cell_id)}"[^>]*class="([^"]*)"', html)
    return match.group(1) if match else ""


def test_the_yinchuan_report_shows_its_balance_error_at_the_cell(client_for) -> None:  # type: ignore[no-untyped-def]
    response = _check(
        client_for("clerk"), "yinchuan-szglj-2020.txt", (DATA / "yinchuan-szglj-2020.txt").read_bytes()
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "T3-BALANCE" in html and "表三“自然人”列不平衡" in html
    # （七）总计 prints 0 for 自然人 while 予以公开 has 1: the total cell is marked as an error
    assert "finding-error" in _cell_classes(html, "t3.total.np")
    assert "finding-error" not in _cell_classes(html, "t3.new_received.com")
    assert "原文第" in html  # the source line of the finding
    assert 'title="来源：第' in html  # each read cell says where it was read


def test_text_in_a_numeric_cell_is_marked(client_for) -> None:  # type: ignore[no-untyped-def]
    response = _check(client_for("clerk"), "zuoling.txt", (DATA / "zuoling-street-2021.txt").read_bytes())
    html = response.content.decode()
    assert "CELL-NOT-NUMBER" in html
    assert "finding-error" in _cell_classes(html, "t4.review.other")


def test_an_unreadable_file_gets_a_chinese_error_not_a_500(client_for) -> None:  # type: ignore[no-untyped-def]
    # (a broken PDF goes to the background: test_check_background.py)
    response = _check(client_for("clerk"), "x.docx", b"PK\x03\x04 broken")
    assert response.status_code == 400
    assert "无法读取" in response.content.decode()
    response = _check(client_for("clerk"), "note.txt", "这不是年度报告。".encode())
    assert response.status_code == 400 and "无法读取" in response.content.decode()


def test_size_bound(client_for, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_CHECK_MAX_MB = 1
    response = _check(client_for("clerk"), "big.txt", b"0" * (1024 * 1024 + 1))
    assert response.status_code == 400 and "超过 1 MB" in response.content.decode()


def test_anonymous_only_when_public_check_is_on(client_for, settings) -> None:  # type: ignore[no-untyped-def]
    anonymous = client_for("anonymous")
    assert anonymous.get("/check/").status_code == 302
    settings.GONGKAI_PUBLIC_CHECK = True
    assert anonymous.get("/check/").status_code == 200
    response = _check(anonymous, "zuoling.txt", (DATA / "zuoling-street-2021.txt").read_bytes())
    assert response.status_code == 200 and "CELL-NOT-NUMBER" in response.content.decode()


@pytest.mark.parametrize(
    "to,magic", [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE"), ("md", b"#")]
)
def test_downloads_of_the_checked_report_in_every_format(client_for, to, magic) -> None:  # type: ignore[no-untyped-def]
    client = client_for("clerk")
    html = _check(client, "zuoling.txt", (DATA / "zuoling-street-2021.txt").read_bytes()).content.decode()
    document = re.search(r'name="report" value="([^"]*)"', html)
    assert document is not None
    import html as html_module

    doc = html_module.unescape(document.group(1))
    assert json.loads(doc)["cells"]
    response = client.post("/check/download/", {"to": to, "report": doc})
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]


def test_a_tampered_document_is_refused(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("clerk").post(
        "/check/download/", {"to": "docx", "report": '{"cells": {"t9.x": 1}}'}
    )
    assert response.status_code == 400 and "无法生成下载文件" in response.content.decode()
