"""Benchmarks among peers and anomaly flags, from the units' published reports.

Indicators are computed from each unit's cells (:func:`.facts.unit_facts`: uploaded, imported, or
generated and published in gongkai); peers are the units
with the same parent (sibling units). For each indicator: the unit's value, its rank among its
siblings (1 = highest), and the siblings' quartiles (``statistics.quantiles``, inclusive method).

Anomaly flags, each with a stable key so a supervisor's decision (:class:`FlagDecision`) survives
re-runs:

- ``<indicator>:change`` — the value changed by more than ``GONGKAI_BENCHMARK_CHANGE_PERCENT``
  (default 100) per cent from last year (and by at least ``GONGKAI_BENCHMARK_CHANGE_MIN``, default 5);
- ``<indicator>:zero`` — zero where the siblings' median is not;
- ``text:reused`` — at least ``GONGKAI_BENCHMARK_REUSE_PERCENT`` (default 60) per cent of the running
  text identical to last year's report (:func:`gongkai.compare`; 怀化's notice names 内容雷同).

The thresholds are judgement, not law [M]: settings, documented in docs/supervision.md.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from gongkai.web.agencies.models import Agency

from .facts import unit_facts
from .models import FlagDecision
from .records import cell_number
from .status import units

Cells = dict[str, str]


def _n(cells: Cells, cid: str) -> float | None:
    text = cells.get(cid)
    return None if text is None else float(cell_number(text))


def _share(cells: Cells, part: str, whole: str) -> float | None:
    a, b = _n(cells, part), _n(cells, whole)
    if a is None or not b:
        return None
    return round(100 * a / b, 1)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    compute: Callable[[Cells], float | None]


INDICATORS: tuple[Indicator, ...] = (
    Indicator("received", "收到申请数", "件", lambda c: _n(c, "t3.new_received.tot")),
    Indicator("granted_share", "予以公开比例", "%", lambda c: _share(c, "t3.granted.tot", "t3.total.tot")),
    Indicator(
        "not_held_share",
        "本机关不掌握比例",
        "%",
        lambda c: _share(c, "t3.unable_not_held.tot", "t3.total.tot"),
    ),
    Indicator(
        "review_corrected", "复议纠正率", "%", lambda c: _share(c, "t4.review.correct", "t4.review.total")
    ),
    Indicator(
        "litigation",
        "行政诉讼数",
        "件",
        lambda c: (
            None
            if _n(c, "t4.direct.total") is None
            else (_n(c, "t4.direct.total") or 0) + (_n(c, "t4.after_review.total") or 0)
        ),
    ),
    Indicator("licensing", "行政许可决定数", "件", lambda c: _n(c, "t2.licensing.decisions")),
)
#: computed from the 依申请公开 records, not from the report (see :func:`_overdue_shares`)
OVERDUE = Indicator("overdue_share", "逾期答复比例（办理记录）", "%", lambda c: None)
INDICATORS = (*INDICATORS, OVERDUE)
BY_KEY = {i.key: i for i in INDICATORS}


def _overdue_shares(ids: list[int], year: int) -> dict[int, float]:
    """Per unit with records: the share of the year's applications answered late or still open
    after the deadline (条例第三十三条; :mod:`.applications_overview`)."""
    from django.utils import timezone

    from gongkai.web.applications.models import Application

    from .applications_overview import is_overdue

    today = timezone.localdate()
    totals: dict[int, list[int]] = {}
    rows = Application.objects.filter(agency_id__in=ids, received_on__year=year).values(
        "agency_id", "concluded_on", "reply_due", "extended_due", "extension_approved_on"
    )
    for row in rows:
        counts = totals.setdefault(row["agency_id"], [0, 0])
        counts[0] += 1
        counts[1] += is_overdue(row, today)
    return {pk: round(100 * late / n, 1) for pk, (n, late) in totals.items() if n}


@dataclass
class UnitBench:
    agency_id: int
    code: str
    name: str
    parent_id: int | None
    values: dict[str, float | None]
    previous: dict[str, float | None]
    reused_share: float | None
    ranks: dict[str, tuple[int, int]] = field(default_factory=dict)  # key → (rank, of)
    quartiles: dict[str, tuple[float, float, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Flag:
    agency_id: int
    code: str
    name: str
    key: str
    message: str
    decision: str = ""  # "", confirmed, dismissed
    note: str = ""


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return round(q1, 1), round(q2, 1), round(q3, 1)


def benchmark(root: Agency, year: int) -> list[UnitBench]:
    rows = units(root, year)
    ids = [r[0] for r in rows]
    parents = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "parent_id"))
    facts: dict[tuple[int, int], tuple[Cells, float | None]] = {
        key: (f.cells, f.reused_share) for key, f in unit_facts(ids, (year, year - 1)).items()
    }
    result: list[UnitBench] = []
    for pk, code, name, _kind, _parent in rows:
        if (pk, year) not in facts:
            continue
        cells, reused = facts[(pk, year)]
        prev_cells = facts.get((pk, year - 1), ({}, None))[0]
        result.append(
            UnitBench(
                pk,
                code,
                name,
                parents.get(pk),
                {i.key: i.compute(cells) for i in INDICATORS},
                {i.key: i.compute(prev_cells) if prev_cells else None for i in INDICATORS},
                reused,
            )
        )
    overdue = _overdue_shares([u.agency_id for u in result], year)
    for unit in result:
        unit.values[OVERDUE.key] = overdue.get(unit.agency_id)
    groups: dict[int | None, list[UnitBench]] = {}
    for unit in result:
        groups.setdefault(unit.parent_id, []).append(unit)
    for group in groups.values():
        for indicator in INDICATORS:
            values = sorted(
                (u.values[indicator.key] for u in group if u.values[indicator.key] is not None), reverse=True
            )
            if not values:
                continue
            quartiles = _quartiles(sorted(values))
            for unit in group:
                value = unit.values[indicator.key]
                if value is None:
                    continue
                unit.ranks[indicator.key] = (values.index(value) + 1, len(values))
                unit.quartiles[indicator.key] = quartiles
    return result


def flags(root: Agency, year: int, benches: list[UnitBench] | None = None) -> list[Flag]:
    benches = benchmark(root, year) if benches is None else benches
    change = settings.GONGKAI_BENCHMARK_CHANGE_PERCENT / 100
    minimum = settings.GONGKAI_BENCHMARK_CHANGE_MIN
    reuse = settings.GONGKAI_BENCHMARK_REUSE_PERCENT / 100
    raw: list[Flag] = []
    for u in benches:
        for key in ("received", "licensing"):
            label = BY_KEY[key].label
            value, before = u.values[key], u.previous[key]
            if (
                value is not None
                and before is not None
                and abs(value - before) >= minimum
                and abs(value - before) > change * max(before, 1)
            ):
                raw.append(
                    Flag(
                        u.agency_id,
                        u.code,
                        u.name,
                        f"{key}:change",
                        f"{label}由上年{before:g}变为{value:g}，变化超过{change:.0%}",
                    )
                )
            quartiles = u.quartiles.get(key)
            if value == 0 and quartiles and quartiles[1] > 0:
                raw.append(
                    Flag(
                        u.agency_id,
                        u.code,
                        u.name,
                        f"{key}:zero",
                        f"{label}为0，而同级单位中位数为{quartiles[1]:g}",
                    )
                )
        if u.reused_share is not None and u.reused_share >= reuse:
            raw.append(
                Flag(
                    u.agency_id,
                    u.code,
                    u.name,
                    "text:reused",
                    f"正文有{u.reused_share:.0%}与上年年度报告逐字相同",
                )
            )
    decisions = {
        (a, k): (d, n)
        for a, k, d, n in FlagDecision.objects.filter(
            year=year, agency_id__in=[f.agency_id for f in raw]
        ).values_list("agency_id", "key", "decision", "note")
    }
    return [
        Flag(f.agency_id, f.code, f.name, f.key, f.message, *decisions.get((f.agency_id, f.key), ("", "")))
        for f in raw
    ]


def as_number(value: float | None) -> float | int | Decimal | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
