"""Helpers for the supervision tests: published reports for the personas' agencies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import gongkai
from gongkai.web.agencies.models import Agency
from gongkai.web.supervision.demo import unit_report
from gongkai.web.supervision.records import mark

DATA = Path(__file__).parent / "data"


def publish(
    agency: Agency,
    year: int,
    np: int,
    com: int,
    *,
    on: dt.date,
    error: bool = False,
    origin: str | None = None,
) -> Any:
    """Upload a generated report for ``agency`` through the register's service; set its date."""
    from gongkai.web.disclosures.annual import upload

    report = unit_report(agency.name, year, np, com, error=error)
    data = gongkai.render(report, "html", charts=False)
    published = upload(agency, None, f"{agency.code}-{year}.html", data, year)
    return mark(published, origin=origin, published_on=on)
