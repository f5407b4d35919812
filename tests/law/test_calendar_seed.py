"""The shipped calendar agrees with chinesecalendar (its seed) on every day of 2004–2026.

chinesecalendar is only imported here and in scripts/generate_calendar_data.py; gongkai.law itself
never consults it (checked below too).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from gongkai.law import bundled_calendar

ROOT = Path(__file__).resolve().parents[2]


def test_every_day_2004_to_2026_matches_chinesecalendar() -> None:
    cal = bundled_calendar()
    day = date(2004, 1, 1)
    disagreements = []
    while day <= date(2026, 12, 31):
        if cal.is_workday(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day += timedelta(days=1)
    assert disagreements == []
    assert cal.years == frozenset(range(2004, 2027))


def test_holiday_names_match_chinesecalendar() -> None:
    cal = bundled_calendar()
    names = {"Spring Festival": "春节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节"}
    for day, english in chinese_calendar.holidays.items():
        if english in names and 2004 <= day.year <= 2026:
            assert cal.days[day].name == names[english], day


def test_generated_file_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_calendar_data.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_law_package_never_imports_chinesecalendar() -> None:
    for path in (ROOT / "src" / "gongkai" / "law").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(not a.name.startswith("chinese_calendar") for a in node.names), path
            elif isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("chinese_calendar"), path
