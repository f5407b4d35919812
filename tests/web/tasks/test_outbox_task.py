"""The outbox's delivery task on the database backend: enqueued with the mail row, in the same
transaction; a refused mail is tried again at the row's back-off time."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.web.applications import outbox
from gongkai.web.applications.applicant_models import OutboxMail
from gongkai.web.tasks.worker import GongkaiWorker

from ..applications.helpers import register

pytestmark = pytest.mark.django_db(transaction=True)


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("SMTP 服务器拒绝连接")


def test_the_task_commits_with_the_mail_and_retries_at_the_back_off(personas, settings: Any) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    app = register(personas.bureau, personas.users["clerk"])
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(app, "gone@example.org", "回滚", "正文")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()  # rolled back with the mail row
    with transaction.atomic():
        row = outbox.enqueue(app, "a@example.org", "通知", "正文")
        assert DBTaskResult.objects.count() == 1  # written in the same transaction
    GongkaiWorker(batch=True, interval=0).run()
    row.refresh_from_db()
    assert row.sent_at is None and "ConnectionRefusedError" in row.last_error
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert failed.exception_class_path.endswith("TaskRetried")
    again = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert again.run_after == row.next_attempt_at > timezone.now()
    # The mail server is back; the back-off time has come.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    DBTaskResult.objects.filter(pk=again.pk).update(run_after=timezone.now())
    GongkaiWorker(batch=True, interval=0).run()
    row.refresh_from_db()
    assert row.sent_at is not None and [m.subject for m in mail.outbox] == ["通知"]
