"""``gongkai remind``: send the due-soon and overdue reminders of 依申请公开 cases, and the annual-report
reminders (条例第四十九条, from 1 January until the report is published; :mod:`gongkai.web.annual.reminders`).

Run it daily (cron or a systemd timer); it also sends the notification mails still waiting in the
outbox (``gongkai manage send_notifications``) and deletes expired ``/check/`` uploads. It is idempotent — a second run the same day sends nothing
— and catches up after downtime, because each case is claimed with a compare-and-set update on its
``next_reminder_at`` (see :mod:`gongkai.web.applications.reminders`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os

from gongkai.errors import GongkaiError

HELP = "发送依申请公开案件的即将到期和已超期提醒及年度报告发布提醒（每日运行；可重复运行，停机后自动补发）。"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="时间",
        help="按该时间运行（ISO 格式，如 2026-02-20T09:00+08:00；用于补跑或测试），默认当前时间",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="逐条列出已发送的提醒")


def _parse_now(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise GongkaiError(f"时间“{text}”格式不正确，应为 ISO 格式，如 2026-02-20T09:00+08:00") from None
    if value.tzinfo is None:
        from zoneinfo import ZoneInfo

        value = value.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return value


def run(args: argparse.Namespace) -> int:
    now = _parse_now(args.now)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from gongkai.web.annual import reminders as annual_reminders
    from gongkai.web.applications.outbox import deliver
    from gongkai.web.applications.reminders import send_due_reminders

    result = send_due_reminders(now)
    if args.verbose:
        for line in result.messages:
            print(line)
    print(result.summary())
    annual = annual_reminders.send_report_reminders(now)
    if args.verbose:
        for line in annual.messages:
            print(line)
    print(annual.summary())
    # Annual-report reminder mails that failed before are retried (after every transaction).
    annual_reminders.deliver(now=now)
    # The applicants' notification mails that failed before are retried here too (daily at least).
    print(deliver().summary())
    # Expired /check/ uploads and results are deleted (also on every /check/ request; D55).
    from gongkai.web.supervision.check_store import purge_expired

    print(f"已删除过期的年报检查上传 {purge_expired(now)} 份。")
    return 0
