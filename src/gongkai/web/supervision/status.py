"""Report status across a subtree: for a year, each unit's annual report published on time, late or missing.

A unit is every agency of the subtree (the root included) that existed on 31 December of the report
year. Its report is due on the art. 49 date for its kind (:mod:`.deadlines`). Status, as of
``today``:

- ``published`` — published on or before the due date;
- ``late`` — published after the due date;
- ``missing`` — not published (``overdue`` tells whether the due date has passed).

Where a publication comes from is a **source**: a function ``(agency ids, year) → {agency id:
Publication}``. :data:`SOURCES` lists them: the published reports (uploaded or imported,
:class:`UnitReport`) and the reports generated in gongkai from records and published there
(``gongkai.web.annual``, :func:`generated_reports`); when two sources know a unit, the earlier
publication counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import timezone

from gongkai.web.agencies.models import Agency, Kind

from .deadlines import due_date
from .models import Origin, UnitReport

PUBLISHED, LATE, MISSING = "published", "late", "missing"
STATUS_LABELS = {PUBLISHED: "按时公布", LATE: "逾期公布", MISSING: "未公布"}
KIND_LABELS = dict(Kind.choices)
ORIGIN_LABELS = dict(Origin.choices)


@dataclass(frozen=True)
class Publication:
    published_on: dt.date
    origin: str
    errors: int
    warnings: int
    changed: bool  # changed after publication (a later version's hash differs from the first)
    unit_report_id: int | None = None


Source = Callable[[list[int], int], dict[int, Publication]]


#: Above this many ids, a query fetches the whole year and filters in Python: an ``IN`` list of
#: thousands of parameters costs more to build than the rows it saves (bench/bench_supervision.py).
LARGE = 500


def published_reports(agency_ids: list[int], year: int) -> dict[int, Publication]:
    """The source of uploaded and imported reports (the disclosures app's store, with our facts)."""
    query = UnitReport.objects.filter(year=year)
    if len(agency_ids) <= LARGE:
        query = query.filter(agency_id__in=agency_ids)
    wanted = set(agency_ids)
    rows = query.values_list(
        "pk", "agency_id", "published_on", "origin", "errors", "warnings", "first_sha256", "current_sha256"
    )
    return {
        agency_id: Publication(published_on, origin, errors, warnings, first != current, pk)
        for pk, agency_id, published_on, origin, errors, warnings, first, current in rows
        if agency_id in wanted
    }


def generated_reports(agency_ids: list[int], year: int) -> dict[int, Publication]:
    """The source of reports generated from records and published in gongkai (the annual app).

    The publication date is the first version's (a correction keeps it, as the annual app does); the
    publish gate let no error through (0 errors); warnings = those published with a written
    explanation; changed after publication = a corrected version exists.
    """
    from gongkai.web.annual.models import PublishedVersion

    query = PublishedVersion.objects.filter(report__year=year, report__status="published")
    if len(agency_ids) <= LARGE:
        query = query.filter(report__agency_id__in=agency_ids)
    wanted = set(agency_ids)
    out: dict[int, Publication] = {}
    rows = query.order_by("report__agency_id", "number").values_list(
        "report__agency_id", "number", "document", "explanations", "published_at"
    )
    for agency_id, number, document, explanations, published_at in rows:
        if agency_id not in wanted:
            continue
        if agency_id in out:  # a later (corrected) version
            first = out[agency_id]
            out[agency_id] = Publication(first.published_on, first.origin, 0, first.warnings, True)
            continue
        text = (document or {}).get("publish_date")
        on = dt.date.fromisoformat(text) if text else timezone.localdate(published_at)
        out[agency_id] = Publication(on, Origin.GENERATED, 0, len(explanations or {}), number > 1)
    return out


SOURCES: list[Source] = [published_reports, generated_reports]
DEFAULT_SOURCES = tuple(SOURCES)


@dataclass(frozen=True)
class UnitStatus:
    agency_id: int
    code: str
    name: str
    kind: str
    parent: str
    due_on: dt.date
    status: str
    overdue: bool  # past the due date without a publication (only for missing)
    publication: Publication | None

    @property
    def status_label(self) -> str:
        if self.status == MISSING and not self.overdue:
            return "未公布（未到期）"
        return STATUS_LABELS[self.status]

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def origin_label(self) -> str:
        return str(ORIGIN_LABELS.get(self.publication.origin, "")) if self.publication else ""

    @property
    def days_late(self) -> int:
        if self.publication is None or self.status != LATE:
            return 0
        return (self.publication.published_on - self.due_on).days

    def to_json(self) -> dict[str, object]:
        p = self.publication
        return {
            "agency": self.code,
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            "due_on": self.due_on.isoformat(),
            "overdue": self.overdue,
            "published_on": p.published_on.isoformat() if p else None,
            "origin": p.origin if p else None,
            "errors": p.errors if p else None,
            "warnings": p.warnings if p else None,
            "changed_after_publication": p.changed if p else None,
        }


def units(root: Agency, year: int) -> list[tuple[int, str, str, str, str]]:
    """(id, code, name, kind, parent name) of the subtree's agencies existing on 31 December of ``year``."""
    ids = Agency.objects.subtree_ids([root.pk])
    query = Agency.objects.current(dt.date(year, 12, 31))
    if len(ids) <= LARGE:
        query = query.filter(pk__in=ids)
    rows = [r for r in query.values_list("pk", "code", "name", "kind", "parent_id") if r[0] in ids]
    names = {pk: name for pk, _c, name, _k, _p in rows}
    missing = {r[4] for r in rows if r[4] is not None and r[4] not in names}
    if missing:  # the root's own parent (outside the subtree)
        names.update(Agency.objects.filter(pk__in=missing).values_list("pk", "name"))
    rows.sort(key=lambda r: r[1])
    return [(pk, code, name, kind, names.get(parent, "")) for pk, code, name, kind, parent in rows]


_CACHE: dict[tuple[object, ...], list[UnitStatus]] = {}
_CACHE_SIZE = 16


def _fingerprint(year: int) -> tuple[object, ...]:
    """Changes whenever an agency or a unit's report for ``year`` is added, changed or removed."""
    agencies = Agency.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    reports = UnitReport.objects.filter(year=year).aggregate(n=Count("pk"), last=Max("updated_at"))
    from gongkai.web.annual.models import PublishedVersion

    generated = PublishedVersion.objects.filter(report__year=year).aggregate(n=Count("pk"), last=Max("pk"))
    return (agencies["n"], agencies["last"], reports["n"], reports["last"], generated["n"], generated["last"])


def subtree_status(
    root: Agency, year: int, today: dt.date, sources: Iterable[Source] | None = None
) -> list[UnitStatus]:
    """Every unit of ``root``'s subtree with its report status for ``year`` as of ``today``.

    With the default sources the result is kept in this process, keyed on the tables' fingerprint
    (two aggregate queries), so a province's status page is computed once per change, not per
    request. An in-process dict, not Django's cache: unpickling 6 000 rows from the local-memory
    cache cost more than computing them (bench/bench_supervision.py). The rows are immutable.
    """
    if sources is not None or tuple(SOURCES) != DEFAULT_SOURCES:
        return _compute(root, year, today, sources)
    dues = tuple(due_date(kind, year) for kind in Kind.values)  # a changed setting is a new key
    key = (root.pk, year, today, dues, _fingerprint(year))
    cached = _CACHE.get(key)
    if cached is None:
        cached = _compute(root, year, today, None)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = cached
    return cached


def _compute(root: Agency, year: int, today: dt.date, sources: Iterable[Source] | None) -> list[UnitStatus]:
    rows = units(root, year)
    ids = [r[0] for r in rows]
    known: dict[int, Publication] = {}
    for source in SOURCES if sources is None else sources:
        for agency_id, pub in source(ids, year).items():
            if agency_id not in known or pub.published_on < known[agency_id].published_on:
                known[agency_id] = pub
    dues: dict[str, dt.date] = {}
    result = []
    for pk, code, name, kind, parent in rows:
        due = dues.get(kind) or dues.setdefault(kind, due_date(kind, year))
        pub = known.get(pk)
        if pub is None:
            status, overdue = MISSING, today > due
        else:
            status, overdue = (PUBLISHED if pub.published_on <= due else LATE), False
        result.append(UnitStatus(pk, code, name, kind, parent or "", due, status, overdue, pub))
    return result


def publications(agency_ids: list[int], year: int) -> dict[int, Publication]:
    """Every source's publication of each of ``agency_ids`` for ``year`` (the earlier one wins)."""
    known: dict[int, Publication] = {}
    for source in SOURCES:
        for agency_id, pub in source(agency_ids, year).items():
            if agency_id not in known or pub.published_on < known[agency_id].published_on:
                known[agency_id] = pub
    return known


def summary(statuses: list[UnitStatus]) -> dict[str, int]:
    out = {PUBLISHED: 0, LATE: 0, MISSING: 0, "overdue": 0, "changed": 0, "with_errors": 0}
    for s in statuses:
        out[s.status] += 1
        out["overdue"] += s.overdue
        if s.publication:
            out["changed"] += s.publication.changed
            out["with_errors"] += s.publication.errors > 0
    return out
