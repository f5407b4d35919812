"""The calendar table as a :class:`gongkai.law.WorkCalendar`, seeding and importing.

:func:`work_calendar` is what every deadline computation of the platform uses. It is cached per
process and keyed on a cheap fingerprint of the table (row count and latest change), so an edit in
one process (the admin) is seen by the others (workers) on their next call.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.signals import post_delete, post_save

from gongkai.law import DayRecord, WorkCalendar, bundled_records
from gongkai.law.calendar import REQUIRED_HOLIDAYS

from .models import CalendarDay
from .signals import calendar_changed

_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "calendar": None}
#: Set while a bulk import runs, so that per-row signals do not announce every row separately.
_bulk = threading.local()


def _fingerprint() -> tuple[int, object]:
    agg = CalendarDay.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return (agg["n"], agg["last"])


def complete_years(records: Iterable[DayRecord | CalendarDay]) -> set[int]:
    """Years whose records include every holiday a national schedule always has (春节, 国庆节)."""
    present: dict[int, set[str]] = defaultdict(set)
    for r in records:
        day = r.day if isinstance(r, DayRecord) else r.date
        if str(r.kind) == "holiday":
            present[day.year].add(r.name)
    return {year for year, names in present.items() if all(h in names for h in REQUIRED_HOLIDAYS)}


def incomplete_years() -> list[int]:
    """Years with rows in the table but no complete schedule yet (they count as not loaded)."""
    rows = list(CalendarDay.objects.all())
    return sorted({r.date.year for r in rows} - complete_years(rows))


def work_calendar() -> WorkCalendar:
    """The platform's working-day calendar, built from the table.

    Only complete years are loaded: a year an administrator has started typing in but not
    finished stays "not loaded", so a computation in it raises ``CalendarNotLoadedError`` instead
    of silently counting an unfinished schedule.
    """
    key = _fingerprint()
    with _lock:
        if _cache["key"] == key and _cache["calendar"] is not None:
            return _cache["calendar"]  # type: ignore[no-any-return]
    rows = list(CalendarDay.objects.all())
    years = complete_years(rows)
    calendar = WorkCalendar.from_records(r.as_record() for r in rows if r.date.year in years)  # type: ignore[misc]
    with _lock:
        _cache.update(key=key, calendar=calendar)
    return calendar


def provisional_year(day: Any) -> bool:
    """True if a date in ``day``'s year is 暂定: no notice for it is loaded (from 2025 on, see
    :mod:`gongkai.law.provisional`). Dates are counted forward, so any date in such a year went
    through it."""
    from gongkai.law.provisional import FIRST_RULE_YEAR

    return bool(day.year >= FIRST_RULE_YEAR and day.year not in work_calendar().years)


def invalidate() -> None:
    with _lock:
        _cache.update(key=None, calendar=None)


def _row_changed(sender: Any, instance: CalendarDay, **kwargs: Any) -> None:
    invalidate()
    if getattr(_bulk, "active", False):
        return
    calendar_changed.send(sender=CalendarDay, years={instance.date.year})


def connect_change_signals() -> None:
    post_save.connect(_row_changed, sender=CalendarDay, dispatch_uid="workcalendar-row-saved")
    post_delete.connect(_row_changed, sender=CalendarDay, dispatch_uid="workcalendar-row-deleted")


@dataclass(frozen=True)
class ImportResult:
    years: tuple[int, ...]
    days: int
    replaced: int


def replace_years(
    records: Iterable[DayRecord | tuple[Any, str, str, str]],
    *,
    actor: Any = None,
    note: str = "",
    using: str = "default",
) -> ImportResult:
    """Replace the schedule of every year present in ``records`` by those records, atomically.

    ``records`` are :class:`DayRecord` or ``(date, kind, name, source)`` tuples; they are checked by
    :meth:`WorkCalendar.from_records` (a makeup day on a weekday, contradictions → CalendarDataError).
    A year's schedule is replaced as a whole, because each 国务院办公厅 notice defines a whole year.
    Writes one audit event and sends ``calendar_changed`` once.
    """
    from gongkai.web import audit

    checked = WorkCalendar.from_records(records, require_complete=False)
    records = list(checked.records())
    # The years the records load; a 元旦 day of late December belongs to the next year's notice and
    # replaces only that date, not the whole previous year.
    years = sorted(checked.years)
    stray = [r.day for r in records if r.day.year not in checked.years]
    with transaction.atomic(using=using):
        old = CalendarDay.objects.using(using).filter(Q(date__year__in=years) | Q(date__in=stray))
        replaced = old.count()
        _bulk.active = True
        try:
            old.delete()
        finally:
            _bulk.active = False
        CalendarDay.objects.using(using).bulk_create(
            CalendarDay(date=r.day, kind=r.kind.value, name=r.name, source=r.source) for r in records
        )
        audit.record(
            actor,
            "calendar.import",
            None,
            before={"years": years, "days": replaced},
            after={"years": years, "days": len(records)},
            note=note,
            using=using,
        )
        invalidate()
        calendar_changed.send(sender=CalendarDay, years=set(years))
    return ImportResult(years=tuple(years), days=len(records), replaced=replaced)


def import_file(path: str | Path, *, actor: Any = None) -> ImportResult:
    """Import a calendar file, or the saved text of the 国务院办公厅 notice; a malformed file raises a
    GongkaiError. The open cases are then recomputed once, in bulk (``calendar_changed``)."""
    from gongkai.law.notice import load_schedule_file

    calendar = load_schedule_file(path)
    return replace_years(list(calendar.records()), actor=actor, note=f"导入日历文件 {Path(path).name}")


def seed_bundled(using: str = "default") -> int:
    """Add the calendar shipped in gongkai.law for every year the table has no row of; returns rows added.

    A new database gets 2004–2026 at once; after an upgrade that ships a new year, that year is added
    on the next migrate. Years already in the table (imported or edited by an administrator) are
    never touched.
    """
    present = set(CalendarDay.objects.using(using).values_list("date__year", flat=True).distinct())
    records = [r for r in bundled_records() if r.day.year not in present]
    if not records:
        return 0
    CalendarDay.objects.using(using).bulk_create(
        CalendarDay(date=r.day, kind=r.kind.value, name=r.name, source=r.source) for r in records
    )
    invalidate()
    return len(records)


def seed_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate`` receiver: a new database starts with the bundled national calendar."""
    from django.db import connections

    if CalendarDay._meta.db_table in connections[using].introspection.table_names():
        seed_bundled(using)
