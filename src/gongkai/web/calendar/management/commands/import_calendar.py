"""``gongkai manage import_calendar FILE``: replace the years in FILE by its schedule.

FILE is gongkai.law's calendar format (one line per date: ``date,kind,name,source``; docs/law.md).
Each year in the file is replaced as a whole; other years are untouched. The import is audited and
announces ``calendar_changed`` so that stored due dates are recomputed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.errors import GongkaiError


class Command(BaseCommand):
    help = "导入节假日与调休安排（每行：日期,类型,名称,来源）；文件中出现的年份整体替换"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="日历文件（CSV，UTF-8 或 GB18030）")

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.web.calendar.services import import_file

        try:
            result = import_file(options["file"])
        except GongkaiError as exc:
            raise CommandError(str(exc), returncode=2) from None
        years = "、".join(str(y) for y in result.years)
        self.stdout.write(
            f"已导入 {years} 年的节假日安排：{result.days} 天（替换原有 {result.replaced} 天）。"
        )
