"""The e-mail outbox: rows written with the event, sent after commit, retried, never lost.

- :func:`enqueue` writes an :class:`OutboxMail` row inside the caller's transaction and enqueues the
  background task :func:`deliver_mails` for when that transaction commits
  (:func:`gongkai.web.tasks.engine.after_commit`); if it rolls back, the row and the task vanish
  together — no mail about something that did not happen, and never a mail sent inside a transaction.
- :func:`deliver` tries the given rows (or every row due). Each row is first *claimed* with a
  compare-and-set ``UPDATE … WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now)``:
  only the process whose update matched sends it, so two senders never send one mail twice.
- A failure (SMTP error, refused connection, …) is recorded in ``last_error`` and the row is retried
  from ``next_attempt_at`` with an exponential back-off (:func:`backoff`): by the task itself (enqueued again for ``next_attempt_at``, :data:`TASK_ATTEMPTS` times), then by
  ``gongkai manage send_notifications`` and by ``gongkai remind`` (run daily). Rows are never deleted.

Mail goes through Django's e-mail backend (settings: ``GONGKAI_EMAIL_BACKEND`` and ``GONGKAI_SMTP_*``,
docs/platform.md; tests use Django's locmem backend).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from gongkai.web.tasks.engine import TaskRetried, after_commit

from .applicant_models import OutboxMail

log = logging.getLogger(__name__)

#: How long a claimed row is reserved for the sender that claimed it (a crashed sender's claim expires).
LEASE = dt.timedelta(minutes=10)
#: Back-off after the n-th failure: 1, 2, 4, … minutes, at most one day; retried for ever.
BACKOFF_CAP = dt.timedelta(days=1)
#: Attempts made by the delivery task (1, 2, 4, … 64 minutes apart); later ones by the daily sweep.
TASK_ATTEMPTS = 8


def backoff(attempts: int) -> dt.timedelta:
    """The wait after ``attempts`` failed attempts (exponential, capped at :data:`BACKOFF_CAP`)."""
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def enqueue(
    application: object, recipient: str, subject: str, body: str, notification: object = None
) -> OutboxMail:
    """Write one mail in the current transaction; deliver it after commit."""
    mail = OutboxMail.objects.create(
        application=application,
        notification=notification,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        next_attempt_at=timezone.now(),
    )
    after_commit(deliver_mails, [mail.pk])
    return mail


class MailNotSent(Exception):
    """The mail server refused the mail :data:`TASK_ATTEMPTS` times; the daily sweep tries again."""


@task()
def deliver_mails(pks: list[int]) -> dict[str, int]:
    """The background task: send these outbox rows; a failed one is tried again at its
    ``next_attempt_at`` (the task enqueued again), then left to the daily sweep. Each failed attempt
    is recorded as a failed task (visible to the administrators)."""
    run = deliver(pks)
    if not run.failed:
        return {"sent": run.sent, "skipped": run.skipped}
    unsent = OutboxMail.objects.filter(pk__in=pks, sent_at__isnull=True)
    errors = "；".join(f"{m.recipient}：{m.last_error}" for m in unsent)
    again = [m for m in unsent if m.attempts < TASK_ATTEMPTS]
    backend = deliver_mails.get_backend()
    if again and backend.supports_defer:
        for mail in again:
            deliver_mails.using(run_after=mail.next_attempt_at).enqueue([mail.pk])
        raise TaskRetried(f"{run.failed}封邮件发送失败，将按退避时间重试：{errors}")
    raise MailNotSent(f"{run.failed}封邮件发送失败，将由每日的 gongkai remind 重试：{errors}")


@dataclass
class DeliveryRun:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # claimed by another sender, or not yet due

    def summary(self) -> str:
        return f"已发送{self.sent}封通知邮件，失败{self.failed}封（将重试），跳过{self.skipped}封。"


def _claim(pk: int, now: dt.datetime) -> bool:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return bool(
        OutboxMail.objects.filter(free, pk=pk, sent_at__isnull=True, next_attempt_at__lte=now).update(
            claimed_until=now + LEASE, attempts=F("attempts") + 1
        )
    )


def deliver(
    pks: Iterable[int] | None = None, *, now: dt.datetime | None = None, batch: int = 200
) -> DeliveryRun:
    """Send the given rows, or (``pks`` None) every unsent row whose ``next_attempt_at`` has come."""
    now = now or timezone.now()
    run = DeliveryRun()
    if pks is None:
        due = OutboxMail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "pk"
        )
        candidates = list(due.values_list("pk", flat=True)[:batch])
    else:
        candidates = list(pks)
    for pk in candidates:
        if not _claim(pk, now):
            run.skipped += 1
            continue
        mail = OutboxMail.objects.get(pk=pk)
        try:
            EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.recipient]).send()
        except Exception as exc:  # any backend failure (smtplib.SMTPException, OSError, …) is retried
            OutboxMail.objects.filter(pk=pk).update(
                claimed_until=None,
                next_attempt_at=now + backoff(mail.attempts),
                last_error=f"{type(exc).__name__}: {exc}"[:500],
            )
            run.failed += 1
            continue
        OutboxMail.objects.filter(pk=pk).update(sent_at=timezone.now(), claimed_until=None, last_error="")
        run.sent += 1
    return run
