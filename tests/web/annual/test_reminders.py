"""Annual-report reminders (条例第四十九条): from 1 January until published, once per interval, overdue after."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from gongkai.web.annual import reminders
from gongkai.web.annual.models import ReminderKind, ReportReminder
from gongkai.web.audit.models import AuditEvent

from .authz import published

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


def kinds(agency) -> list[str]:  # type: ignore[no-untyped-def]
    return list(ReportReminder.objects.filter(agency=agency).order_by("pk").values_list("kind", flat=True))


def test_nothing_for_a_year_before_1_january_of_the_next(personas) -> None:  # type: ignore[no-untyped-def]
    reminders.send_report_reminders(at("2025-12-31", 20))
    # on 31 December 2025 the 2024 reports are the ones waited for (overdue); nothing about 2025 yet
    assert not ReportReminder.objects.filter(year=2025).exists()
    assert set(ReportReminder.objects.values_list("year", "kind")) == {(2024, "overdue")}


def test_from_1_january_each_unpublished_agency_once_per_interval(personas) -> None:  # type: ignore[no-untyped-def]
    run = reminders.send_report_reminders(at("2026-01-01"))
    # the county, the bureau, the township and the other county: none has published its 2025 report
    assert run.due == 4 and run.overdue == 0
    bureau = ReportReminder.objects.get(agency=personas.bureau)
    assert bureau.year == 2025 and bureau.due_on == dt.date(2026, 1, 31) and bureau.kind == ReminderKind.DUE
    assert bureau.mailed_at is not None  # mailed after the commit
    assert personas.users["clerk"].email in bureau.recipients  # the agency's staff
    assert personas.users["other_agency_clerk"].email not in bureau.recipients
    sent = [m for m in mail.outbox if personas.bureau.name in m.body]
    assert len(sent) == 1 and "第四十九条" in sent[0].body and "2026年01月31日" in sent[0].body
    # the same day again, and six days later (interval 7): nothing new
    assert reminders.send_report_reminders(at("2026-01-01", 15)).due == 0
    assert reminders.send_report_reminders(at("2026-01-07")).skipped == 4
    assert len(kinds(personas.bureau)) == 1
    # the next interval: one more
    assert reminders.send_report_reminders(at("2026-01-08")).due == 4
    assert kinds(personas.bureau) == ["due", "due"]
    assert AuditEvent.objects.filter(verb="annual.reminder").count() == 8


def test_overdue_after_the_due_date_of_the_kind(personas) -> None:  # type: ignore[no-untyped-def]
    reminders.send_report_reminders(at("2026-01-30"))
    run = reminders.send_report_reminders(
        at("2026-02-01")
    )  # same interval, but the department is overdue now
    assert kinds(personas.bureau) == ["due", "overdue"]
    # the governments and the township are due on 31 March (条例第四十九条; GONGKAI_REPORT_DUE_OTHER)
    assert kinds(personas.county) == ["due"] and kinds(personas.township) == ["due"]
    assert run.overdue == 1
    overdue = [m for m in mail.outbox if "已逾期" in m.subject]
    assert len(overdue) == 1 and personas.bureau.name in overdue[0].body
    reminders.send_report_reminders(at("2026-04-01"))
    assert kinds(personas.township)[-1] == "overdue"


def test_a_published_report_stops_the_reminders(personas) -> None:  # type: ignore[no-untyped-def]
    published(personas)  # the bureau's 2025 report, published in the annual app
    reminders.send_report_reminders(at("2026-02-10"))
    assert kinds(personas.bureau) == []
    assert kinds(personas.county) == ["due"]


def test_an_uploaded_report_stops_the_reminders_too(personas) -> None:  # type: ignore[no-untyped-def]
    from ..supervision.helpers import publish

    publish(personas.township, 2025, 1, 0, on=dt.date(2026, 1, 5))
    reminders.send_report_reminders(at("2026-01-10"))
    assert kinds(personas.township) == []


def test_interval_is_a_setting(personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_ANNUAL_REMINDER_DAYS = 1
    reminders.send_report_reminders(at("2026-01-01"))
    reminders.send_report_reminders(at("2026-01-02"))
    assert kinds(personas.bureau) == ["due", "due"]


def test_a_failed_mail_is_retried_by_the_next_run(personas, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def down(self: object) -> int:
        raise RuntimeError("SMTP down")

    with monkeypatch.context() as patch:
        patch.setattr(reminders.EmailMessage, "send", down)
        reminders.send_report_reminders(at("2026-01-02"))
    row = ReportReminder.objects.get(agency=personas.bureau)
    assert row.mailed_at is None and "RuntimeError" in row.mail_error  # recorded, the reminder stays
    reminders.deliver(now=at("2026-01-03"))
    row.refresh_from_db()
    assert row.mailed_at is not None and row.mail_error == "" and row.mail_attempts == 2


def test_gongkai_remind_sends_them(personas, capsys) -> None:  # type: ignore[no-untyped-def]
    from gongkai.cli import main

    assert main(["remind", "--now", "2026-02-03T09:00+08:00", "-v"]) == 0
    out = capsys.readouterr().out
    assert "年度报告提醒" in out and "已逾期1条" in out and personas.bureau.name in out


def test_desk_shows_the_reminders(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    reminders.send_report_reminders(at("2026-02-03"))
    html = client_for("clerk").get(f"/annual/{personas.bureau.code}/2025/").content.decode()
    assert 'data-testid="reminders"' in html and "已逾期" in html
