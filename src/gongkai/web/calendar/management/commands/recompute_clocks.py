"""``gongkai manage recompute_clocks``: recompute the stored dates of every open application, in bulk.

Runs by itself after every calendar import; run it by hand after an upgrade that changes how dates
are computed (e.g. the 暂定 dates of ``0002_cal_clock_provisional``: cases stored with an error for
a year without notice get provisional dates).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "重新计算所有在办申请的期限（导入节假日安排后会自动执行）"

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.web.applications.services import recompute_open_clocks

        changed = recompute_open_clocks()
        self.stdout.write(f"已重新计算在办申请的期限：{changed} 件有变化。")
