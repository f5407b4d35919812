"""Upload an earlier year's published report on the web: read, preview, confirm → that year's history."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import gongkai
from gongkai.web.annual.build import previous_report
from gongkai.web.annual.models import EarlierReport
from gongkai.web.audit.models import AuditEvent
from gongkai.web.supervision.demo import unit_report

pytestmark = pytest.mark.django_db


def _file(personas, year: int = 2024, name: str = "2024年报.html", error: bool = False) -> SimpleUploadedFile:  # type: ignore[no-untyped-def]
    report = unit_report(personas.bureau.name, year, 6, 3, error=error)
    return SimpleUploadedFile(name, gongkai.render(report, "html", charts=False), content_type="text/html")


def _url(personas, year: int = 2024) -> str:  # type: ignore[no-untyped-def]
    return f"/annual/{personas.bureau.code}/{year}/history/"


def test_preview_then_confirm_stores_the_history(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("clerk")
    assert "上传文件" in client.get(_url(personas)).content.decode()
    response = client.post(_url(personas), {"file": _file(personas, error=True)})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="history-preview"' in html
    assert (
        re.search(r"错误 [1-9]\d* 个", html) and "finding-error" in html
    )  # the core's findings at their cells
    assert not EarlierReport.objects.exists()  # nothing stored before the confirmation
    signed = re.search(r'name="document" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    done = client.post(_url(personas), {"document": signed, "file_name": "2024年报.html"})
    assert done.status_code == 302 and done["Location"] == f"/annual/{personas.bureau.code}/2025/"
    earlier = EarlierReport.objects.get(agency=personas.bureau, year=2024)
    assert earlier.file_name == "2024年报.html" and earlier.uploaded_by == personas.users["clerk"]
    assert AuditEvent.objects.filter(verb="annual.earlier").count() == 1
    # it is now 上年 for 2025: the cross-year rules and the carry-over read it
    last = previous_report(personas.bureau, 2025)
    assert last is not None and last.cells["t3.new_received.np"].value == 6
    page = client.get(_url(personas)).content.decode()
    assert 'data-testid="history-existing"' in page


def test_a_forged_or_foreign_document_is_refused(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("clerk")
    html = client.post(_url(personas), {"file": _file(personas)}).content.decode()
    signed = re.search(r'name="document" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    forged = client.post(_url(personas), {"document": signed[:-3] + "abc", "file_name": "x"}, follow=True)
    assert "确认信息无效" in forged.content.decode()
    # the signature binds the year: confirming on another year's page does nothing
    other = client.post(_url(personas, 2023), {"document": signed, "file_name": "x"}, follow=True)
    assert "不符" in other.content.decode()
    assert not EarlierReport.objects.exists()


def test_wrong_year_unreadable_and_too_large_get_chinese_errors(personas, client_for, settings) -> None:  # type: ignore[no-untyped-def]
    client = client_for("reviewer")
    wrong = client.post(_url(personas, 2023), {"file": _file(personas, 2024)})
    assert wrong.status_code == 400 and "是2024年度的报告，不是2023年度的" in wrong.content.decode()
    junk = client.post(_url(personas), {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 not really")})
    assert junk.status_code == 400 and "无法读取“x.pdf”" in junk.content.decode()
    settings.GONGKAI_CHECK_MAX_MB = 1
    big = client.post(_url(personas), {"file": SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 1))})
    assert big.status_code == 400 and "超过 1 MB" in big.content.decode()
    assert not EarlierReport.objects.exists()


def test_only_the_agency_editors(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for("supervisor").get(_url(personas)).status_code == 403
    assert client_for("other_agency_clerk").post(_url(personas), {"file": _file(personas)}).status_code == 403
    assert (
        'data-testid="history-link"'
        in client_for("clerk").get(f"/annual/{personas.bureau.code}/2025/").content.decode()
    )
