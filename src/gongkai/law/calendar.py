"""Working days (工作日) over calendar data passed in.

A :class:`WorkCalendar` knows, for the years it was given, which dates are statutory holidays
(放假, with the holiday's name) and which weekend dates are 调休 makeup working days (调休上班), and
the 国务院办公厅 notice each came from. Every other date of a loaded year is a working day when it is
Monday to Friday. A date in a year that is not loaded raises :class:`CalendarNotLoadedError`: the
schedule of each year is only known once its notice is published (about November of the year
before), so a weekend-only guess would silently give wrong statutory deadlines.

Basis: 《全国年节及纪念日放假办法》 and the yearly 国务院办公厅关于部分节假日安排的通知. Counting 调休
weekend days as 工作日 for the 条例's deadlines is the common interpretation, not a ruling specific to
政府信息公开 (domain.md §8, [M]); it can be switched off per computation (``makeup_days_count``).

This module is pure: it never consults chinesecalendar (that is seed data, see
``scripts/generate_calendar_data.py``) and never imports Django.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property

from ..errors import CalendarNotLoadedError, GongkaiError

__all__ = [
    "REQUIRED_HOLIDAYS",
    "CalendarDataError",
    "DayKind",
    "DayRecord",
    "Pause",
    "Step",
    "StepKind",
    "Walk",
    "WorkCalendar",
    "weekday_label",
]

_ONE_DAY = timedelta(days=1)
_WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

#: Holidays every national schedule contains; a loaded year lacking one of them is a partial import.
#: (Spring Festival always falls in January/February and National Day in October of the same year.)
REQUIRED_HOLIDAYS: tuple[str, ...] = ("春节", "国庆节")


class CalendarDataError(GongkaiError):
    """Calendar records are inconsistent (a date listed twice, a makeup day on a weekday, ...)."""


class DayKind(StrEnum):
    """What a calendar record says about a date."""

    HOLIDAY = "holiday"  # 放假: not a working day even if Monday–Friday
    WORKDAY = "workday"  # 调休上班: a weekend date that is a working day

    @property
    def label(self) -> str:
        return "放假" if self is DayKind.HOLIDAY else "调休上班"

    @classmethod
    def parse(cls, text: str) -> DayKind | None:
        """``holiday``/``workday`` or a Chinese synonym (放假、休 / 调休上班、上班、班); None if neither."""
        return _KIND_ALIASES.get(str(text).strip().lower())


_KIND_ALIASES = {
    "holiday": DayKind.HOLIDAY,
    "放假": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY,
    "调休上班": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
}


@dataclass(frozen=True, slots=True)
class DayRecord:
    """One line of calendar data: ``date,kind,name,source``."""

    day: date
    kind: DayKind
    name: str  # the holiday it belongs to, e.g. 春节 (for a makeup day: the holiday it makes up for)
    source: str  # the notice, e.g. 国务院办公厅关于2026年部分节假日安排的通知


@dataclass(frozen=True, slots=True)
class Pause:
    """An interval whose working days are not counted, first and last day included.

    Used for consultation time (条例 arts. 32–34) and, when the policy says so, the fee notice
    period. ``reason`` is the Chinese explanation shown for each skipped day.
    """

    first: date
    last: date
    reason: str

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise CalendarDataError(
                f"不计入期间的结束日 {self.last.isoformat()} 早于开始日 {self.first.isoformat()}"
            )

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


class StepKind(StrEnum):
    START = "start"  # the day the clock starts from; not counted
    COUNTED = "counted"  # a working day counted
    MAKEUP = "makeup"  # a 调休 weekend working day, counted
    WEEKEND = "weekend"  # skipped: Saturday or Sunday
    HOLIDAY = "holiday"  # skipped: statutory holiday
    PAUSED = "paused"  # skipped: a working day inside a pause


@dataclass(frozen=True, slots=True)
class Step:
    """One day of a walk: what happened to it and why (Chinese ``reason``)."""

    day: date
    kind: StepKind
    reason: str
    ordinal: int = 0  # for counted days: 1 … n

    @property
    def counted(self) -> bool:
        return self.kind in (StepKind.COUNTED, StepKind.MAKEUP)

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "kind": self.kind.value,
            "reason": self.reason,
            "ordinal": self.ordinal,
        }


@dataclass(frozen=True, slots=True)
class Walk:
    """The result of counting ``n`` working days after ``start``: the end date and every day seen."""

    start: date
    n: int
    end: date
    steps: tuple[Step, ...]

    def summary(self) -> list[str]:
        """Chinese lines: holidays and pauses as runs with their reason, 调休 days that counted, and
        the number of ordinary weekend days skipped (listing each weekend would hide what matters)."""
        lines: list[str] = []
        run: list[Step] = []
        weekend_days = 0

        def flush() -> None:
            if not run:
                return
            first, last = run[0].day, run[-1].day
            span = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
            unit = "个工作日" if run[0].kind is StepKind.PAUSED else "天"
            lines.append(f"不计：{span}，{run[0].reason}，共{len(run)}{unit}")
            run.clear()

        for step in self.steps:
            if step.kind in (StepKind.HOLIDAY, StepKind.PAUSED):
                if run and run[-1].reason != step.reason:
                    flush()
                run.append(step)
                continue
            if step.kind is StepKind.WEEKEND:
                weekend_days += 1
                continue  # a weekend between two holiday days does not break the run
            flush()
            if step.kind is StepKind.MAKEUP:
                lines.append(f"计入：{step.day.isoformat()}，{step.reason}，为第{step.ordinal}个工作日")
        flush()
        if weekend_days:
            lines.append(f"不计：其间周末共{weekend_days}天")
        return lines


def weekday_label(day: date) -> str:
    """周一 … 周日."""
    return _WEEKDAY_NAMES[day.weekday()]


@dataclass(frozen=True)
class WorkCalendar:
    """Working-day arithmetic over explicit calendar data.

    Build it with :meth:`from_records` (any iterable of ``(date, kind, name, source)``, e.g. rows of the
    platform's calendar table or :func:`gongkai.law.calendar_data.load_calendar_file`).
    """

    days: dict[date, DayRecord]
    years: frozenset[int]
    sources: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: Years whose records are provisional (statutory holidays only, no notice loaded; see
    #: :mod:`gongkai.law.provisional`). They count as loaded; every day in them is 暂定.
    provisional: frozenset[int] = frozenset()

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        records: Iterable[DayRecord | tuple[date, str, str, str]],
        *,
        years: Iterable[int] | None = None,
        require_complete: bool = True,
    ) -> WorkCalendar:
        """Build a calendar from records ``(date, kind, name, source)``; ``kind`` is holiday|workday.

        A year is *loaded* when at least one record falls in it (or it is listed in ``years``); 元旦
        days in late December count for the next year's notice, not their own year. With
        ``require_complete`` (the default), every loaded year must contain the 春节 and 国庆节
        holidays, so that a half-imported schedule cannot pass for a whole one.

        Raises :class:`CalendarDataError` for a date listed twice with different meanings, a
        makeup working day that is not a Saturday or Sunday, an unknown kind, or an incomplete year.
        """
        days: dict[date, DayRecord] = {}
        for raw in records:
            record = raw if isinstance(raw, DayRecord) else _record_from_tuple(raw)
            if record.kind is DayKind.WORKDAY and record.day.weekday() < 5:
                raise CalendarDataError(
                    f"{record.day.isoformat()} 是{weekday_label(record.day)}，本来就是工作日，"
                    "不能登记为调休上班日（调休上班日只能是周六或周日）"
                )
            previous = days.get(record.day)
            if previous is not None and previous.kind is not record.kind:
                raise CalendarDataError(
                    f"{record.day.isoformat()} 重复登记且互相矛盾：既是{previous.kind.label}（{previous.name}），"
                    f"又是{record.kind.label}（{record.name}）"
                )
            if previous is None:
                days[record.day] = record
        # 元旦 days in late December (e.g. 2023-12-30/31, or the 2011-12-31 makeup Saturday) belong to
        # the next year's notice: on their own they do not make their calendar year "loaded".
        loaded = {d.year for d, r in days.items() if not _next_years_new_year(r)} | set(years or ())
        sources: dict[int, set[str]] = {}
        for record in days.values():
            if record.source:
                sources.setdefault(record.day.year, set()).add(record.source)
        calendar = cls(
            days=days,
            years=frozenset(loaded),
            sources={y: tuple(sorted(s)) for y, s in sorted(sources.items())},
        )
        if require_complete:
            calendar.check_complete()
        return calendar

    def check_complete(self) -> None:
        """Raise :class:`CalendarDataError` if a loaded year lacks one of :data:`REQUIRED_HOLIDAYS`."""
        present: dict[int, set[str]] = {}
        for record in self.days.values():
            if record.kind is DayKind.HOLIDAY:
                present.setdefault(record.day.year, set()).add(record.name)
        for year in sorted(self.years):
            missing = [h for h in REQUIRED_HOLIDAYS if h not in present.get(year, set())]
            if missing:
                raise CalendarDataError(
                    f"{year}年的节假日安排不完整：缺少{'、'.join(missing)}假期；"
                    "请按国务院办公厅当年通知导入全年安排"
                )

    def merged(self, other: WorkCalendar) -> WorkCalendar:
        """A calendar with ``other``'s records added; ``other`` wins for the years it loads."""
        days = {d: r for d, r in self.days.items() if d.year not in other.years}
        days.update(other.days)
        merged = WorkCalendar.from_records(
            days.values(), years=self.years | other.years, require_complete=False
        )
        provisional = (self.provisional - other.years) | other.provisional
        if not provisional:
            return merged
        return WorkCalendar(merged.days, merged.years, merged.sources, frozenset(provisional))

    def records(self) -> Iterator[DayRecord]:
        """All records, in date order."""
        for day in sorted(self.days):
            yield self.days[day]

    @cached_property
    def fingerprint(self) -> str:
        """A short digest of the data; store it with a computed deadline to know when to recompute."""
        digest = hashlib.sha256()
        for record in self.records():
            digest.update(f"{record.day.isoformat()},{record.kind.value},{record.name}\n".encode())
        digest.update(",".join(str(y) for y in sorted(self.years)).encode())
        if self.provisional:
            digest.update(("暂定" + ",".join(str(y) for y in sorted(self.provisional))).encode())
        return digest.hexdigest()[:16]

    # -- single days --------------------------------------------------------------------------

    def require_loaded(self, day: date) -> None:
        """Raise :class:`CalendarNotLoadedError` if ``day``'s year has no schedule loaded."""
        if day.year not in self.years:
            loaded = f"{min(self.years)}–{max(self.years)}年" if self.years else "没有任何年份"
            raise CalendarNotLoadedError(
                f"{day.year}年的法定节假日和调休安排尚未载入（已载入：{loaded}），无法计算工作日；"
                "请在国务院办公厅公布该年安排后导入（见 docs/law.md）",
                where=day.isoformat(),
            )

    def is_workday(self, day: date, *, makeup_days_count: bool = True) -> bool:
        """True if ``day`` is a working day (Mon–Fri and not a holiday, or a 调休上班 day)."""
        self.require_loaded(day)
        record = self.days.get(day)
        if record is not None:
            if record.kind is DayKind.HOLIDAY:
                return False
            return makeup_days_count
        return day.weekday() < 5

    def describe(self, day: date) -> str:
        """Chinese: why ``day`` is or is not a working day (e.g. ``春节假期``, ``周末``)."""
        self.require_loaded(day)
        record = self.days.get(day)
        if record is not None:
            if record.kind is DayKind.HOLIDAY:
                return f"{record.name}假期"
            return f"{weekday_label(day)}，{record.name}调休上班"
        return "周末" if day.weekday() >= 5 else "工作日"

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_workdays(day, 1)

    # -- arithmetic ---------------------------------------------------------------------------

    def add_workdays(
        self,
        start: date,
        n: int,
        *,
        pauses: Sequence[Pause] = (),
        makeup_days_count: bool = True,
    ) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself is never counted).

        Working days inside a pause are skipped. ``n`` = 0 returns ``start``. Raises
        :class:`CalendarNotLoadedError` on reaching a year that is not loaded.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        day = start
        counted = 0
        days, years = self.days, self.years
        while counted < n:
            day += _ONE_DAY
            if day.year not in years:
                self.require_loaded(day)
            record = days.get(day)
            if record is None:
                if day.weekday() >= 5:
                    continue
            elif record.kind is DayKind.HOLIDAY or not makeup_days_count:
                continue
            if pauses and any(p.covers(day) for p in pauses):
                continue
            counted += 1
        return day

    def walk(
        self,
        start: date,
        n: int,
        *,
        pauses: Sequence[Pause] = (),
        makeup_days_count: bool = True,
        start_reason: str = "起算日，不计入",
    ) -> Walk:
        """Like :meth:`add_workdays`, but keeps every day seen with the reason it counted or not."""
        if n < 0:
            raise ValueError("n must be >= 0")
        steps = [Step(start, StepKind.START, start_reason)]
        day = start
        counted = 0
        while counted < n:
            day += _ONE_DAY
            if day.year not in self.years:
                self.require_loaded(day)
            record = self.days.get(day)
            if record is None:
                workday = day.weekday() < 5
            else:
                workday = record.kind is DayKind.WORKDAY and makeup_days_count
            if not workday:
                if record is not None and record.kind is DayKind.HOLIDAY:
                    mark = "（暂定）" if day.year in self.provisional else ""
                    steps.append(Step(day, StepKind.HOLIDAY, f"{record.name}假期{mark}"))
                else:
                    steps.append(Step(day, StepKind.WEEKEND, self.describe(day) if record else "周末"))
                continue
            pause = next((p for p in pauses if p.covers(day)), None) if pauses else None
            if pause is not None:
                steps.append(Step(day, StepKind.PAUSED, pause.reason))
                continue
            counted += 1
            if record is not None:  # a makeup day: say so, it is the surprising case
                steps.append(Step(day, StepKind.MAKEUP, self.describe(day), counted))
            else:
                steps.append(Step(day, StepKind.COUNTED, "工作日", counted))
        return Walk(start=start, n=n, end=day, steps=tuple(steps))

    def workdays_between(
        self,
        start: date,
        end: date,
        *,
        pauses: Sequence[Pause] = (),
        makeup_days_count: bool = True,
    ) -> int:
        """Working days ``d`` with ``start < d <= end`` (negative when ``end`` is before ``start``).

        The inverse of :meth:`add_workdays`: ``workdays_between(a, add_workdays(a, n)) == n``.
        """
        if end < start:
            return -self.workdays_between(end, start, pauses=pauses, makeup_days_count=makeup_days_count)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_workday(day, makeup_days_count=makeup_days_count) and not any(
                p.covers(day) for p in pauses
            ):
                count += 1
        return count


def _next_years_new_year(record: DayRecord) -> bool:
    return record.day.month == 12 and record.name == "元旦"


def _record_from_tuple(raw: tuple[date, str, str, str]) -> DayRecord:
    try:
        day, kind, name, source = raw
    except (TypeError, ValueError):
        raise CalendarDataError(f"日历记录“{raw!r}”应为（日期, 类型, 名称, 来源）四项") from None
    if not isinstance(day, date):
        raise CalendarDataError(f"日历记录的日期“{day!r}”不是日期")
    parsed = DayKind.parse(kind)
    if parsed is None:
        raise CalendarDataError(f"{day}：类型“{kind}”无法识别，应为 holiday（放假）或 workday（调休上班）")
    return DayRecord(day=day, kind=parsed, name=str(name).strip(), source=str(source or "").strip())
