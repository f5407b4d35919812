"""E-mail is never sent inside a database transaction (the outbox's delivery task, reminders, 督办).

The mail backend below records, for every message, whether the database connection was inside an
atomic block when it was sent; these tests run without the test-wide transaction
(``transaction=True``) so that "inside a transaction" means what it means in production.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

from gongkai.web.applications.models import Application
from gongkai.web.applications.reminders import send_due_reminders
from gongkai.web.supervision import notices

from ..applications.helpers import register

pytestmark = pytest.mark.django_db(transaction=True)


class RecordingBackend(BaseEmailBackend):
    """Keeps (subject, inside_transaction) for every message sent."""

    sent: ClassVar[list[tuple[str, bool]]] = []

    def send_messages(self, email_messages: Any) -> int:
        for message in email_messages:
            RecordingBackend.sent.append((message.subject, connection.in_atomic_block))
        return len(email_messages)


@pytest.fixture(autouse=True)
def recording_backend(settings: Any) -> list[tuple[str, bool]]:
    settings.EMAIL_BACKEND = f"{__name__}.RecordingBackend"
    RecordingBackend.sent.clear()
    return RecordingBackend.sent


def test_reminder_mails_leave_after_the_commit(personas, recording_backend) -> None:  # type: ignore[no-untyped-def]
    register(personas.bureau, personas.users["clerk"])  # reply due 2026-02-24
    run = send_due_reminders(dt.datetime(2026, 2, 25, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert run.overdue == 1
    assert recording_backend, "the reminder was not mailed"
    assert [s for s, inside in recording_backend if inside] == []


def test_notice_mail_leaves_after_the_commit(personas, recording_backend) -> None:  # type: ignore[no-untyped-def]
    personas.users["clerk"].email = "clerk@example.org"
    personas.users["clerk"].save()
    notices.send(personas.users["supervisor"], personas.bureau, "missing_report", "请公布年度报告。")
    assert recording_backend == [("督办通知：年度报告未按时公布", False)]


def test_applicant_notification_leaves_after_the_commit(personas, recording_backend) -> None:  # type: ignore[no-untyped-def]
    from gongkai.web.applications import outbox

    app = register(personas.bureau, personas.users["clerk"])
    from django.db import transaction

    with transaction.atomic():
        outbox.enqueue(Application.objects.get(pk=app.pk), "a@example.org", "通知", "正文")
        assert recording_backend == []  # nothing leaves before the commit
    assert recording_backend == [("通知", False)]


def test_a_rolled_back_event_sends_nothing(personas, recording_backend) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from gongkai.web.applications import outbox

    app = register(personas.bureau, personas.users["clerk"])
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(app, "a@example.org", "不该发出", "正文")
        raise RuntimeError
    assert recording_backend == []
