"""Sending: one completeness check (manual and automatic), 文号 allocation, settings, remedy policy, downloads."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from gongkai.web.applications import letter_services, services
from gongkai.web.applications.models import Letter, LetterSettings, RemedyClausePolicy
from gongkai.web.audit.models import AuditEvent

from ..helpers import decision_inputs, register

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _decided(personas, outcome: str = "denied_process"):  # type: ignore[no-untyped-def]
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    return services.decide(
        app, clerk, app.version, outcome=outcome, on=dt.date(2026, 2, 2), **decision_inputs(outcome)
    )


def test_refused_send_names_the_gap(personas) -> None:
    clerk = personas.users["clerk"]
    app = _decided(personas)
    reply = app.letters.get(kind="reply")
    reply = services.edit_letter(reply, clerk, app.version, title=reply.title, addressee=reply.addressee,
                                 body=reply.body.replace("理由见相关规定。", "【不予公开的理由：待填写】"))  # fmt: skip
    app.refresh_from_db()
    with pytest.raises(services.ServiceError, match="缺少不予公开的理由"):
        services.send_letter(reply, clerk, app.version, on=dt.date(2026, 2, 3))
    app.refresh_from_db()
    assert app.state == "decided" and not Letter.objects.get(pk=reply.pk).is_sent


def test_automatic_receipt_passes_the_same_check(personas) -> None:
    """The online receipt is sent by the platform only when complete; else it waits for the clerk."""
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    receipt = app.letters.get(kind="receipt")
    Letter.objects.filter(pk=receipt.pk).update(body="于【答复期限：待填写】前答复")
    receipt.refresh_from_db()
    services._send_automatic(receipt, clerk, dt.date(2026, 1, 20))
    assert not Letter.objects.get(pk=receipt.pk).is_sent
    held = AuditEvent.objects.filter(verb="letter.send_held").get()
    assert "答复期限" in held.note


def test_letter_numbers_are_unique_and_sequential(personas) -> None:
    clerk, admin = personas.users["clerk"], personas.users["agency_admin"]
    letter_services.update_settings(personas.bureau, admin, {"number_pattern": "新教公开〔{year}〕{seq}号"})
    first = register(personas.bureau, clerk)
    second = register(personas.bureau, clerk)
    numbers = []
    for app in (first, second):
        receipt = app.letters.get(kind="receipt")
        numbers.append(services.send_letter(receipt, clerk, app.version, on=dt.date(2026, 1, 21)).number)
    assert numbers == ["新教公开〔2026〕1号", "新教公开〔2026〕2号"]
    other = register(personas.other, personas.users["other_agency_clerk"])
    sent = services.send_letter(other.letters.get(kind="receipt"), personas.users["other_agency_clerk"], other.version, on=dt.date(2026, 1, 21))  # fmt: skip
    assert sent.number == "河山县人民政府公开〔2026〕1号"  # per agency, default pattern with the name
    texts = [
        p.text for p in Document(io.BytesIO(bytes(Letter.objects.get(number=numbers[1]).docx))).paragraphs
    ]
    assert "新教公开〔2026〕2号" in texts


def test_settings_only_by_the_agency_admin_and_checked(personas) -> None:
    admin = personas.users["agency_admin"]
    with pytest.raises(PermissionDenied):
        letter_services.update_settings(
            personas.bureau, personas.users["clerk"], {"number_pattern": "{year}{seq}"}
        )
    with pytest.raises(letter_services.LetterServiceError, match=r"\{seq\}"):
        letter_services.update_settings(personas.bureau, admin, {"number_pattern": "新教〔{year}〕号"})
    with pytest.raises(letter_services.LetterServiceError, match="PNG"):
        letter_services.update_settings(
            personas.bureau, admin, {"number_pattern": "{year}{seq}"}, seal=b"GIF89a"
        )
    with pytest.raises(letter_services.LetterServiceError, match="512 KB"):
        letter_services.update_settings(
            personas.bureau, admin, {"number_pattern": "{year}{seq}"}, seal=PNG + b"\x00" * 600_000
        )
    row = letter_services.update_settings(
        personas.bureau,
        admin,
        {"number_pattern": "新教公开〔{year}〕{seq}号", "letterhead": "新城县教育局"},
        seal=PNG,
    )
    assert row.seal_sha256 and AuditEvent.objects.filter(verb="letter_settings.edit").count() == 1


def test_settings_page(personas, client_for) -> None:
    admin = client_for("agency_admin")
    url = f"/applications/letter-settings/{personas.bureau.code}/"
    assert "县教育局公开〔" in admin.get(url).content.decode()
    response = admin.post(url, {"number_pattern": "新教〔{year}〕号"})
    assert response.status_code == 200 and "{seq}" in response.content.decode()
    response = admin.post(
        url, {"number_pattern": "新教公开〔{year}〕{seq}号", "account": "6222 0000", "payee": "新城县财政局"}
    )
    assert response.status_code == 302
    assert LetterSettings.objects.get(agency=personas.bureau).account == "6222 0000"


def test_fee_notice_table_and_how_to_pay(personas) -> None:
    """109号: the notice lists the fee as a table and says how to pay; without payment details it has a gap."""
    clerk = personas.users["clerk"]
    LetterSettings.objects.filter(agency=personas.bureau).update(payee="", bank="", account="")
    app = _decided(personas, "granted")
    with pytest.raises(services.ServiceError, match="缺少缴费方式"):  # sent at once with ``issued_on``
        services.issue_fee_notice(
            app, clerk, app.version, method="per_volume", quantity=150, issued_on=dt.date(2026, 2, 2)
        )
    letter_services.update_settings(personas.bureau, personas.users["agency_admin"], {
        "number_pattern": "新教公开〔{year}〕{seq}号", "payee": "新城县财政局", "bank": "某银行新城支行",
        "account": "6222 0000 1111"})  # fmt: skip
    app.refresh_from_db()
    app = services.issue_fee_notice(
        app, clerk, app.version, method="per_volume", quantity=150, issued_on=dt.date(2026, 2, 2)
    )
    sent = app.letters.get(kind="fee")
    assert sent.table[0] == ["计收方式", "数量", "单价/档次", "金额（元）"]
    assert ["按量计收", "70页", "第31–100页：10元/页", "700"] in sent.table and sent.table[-1][-1] == "1,700"
    assert "账号：6222 0000 1111" in sent.body and "次日起20个工作日内" in sent.body
    doc = Document(io.BytesIO(bytes(sent.docx)))
    assert len(doc.tables) == 1
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells[0] == ["计收方式", "数量", "单价/档次", "金额（元）"] and cells[-1][-1] == "1,700"


def test_remedy_clause_follows_the_sysadmin_policy(personas) -> None:
    """Seeded default: 无法提供 → 复议前置 (cautious, [M]); the sysadmin changes it; letters follow."""
    row = RemedyClausePolicy.objects.get(kind="unable")
    assert row.review_first and "尚无定论" in row.source
    app = _decided(personas, "unable_needs_creation")
    assert "应当先申请行政复议" in app.letters.get(kind="reply").body
    with pytest.raises(PermissionDenied):
        letter_services.save_remedy_policy(row, personas.users["clerk"])
    row.review_first = False
    row.review_body = "新城市人民政府"
    letter_services.save_remedy_policy(row, personas.users["sysadmin"])
    assert AuditEvent.objects.filter(verb="remedy_policy.edit").exists()
    app2 = _decided(personas, "unable_needs_creation")
    body = app2.letters.get(kind="reply").body
    assert "应当先" not in body and "新城市人民政府" in body and "6个月内直接" in body
    row.review_days = 0
    with pytest.raises(ValidationError):
        letter_services.save_remedy_policy(row, personas.users["sysadmin"])


def test_remedy_policy_in_the_admin(personas, client_for) -> None:
    row = RemedyClausePolicy.objects.get(kind="denied")
    url = f"/admin/applications/remedyclausepolicy/{row.pk}/change/"
    assert client_for("sysadmin").get(url).status_code == 200
    data = {"review_first": "", "review_body": "", "review_days": 60, "suit_after_review_days": 15,
            "direct_suit_months": 6, "source": "改为可选择"}  # fmt: skip
    assert client_for("sysadmin").post(url, data).status_code == 302
    row.refresh_from_db()
    assert not row.review_first and AuditEvent.objects.filter(verb="remedy_policy.edit").exists()


def test_download_has_a_chinese_file_name(personas, client_for) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    receipt = services.send_letter(
        app.letters.get(kind="receipt"), clerk, app.version, on=dt.date(2026, 1, 21)
    )
    response = client_for("clerk").get(f"/applications/letter/{receipt.pk}/download/")
    name = f"新城县教育局-政府信息公开申请接收回执-{app.tracking_number}.docx"
    assert f"filename*=UTF-8''{quote(name)}" in response["Content-Disposition"]
    assert (
        client_for("clerk").get(f"/applications/letter/{receipt.pk}/download/?format=pdf").status_code == 404
    )


def test_art35_letter_started_by_the_clerk(personas, client_for) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    response = client_for("clerk").post(
        f"/applications/case/{app.tracking_number}/letter/new/",
        {"version": app.version, "kind": "art35_reasons"},
    )
    assert response.status_code == 302
    letter = app.letters.get(kind="art35_reasons")
    assert "第三十五条" in letter.body
    with pytest.raises(services.ServiceError, match="缺少申请数量、频次的具体情况"):
        app.refresh_from_db()
        services.send_letter(letter, clerk, app.version, on=dt.date(2026, 1, 21))


@pytest.mark.django_db(transaction=True)
def test_letter_numbers_under_two_concurrent_sends(personas, monkeypatch) -> None:
    """Two sends at once get 1 and 2: the counter row is locked (PostgreSQL; SQLite serialises writers)."""
    import threading
    import time

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("concurrent row locks are exercised on PostgreSQL")
    from gongkai.web.applications.letter_models import LetterNumberCounter

    LetterNumberCounter.objects.create(agency=personas.bureau, year=2026)
    save = LetterNumberCounter.save

    def slow_save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # widen the read-increment-write window: without the row lock both write 1
        save(self, *args, **kwargs)

    monkeypatch.setattr(LetterNumberCounter, "save", slow_save)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def worker() -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(letter_services.allocate_number(personas.bureau, 2026))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["县教育局公开〔2026〕1号", "县教育局公开〔2026〕2号"]


def test_letter_page_shows_the_fee_table(personas, client_for) -> None:
    clerk = personas.users["clerk"]
    app = _decided(personas, "granted")
    app = services.issue_fee_notice(
        app, clerk, app.version, method="per_volume", quantity=150, issued_on=dt.date(2026, 2, 2)
    )
    page = client_for("clerk").get(f"/applications/letter/{app.letters.get(kind='fee').pk}/").content.decode()
    assert 'data-testid="letter-table"' in page and "第101–200页：20元/页" in page
