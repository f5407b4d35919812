"""Applications across the subtree: overdue rates, response times, outcomes by unit, monthly trends.

Read from the 依申请公开 records (:class:`gongkai.web.applications.models.Application`) through the
scope (``visible_to``), for applications received in the year. An application is **overdue** when
it was concluded after the deadline that applied (``effective_due``: the extended one once an
extension was approved, 条例第三十三条), or is still open after it as of today. Response time is
counted in calendar days from receipt to conclusion (the statutory clock counts working days; the
case page explains each case's own deadline).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application

#: response-time buckets in calendar days: (upper bound inclusive, label)
BUCKETS: tuple[tuple[int, str], ...] = (
    (5, "5天以内"),
    (10, "6–10天"),
    (20, "11–20天"),
    (30, "21–30天"),
    (45, "31–45天"),
    (10**6, "45天以上"),
)


@dataclass
class UnitApplications:
    code: str
    name: str
    received: int = 0
    concluded: int = 0
    overdue: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def top_outcomes(self) -> list[tuple[str, int]]:
        """The three commonest outcomes with their Chinese labels (table 三's rows)."""
        from gongkai.web.applications.models import Application

        labels = dict(Application._meta.get_field("outcome").choices or [])
        return [(str(labels.get(key, key)), n) for key, n in self.outcomes.most_common(3)]

    @property
    def overdue_rate(self) -> float | None:
        return None if not self.received else round(100 * self.overdue / self.received, 1)


def is_overdue(row: dict[str, Any], today: dt.date) -> bool:
    due = row["extended_due"] if row["extension_approved_on"] else row["reply_due"]
    if due is None:
        return False
    end = row["concluded_on"] or today
    return bool(end > due)


def overview(user: Any, root: Agency, year: int, today: dt.date) -> dict[str, Any]:
    ids = Agency.objects.subtree_ids([root.pk])
    rows = (
        Application.objects.visible_to(user)
        .filter(agency_id__in=ids, received_on__year=year)
        .values(
            "agency__code", "agency__name", "received_on", "concluded_on", "reply_due", "extended_due",
            "extension_approved_on", "outcome",
        )
    )  # fmt: skip
    by_unit: dict[str, UnitApplications] = {}
    months = [0] * 12
    buckets = Counter[str]()
    for row in rows:
        unit = by_unit.setdefault(
            row["agency__code"], UnitApplications(row["agency__code"], row["agency__name"])
        )
        unit.received += 1
        months[row["received_on"].month - 1] += 1
        if row["concluded_on"]:
            unit.concluded += 1
            days = (row["concluded_on"] - row["received_on"]).days
            buckets[next(label for bound, label in BUCKETS if days <= bound)] += 1
        if row["outcome"]:
            unit.outcomes[row["outcome"]] += 1
        unit.overdue += is_overdue(row, today)
    units = sorted(by_unit.values(), key=lambda u: (-(u.overdue_rate or 0), u.code))
    return {
        "units": units,
        "months": [(f"{m}月", n) for m, n in enumerate(months, 1)],
        "buckets": [(label, buckets[label]) for _b, label in BUCKETS],
        "received": sum(u.received for u in units),
        "overdue": sum(u.overdue for u in units),
    }


def unit_cases(user: Any, unit: Agency, year: int) -> Any:
    return (
        Application.objects.visible_to(user)
        .filter(agency=unit, received_on__year=year)
        .only(
            "tracking_number",
            "received_on",
            "state",
            "outcome",
            "reply_due",
            "extended_due",
            "concluded_on",
            "extension_approved_on",
        )
        .order_by("received_on", "pk")
    )
