"""The only code that changes an annual report; every change writes an audit event in its transaction.

Workflow (:data:`TRANSITIONS`): the clerk drafts and submits; the reviewer (审核人) passes it to the
负责人, who approves and publishes (条例第四十九条: by 31 January). Publishing runs the core's rules:
an error blocks; each warning needs a written explanation (``AnnualReport.explanations``).

The reporting-period lock: a published version is frozen (:class:`PublishedVersion`, with its
SHA-256). Later corrections to the year's records never change it; :func:`differences` lists where
the records now say otherwise, and :func:`publish_correction` publishes a new version with a note.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.report.jsonio import dumps, report_to_json
from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.tasks.engine import after_commit

from . import drafting
from .build import Built, build
from .models import AnnualReport, EarlierReport, PublishedVersion, SourceFigure, Status

#: status → (statuses it may move to, roles that may move it)
TRANSITIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Status.DRAFT: ((Status.IN_REVIEW,), (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.AGENCY_ADMIN)),
    Status.IN_REVIEW: ((Status.REVIEWED, Status.DRAFT), (Role.REVIEWER, Role.APPROVER)),
    Status.REVIEWED: ((Status.APPROVED, Status.DRAFT), (Role.APPROVER,)),
    Status.APPROVED: ((Status.PUBLISHED, Status.DRAFT), (Role.APPROVER,)),
    Status.PUBLISHED: ((), ()),
}
EDITORS = (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.AGENCY_ADMIN)
EDITABLE_SECTIONS = ("s1_overview", "s5_problems", "s6_other")


class PublishRefused(ValidationError):
    """The core's rules refuse the report (an error, or a warning without an explanation)."""


def report_for(actor: Any, agency: Agency, year: int) -> AnnualReport:
    """The agency's working copy for ``year``, created (as a draft) the first time."""
    scope.require(actor, agency, EDITORS)
    existing = AnnualReport.objects.filter(agency=agency, year=year).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        report = AnnualReport.objects.create(agency=agency, year=year)
        audit.record(actor, "annual.create", report, after={"year": year})
    return report


def edit_sections(actor: Any, report: AnnualReport, sections: dict[str, str]) -> AnnualReport:
    """Save the agency's texts of sections 一, 五 and 六 (only while the report is a draft)."""
    scope.require(actor, report.agency, EDITORS)
    if report.status != Status.DRAFT:
        raise ValidationError("只有草稿可以修改文字；已发布的报告请发布更正版本。")
    unknown = set(sections) - set(EDITABLE_SECTIONS)
    if unknown:
        raise ValidationError("只能修改第一、五、六部分的文字。")
    with transaction.atomic():
        before = dict(report.sections)
        report.sections = {**report.sections, **{k: v.strip() for k, v in sections.items()}}
        report.save(update_fields=["sections", "updated_at"])
        audit.record(
            actor, "annual.edit", report, before={"sections": before}, after={"sections": report.sections}
        )
    return report


def explain(actor: Any, report: AnnualReport, rule: str, text: str) -> AnnualReport:
    """Write the explanation a warning is published with."""
    scope.require(actor, report.agency, EDITORS)
    if not text.strip():
        raise ValidationError("请填写说明。")
    with transaction.atomic():
        report.explanations = {**report.explanations, rule: text.strip()}
        report.save(update_fields=["explanations", "updated_at"])
        audit.record(actor, "annual.explain", report, after={"rule": rule, "text": text.strip()})
    return report


def move(actor: Any, report: AnnualReport, target: str, *, note: str = "") -> AnnualReport:
    """Move the report along the workflow (not to 已发布: see :func:`publish`)."""
    allowed, roles = TRANSITIONS[report.status]
    if target not in allowed or target == Status.PUBLISHED:
        raise ValidationError(
            f"报告当前为“{Status(report.status).label}”，不能转为“{Status(target).label}”。"
        )
    scope.require(actor, report.agency, roles)
    with transaction.atomic():
        before = report.status
        report.status = target
        report.save(update_fields=["status", "updated_at"])
        audit.record(
            actor, "annual.status", report, before={"status": before}, after={"status": target}, note=note
        )
    return report


def gate(built: Built, explanations: dict[str, str]) -> list[str]:
    """Why the report may not be published yet (empty: it may)."""
    reasons = []
    for f in built.findings:
        if f.severity == "error":
            reasons.append(f"错误 [{f.rule}] {f.message}")
        elif f.severity == "warning" and not explanations.get(f.rule, "").strip():
            reasons.append(f"警告 [{f.rule}] 需要书面说明：{f.message}")
    for key, text in built.report.sections.items():
        if drafting.PLACEHOLDER in text:
            reasons.append(f"第{key}部分仍有“{drafting.PLACEHOLDER}”占位文字")
    return reasons


def _document(built: Built) -> dict[str, Any]:
    return report_to_json(built.report, built.findings)


def _hash(document: dict[str, Any]) -> str:
    return hashlib.sha256(dumps(document).encode("utf-8")).hexdigest()


def _new_version(actor: Any, report: AnnualReport, note: str, today: dt.date) -> PublishedVersion:
    built = build(report.agency, report.year, sections=report.sections, publish_date=today)
    reasons = gate(built, report.explanations)
    if reasons:
        raise PublishRefused(reasons)
    document = _document(built)
    document_hash = _hash(document)
    number = (report.latest_version().number if report.latest_version() else 0) + 1
    version = PublishedVersion.objects.create(
        report=report,
        number=number,
        document=document,
        sha256=document_hash,
        note=note,
        explanations={
            f.rule: report.explanations[f.rule] for f in built.findings if f.rule in report.explanations
        },
        published_by=actor,
        published_at=timezone.now(),
    )
    audit.record(
        actor, "annual.publish", report, after={"version": number, "sha256": document_hash}, note=note
    )
    from .tasks import render_published  # its files (PDF, DOCX, XLSX) are rendered after the commit

    after_commit(render_published, version.pk)
    return version


def publish(actor: Any, report: AnnualReport, *, today: dt.date | None = None) -> PublishedVersion:
    """The 负责人 publishes the approved report: version 1, frozen with its hash."""
    scope.require(actor, report.agency, (Role.APPROVER,))
    if report.status != Status.APPROVED:
        raise ValidationError("报告须经负责人批准后才能发布。")
    with transaction.atomic():
        version = _new_version(actor, report, "", today or timezone.localdate())
        report.status = Status.PUBLISHED
        report.save(update_fields=["status", "updated_at"])
    return version


@dataclass(frozen=True)
class Difference:
    key: str  # a cell id or a section key
    published: Any
    now: Any


def differences(report: AnnualReport) -> list[Difference]:
    """Where the records now differ from the latest published version (cells and section texts)."""
    version = report.latest_version()
    if version is None:
        return []
    built = build(report.agency, report.year, sections=report.sections)
    now = report_to_json(built.report)
    found = []
    for cid, value in now["cells"].items():
        if version.document["cells"].get(cid) != value:
            found.append(Difference(cid, version.document["cells"].get(cid), value))
    for key, text in now["sections"].items():
        if version.document["sections"].get(key) != text:
            found.append(Difference(key, version.document["sections"].get(key), text))
    return found


def publish_correction(
    actor: Any,
    report: AnnualReport,
    *,
    note: str,
    sections: dict[str, str] | None = None,
    today: dt.date | None = None,
) -> PublishedVersion:
    """Publish a corrected version with a note (the earlier versions stay, with their hashes)."""
    scope.require(actor, report.agency, (Role.APPROVER,))
    if report.status != Status.PUBLISHED:
        raise ValidationError("只有已发布的报告可以发布更正版本。")
    if not note.strip():
        raise ValidationError("请填写更正说明。")
    with transaction.atomic():
        if sections:
            unknown = set(sections) - set(EDITABLE_SECTIONS)
            if unknown:
                raise ValidationError("只能修改第一、五、六部分的文字。")
            report.sections = {**report.sections, **sections}
            report.save(update_fields=["sections", "updated_at"])
        if not differences(report):
            raise ValidationError("记录与已发布版本没有差异，无需更正。")
        # A correction keeps the report's date of publication (the first version's): the deadline of
        # art. 49 was met or missed by the report, not by its later correction (published_at says when).
        first = report.versions.order_by("number").first()
        original = first.document.get("publish_date") if first else None
        day = dt.date.fromisoformat(original) if original else (today or timezone.localdate())
        return _new_version(actor, report, note.strip(), day)


def set_source_figure(
    actor: Any, agency: Agency, year: int, cell_id: str, value: Any, source: str
) -> SourceFigure:
    """Enter a table 二 figure kept in another system, with its source."""
    from decimal import Decimal, InvalidOperation

    from .figures import ITEM1_CELLS, MONEY_CELL, OTHER_SYSTEM_CELLS

    scope.require(actor, agency, EDITORS)
    if cell_id not in OTHER_SYSTEM_CELLS + ITEM1_CELLS:
        raise ValidationError(f"{cell_id} 不是表二的单元格。")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(f"{cell_id} 的值“{value}”不是数字。") from None
    if number < 0 or (cell_id != MONEY_CELL and number != number.to_integral_value()):
        raise ValidationError(f"{cell_id} 的值应为非负{'数' if cell_id == MONEY_CELL else '整数'}。")
    if not source.strip():
        raise ValidationError("请注明数据来源（系统名称或文件）。")
    with transaction.atomic():
        figure, created = SourceFigure.objects.update_or_create(
            agency=agency,
            year=year,
            cell_id=cell_id,
            defaults={"value": number, "source": source.strip()[:300], "entered_by": actor},
        )
        audit.record(
            actor,
            "annual.figure",
            figure,
            agency=agency,
            after={"cell": cell_id, "value": str(number), "source": source.strip(), "created": created},
        )
    return figure


def import_figures(actor: Any, agency: Agency, year: int, rows: list[dict[str, str]], source: str) -> int:
    """Import table 二 figures (rows with ``cell`` and ``value`` columns) in one transaction."""
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            try:
                set_source_figure(
                    actor, agency, year, row.get("cell", "").strip(), row.get("value", ""), source
                )
            except ValidationError as exc:
                raise ValidationError(f"第{number}行：{'；'.join(exc.messages)}") from None
    return len(rows)


def due_date(year: int, kind: str = "department") -> dt.date:
    """条例第四十九条: the report of ``year`` is due in the next year — 部门 by 31 January, 本级政府 by
    31 March, others on the configured date (the supervision app's ``GONGKAI_REPORT_DUE_*``)."""
    from gongkai.web.supervision.deadlines import due_date as due_for_kind

    return due_for_kind(kind, year)


def calendar_state(report: AnnualReport | None, year: int, today: dt.date, kind: str = "department") -> str:
    """``published`` / ``not_yet`` (before 1 January) / ``due`` (reminders from 1 January) / ``overdue``."""
    if report is not None and report.status == Status.PUBLISHED:
        return "published"
    if today < dt.date(year + 1, 1, 1):
        return "not_yet"
    return "due" if today <= due_date(year, kind) else "overdue"


def reminder_counts(agency_ids: list[int], year: int) -> dict[int, int]:
    """How many annual-report reminders each agency received for ``year`` (:mod:`.reminders`)."""
    from django.db.models import Count

    from .models import ReportReminder

    rows = ReportReminder.objects.filter(agency_id__in=agency_ids, year=year).values("agency_id")
    return {r["agency_id"]: r["n"] for r in rows.annotate(n=Count("pk"))}


def reminders_of(agency: Agency, year: int) -> list[Any]:
    """The agency's annual-report reminders for ``year``, latest first (shown on the desk)."""
    from .models import ReportReminder

    return list(ReportReminder.objects.filter(agency=agency, year=year)[:20])


def record_earlier_report(actor: Any, agency: Agency, published: Any, file_name: str) -> EarlierReport:
    """Keep a report published before the platform (read by the core from any medium) as history.

    Its year must be known; it then serves as last year's report for the cross-year rules and as the
    history beside the records. Recording the same year again replaces it (audited).
    """
    from gongkai.report.jsonio import report_to_json

    if actor is not None:
        scope.require(actor, agency, EDITORS)
    if published.year is None:
        raise ValidationError(f"{file_name}：无法确定报告年度。")
    with transaction.atomic():
        earlier, _ = EarlierReport.objects.update_or_create(
            agency=agency,
            year=published.year,
            defaults={
                "file_name": file_name[:200],
                "document": report_to_json(published),
                "uploaded_by": actor,
            },
        )
        audit.record(
            actor, "annual.earlier", earlier, agency=agency, after={"year": published.year, "file": file_name}
        )
    return earlier
