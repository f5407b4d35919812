"""督办: a supervisor's notice to a unit of its subtree, acknowledged and resolved by the unit.

Only services change state and each change writes an audit event in the same transaction. Sending
needs a supervisor membership on the unit or an ancestor (:func:`scope.can_supervise`); the unit's
staff (clerk, reviewer, 负责人, agency admin) acknowledge and resolve. The notice is shown in the app
and e-mailed, after the commit, to the unit's office address and its staff.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.models import Membership
from gongkai.web.agencies.models import Agency
from gongkai.web.tasks.engine import after_commit, background

from .models import Notice, NoticeStatus


def _recipients(agency: Agency) -> list[str]:
    emails = set(
        Membership.objects.filter(agency=agency, is_active=True, role__in=scope.WRITE_ROLES)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if agency.office_email:
        emails.add(agency.office_email)
    return sorted(emails)


@background(max_attempts=6, give_up_on=(Notice.DoesNotExist,))
def mail_notice(notice_id: int) -> int:
    """The background task mailing a 督办 notice to the unit (after the commit that recorded it;
    retried with back-off when the mail server fails). Returns the number of recipients."""
    notice = Notice.objects.select_related("agency").get(pk=notice_id)
    recipients = _recipients(notice.agency)
    if not recipients:
        return 0
    due = f"\n办理期限：{notice.due_on:%Y年%m月%d日}" if notice.due_on else ""
    send_mail(
        f"督办通知：{notice.get_subject_display()}",
        f"{notice.agency.name}：\n\n{notice.body}{due}\n\n请登录政府信息公开平台签收并反馈办理情况。\n",
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
    return len(recipients)


def send(
    actor: Any,
    agency: Agency,
    subject: str,
    body: str,
    *,
    year: int | None = None,
    due_on: dt.date | None = None,
) -> Notice:
    if not scope.can_supervise(actor, agency):
        raise PermissionDenied("只有上级监督人员可以向该单位发送督办通知。")
    body = body.strip()
    if not body:
        raise ValidationError("请填写督办内容。")
    with transaction.atomic():
        notice = Notice.objects.create(
            agency=agency, sender=actor, subject=subject, body=body, year=year, due_on=due_on
        )
        audit.record(actor, "notice.send", notice, after={"subject": subject, "year": year, "body": body})
        after_commit(mail_notice, notice.pk)
    return notice


def _unit_staff(actor: Any, notice: Notice) -> None:
    if not scope.has_role(actor, notice.agency, scope.WRITE_ROLES):
        raise PermissionDenied("只有被督办单位的工作人员可以签收或反馈。")


def acknowledge(actor: Any, notice: Notice) -> Notice:
    _unit_staff(actor, notice)
    if notice.status != NoticeStatus.SENT:
        raise ValidationError("该督办通知已签收。")
    with transaction.atomic():
        notice.status = NoticeStatus.ACKNOWLEDGED
        notice.acknowledged_at = timezone.now()
        notice.save(update_fields=["status", "acknowledged_at"])
        audit.record(
            actor, "notice.acknowledge", notice, before={"status": "sent"}, after={"status": notice.status}
        )
    return notice


def resolve(actor: Any, notice: Notice, reply: str) -> Notice:
    _unit_staff(actor, notice)
    if notice.status == NoticeStatus.RESOLVED:
        raise ValidationError("该督办通知已办结。")
    reply = reply.strip()
    if not reply:
        raise ValidationError("请填写办理情况。")
    with transaction.atomic():
        before = notice.status
        notice.status = NoticeStatus.RESOLVED
        notice.acknowledged_at = notice.acknowledged_at or timezone.now()
        notice.resolved_at = timezone.now()
        notice.reply = reply
        notice.save(update_fields=["status", "acknowledged_at", "resolved_at", "reply"])
        audit.record(
            actor,
            "notice.resolve",
            notice,
            before={"status": before},
            after={"status": notice.status, "reply": reply},
        )
    return notice
