"""The 年报 column: an uploaded published report is read by the core and shown as the official tables."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.disclosures.importer import sample_path
from gongkai.web.disclosures.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_upload_read_render_and_download(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    data = (sample_path().parent / "putian-kjj-2025.txt").read_bytes()
    clerk = client_for("clerk")
    response = clerk.post(
        f"/register/{personas.bureau.code}/annual/", {"file": SimpleUploadedFile("kjj.txt", data)}
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(agency=personas.bureau)
    assert report.year == 2025 and report.report_format == "2021"
    anonymous = client_for("anonymous")
    listing = anonymous.get("/zfxxgk/annual/").content.decode()
    assert "2025年政府信息公开工作年度报告" in listing
    tables = anonymous.get(f"/zfxxgk/annual/{report.pk}/").content.decode()
    assert "行政规范性文件" in tables and "<table" in tables
    assert bytes(anonymous.get(f"/zfxxgk/annual/{report.pk}/download/").content) == data


def test_a_file_that_is_not_a_report_is_refused_in_chinese(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("clerk").post(
        f"/register/{personas.bureau.code}/annual/",
        {"file": SimpleUploadedFile("x.txt", "这不是年度报告。".encode())},
        follow=True,
    )
    assert "无法读取年度报告" in response.content.decode() and not AnnualReport.objects.exists()
