"""Due-date reminders: claimed with a compare-and-set update, so a run is idempotent and catches up.

Each open application stores ``next_reminder_at`` (set by :func:`services.schedule_reminder` from its
due date). A run takes the rows whose moment has come, and for each one moves ``next_reminder_at``
forward with ``UPDATE … WHERE pk = ? AND next_reminder_at = <the value read>``: only the run whose
update matched sends the reminder. Two runs at once, or a run repeated, send nothing twice; a run
after days of downtime sends one reminder per overdue case (not one per missed day) — never a
"last 24 hours" window (style.md habit 9). Each reminder sent writes an audit event
(``application.reminder``) in the transaction that claims it, and its mails go into the outbox in
that same transaction: they are sent by a background task after the commit, never inside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.accounts.models import Membership

from . import outbox, services
from . import workflow as wf
from .models import Application, Reminder, ReminderKind


@dataclass
class ReminderRun:
    due_soon: int = 0
    overdue: int = 0
    skipped: int = 0  # claimed by another run in the meantime
    messages: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.due_soon + self.overdue

    def summary(self) -> str:
        return f"已发送{self.sent}条提醒（即将到期{self.due_soon}条，已超期{self.overdue}条）。"


def _recipients(app: Application) -> list[str]:
    """Clerks of the agency (the people who act on the case)."""
    rows = Membership.objects.filter(agency=app.agency, role="clerk", is_active=True, user__is_active=True)
    return sorted({m.user.email for m in rows.select_related("user") if m.user.email})


def send_due_reminders(now: dt.datetime | None = None, *, batch: int = 200) -> ReminderRun:
    """Send every reminder whose moment has come (by ``now``); see the module docstring."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    run = ReminderRun()
    open_states = [s.value for s in wf.OPEN_STATES]
    seen: set[int] = set()
    while True:
        due = list(
            Application.objects.filter(next_reminder_at__lte=now, state__in=open_states)
            .exclude(pk__in=seen)
            .order_by("next_reminder_at", "pk")
            .values_list("pk", "next_reminder_at")[:batch]
        )
        if not due:
            break
        for pk, claimed_at in due:
            seen.add(pk)
            with transaction.atomic():
                app = Application.objects.select_related("agency").get(pk=pk)
                services.schedule_reminder(app, after=max(claimed_at, now))
                # Compare-and-set: only the run that still sees the value it read may send.
                won = Application.objects.filter(pk=pk, next_reminder_at=claimed_at).update(
                    next_reminder_at=app.next_reminder_at
                )
                if not won:
                    run.skipped += 1
                    continue
                effective = app.effective_due
                if effective is None:
                    continue
                kind = ReminderKind.OVERDUE if effective < today else ReminderKind.DUE_SOON
                _, created = Reminder.objects.get_or_create(
                    application=app, kind=kind, for_date=today, defaults={"due": effective}
                )
                if not created:
                    run.skipped += 1
                    continue
                recipients = _recipients(app)
                label = "已超期" if kind == ReminderKind.OVERDUE else "即将到期"
                subject = f"[gongkai] 政府信息公开申请{label}：{app.tracking_number}"
                # A provisional date is never presented as final (no notice for its year yet).
                mark = "（暂定）" if app.effective_due_provisional else ""
                body = (
                    f"{app.agency.name}的政府信息公开申请 {app.tracking_number}（{app.applicant_name}）"
                    f"答复期限为{effective.isoformat()}{mark}，当前状态：{wf.State(app.state).label}。"
                )
                if mark:
                    body += "\n" + "；".join(app.provisional_reasons)
                for recipient in recipients:
                    outbox.enqueue(app, recipient, subject, body)
                Reminder.objects.filter(application=app, kind=kind, for_date=today).update(
                    recipients=len(recipients)
                )
                # Every reminder sent is an audited event of the case, in the same transaction.
                audit.record(
                    None,
                    "application.reminder",
                    app,
                    after={"kind": str(kind), "due": effective.isoformat(), "recipients": len(recipients)},
                    note=f"{label}提醒，发送给{len(recipients)}位经办人",
                )
                if kind == ReminderKind.OVERDUE:
                    run.overdue += 1
                else:
                    run.due_soon += 1
                run.messages.append(f"{app.tracking_number}：{label}（答复期限 {effective.isoformat()}）")
    return run
