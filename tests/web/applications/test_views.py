"""Views: the public form, following an application, the office's intake, case page and actions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from gongkai.web.applications import services
from gongkai.web.applications.models import Application, Letter

from .helpers import DETAILS, register

pytestmark = pytest.mark.django_db

FORM = {k: v for k, v in DETAILS.items()}


def test_anonymous_applies_online_and_follows(personas, client) -> None:
    data = {**FORM, "agency": personas.bureau.pk, "idempotency_key": "k1"}
    response = client.post("/apply/", data)
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.channel == "online" and app.applicant is None
    page = client.get(response["Location"])
    secret = page.context["secret"]
    assert secret and app.tracking_number in page.content.decode()
    # Double click / retry: the same key gives the same application.
    again = client.post("/apply/", data)
    assert again.status_code == 302 and Application.objects.count() == 1
    # A new visitor follows it with the tracking number and the secret.
    other = type(client)()
    bad = other.post("/apply/track/", {"tracking_number": app.tracking_number, "secret": "nope"})
    assert "不正确" in bad.content.decode()
    ok = other.post("/apply/track/", {"tracking_number": app.tracking_number, "secret": secret})
    assert ok.status_code == 302
    detail = other.get(ok["Location"])
    assert detail.status_code == 200 and "接收回执" in detail.content.decode()
    receipt = app.letters.get()
    download = other.get(f"/apply/letter/{receipt.pk}/")
    assert download.status_code == 200
    assert receipt.title in [p.text for p in Document(io.BytesIO(download.content)).paragraphs]


def test_form_errors_are_chinese_and_nothing_saved(personas, client) -> None:
    data = {
        **FORM,
        "agency": personas.bureau.pk,
        "idempotency_key": "k2",
        "description": "",
        "applicant_category": "com",
    }
    response = client.post("/apply/", data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "请填写所需政府信息的名称或内容描述" in text
    assert "自然人申请人的统计类别应为" in text
    assert not Application.objects.exists()


def test_attachment_checked_by_content(personas, client) -> None:
    fake = io.BytesIO(b"MZ\x90\x00 this is an exe")
    fake.name = "scan.pdf"
    data = {**FORM, "agency": personas.bureau.pk, "idempotency_key": "k3", "attachment": fake}
    response = client.post("/apply/", data)
    assert response.status_code == 200 and "内容不是可接受的类型" in response.content.decode()
    real = io.BytesIO(b"%PDF-1.4\n%...\n")
    real.name = "身份证.pdf"
    response = client.post("/apply/", {**data, "attachment": real})
    assert response.status_code == 302
    att = Application.objects.get().attachments.get()
    assert att.content_type == "application/pdf" and att.size == len(b"%PDF-1.4\n%...\n")


def test_signed_in_applicant_sees_only_own(personas, client_for) -> None:
    applicant = personas.users["applicant"]
    mine, _ = services.register(
        agency=personas.bureau, actor=applicant, channel="online", received_on=services.today(),
        data=DETAILS, applicant_user=applicant, online=True,
    )  # fmt: skip
    theirs = register(personas.bureau, personas.users["clerk"])
    c = client_for("applicant")
    listing = c.get("/apply/mine/").content.decode()
    assert mine.tracking_number in listing and theirs.tracking_number not in listing
    assert c.get(f"/apply/mine/{theirs.tracking_number}/").status_code == 403
    response = c.post(f"/apply/mine/{mine.tracking_number}/withdraw/", {"version": mine.version, "note": ""})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == "withdrawn"


def test_clerk_intake_and_case_flow(personas, client_for) -> None:
    c = client_for("clerk")
    page = c.get(f"/applications/new/{personas.bureau.code}/")
    assert page.status_code == 200
    data = {**FORM, "channel": "letter", "received_on": "2026-01-20", "idempotency_key": "i1"}
    response = c.post(f"/applications/new/{personas.bureau.code}/", data)
    assert response.status_code == 302
    app = Application.objects.get()
    case = c.get(response["Location"]).content.decode()
    assert "2026-02-24" in case and "春节" in case  # the clock and its explanation
    r = c.post(f"/applications/case/{app.tracking_number}/act/start_review/", {"version": app.version})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.state == "under_review"
    # A stale form: nothing overwritten, a Chinese message.
    r = c.post(
        f"/applications/case/{app.tracking_number}/act/decide/",
        {"version": 1, "outcome": "granted"},
        follow=True,
    )
    assert "已被他人修改" in r.content.decode()
    app.refresh_from_db()
    assert app.state == "under_review"
    r = c.post(
        f"/applications/case/{app.tracking_number}/act/decide/",
        {"version": app.version, "outcome": "granted"},
    )
    app.refresh_from_db()
    assert app.state == "decided"
    reply = app.letters.get(kind="reply")
    r = c.post(
        f"/applications/letter/{reply.pk}/",
        {
            "version": app.version,
            "title": reply.title,
            "addressee": reply.addressee,
            "body": "经审查，予以公开。\n\n特此告知。",
        },
    )
    assert r.status_code == 302
    app.refresh_from_db()
    r = c.post(f"/applications/letter/{reply.pk}/send/", {"version": app.version})
    assert r.status_code == 302 and not Letter.objects.get(pk=reply.pk).is_sent  # how and when: required
    today = services.today().isoformat()
    r = c.post(
        f"/applications/letter/{reply.pk}/send/",
        {"version": app.version, "delivery_method": "email", "sent_on": today},
    )
    assert r.status_code == 302
    reply = Letter.objects.get(pk=reply.pk)
    assert reply.is_sent and reply.delivery_method == "email"
    doc = c.get(f"/applications/letter/{reply.pk}/download/")
    assert "经审查，予以公开。" in [p.text for p in Document(io.BytesIO(doc.content)).paragraphs]
    app.refresh_from_db()
    assert app.state == "replied" and app.concluded_on == services.today()


def test_other_agency_cannot_see_case(personas, client_for) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    assert (
        client_for("other_agency_clerk").get(f"/applications/case/{app.tracking_number}/").status_code == 403
    )
    assert client_for("supervisor").get(f"/applications/case/{app.tracking_number}/").status_code == 200
    r = client_for("supervisor").post(
        f"/applications/case/{app.tracking_number}/act/start_review/", {"version": 1}
    )
    assert r.status_code == 403


def test_clock_lists(personas, client_for) -> None:
    overdue = register(personas.bureau, personas.users["clerk"], received=dt.date(2026, 1, 20))
    page = client_for("supervisor").get("/applications/clock/")
    assert page.status_code == 200
    assert overdue in page.context["overdue"]
    assert client_for("other_agency_clerk").get("/applications/clock/").context["overdue"] == []


def test_pages_are_in_chinese(personas, client_for) -> None:
    """Templates use English msgids translated in the app's zh_Hans catalogue (compiled .mo committed)."""
    app = register(personas.bureau, personas.users["clerk"])
    assert "申请获取政府信息" in client_for("anonymous").get("/apply/").content.decode()
    case = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert "办理期限" in case and "办理记录" in case and "Clock" not in case


def test_applicant_does_not_see_third_party_letters(personas, client_for) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = services.register(
        agency=personas.bureau, actor=applicant, channel="online", received_on=dt.date(2026, 1, 20),
        data=DETAILS, applicant_user=applicant, online=True,
    )  # fmt: skip
    app = services.start_review(app, clerk, app.version)
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=dt.date(2026, 1, 22)
    )
    consultation = app.letters.get(kind="consultation")  # sent at once (sent_on given)
    assert consultation.is_sent
    c = client_for("applicant")
    page = c.get(f"/apply/mine/{app.tracking_number}/").content.decode()
    assert "接收回执" in page and "征求意见书" not in page
    assert c.get(f"/apply/letter/{consultation.pk}/").status_code == 404


def test_two_clerks_editing_one_case(personas, client_for) -> None:
    """Both read version N; the first save wins, the second is refused and changes nothing."""
    app = register(personas.bureau, personas.users["clerk"])
    url = f"/applications/case/{app.tracking_number}/edit/"
    first, second = client_for("clerk"), client_for("reviewer")
    assert first.get(url).status_code == 200 and second.get(url).status_code == 200
    r1 = first.post(url, {**FORM, "version": app.version, "applicant_phone": "13911111111"})
    assert r1.status_code == 302
    r2 = second.post(url, {**FORM, "version": app.version, "applicant_phone": "13922222222"})
    assert r2.status_code == 200 and "已被他人修改" in r2.content.decode()
    app.refresh_from_db()
    assert app.applicant_phone == "13911111111"
