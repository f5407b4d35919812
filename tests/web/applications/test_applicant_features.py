"""The applicant's features: online 补正, disclosed files, the message thread, the deadline explained
and the overdue flag — each lawful case and its refusal, and isolation between applicants and agencies."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from gongkai.web.applications import applicant_services as aps
from gongkai.web.applications import services
from gongkai.web.applications.applicant_models import Message, Notification
from gongkai.web.applications.models import Attachment
from gongkai.web.audit.models import AuditEvent

from .applicant_helpers import (
    PDF,
    decide_granted,
    online_case,
    request_correction,
    send,
    tracked_client,
    upload,
)
from .helpers import register

pytestmark = pytest.mark.django_db


# ---- 补正 online (条例第三十条、第三十一条) ------------------------------------------------------------


def test_owner_uploads_supplement_online(personas, client_for) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    app = request_correction(app, clerk)
    client = client_for("applicant")
    page = client.get(f"/apply/mine/{app.tracking_number}/")
    assert "在线补正" in page.content.decode() and "请写明所需文件的年份" in page.content.decode()
    response = client.post(
        f"/apply/mine/{app.tracking_number}/supplement/",
        {"version": app.version, "text": "所需文件为2025年度的招生计划。", "files": [upload("补正说明.pdf")]},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    # Art. 31(3): online, received the day both sides confirm — the day of submission.
    assert app.state == "supplemented" and app.supplement_received_on == services.today()
    assert app.clock["deadlines"]["reply"]["start"] == services.today().isoformat()
    att = app.attachments.get(purpose="supplement")
    assert att.name == "补正说明.pdf" and att.uploaded_by == applicant
    assert Message.objects.get(application=app).is_supplement
    assert AuditEvent.objects.filter(verb="application.record_supplement", object_id=str(app.pk)).exists()
    # The clerk sees it on the case page and is notified.
    case = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert "补正说明.pdf" in case and "所需文件为2025年度的招生计划。" in case
    assert Notification.objects.filter(application=app, audience="office").exists()


def test_anonymous_supplement_needs_tracking_code_and_secret(personas) -> None:
    clerk = personas.users["clerk"]
    app, secret = online_case(personas.bureau, None)
    app = request_correction(app, clerk)
    data = {"version": app.version, "text": "补正内容"}
    stranger = Client()
    assert (
        stranger.post(f"/apply/mine/{app.tracking_number}/supplement/", data).status_code == 302
    )  # to sign in
    wrong = Client()
    wrong.post("/apply/track/", {"tracking_number": app.tracking_number, "secret": "wrong"})
    assert wrong.post(f"/apply/mine/{app.tracking_number}/supplement/", data)["Location"].startswith(
        "/accounts"
    )
    app.refresh_from_db()
    assert app.state == "correction_requested"
    tracked = tracked_client(app, secret)
    assert tracked.post(f"/apply/mine/{app.tracking_number}/supplement/", data).status_code == 302
    app.refresh_from_db()
    assert app.state == "supplemented"
    event = AuditEvent.objects.get(verb="application.record_supplement", object_id=str(app.pk))
    assert event.actor is None and event.actor_repr == "公众"


def test_other_applicant_cannot_supplement(personas, client_for) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)  # someone else's application
    app = request_correction(app, clerk)
    response = client_for("applicant").post(
        f"/apply/mine/{app.tracking_number}/supplement/", {"version": app.version, "text": "x"}
    )
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.state == "correction_requested"


def test_supplement_refused_before_notice_sent_and_after_period(personas, client_for) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    app = request_correction(app, clerk, sent=False)
    assert aps.supplement_open(app) == "补正告知书尚未发出。"
    with pytest.raises(services.ServiceError, match="尚未发出"):
        aps.submit_supplement(app, applicant, app.version, text="x", files=[])
    app = send(app, "correction", clerk)
    late = app.supplement_deadline + dt.timedelta(days=1)
    assert "已过" in aps.supplement_open(app, today=late)
    # Art. 30: after the period the online form is closed (a late supplement with good reason goes
    # through the office); the lawful case above within the period is accepted.
    from unittest import mock

    with (
        mock.patch.object(services, "today", return_value=late),
        pytest.raises(services.ServiceError, match="已过"),
    ):
        aps.submit_supplement(app, applicant, app.version, text="x", files=[])
    app.refresh_from_db()
    assert app.state == "correction_requested"


def test_supplement_files_are_checked_and_bounded(personas, client_for) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    app = request_correction(app, clerk)
    client = client_for("applicant")
    bad = client.post(
        f"/apply/mine/{app.tracking_number}/supplement/",
        {"version": app.version, "files": [upload("a.pdf", b"MZ\x90 exe")]},
        follow=True,
    )
    assert "内容不是可接受的类型" in bad.content.decode()
    many = [upload(f"{i}.pdf") for i in range(aps.MAX_FILES + 1)]
    too_many = client.post(
        f"/apply/mine/{app.tracking_number}/supplement/", {"version": app.version, "files": many}, follow=True
    )
    assert "一次最多上传" in too_many.content.decode()
    long_text = client.post(
        f"/apply/mine/{app.tracking_number}/supplement/",
        {"version": app.version, "text": "字" * 2001},
        follow=True,
    )
    assert "内容过长" in long_text.content.decode()
    app.refresh_from_db()
    assert app.state == "correction_requested" and not app.attachments.filter(purpose="supplement").exists()


# ---- disclosed files (条例第三十六条第二项、第三十七条) -------------------------------------------------


def test_disclosed_file_released_only_with_the_sent_reply(personas, client_for) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    app = decide_granted(app, clerk)
    response = client_for("clerk").post(
        f"/applications/case/{app.tracking_number}/disclose/", {"files": [upload("2025年招生计划.pdf")]}
    )
    assert response.status_code == 302
    att = Attachment.objects.get(application=app, purpose="disclosed")
    owner = client_for("applicant")
    assert "2025年招生计划.pdf" not in owner.get(f"/apply/mine/{app.tracking_number}/").content.decode()
    assert owner.get(f"/apply/file/{att.pk}/").status_code == 403
    assert owner.get(f"/applications/attachment/{att.pk}/").status_code == 403
    send(app, "reply", clerk)
    assert "2025年招生计划.pdf" in owner.get(f"/apply/mine/{app.tracking_number}/").content.decode()
    download = owner.get(f"/apply/file/{att.pk}/")
    assert download.status_code == 200 and download.content == PDF
    assert f"filename*=utf-8''{quote('2025年招生计划.pdf')}" in download["Content-Disposition"]
    # Others cannot use the URL: another signed-in user, an anonymous visitor, another agency's clerk.
    other = personas.users["reviewer"].__class__.objects.create_user("someone", password="x" * 12)
    stranger = Client()
    stranger.force_login(other)
    assert stranger.get(f"/apply/file/{att.pk}/").status_code == 403
    assert Client().get(f"/apply/file/{att.pk}/").status_code == 302
    assert client_for("other_agency_clerk").get(f"/apply/file/{att.pk}/").status_code == 403


def test_anonymous_applicant_downloads_disclosed_file_behind_secret(personas) -> None:
    clerk = personas.users["clerk"]
    app, secret = online_case(personas.bureau, None)
    app = decide_granted(app, clerk)
    (att,) = aps.attach_disclosed(app, clerk, [_checked("公开信息.pdf")])
    send(app, "reply", clerk)
    assert Client().get(f"/apply/file/{att.pk}/").status_code == 302
    tracked = tracked_client(app, secret)
    assert tracked.get(f"/apply/file/{att.pk}/").content == PDF


def test_disclosure_refused_for_other_outcomes_and_after_reply(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    with pytest.raises(services.ServiceError, match="发送答复之前"):
        aps.attach_disclosed(app, clerk, [_checked()])
    app = services.decide(
        app,
        clerk,
        app.version,
        outcome="denied_state_secret",
        decision_text="属于国家秘密。",
        decision_reasons="所需信息经依法认定为国家秘密。",  # 条例第三十六条第（三）项
    )
    with pytest.raises(services.ServiceError, match="予以公开或部分公开"):
        aps.attach_disclosed(app, clerk, [_checked()])
    with pytest.raises(PermissionDenied):
        aps.attach_disclosed(app, personas.users["other_agency_clerk"], [_checked()])


def _checked(name: str = "a.pdf"):  # type: ignore[no-untyped-def]
    from gongkai.web.applications.attachments import check_upload

    return check_upload(upload(name))


# ---- the message thread ------------------------------------------------------------------------------


def test_messages_both_ways_escaped_and_isolated(personas, client_for) -> None:
    applicant = personas.users["applicant"]
    app, _ = online_case(personas.bureau, applicant)
    owner = client_for("applicant")
    body = "请问<script>alert(1)</script>何时答复？\x00\x07"
    assert owner.post(f"/apply/mine/{app.tracking_number}/message/", {"body": body}).status_code == 302
    msg = Message.objects.get(application=app)
    assert msg.side == "applicant" and "\x00" not in msg.body and "\x07" not in msg.body
    case = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in case and "<script>alert(1)" not in case
    assert Notification.objects.filter(application=app, audience="office", event="message.post").exists()
    reply = client_for("clerk").post(
        f"/applications/case/{app.tracking_number}/message/", {"body": "预计下周答复。"}
    )
    assert reply.status_code == 302
    page = owner.get(f"/apply/mine/{app.tracking_number}/").content.decode()
    assert "预计下周答复。" in page and "未读" in page
    assert Notification.objects.filter(application=app, audience="applicant", event="message.post").exists()
    # Isolation: another agency's clerk can neither read nor write; nor can a stranger.
    other = client_for("other_agency_clerk")
    assert other.get(f"/applications/case/{app.tracking_number}/").status_code == 403
    assert other.post(f"/applications/case/{app.tracking_number}/message/", {"body": "x"}).status_code == 403
    assert (
        client_for("supervisor")
        .post(f"/applications/case/{app.tracking_number}/message/", {"body": "x"})
        .status_code
        == 403
    )
    assert Message.objects.filter(application=app).count() == 2
    assert AuditEvent.objects.filter(verb="message.post").count() == 2


def test_message_bounded_and_not_empty(personas) -> None:
    applicant = personas.users["applicant"]
    app, _ = online_case(personas.bureau, applicant)
    with pytest.raises(services.ServiceError, match="不能为空"):
        aps.post_message(app, applicant, " \x00 ")
    with pytest.raises(services.ServiceError, match="内容过长"):
        aps.post_message(app, applicant, "字" * 2001)
    assert aps.post_message(app, applicant, "字" * 2000).body == "字" * 2000


def test_notifications_marked_read(personas, client_for) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    services.start_review(app, clerk, app.version)
    owner = client_for("applicant")
    page = owner.get(f"/apply/mine/{app.tracking_number}/")
    assert page.context["unread"] == 2  # receipt sent, review started
    owner.post(f"/apply/mine/{app.tracking_number}/read/")
    assert owner.get(f"/apply/mine/{app.tracking_number}/").context["unread"] == 0
    assert AuditEvent.objects.filter(verb="notification.read").count() == 1


# ---- the deadline and the overdue flag (条例第三十三条、第五十一条) --------------------------------------


def test_deadline_explained_with_pauses_and_extension(personas, client_for) -> None:
    clerk, _reviewer, applicant = (
        personas.users["clerk"],
        personas.users["reviewer"],
        personas.users["applicant"],
    )
    app = register(personas.bureau, clerk)
    app.applicant = applicant
    app.save()  # the applicant follows this letter application from their account
    app = services.start_review(app, clerk, app.version)
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=dt.date(2026, 1, 26)
    )
    app = services.end_consultation(app, clerk, app.version, answered_on=dt.date(2026, 2, 6), opinion="同意")
    app = services.request_extension(app, clerk, app.version, reason="信息量大，需要检索多年档案")
    # 条例第三十三条第二款: the 负责人 approves; the extension runs once its notice has been sent.
    app = services.approve_extension(app, personas.users["approver"], app.version, on=dt.date(2026, 2, 10))
    app.refresh_from_db()
    services.send_letter(app.letters.get(kind="extension"), clerk, app.version, on=dt.date(2026, 2, 10))
    app.refresh_from_db()
    page = client_for("applicant").get(f"/apply/mine/{app.tracking_number}/")
    deadline = page.context["deadline"]
    assert deadline.due == app.extended_due and deadline.label
    assert any("2026-01-20" in line for line in deadline.lines)
    assert deadline.pauses and "不计入答复期限" in deadline.pauses[0]
    assert len(deadline.extensions) == 2
    assert "信息量大" in deadline.extensions[0] and app.extended_due.isoformat() in deadline.extensions[1]
    text = page.content.decode()
    assert "答复期限及其计算" in text and "延期记录" in text and "暂定" not in text


def test_provisional_date_is_shown_when_flagged(personas) -> None:
    from gongkai.web.applications import remedies

    app = register(personas.bureau, personas.users["clerk"])
    assert remedies.explain_deadline(app).provisional is False
    app.clock["deadlines"]["reply"]["provisional"] = True
    assert remedies.explain_deadline(app).provisional is True


def test_overdue_case_flagged_with_remedies(personas, client_for, settings) -> None:
    settings.GONGKAI_OVERDUE_REMEDIES_NOTE = "新城县人民政府办公室地址：新城县人民路1号"
    clerk, applicant = personas.users["clerk"], personas.users["applicant"]
    app = register(personas.bureau, clerk)  # received 2026-01-20, due 2026-02-24: long past
    app.applicant = applicant
    app.save()
    page = client_for("applicant").get(f"/apply/mine/{app.tracking_number}/")
    assert page.context["overdue"]
    text = page.content.decode()
    assert "本申请已超过答复期限" in text and "第五十一条" in text
    assert "新城县人民政府" in text  # the review body named as services.review_body determines it
    assert "行政复议法" in text and "行政诉讼法" in text
    assert "新城县人民路1号" in text  # the agency's own line (a setting)


def test_not_overdue_when_replied_or_in_time_or_awaiting_supplement(personas) -> None:
    from gongkai.web.applications import remedies

    clerk, applicant = personas.users["clerk"], personas.users["applicant"]
    fresh, _ = online_case(personas.bureau, applicant)
    assert not remedies.is_overdue(fresh)
    assert remedies.is_overdue(fresh, today=fresh.effective_due + dt.timedelta(days=1))
    assert not remedies.is_overdue(fresh, today=fresh.effective_due)  # the due day itself is in time
    old = register(personas.bureau, clerk)
    old = services.request_correction(old, clerk, old.version, items="x", notice_on=dt.date(2026, 1, 22))
    assert not remedies.is_overdue(old)  # the reply clock waits for the supplement (art. 30)
    done = register(personas.bureau, clerk)
    done = decide_granted(done, clerk)
    done = send(done, "reply", clerk)
    assert done.state == "replied" and not remedies.is_overdue(done)
