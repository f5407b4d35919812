"""The calendar file format (shipped data and administrators' imports)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.errors import EncodingError, InputTooLargeError, ReadError
from gongkai.law import (
    CalendarDataError,
    DayKind,
    bundled_records,
    dump_records,
    load_calendar_file,
    parse_records,
)
from gongkai.law.calendar_data import MAX_FILE_BYTES

NEXT_YEAR = """\
# 国务院办公厅关于2027年部分节假日安排的通知（示例）
date,kind,name,source
2027-01-01,holiday,元旦,国务院办公厅关于2027年部分节假日安排的通知
2027-02-06,上班,春节,国务院办公厅关于2027年部分节假日安排的通知
2027-02-08,放假,春节,国务院办公厅关于2027年部分节假日安排的通知
2027-10-01,holiday,国庆节
"""


def test_parse_accepts_aliases_comments_and_missing_source() -> None:
    records = list(parse_records(NEXT_YEAR))
    assert [(r.day, r.kind) for r in records] == [
        (date(2027, 1, 1), DayKind.HOLIDAY),
        (date(2027, 2, 6), DayKind.WORKDAY),
        (date(2027, 2, 8), DayKind.HOLIDAY),
        (date(2027, 10, 1), DayKind.HOLIDAY),
    ]
    assert records[-1].source == ""


def test_dump_then_parse_round_trips() -> None:
    records = bundled_records()
    assert list(parse_records(dump_records(records))) == records


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_load_a_file_in_the_encodings_excel_writes(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "2027.csv"
    path.write_bytes(NEXT_YEAR.encode(encoding))
    cal = load_calendar_file(path)
    assert cal.years == frozenset({2027})
    assert cal.is_workday(date(2027, 2, 6)) is True


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("2027-02-30,holiday,春节,x\n", "第1行：日期“2027-02-30”无法识别"),
        ("date,kind,name,source\n2027-02-08,off,春节,x\n", "第2行：类型“off”无法识别"),
        ("2027-02-08,holiday\n", "第1行：应为“日期,类型,名称,来源”四列"),
        ("2027-02-08,holiday,,x\n", "第1行：缺少节日名称"),
        ("# nothing\n", "没有任何日期"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        load_calendar_file(path)
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)


def test_contradictions_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "half.csv"
    path.write_text("2027-02-08,holiday,春节,x\n", encoding="utf-8")
    with pytest.raises(CalendarDataError) as info:
        load_calendar_file(path)
    assert (
        str(info.value)
        == f"{path}：2027年的节假日安排不完整：缺少国庆节假期；请按国务院办公厅当年通知导入全年安排"
    )


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="日历文件不存在"):
        load_calendar_file(tmp_path / "missing.csv")
    big = tmp_path / "big.csv"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 10))
    with pytest.raises(InputTooLargeError):
        load_calendar_file(big)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81\x30\xff" * 10)
    with pytest.raises(EncodingError):
        load_calendar_file(binary)


def test_bundled_data_covers_2004_to_2026_with_sources() -> None:
    records = bundled_records()
    years = {r.day.year for r in records}
    assert years == set(range(2004, 2027))
    assert all(r.source for r in records)
    notice_2026 = {r.source for r in records if r.day.year == 2026}
    assert notice_2026 == {"国务院办公厅关于2026年部分节假日安排的通知"}


def test_new_year_days_in_december_belong_to_the_next_notice(tmp_path: Path) -> None:
    # The 2024 notice starts with 2023-12-30/31 (元旦); importing it alone must load 2024 only.
    lines = [r for r in bundled_records() if r.source == "国务院办公厅关于2024年部分节假日安排的通知"]
    assert min(r.day for r in lines) == date(2023, 12, 30)
    path = tmp_path / "2024.csv"
    path.write_text(dump_records(lines), encoding="utf-8")
    cal = load_calendar_file(path)
    assert cal.years == frozenset({2024})
    assert cal.add_workdays(date(2024, 1, 1), 1) == date(2024, 1, 2)
