"""Reports (check an upload, render a document) and statistics (table 三) through the API."""

from __future__ import annotations

from typing import Any

import pytest

from ..supervision.helpers import DATA

pytestmark = pytest.mark.django_db


def upload(client: Any, name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.client.post(
        "/api/reports/check", {"file": SimpleUploadedFile(name, data)}, headers=client.headers
    )


def test_check_a_real_report(api_for: Any) -> None:
    client = api_for("clerk", scopes=("reports:check",))
    response = upload(client, "yinchuan.txt", (DATA / "yinchuan-szglj-2020.txt").read_bytes())
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["errors"] >= 1
    assert any(f["rule"] == "T3-BALANCE" and "t3.total.np" in f["cells"] for f in data["findings"])
    assert data["report"]["year"] == 2020 and data["report"]["cells"]


def test_render_the_checked_document(api_for: Any) -> None:
    client = api_for("clerk", scopes=("reports:check",))
    document = upload(client, "y.txt", (DATA / "yinchuan-szglj-2020.txt").read_bytes()).json()["report"]
    response = client.post("/api/reports/render", {"report": document, "to": "md"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    assert "政府信息公开" in response.content.decode()


def test_an_invalid_document_is_422(api_for: Any) -> None:
    response = api_for("clerk").post("/api/reports/render", {"report": {"format": "2021", "cells": {"x": 1}}})
    assert response.status_code == 422 and response.json()["code"] == "invalid_report"


def test_an_unreadable_file_is_400_json(api_for: Any) -> None:
    response = upload(api_for("clerk"), "a.pdf", b"not a pdf at all")
    assert response.status_code == 400 and response.json()["code"] == "unreadable_report"


def test_an_upload_over_the_limit_is_413(api_for: Any, settings: Any) -> None:
    settings.GONGKAI_MAX_UPLOAD_BYTES = 100
    response = upload(api_for("clerk"), "big.txt", b"x" * 1000)
    assert response.status_code == 413 and response.json()["code"] == "file_too_large"


def test_table3_of_own_agency(api_for: Any, personas: Any) -> None:
    from .test_applications import create

    client = api_for("clerk")
    create(client)
    import datetime as dt

    year = (dt.date.today() - dt.timedelta(days=1)).year
    data = client.get(f"/api/statistics/table3?year={year}").json()
    assert data["agency"] == personas.bureau.name
    assert data["cells"]["t3.new_received.np"] == 1
    other = api_for("other_agency_clerk").get(f"/api/statistics/table3?year={year}").json()
    assert other["cells"]["t3.new_received.np"] == 0


def test_a_json_body_over_the_memory_limit_is_413(api_for: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api_for("clerk").post("/api/reports/render", {"report": {"title": "x" * 5000}, "to": "md"})
    assert response.status_code == 413 and response.json()["code"] == "too_large"
