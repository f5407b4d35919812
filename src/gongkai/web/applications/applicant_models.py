"""What the applicant gets from gongkai: notifications (on the page and by e-mail), the e-mail outbox,
and the message thread between applicant and agency (issue 9 item 5).

Imported by :mod:`.models` so that Django registers these models with the ``applications`` app. Like
every model of the app, rows change only through services (:mod:`.notifications`, :mod:`.outbox`,
:mod:`.thread`, :mod:`.applicant_services`) and are scoped to the application's agency.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.web.accounts.scope import AgencyScopedQuerySet


class Audience(models.TextChoices):
    """Who a notification or a message is for / from: the applicant or the disclosure office."""

    APPLICANT = "applicant", "申请人"
    OFFICE = "office", "政府信息公开工作机构"


class Notification(models.Model):
    """One thing that happened on a case, shown on the reader's page with an unread mark.

    Written in the same transaction as the event it reports (a letter sent, a state changed, a
    message posted, a supplement uploaded); the e-mail copy is an :class:`OutboxMail` row.
    """

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="notifications"
    )
    audience = models.CharField("通知对象", max_length=16, choices=Audience.choices)
    event = models.CharField("事件", max_length=60)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["application", "audience", "read_at"]),)

    def __str__(self) -> str:
        return self.title


class OutboxMail(models.Model):
    """An e-mail waiting to be sent (the transactional outbox).

    The row is written in the transaction of the event; it is sent after that transaction commits
    and stays (with ``sent_at``) once sent — never deleted, so nothing is lost. A failed attempt is
    recorded in ``last_error`` and retried from ``next_attempt_at`` (back-off) by
    ``gongkai manage send_notifications`` (also run by ``gongkai remind``). A sender claims a row
    with a compare-and-set update of ``claimed_until`` so two processes never send it twice.
    """

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="outbox_mails"
    )
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="mails"
    )
    recipient = models.EmailField("收件人")
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试时间", db_index=True)
    claimed_until = models.DateTimeField("占用至", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True, db_index=True)
    last_error = models.CharField("最近一次错误", max_length=500, blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "待发邮件"
        verbose_name_plural = "待发邮件"
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.recipient} {self.subject}"


#: Longest message body (characters); longer messages are refused with a Chinese message.
MESSAGE_MAX_CHARS = 2000


class Message(models.Model):
    """A message between the applicant and the disclosure office on one case (immutable)."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="thread_messages"
    )
    side = models.CharField("发送方", max_length=16, choices=Audience.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField("发送人", max_length=200)
    body = models.TextField("内容", max_length=MESSAGE_MAX_CHARS)
    is_supplement = models.BooleanField("补正说明", default=False)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id} {self.author_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            from .models import ImmutableError

            raise ImmutableError("留言发送后不能修改。")
        super().save(*args, **kwargs)
