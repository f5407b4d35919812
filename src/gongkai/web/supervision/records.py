"""Keeping :class:`UnitReport` in step with the published reports (the disclosures app's store).

:func:`record_publication` is called for every saved :class:`AnnualReport` (a ``post_save`` receiver
in :mod:`.signals`, so it runs in the uploading service's transaction): it reads the file once with
the core, keeps the error and warning counts and the numeric cells, and records the file's hash as a
new :class:`ReportVersion` when it has not been seen. The first publication date and the first hash
are never overwritten: a later upload of a different file is a change after publication.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Report

from .models import Origin, ReportVersion, UnitReport


def numeric_cells(report: Report) -> dict[str, str]:
    """The report's numeric cells as text (exact: ints and Decimals), for the JSON column."""
    out: dict[str, str] = {}
    for cid, cell in report.cells.items():
        if cell.is_number:
            out[cid] = str(cell.value)
    return out


def counts(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    return errors, warnings


def record_publication(
    annual_report: Any, *, origin: str | None = None, published_on: dt.date | None = None
) -> UnitReport:
    """Create or update the facts of ``annual_report`` (an AnnualReport); see the module docstring."""
    data = bytes(annual_report.data)
    try:
        report = gongkai.read(annual_report.name, data)
        findings = gongkai.check(report)
    except GongkaiError:  # the disclosures service refuses unreadable files; stay safe anyway
        report, findings = None, []
    errors, warnings = counts(findings)
    facts = {
        "reused_share": _reused_share(annual_report, report) if report else None,
        "annual_report": annual_report,
        "report_format": report.format if report else annual_report.report_format,
        "errors": errors,
        "warnings": warnings,
        "cells": numeric_cells(report) if report else {},
        "current_sha256": annual_report.sha256,
    }
    unit = UnitReport.objects.filter(agency_id=annual_report.agency_id, year=annual_report.year).first()
    if unit is None:
        uploaded = annual_report.uploaded_at or timezone.now()
        unit = UnitReport.objects.create(
            agency_id=annual_report.agency_id,
            year=annual_report.year,
            origin=origin or Origin.UPLOADED,
            published_on=published_on or timezone.localdate(uploaded),
            first_sha256=annual_report.sha256,
            **facts,
        )
    else:
        for key, value in facts.items():
            setattr(unit, key, value)
        if origin:
            unit.origin = origin
        if published_on:
            unit.published_on = published_on
        unit.save()
    ReportVersion.objects.get_or_create(unit_report=unit, sha256=annual_report.sha256)
    _refresh_next_year(unit, report)
    return unit


def mark(annual_report: Any, *, origin: str | None = None, published_on: dt.date | None = None) -> UnitReport:
    """Set the origin and publication date of a report already recorded (no re-reading)."""
    unit = UnitReport.objects.filter(agency_id=annual_report.agency_id, year=annual_report.year).first()
    if unit is None:
        return record_publication(annual_report, origin=origin, published_on=published_on)
    if origin:
        unit.origin = origin
    if published_on:
        unit.published_on = published_on
    unit.save(update_fields=["origin", "published_on", "updated_at"])
    return unit


def _refresh_next_year(unit: UnitReport, report: Report | None) -> None:
    """Last year's report arrived after this year's: recompute this year's reused share."""
    following = (
        UnitReport.objects.filter(agency_id=unit.agency_id, year=unit.year + 1, annual_report__isnull=False)
        .select_related("annual_report")
        .first()
    )
    if following is None or report is None or following.annual_report is None:
        return
    try:
        later = gongkai.read(following.annual_report.name, bytes(following.annual_report.data))
        share: float | None = gongkai.compare(report, later).overall_verbatim_share
    except GongkaiError:
        return
    UnitReport.objects.filter(pk=following.pk).update(reused_share=share)


def _reused_share(annual_report: Any, report: Report) -> float | None:
    """The verbatim share of last year's text in this report (:func:`gongkai.compare`), if both exist."""
    previous = (
        type(annual_report)
        .objects.filter(agency_id=annual_report.agency_id, year=annual_report.year - 1)
        .first()
    )
    if previous is None:
        return None
    try:
        earlier = gongkai.read(previous.name, bytes(previous.data))
        share: float | None = gongkai.compare(earlier, report).overall_verbatim_share
    except GongkaiError:
        return None
    return share


def cell_number(text: str) -> int | Decimal:
    """A stored cell back as a number (int when integral text, else Decimal)."""
    try:
        return int(text)
    except ValueError:
        return Decimal(text)
