"""督办: a supervisor sends a notice (in the app and by e-mail); the unit acknowledges and resolves; audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.web.audit.models import AuditEvent
from gongkai.web.supervision import notices
from gongkai.web.supervision.models import Notice, NoticeStatus, NoticeSubject

pytestmark = pytest.mark.django_db(transaction=True)


def _send(personas, client_for):  # type: ignore[no-untyped-def]
    url = f"/supervision/{personas.county.code}/2025/units/{personas.bureau.code}/notice/"
    return client_for("supervisor").post(
        url, {"subject": "missing_report", "body": "请公布2025年度报告。", "due_on": "2026-06-10"}
    )


def test_supervisor_sends_and_the_unit_acknowledges_and_resolves(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    personas.users["clerk"].email = "clerk@example.org"
    personas.users["clerk"].save()
    assert _send(personas, client_for).status_code == 302
    notice = Notice.objects.get()
    assert notice.subject == NoticeSubject.MISSING_REPORT and notice.status == NoticeStatus.SENT
    assert len(mail.outbox) == 1 and "clerk@example.org" in mail.outbox[0].to
    assert "督办通知" in mail.outbox[0].subject
    inbox = client_for("clerk").get("/supervision/notices/").content.decode()
    assert "请公布2025年度报告" in inbox and "签收" in inbox
    assert client_for("clerk").post(f"/supervision/notices/{notice.pk}/acknowledge/").status_code == 302
    assert (
        client_for("clerk")
        .post(f"/supervision/notices/{notice.pk}/resolve/", {"reply": "已于今日公布。"})
        .status_code
        == 302
    )
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.RESOLVED and notice.reply == "已于今日公布。"
    verbs = list(AuditEvent.objects.filter(object_id=str(notice.pk)).values_list("verb", flat=True))
    assert {"notice.send", "notice.acknowledge", "notice.resolve"} <= set(verbs)
    # the supervisor follows it on the unit's page
    page = client_for("supervisor").get(
        f"/supervision/{personas.county.code}/2025/units/{personas.bureau.code}/"
    )
    assert "已办结" in page.content.decode()


def test_only_a_supervisor_of_the_unit_sends(personas) -> None:  # type: ignore[no-untyped-def]
    for persona in ("clerk", "agency_admin", "sysadmin", "other_agency_clerk"):
        with pytest.raises(PermissionDenied):
            notices.send(personas.users[persona], personas.bureau, NoticeSubject.OTHER, "请核实。")
    with pytest.raises(PermissionDenied):  # another county's unit
        notices.send(personas.users["supervisor"], personas.other, NoticeSubject.OTHER, "请核实。")
    with pytest.raises(ValidationError):
        notices.send(personas.users["supervisor"], personas.bureau, NoticeSubject.OTHER, "  ")
    assert not Notice.objects.exists()


def test_the_supervisor_cannot_acknowledge_for_the_unit(personas) -> None:  # type: ignore[no-untyped-def]
    notice = notices.send(personas.users["supervisor"], personas.bureau, NoticeSubject.OTHER, "请核实。")
    with pytest.raises(PermissionDenied):
        notices.acknowledge(personas.users["supervisor"], notice)
    with pytest.raises(ValidationError):
        notices.resolve(personas.users["clerk"], notice, "")
