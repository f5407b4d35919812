"""The calendar table: seeded from gongkai.law, importable, editable by sysadmins, announced on change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import bundled_records
from gongkai.web.audit.models import AuditEvent
from gongkai.web.calendar.models import CalendarDay
from gongkai.web.calendar.services import incomplete_years, work_calendar
from gongkai.web.calendar.signals import calendar_changed

pytestmark = pytest.mark.django_db

SCHEDULE_2027 = """date,kind,name,source
2027-01-01,holiday,元旦,国务院办公厅关于2027年部分节假日安排的通知（测试）
2027-02-05,holiday,春节,国务院办公厅关于2027年部分节假日安排的通知（测试）
2027-02-08,holiday,春节,国务院办公厅关于2027年部分节假日安排的通知（测试）
2027-02-20,workday,春节,国务院办公厅关于2027年部分节假日安排的通知（测试）
2027-10-01,holiday,国庆节,国务院办公厅关于2027年部分节假日安排的通知（测试）
"""


@pytest.fixture
def changes() -> Any:
    seen: list[set[int]] = []

    def receiver(sender: Any, years: set[int], **kwargs: Any) -> None:
        seen.append(set(years))

    calendar_changed.connect(receiver)
    yield seen
    calendar_changed.disconnect(receiver)


def test_a_new_database_holds_the_bundled_national_calendar() -> None:
    assert CalendarDay.objects.count() == len(bundled_records())
    assert CalendarDay.objects.get(date=dt.date(2026, 2, 17)).name == "春节"
    assert CalendarDay.objects.get(date=dt.date(2026, 2, 14)).kind == "workday"


def test_work_calendar_gives_the_statutory_due_date() -> None:
    # 条例 art. 33: 20 working days after receipt, across 春节 2026 (domain.md §8 worked example).
    assert work_calendar().add_workdays(dt.date(2026, 1, 20), 20) == dt.date(2026, 2, 24)


def test_a_year_not_loaded_is_an_error() -> None:
    with pytest.raises(CalendarNotLoadedError, match="2027"):
        work_calendar().add_workdays(dt.date(2026, 12, 20), 20)


def test_an_edit_is_seen_at_once_and_announced(changes: list[set[int]]) -> None:
    before = work_calendar()
    CalendarDay.objects.create(date=dt.date(2026, 2, 24), kind="holiday", name="春节", source="测试")
    assert changes == [{2026}]
    after = work_calendar()
    assert after is not before
    assert after.add_workdays(dt.date(2026, 1, 20), 20) == dt.date(2026, 2, 25)


def test_a_partly_entered_year_counts_as_not_loaded() -> None:
    CalendarDay.objects.create(date=dt.date(2027, 1, 1), kind="holiday", name="元旦", source="")
    assert incomplete_years() == [2027]
    with pytest.raises(CalendarNotLoadedError):
        work_calendar().is_workday(dt.date(2027, 1, 4))


def test_import_command_replaces_the_years_of_the_file(tmp_path: Path, changes: list[set[int]]) -> None:
    path = tmp_path / "2027.csv"
    path.write_text(SCHEDULE_2027, encoding="utf-8")
    CalendarDay.objects.create(date=dt.date(2027, 5, 3), kind="holiday", name="劳动节", source="旧")
    changes.clear()
    call_command("import_calendar", str(path))
    assert sorted(str(d.date) for d in CalendarDay.objects.filter(date__year=2027)) == [
        "2027-01-01",
        "2027-02-05",
        "2027-02-08",
        "2027-02-20",
        "2027-10-01",
    ]
    assert changes == [{2027}]  # one announcement for the whole import
    calendar = work_calendar()
    assert calendar.is_workday(dt.date(2027, 2, 20))  # a Saturday made a working day
    assert not calendar.is_workday(dt.date(2027, 2, 8))
    event = AuditEvent.objects.get(verb="calendar.import")
    assert event.after == {"years": [2027], "days": 5}
    assert CalendarDay.objects.filter(date__year=2026).count() > 0  # other years untouched


def test_import_of_a_bad_file_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "2027-01-04,workday,元旦,测试\n2027-02-05,holiday,春节,测试\n2027-10-01,holiday,国庆节,测试\n",
        encoding="utf-8",
    )
    count = CalendarDay.objects.count()
    with pytest.raises(CommandError, match="调休上班日只能是周六或周日") as info:
        call_command("import_calendar", str(path))
    assert info.value.returncode == 2
    assert CalendarDay.objects.count() == count


def test_import_of_an_incomplete_year_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "partial.csv"
    path.write_text("2027-01-01,holiday,元旦,测试\n", encoding="utf-8")
    with pytest.raises(CommandError, match="不完整"):
        call_command("import_calendar", str(path))


def test_sysadmin_edits_the_calendar_in_the_admin(client_for, changes: list[set[int]]) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("sysadmin")
    response = admin.post(
        "/admin/workcalendar/calendarday/add/",
        {"date": "2026-12-31", "kind": "holiday", "name": "元旦", "source": "测试"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date=dt.date(2026, 12, 31)).exists()
    assert AuditEvent.objects.filter(verb="admin.add").count() == 1
    assert {2026} in changes
    refused = admin.post(
        "/admin/workcalendar/calendarday/add/",
        {"date": "2026-12-30", "kind": "workday", "name": "元旦", "source": "测试"},  # a Wednesday
    )
    assert refused.status_code == 200
    assert "调休上班日只能是周六或周日" in refused.content.decode()
    assert client_for("clerk").get("/admin/workcalendar/calendarday/").status_code == 302


def test_seeding_adds_only_the_years_the_table_lacks() -> None:
    from gongkai.web.calendar.services import seed_bundled

    CalendarDay.objects.filter(date__year=2025).delete()
    CalendarDay.objects.filter(date=dt.date(2026, 10, 7)).update(name="改过的名称")
    added = seed_bundled()
    assert added == sum(1 for r in bundled_records() if r.day.year == 2025)
    assert CalendarDay.objects.get(date=dt.date(2026, 10, 7)).name == "改过的名称"  # an edited year is kept
    assert seed_bundled() == 0
