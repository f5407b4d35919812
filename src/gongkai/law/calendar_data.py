"""Calendar data files: the format shipped with gongkai and the one administrators import.

One line per date, UTF-8 CSV (a UTF-8 BOM, or GB18030 as saved by Excel on Chinese Windows, is
accepted too); a header line ``date,kind,name,source`` is optional and lines starting with ``#``
are comments::

    date,kind,name,source
    2027-01-01,holiday,元旦,国务院办公厅关于2027年部分节假日安排的通知
    2027-02-06,workday,春节,国务院办公厅关于2027年部分节假日安排的通知

``kind`` is ``holiday`` (放假; also accepted: 放假, 休) or ``workday`` (调休上班, only on a Saturday
or Sunday; also accepted: 上班, 班, 调休上班). ``name`` is the holiday (for a makeup day, the
holiday it makes up for). ``source`` is the notice. List every day off, weekend days of a holiday
included, so that explanations name the holiday rather than "周末".

The shipped file ``data/calendar-cn.csv`` was generated once from chinesecalendar 1.11.0 (2004–2026)
by ``scripts/generate_calendar_data.py``; this module never consults chinesecalendar.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import EncodingError, InputTooLargeError, ReadError
from .calendar import CalendarDataError, DayKind, DayRecord, WorkCalendar

__all__ = [
    "BUNDLED_FILE",
    "MAX_FILE_BYTES",
    "bundled_calendar",
    "bundled_records",
    "dump_records",
    "load_calendar_file",
    "parse_records",
    "read_calendar_bytes",
]

#: Name of the data file inside the package.
BUNDLED_FILE = "calendar-cn.csv"
#: A year is ~40 lines of ~60 bytes; 2 MB leaves room for centuries and refuses garbage quickly.
MAX_FILE_BYTES = 2 * 1024 * 1024
HEADER = ("date", "kind", "name", "source")


def _decode(data: bytes, file: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EncodingError("无法按 UTF-8 或 GB18030 解码日历文件", file=file)


def parse_records(text: str, *, file: str = "<日历数据>") -> Iterator[DayRecord]:
    """Parse calendar CSV text; each bad line raises :class:`ReadError` naming the line."""
    reader = csv.reader(io.StringIO(text))
    for row in reader:
        line = reader.line_num
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in row]
        if tuple(c.lower() for c in cells[:4]) == HEADER:
            continue
        where = f"第{line}行"
        if len(cells) < 3 or len(cells) > 4:
            raise ReadError(
                f"应为“日期,类型,名称,来源”四列（来源可省略），实际为{len(cells)}列", file=file, where=where
            )
        raw_day, raw_kind, name = cells[:3]
        source = cells[3] if len(cells) == 4 else ""
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            raise ReadError(f"日期“{raw_day}”无法识别，应写作 YYYY-MM-DD", file=file, where=where) from None
        kind = DayKind.parse(raw_kind)
        if kind is None:
            raise ReadError(
                f"类型“{raw_kind}”无法识别，应为 holiday（放假）或 workday（调休上班）",
                file=file,
                where=where,
            )
        if not name:
            raise ReadError("缺少节日名称（如 春节、国庆节）", file=file, where=where)
        yield DayRecord(day=day, kind=kind, name=name, source=source)


def load_calendar_file(path: str | Path, *, require_complete: bool = True) -> WorkCalendar:
    """Read a calendar file into a :class:`WorkCalendar` (the years it mentions are loaded).

    Raises :class:`ReadError` (missing file, bad line), :class:`EncodingError`,
    :class:`InputTooLargeError`, or :class:`CalendarDataError` (contradictions, incomplete year)
    with the file name in the message.
    """
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ReadError("日历文件不存在", file=name) from None
    except OSError as exc:
        raise ReadError(f"无法读取日历文件（{exc.strerror or exc}）", file=name) from None
    return read_calendar_bytes(data, file=name, require_complete=require_complete)


def read_calendar_bytes(data: bytes, *, file: str, require_complete: bool = True) -> WorkCalendar:
    """Calendar data already read (an upload): the checks and errors of :func:`load_calendar_file`."""
    name = file
    if len(data) > MAX_FILE_BYTES:
        raise InputTooLargeError(
            f"日历文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB，不像是节假日安排", file=name
        )
    records = list(parse_records(_decode(data, name), file=name))
    if not records:
        raise ReadError("日历文件中没有任何日期", file=name)
    try:
        return WorkCalendar.from_records(records, require_complete=require_complete)
    except CalendarDataError as exc:
        raise CalendarDataError(exc.message, file=name) from None


def bundled_records() -> list[DayRecord]:
    """The records shipped with gongkai (2004–2026), in date order."""
    text = resources.files("gongkai.law").joinpath("data", BUNDLED_FILE).read_text(encoding="utf-8")
    return list(parse_records(text, file=BUNDLED_FILE))


@cache
def bundled_calendar() -> WorkCalendar:
    """The national calendar shipped with gongkai (read once per process)."""
    return WorkCalendar.from_records(bundled_records())


def dump_records(records: Iterable[DayRecord]) -> str:
    """Records as calendar CSV text (with the header), the inverse of :func:`parse_records`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for record in sorted(records, key=lambda r: r.day):
        writer.writerow((record.day.isoformat(), record.kind.value, record.name, record.source))
    return out.getvalue()
