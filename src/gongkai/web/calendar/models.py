"""One row per date that is not an ordinary day: a statutory holiday, or a 调休 makeup working day.

Ordinary Monday–Friday working days and ordinary weekends are not stored. A year counts as loaded
when its schedule is complete (see :func:`gongkai.web.calendar.services.work_calendar`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.law import DayKind


class CalendarDayKind(models.TextChoices):
    HOLIDAY = DayKind.HOLIDAY.value, "放假"
    WORKDAY = DayKind.WORKDAY.value, "调休上班"


class CalendarDay(models.Model):
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=8, choices=CalendarDayKind.choices)
    name = models.CharField("节日", max_length=50, help_text="调休上班日填写其所调的节日，如 春节。")
    source = models.CharField(
        "依据", max_length=200, blank=True, help_text="如 国务院办公厅关于2027年部分节假日安排的通知"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ("date",)

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}（{self.name}）"

    def clean(self) -> None:
        if self.kind == CalendarDayKind.WORKDAY and self.date is not None and self.date.weekday() < 5:
            raise ValidationError({"kind": "调休上班日只能是周六或周日；周一至周五本来就是工作日。"})

    def as_record(self) -> tuple[object, str, str, str]:
        """``(date, kind, name, source)`` for :meth:`gongkai.law.WorkCalendar.from_records`."""
        return (self.date, str(self.kind), self.name, self.source)
