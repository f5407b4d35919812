"""What an import of a 国务院办公厅 notice would change, before it is confirmed.

:func:`preview_import` compares the uploaded schedule with the table (days added, removed, changed per
year) and recomputes every open case on the calendar the import would produce, listing those whose
dates move (old → new) or stop being 暂定. Nothing is written. The calendar is built once; the cases
are computed in memory by :func:`gongkai.web.applications.services.open_clock_changes` (a fixed
number of queries whatever the number of cases).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from gongkai.law import DayRecord, WorkCalendar

from .models import CalendarDay
from .services import work_calendar


@dataclass(frozen=True)
class DayChange:
    day: date
    before: str  # e.g. 放假（春节）; "" when the day was not listed
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"

    @property
    def kind_label(self) -> str:
        return {"added": "新增", "removed": "删除", "changed": "改变"}[self.kind]


@dataclass(frozen=True)
class CaseChange:
    tracking_number: str
    agency: str
    before: dict[str, Any]
    after: dict[str, Any]

    @property
    def fields(self) -> list[tuple[str, Any, Any]]:
        labels = {
            "supplement_notice_due": "补正告知期限",
            "reply_due": "答复期限",
            "extended_due": "延期后答复期限",
            "clock_provisional": "暂定",
            "clock_error": "期限计算问题",
        }
        return [
            (label, self.before.get(key), self.after.get(key))
            for key, label in labels.items()
            if self.before.get(key) != self.after.get(key)
        ]


@dataclass(frozen=True)
class ImportPreview:
    years: tuple[int, ...]
    records: tuple[DayRecord, ...]
    days: tuple[DayChange, ...]
    cases: tuple[CaseChange, ...]
    sources: tuple[str, ...] = field(default_factory=tuple)

    def count(self, kind: str) -> int:
        return sum(1 for d in self.days if d.kind == kind)


def _label(kind: str, name: str) -> str:
    return f"{'放假' if kind == 'holiday' else '调休上班'}（{name}）"


def preview_import(uploaded: WorkCalendar) -> ImportPreview:
    """The effect of importing ``uploaded`` (whole years replaced), computed without writing anything."""
    from gongkai.web.applications.services import open_clock_changes

    years = tuple(sorted(uploaded.years))
    stray = [r.day for r in uploaded.records() if r.day.year not in uploaded.years]
    rows = CalendarDay.objects.filter(Q(date__year__in=years) | Q(date__in=stray))
    old = {row.date: _label(str(row.kind), row.name) for row in rows}
    new = {r.day: _label(r.kind.value, r.name) for r in uploaded.records()}
    days = tuple(
        DayChange(d, old.get(d, ""), new.get(d, ""))
        for d in sorted(set(old) | set(new))
        if old.get(d, "") != new.get(d, "")
    )
    candidate = work_calendar().merged(uploaded)
    changes = open_clock_changes(candidate)
    agencies = _agency_names([app.agency_id for app, _, _ in changes])
    cases = tuple(
        CaseChange(app.tracking_number, agencies.get(app.agency_id, ""), before, after)
        for app, before, after in changes
    )
    sources = tuple(sorted({r.source for r in uploaded.records() if r.source}))
    return ImportPreview(years, tuple(uploaded.records()), days, cases, sources)


def _agency_names(ids: list[int]) -> dict[int, str]:
    from gongkai.web.agencies.models import Agency

    return dict(Agency.objects.filter(pk__in=set(ids)).values_list("pk", "name"))
