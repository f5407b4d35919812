"""The report desk: traceable cells, table 二 figures (form, CSV, XLSX), drafts, isolation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.annual.models import SourceFigure
from gongkai.web.appeals.mapping import Result

from ..appeals.helpers import make_case
from .authz import published
from .helpers import replied

pytestmark = pytest.mark.django_db


def test_a_cell_opens_the_records_that_make_it(personas, client_for) -> None:
    a = replied(personas, dt.date(2025, 3, 3))
    replied(personas, dt.date(2025, 3, 4), outcome="partial")
    case = make_case(personas, filed=dt.date(2025, 4, 1), decided=dt.date(2025, 6, 1), result=Result.VARIED)
    client = client_for("supervisor")
    base = f"/annual/{personas.bureau.code}/2025/"
    page = client.get(base + "cell/t3.granted.np/").content.decode()
    assert a.tracking_number in page and "构成该数值的记录 1 条" in page
    page = client.get(base + "cell/t3.new_received.tot/").content.decode()
    assert "构成该数值的记录 2 条" in page
    page = client.get(base + "cell/t4.review.correct/").content.decode()
    assert f"/appeals/case/{case.pk}/" in page
    page = client.get(base + "cell/t2.licensing.decisions/").content.decode()
    assert "未录入" in page
    assert client.get(base + "cell/t9.nothing.here/").status_code == 404
    assert client.get(f"/annual/{personas.bureau.code}/1900/").status_code == 404


def test_the_desk_shows_tables_findings_and_last_years_problems(personas, client_for) -> None:
    published(personas, 2024)
    page = client_for("clerk").get(f"/annual/{personas.bureau.code}/2025/").content.decode()
    assert 'data-testid="table-t3"' in page and 'data-testid="table-t4"' in page
    assert 'data-testid="last-problems"' in page and "（一）问题。无。" in page


def test_figures_by_form_csv_and_xlsx(personas, client_for) -> None:
    import openpyxl

    client = client_for("clerk")
    url = f"/annual/{personas.bureau.code}/2025/figure/"
    client.post(url, {"cell_id": "t2.penalty.decisions", "value": "8", "source": "执法平台"})
    csv = b"cell,value\nt2.licensing.decisions,41\nt2.admin_fees.amount_wan_yuan,2.75\n"
    client.post(url, {"file": SimpleUploadedFile("许可.csv", csv), "source": "审批系统导出"})
    book = openpyxl.Workbook()
    book.active.append(["cell", "value"])
    book.active.append(["t2.coercion.decisions", 2])
    data = io.BytesIO()
    book.save(data)
    client.post(url, {"file": SimpleUploadedFile("强制.xlsx", data.getvalue())})
    figures = {f.cell_id: (str(f.value.normalize()), f.source) for f in SourceFigure.objects.all()}
    assert figures == {
        "t2.penalty.decisions": ("8", "执法平台"),
        "t2.licensing.decisions": ("41", "审批系统导出"),
        "t2.admin_fees.amount_wan_yuan": ("2.75", "审批系统导出"),
        "t2.coercion.decisions": ("2", "强制.xlsx"),
    }
    response = client.post(
        url, {"file": SimpleUploadedFile("坏.csv", "cell,value\nt2.penalty.decisions,五\n".encode("gbk"))}
    )
    assert response.status_code == 302
    assert "UTF-8" in client.get(response["Location"]).content.decode()


def test_the_supervisor_reads_but_does_not_write(personas, client_for) -> None:
    client = client_for("supervisor")
    assert client.get(f"/annual/{personas.bureau.code}/2025/").status_code == 200
    assert client.post(f"/annual/{personas.bureau.code}/2025/edit/", {"s5_problems": "x"}).status_code == 403
    assert client_for("other_agency_clerk").get(f"/annual/{personas.bureau.code}/2025/").status_code == 403


def test_an_unpublished_report_has_no_public_page(personas, client) -> None:
    assert client.get(f"/annual/public/{personas.bureau.code}/2025/").status_code == 404
    published(personas)
    page = client.get(f"/annual/public/{personas.bureau.code}/2025/").content.decode()
    assert "第1版" in page
    assert client.get(f"/annual/public/{personas.bureau.code}/2025/v1.docx").status_code == 200
    assert client.get(f"/annual/public/{personas.bureau.code}/2025/v2.docx").status_code == 404
    assert client.get(f"/annual/public/{personas.bureau.code}/2025/v1.exe").status_code == 404
    assert "由平台记录生成并发布的年度报告" in client.get("/zfxxgk/annual/").content.decode()
