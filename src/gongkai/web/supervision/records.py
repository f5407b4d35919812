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
    return unit


def cell_number(text: str) -> int | Decimal:
    """A stored cell back as a number (int when integral text, else Decimal)."""
    try:
        return int(text)
    except ValueError:
        return Decimal(text)
