"""``gongkai manage import_calendar FILE``: replace the years in FILE by its schedule.

FILE is gongkai.law's calendar format (one line per date: ``date,kind,name,source``; docs/law.md) or
the text of the 国务院办公厅 notice saved as a text file. Each year in the file is replaced as a whole;
other years are untouched. ``--preview`` shows the calendar change and every open application whose
dates move, and writes nothing. The import is audited and announces ``calendar_changed`` so that
the open cases are recomputed (once, in bulk; 暂定 dates of that year become final).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.errors import GongkaiError


class Command(BaseCommand):
    help = "导入节假日与调休安排（日历 CSV 或国务院办公厅通知文字）；文件中出现的年份整体替换"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="日历文件（CSV，UTF-8 或 GB18030），或通知文字（.txt）")
        parser.add_argument(
            "--preview", action="store_true", help="只预览日历变化和期限将改变的在办申请，不导入"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.law.notice import load_schedule_file
        from gongkai.web.calendar.preview import preview_import
        from gongkai.web.calendar.services import import_file

        try:
            if options["preview"]:
                preview = preview_import(load_schedule_file(options["file"]))
            else:
                result = import_file(options["file"])
        except GongkaiError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if options["preview"]:
            years = "、".join(str(y) for y in preview.years)
            self.stdout.write(
                f"预览 {years} 年：日历变化 {len(preview.days)} 天，期限改变的在办申请 {len(preview.cases)} 件（未导入）"
            )
            for d in preview.days:
                self.stdout.write(
                    f"  {d.day.isoformat()} {d.kind_label}：{d.before or '—'} → {d.after or '—'}"
                )
            for c in preview.cases:
                change = "；".join(f"{label} {old or '—'} → {new or '—'}" for label, old, new in c.fields)
                self.stdout.write(f"  {c.tracking_number}（{c.agency}）：{change}")
            return
        years = "、".join(str(y) for y in result.years)
        self.stdout.write(
            f"已导入 {years} 年的节假日安排：{result.days} 天（替换原有 {result.replaced} 天）。"
        )
