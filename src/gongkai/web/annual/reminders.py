"""Annual-report reminders (条例第四十九条), run by ``gongkai remind``.

From 1 January of year *Y + 1* until the report of *Y* is published — uploaded to the register,
imported, or generated and published in this app (every source of
:mod:`gongkai.web.supervision.status`) — each agency existing on 31 December *Y* (and still today)
is reminded in the app and by e-mail; after its due date (the supervision app's per-kind dates,
``GONGKAI_REPORT_DUE_*``) the reminder is an overdue one. At most one reminder per agency, kind and
interval of ``GONGKAI_ANNUAL_REMINDER_DAYS`` days: the interval's number (``slot``) is part of a
unique constraint, which is the claim — two runs at once, or a run repeated, remind once; a run after
downtime reminds once (not once per missed day). The first overdue day starts a new kind, so the
overdue flag is sent on the day it applies.

E-mail is never sent inside the transaction: the reminder row is written (with an audit event) in
the transaction; delivery happens after the commit and is claimed with a compare-and-set update of
``mail_claimed_until`` (as the applications' outbox does); a failed delivery is recorded and retried
by the next run. The applications' ``OutboxMail`` cannot carry these mails (each of its rows belongs
to an application), decision D53.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.accounts.models import Membership
from gongkai.web.agencies.models import Agency
from gongkai.web.supervision.deadlines import due_date
from gongkai.web.supervision.status import publications

from .models import ReminderKind, ReportReminder

log = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=10)
#: Roles of the agency whose members are reminded (the people who draft, review and publish it).
ROLES = ("clerk", "reviewer", "approver", "agency_admin")


@dataclass
class ReportReminderRun:
    due: int = 0
    overdue: int = 0
    skipped: int = 0  # already reminded in this interval (by an earlier or concurrent run)
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"已发送{self.due + self.overdue}条年度报告提醒（待发布{self.due}条，已逾期{self.overdue}条）。"
        )


def recipients(agency: Agency) -> list[str]:
    rows = Membership.objects.filter(agency=agency, role__in=ROLES, is_active=True, user__is_active=True)
    emails = {e for e in rows.values_list("user__email", flat=True) if e}
    if agency.office_email:
        emails.add(agency.office_email)
    return sorted(emails)


def report_year(today: dt.date) -> int:
    """The year whose report is being waited for: the previous one (from 1 January)."""
    return today.year - 1


def send_report_reminders(now: dt.datetime | None = None) -> ReportReminderRun:
    """Remind every agency whose report of last year is not published; see the module docstring."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    year = report_year(today)
    interval = settings.GONGKAI_ANNUAL_REMINDER_DAYS
    slot = (today - dt.date(year + 1, 1, 1)).days // interval
    run = ReportReminderRun()
    agencies = list(Agency.objects.current(dt.date(year, 12, 31)).current(today).order_by("code"))
    done = publications([a.pk for a in agencies], year)
    created: list[int] = []
    for agency in agencies:
        if agency.pk in done:
            continue
        due = due_date(agency.kind, year)
        kind = ReminderKind.OVERDUE if today > due else ReminderKind.DUE
        if ReportReminder.objects.filter(agency=agency, year=year, kind=kind, slot=slot).exists():
            run.skipped += 1
            continue
        to = recipients(agency)
        label = "已逾期" if kind == ReminderKind.OVERDUE else "待发布"
        try:
            with transaction.atomic():
                reminder = ReportReminder.objects.create(
                    agency=agency, year=year, kind=kind, slot=slot, due_on=due, created_at=now, recipients=to
                )
                audit.record(
                    None,
                    "annual.reminder",
                    reminder,
                    agency=agency,
                    after={"year": year, "kind": str(kind), "due": due.isoformat(), "recipients": len(to)},
                    note=f"{year}年度报告{label}提醒，发送给{len(to)}个地址",
                )
        except IntegrityError:  # a concurrent run claimed this interval first
            run.skipped += 1
            continue
        created.append(reminder.pk)
        if kind == ReminderKind.OVERDUE:
            run.overdue += 1
        else:
            run.due += 1
        run.messages.append(f"{agency.name}：{year}年度报告{label}（期限 {due.isoformat()}）")
    deliver(created, now=now)
    return run


def _subject_and_body(reminder: ReportReminder) -> tuple[str, str]:
    year, due = reminder.year, reminder.due_on
    if reminder.kind == ReminderKind.OVERDUE:
        subject = f"[gongkai] {year}年度政府信息公开工作年度报告已逾期未发布"
        lead = f"{reminder.agency.name}的{year}年度政府信息公开工作年度报告应于{due:%Y年%m月%d日}前公布，现已逾期。"
    else:
        subject = f"[gongkai] 请于{due:%m月%d日}前发布{year}年度政府信息公开工作年度报告"
        lead = f"{reminder.agency.name}的{year}年度政府信息公开工作年度报告应于{due:%Y年%m月%d日}前公布，目前尚未发布。"
    body = lead + "\n依据：《中华人民共和国政府信息公开条例》第四十九条。"
    return subject, body


def _claim(pk: int, now: dt.datetime) -> bool:
    free = Q(mail_claimed_until__isnull=True) | Q(mail_claimed_until__lt=now)
    return bool(
        ReportReminder.objects.filter(free, pk=pk, mailed_at__isnull=True).update(
            mail_claimed_until=now + LEASE, mail_attempts=F("mail_attempts") + 1
        )
    )


@dataclass
class MailRun:
    sent: int = 0
    failed: int = 0


def deliver(pks: Iterable[int] | None = None, *, now: dt.datetime | None = None) -> MailRun:
    """E-mail the given reminders (or every one not yet mailed); outside any transaction."""
    now = now or timezone.now()
    run = MailRun()
    if pks is None:
        pks = list(ReportReminder.objects.filter(mailed_at__isnull=True).values_list("pk", flat=True)[:500])
    for pk in pks:
        if not _claim(pk, now):
            continue
        reminder = ReportReminder.objects.select_related("agency").get(pk=pk)
        if not reminder.recipients:  # nobody to mail: the in-app reminder is all there is
            ReportReminder.objects.filter(pk=pk).update(mailed_at=now, mail_claimed_until=None)
            continue
        subject, body = _subject_and_body(reminder)
        try:
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, reminder.recipients).send()
        except Exception as exc:  # any backend failure is retried by the next run
            log.warning("年度报告提醒邮件发送失败：%s", exc)
            ReportReminder.objects.filter(pk=pk).update(
                mail_claimed_until=None, mail_error=f"{type(exc).__name__}: {exc}"[:500]
            )
            run.failed += 1
            continue
        ReportReminder.objects.filter(pk=pk).update(
            mailed_at=timezone.now(), mail_claimed_until=None, mail_error=""
        )
        run.sent += 1
    return run
