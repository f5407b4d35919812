"""The reminder run: idempotent, catches up after downtime, compare-and-set claims."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.web.applications import services
from gongkai.web.applications.models import Application, Reminder
from gongkai.web.applications.reminders import send_due_reminders
from gongkai.web.audit.models import AuditEvent

from .helpers import register

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=TZ)


def test_due_soon_then_overdue_each_once(personas, django_capture_on_commit_callbacks) -> None:
    app = register(personas.bureau, personas.users["clerk"])  # reply due 2026-02-24
    assert app.next_reminder_at == at("2026-02-21", 8)
    assert send_due_reminders(at("2026-02-20")).sent == 0  # not yet
    # The mail goes into the outbox in the claiming transaction and is sent after its commit.
    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_reminders(at("2026-02-21"))
        assert not mail.outbox
    assert (first.due_soon, first.overdue) == (1, 0)
    assert mail.outbox[0].to == [personas.users["clerk"].email]
    assert "XCEDUC-2026-0001" in mail.outbox[0].subject
    assert send_due_reminders(at("2026-02-21", 18)).sent == 0  # the same day again: nothing
    assert send_due_reminders(at("2026-02-24")).sent == 0  # due day itself: no new reminder
    over = send_due_reminders(at("2026-02-25"))
    assert (over.due_soon, over.overdue) == (0, 1)
    assert send_due_reminders(at("2026-02-25", 20)).sent == 0
    assert send_due_reminders(at("2026-02-26")).overdue == 1  # daily while overdue
    events = AuditEvent.objects.filter(verb="application.reminder", object_id=str(app.pk))
    assert [e.after["kind"] for e in events.order_by("pk")] == ["due_soon", "overdue", "overdue"]


def test_catches_up_once_after_downtime(personas) -> None:
    register(personas.bureau, personas.users["clerk"])
    # The command did not run for weeks: one reminder now (overdue), not one per missed day.
    run = send_due_reminders(at("2026-03-10"))
    assert (run.due_soon, run.overdue) == (0, 1)
    assert Reminder.objects.count() == 1
    assert send_due_reminders(at("2026-03-10", 10)).sent == 0


def test_concluded_cases_are_not_reminded(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.withdraw(app, clerk, app.version, on=dt.date(2026, 1, 25))
    assert app.next_reminder_at is None
    assert send_due_reminders(at("2026-03-10")).sent == 0


def test_lost_race_sends_nothing(personas, monkeypatch) -> None:
    """A run that read a moment another run has since moved sends nothing (compare-and-set)."""
    app = register(personas.bureau, personas.users["clerk"])
    real = services.schedule_reminder

    def other_run_claims_meanwhile(obj, after=None):
        Application.objects.filter(pk=app.pk).update(next_reminder_at=at("2026-12-31"))
        real(obj, after)

    monkeypatch.setattr(services, "schedule_reminder", other_run_claims_meanwhile)
    run = send_due_reminders(at("2026-02-21"))
    assert run.sent == 0 and run.skipped == 1 and not mail.outbox


def test_management_command(personas, capsys) -> None:
    register(personas.bureau, personas.users["clerk"])
    call_command("remind", now="2026-02-25T09:00+08:00")
    assert "已超期1条" in capsys.readouterr().out


def test_extension_moves_the_next_reminder(personas) -> None:
    clerk, approver = personas.users["clerk"], personas.users["approver"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    send_due_reminders(at("2026-02-21"))  # due soon sent
    app = services.request_extension(app, clerk, app.version, reason="信息量大")
    app = services.approve_extension(app, approver, app.version, on=dt.date(2026, 2, 23))
    # 条例第三十三条第二款: the extension takes effect once the applicant is told.
    assert app.next_reminder_at == at("2026-02-25", 8)
    services.send_letter(app.letters.get(kind="extension"), clerk, app.version, on=dt.date(2026, 2, 23))
    app.refresh_from_db()
    assert app.next_reminder_at == at("2026-03-20", 8)  # 3 days before 2026-03-23


def test_gongkai_remind_cli(personas, capsys) -> None:
    from gongkai.cli import main

    register(personas.bureau, personas.users["clerk"])
    assert main(["remind", "--now", "2026-02-25T09:00+08:00", "-v"]) == 0
    out = capsys.readouterr().out
    assert "已超期1条" in out and "XCEDUC-2026-0001" in out
    assert main(["remind", "--now", "2026-02-25T10:00"]) == 0
    assert "已发送0条" in capsys.readouterr().out
    assert main(["remind", "--now", "昨天"]) == 2
    assert "格式不正确" in capsys.readouterr().err
