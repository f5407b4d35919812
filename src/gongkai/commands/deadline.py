"""``gongkai deadline``: the statutory dates of an application (条例 arts. 30, 33), explained.

gongkai deadline 2026-01-20
gongkai deadline 2026-01-20 --supplement-received 2026-02-02 --pause 2026-03-02:2026-03-10
gongkai deadline 2027-01-05 --calendar 2027.csv --json

A date reaching a year whose 国务院办公厅 notice is not loaded is computed provisionally (weekends and
the statutory holidays) and printed as 暂定 with the reason (exit 0); ``--strict`` refuses instead.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date

from ..errors import GongkaiError

HELP = "计算依申请公开的法定期限（答复期限、延期期限、补正告知期限），并说明每一天如何计算"

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def parse_date(text: str, where: str) -> date:
    """A date written as 2026-01-20, 2026/1/20, 2026.1.20, 2026年1月20日 or 20260120."""
    match = _DATE_RE.match(text) or _COMPACT_RE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise GongkaiError(f"日期“{text}”无法识别，应写作 2026-01-20", where=where)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "received", metavar="收到申请日期", help="收到申请之日（条例第三十一条），如 2026-01-20"
    )
    parser.add_argument(
        "--supplement-received",
        metavar="日期",
        help="收到补正后申请之日：答复期限自该日重新起算（条例第三十条）",
    )
    parser.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="开始:结束",
        help="不计入答复期限的期间（含首尾两日），如征求第三方或其他机关意见的期间（条例第三十二、三十三、三十四条）；可重复",
    )
    parser.add_argument(
        "--extension",
        default="20",
        metavar="工作日",
        help="延长的工作日数（1–20，默认20即最长延期；条例第三十三条第二款）",
    )
    parser.add_argument(
        "--notice-limit", action="store_true", help="同时显示补正告知期限（收到申请后7个工作日）"
    )
    parser.add_argument(
        "--calendar",
        action="append",
        default=[],
        metavar="文件",
        help="导入节假日安排文件（每行：date,kind,name,source，或国务院办公厅通知全文），覆盖内置数据中相同年份；可重复",
    )
    parser.add_argument(
        "--today",
        metavar="日期",
        help="显示截至该日距各期限还剩几个工作日（或已逾期几个工作日）",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="不暂定：期限进入尚未导入节假日安排的年份时报错（默认按周末和法定节日暂定并注明）",
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def _parse_pause(text: str) -> tuple[date, date]:
    first, sep, last = text.partition(":")
    if not sep:
        first, sep, last = text.partition("：")
    if not sep or not first.strip() or not last.strip():
        raise GongkaiError(f"不计入期间“{text}”应写作 开始:结束，如 2026-03-02:2026-03-10", where="--pause")
    return parse_date(first, "--pause"), parse_date(last, "--pause")


def _parse_int(text: str, where: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise GongkaiError(f"“{text}”不是整数", where=where) from None


def _left_text(today: date, due: date, n: int) -> str:
    if today > due:
        late = f"{-n}个工作日" if n < 0 else "（期限后尚无工作日）"
        return f"截至{today.isoformat()}：已逾期{late}"
    if today == due:
        return f"截至{today.isoformat()}：今日为最后期限"
    return f"截至{today.isoformat()}：还剩{n}个工作日"


def run(args: argparse.Namespace) -> int:
    from ..law import (
        Pause,
        bundled_calendar,
        compose_clock,
        provisional_reason,
        workdays_left,
    )
    from ..law.notice import load_schedule_file

    received = parse_date(args.received, "收到申请日期")
    supplement = (
        parse_date(args.supplement_received, "--supplement-received") if args.supplement_received else None
    )
    pauses = []
    for text in args.pause:
        first, last = _parse_pause(text)
        if last < first:
            raise GongkaiError(f"不计入期间“{text}”的结束日早于开始日", where="--pause")
        pauses.append(Pause(first, last, "征求意见等期间不计入（条例第三十三条第三款）"))
    calendar = bundled_calendar()
    for path in args.calendar:
        calendar = calendar.merged(load_schedule_file(path))

    extension = _parse_int(args.extension, "--extension")
    clock = compose_clock(
        received,
        calendar,
        supplement_received=supplement,
        pauses=pauses,
        extension_workdays=extension,
        provisional=not args.strict,
    )
    calendar = clock.calendar or calendar
    today = parse_date(args.today, "--today") if args.today else None
    left = {}
    if today is not None:
        for d in clock.deadlines():
            left[d.key] = workdays_left(d.due, today, calendar)
    shown = [clock.reply, clock.extended_reply]
    if args.notice_limit:
        shown.insert(0, clock.supplement_notice)
    provisional_years = sorted({y for d in shown for y in d.provisional_years})
    years = range(received.year, clock.extended_reply.due.year + 1)
    sources = sorted({s for y in years for s in calendar.sources.get(y, ())})

    if args.json:
        data = clock.to_json()
        if not args.notice_limit:
            deadlines = data["deadlines"]
            assert isinstance(deadlines, dict)
            deadlines.pop("supplement_notice", None)
        data["calendar_sources"] = sources
        data["provisional"] = bool(provisional_years)
        data["provisional_years"] = provisional_years
        data["provisional_reasons"] = [provisional_reason(y) for y in provisional_years]
        if today is not None:
            data["today"] = today.isoformat()
            data["workdays_left"] = {
                k: v for k, v in left.items() if args.notice_limit or k != "supplement_notice"
            }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0

    print(f"收到申请：{received.isoformat()}")
    if supplement:
        print(f"收到补正后的申请：{supplement.isoformat()}（答复期限自该日重新起算）")
    for pause in pauses:
        print(f"不计入期间：{pause.first.isoformat()} 至 {pause.last.isoformat()}")
    for deadline in shown:
        print()
        print("\n".join(deadline.explain()))
        if today is not None:
            print(f"　{_left_text(today, deadline.due, left[deadline.key])}")
    print()
    print(f"节假日安排依据：{'；'.join(sources) if sources else '（无）'}")
    print(f"日历数据指纹：{calendar.fingerprint}")
    if provisional_years:
        listed = "、".join(f"{y}年" for y in provisional_years)
        print(f"注意：标注“暂定”的期限经过{listed}，该年节假日安排尚未导入，不是最终期限；导入后请重新计算")
    return 0
