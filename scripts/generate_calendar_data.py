"""Generate ``src/gongkai/law/data/calendar-cn.csv`` from chinesecalendar (run once per release).

chinesecalendar is *seed data*: gongkai.law never consults it at run time. This script writes every
day off (weekend days inside a holiday included, so explanations can name the holiday) and every
调休 makeup working day of 2004–2026, with the holiday's Chinese name and the notice it came from.

    uv run python scripts/generate_calendar_data.py            # rewrite the file
    uv run python scripts/generate_calendar_data.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import chinese_calendar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongkai.law.calendar import DayKind, DayRecord  # noqa: E402
from gongkai.law.calendar_data import dump_records  # noqa: E402

TARGET = ROOT / "src" / "gongkai" / "law" / "data" / "calendar-cn.csv"
FIRST_YEAR, LAST_YEAR = 2004, 2026

#: chinesecalendar's English holiday names → the names used in the notices.
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

#: Days that came from a notice other than the yearly 部分节假日安排 notice.
SPECIAL_SOURCES = {
    # 2020: the Spring Festival holiday was extended to 2 February (COVID-19), which also cancelled
    # the 1 February makeup working day.
    date(2020, 1, 31): "国务院办公厅关于延长2020年春节假期的通知",
    date(2020, 2, 1): "国务院办公厅关于延长2020年春节假期的通知",
    date(2020, 2, 2): "国务院办公厅关于延长2020年春节假期的通知",
}
SPECIAL_NAME_SOURCES = {
    "Anti-Fascist 70th Day": "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知",
}


def _notice_year(day: date, english_name: str) -> int:
    # The 元旦 holiday can start on 30/31 December; those days belong to next year's notice.
    if english_name == "New Year's Day" and day.month == 12:
        return day.year + 1
    return day.year


def _source(day: date, english_name: str) -> str:
    if day in SPECIAL_SOURCES:
        return SPECIAL_SOURCES[day]
    if english_name in SPECIAL_NAME_SOURCES:
        return SPECIAL_NAME_SOURCES[english_name]
    return f"国务院办公厅关于{_notice_year(day, english_name)}年部分节假日安排的通知"


def build_records() -> list[DayRecord]:
    records: list[DayRecord] = []
    for table, kind in (
        (chinese_calendar.holidays, DayKind.HOLIDAY),
        (chinese_calendar.workdays, DayKind.WORKDAY),
    ):
        for day, english_name in table.items():
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                continue
            name = NAMES[english_name]
            records.append(DayRecord(day=day, kind=kind, name=name, source=_source(day, english_name)))
    records.sort(key=lambda r: r.day)
    return records


def render() -> str:
    header = (
        "# 法定节假日与调休上班日（每行一个日期：date,kind,name,source；kind 为 holiday 或 workday）\n"
        f"# 由 scripts/generate_calendar_data.py 依据 chinesecalendar {chinese_calendar.__version__}"
        f" 生成，覆盖 {FIRST_YEAR}–{LAST_YEAR} 年；运行时不依赖 chinesecalendar。\n"
    )
    return header + dump_records(build_records())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date; run scripts/generate_calendar_data.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({text.count(chr(10)) - 3} dates)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
