"""Response times from the records — beyond the national format (an annex of the report).

For the applications concluded in the year: working days from receipt (条例第三十一条) to conclusion,
counted on the platform's working-day calendar (条例第三十三条 counts 工作日). Median, 90th percentile,
and the share answered within 20 and within 40 working days (条例第三十三条第二款: 20 working days,
extendable by 20), overall, by outcome row and by channel. The clock's pauses (补正, 征求意见) are not
deducted: this is the applicant's view of the wait.

The working days are counted with a prefix sum over the calendar (one pass over the year's days), so
100,000 applications cost one dictionary lookup each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

_ONE_DAY = dt.timedelta(days=1)


def _prefix(start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """Working days in (start, d] for every d in [start, end]."""
    from gongkai.web.calendar.services import work_calendar

    calendar = work_calendar()
    counts: dict[dt.date, int] = {}
    n, day = 0, start
    while day <= end:
        if day > start:
            try:
                n += 1 if calendar.is_workday(day) else 0
            except Exception:  # a year the calendar does not hold: count Monday–Friday
                n += 1 if day.weekday() < 5 else 0
        counts[day] = n
        day += _ONE_DAY
    return counts


def _percentile(sorted_values: list[int], q: float) -> float:
    """Linear-interpolated percentile (the same definition as statistics.quantiles' 'inclusive')."""
    if not sorted_values:
        return 0.0
    k = (len(sorted_values) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return round(sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo), 1)


def summarise(days: list[int]) -> dict[str, Any]:
    values = sorted(days)
    n = len(values)
    return {
        "count": n,
        "median": _percentile(values, 0.5),
        "p90": _percentile(values, 0.9),
        "within_20": round(sum(1 for d in values if d <= 20) / n, 4) if n else None,
        "within_40": round(sum(1 for d in values if d <= 40) / n, 4) if n else None,
    }


def response_times(agency: Any, year: int) -> dict[str, Any]:
    """``{"all": summary, "by_outcome": {row: summary}, "by_channel": {channel: summary}}``."""
    from gongkai.web.applications.models import Application

    rows = list(
        Application.objects.filter(
            agency=agency, concluded_on__gte=dt.date(year, 1, 1), concluded_on__lte=dt.date(year, 12, 31)
        ).values_list("received_on", "concluded_on", "outcome", "channel")
    )
    if not rows:
        return {"all": summarise([]), "by_outcome": {}, "by_channel": {}}
    first = min(r[0] for r in rows)
    prefix = _prefix(first, dt.date(year, 12, 31))
    everything: list[int] = []
    by_outcome: dict[str, list[int]] = defaultdict(list)
    by_channel: dict[str, list[int]] = defaultdict(list)
    for received, concluded, outcome, channel in rows:
        days = prefix[concluded] - prefix[received]
        everything.append(days)
        by_outcome[outcome].append(days)
        by_channel[channel].append(days)
    return {
        "all": summarise(everything),
        "by_outcome": {k: summarise(v) for k, v in sorted(by_outcome.items())},
        "by_channel": {k: summarise(v) for k, v in sorted(by_channel.items())},
    }


def annex_text(times: dict[str, Any]) -> str:
    """The annex as plain text (附件：答复用时), for the rendered report and the CLI."""
    from gongkai.web.applications.models import Channel

    overall = times["all"]
    if not overall["count"]:
        return "附件：本年度无办结的政府信息公开申请。"
    lines = [
        "附件：依申请公开答复用时（工作日，自收到申请至办结）",
        f"全部：{overall['count']}件，中位数{overall['median']}个工作日，第90百分位{overall['p90']}个工作日，"
        f"20个工作日内办结{overall['within_20']:.1%}，40个工作日内办结{overall['within_40']:.1%}。",
    ]
    labels = dict(Channel.choices)
    for key, s in times["by_channel"].items():
        lines.append(
            f"{labels.get(key, key)}：{s['count']}件，中位数{s['median']}，第90百分位{s['p90']}，"
            f"20日内{s['within_20']:.1%}，40日内{s['within_40']:.1%}。"
        )
    return "\n".join(lines)


#: The version of the JSON contract's ``annexes.response_times`` object this module writes.
ANNEX_VERSION = 1


def annex_document(times: dict[str, Any]) -> dict[str, Any]:
    """The JSON contract's ``annexes.response_times`` object (v1, docs/report-json.md), with labels."""
    from gongkai.web.applications.models import Channel
    from gongkai.web.applications.outcomes import outcome_choices

    channels = dict(Channel.choices)
    outcomes = dict(outcome_choices())

    def labelled(summary: dict[str, Any], label: str | None) -> dict[str, Any]:
        return {"label": label, **summary} if label else dict(summary)

    return {
        "version": ANNEX_VERSION,
        "unit": "working_days",
        "all": dict(times["all"]),
        "by_outcome": {k: labelled(v, str(outcomes.get(k, k))) for k, v in times["by_outcome"].items()},
        "by_channel": {k: labelled(v, str(channels.get(k, k))) for k, v in times["by_channel"].items()},
    }
