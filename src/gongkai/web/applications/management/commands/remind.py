"""``manage.py remind`` (also ``gongkai remind``): send due-soon and overdue reminders."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.commands.remind import _parse_now
from gongkai.web.applications.outbox import deliver
from gongkai.web.applications.reminders import send_due_reminders


class Command(BaseCommand):
    help = "发送依申请公开案件的即将到期和已超期提醒（可重复运行，停机后自动补发）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="按该时间运行（ISO 格式）")

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_due_reminders(_parse_now(options.get("now")))
        for line in result.messages:
            self.stdout.write(line)
        self.stdout.write(result.summary())
        self.stdout.write(deliver().summary())
