"""Workflow, the publish gate, the art. 49 calendar, the period lock and the version history."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.report.findings import Finding, Severity
from gongkai.report.jsonio import dumps
from gongkai.report.model import Cell
from gongkai.web.annual import services
from gongkai.web.annual.build import build
from gongkai.web.annual.models import AnnualReport, Status
from gongkai.web.appeals.mapping import Result
from gongkai.web.audit.models import AuditEvent

from ..appeals.helpers import make_case
from .authz import published
from .helpers import replied

pytestmark = pytest.mark.django_db
D = dt.date


def _approved(personas, year: int = 2025) -> AnnualReport:
    u = personas.users
    report = services.report_for(u["clerk"], personas.bureau, year)
    services.edit_sections(u["clerk"], report, {"s5_problems": "（一）问题。\n（二）改进。"})
    services.move(u["clerk"], report, Status.IN_REVIEW)
    services.move(u["reviewer"], report, Status.REVIEWED)
    return services.move(u["approver"], report, Status.APPROVED)


def test_draft_review_approval_publication(personas) -> None:
    """条例第四十九条: the 负责人 publishes; every step audited."""
    report = _approved(personas)
    version = services.publish(personas.users["approver"], report, today=D(2026, 1, 20))
    assert version.number == 1 and report.status == Status.PUBLISHED
    assert version.sha256 == hashlib.sha256(dumps(version.document).encode()).hexdigest()
    assert version.document["publish_date"] == "2026-01-20"
    verbs = list(AuditEvent.objects.filter(verb__startswith="annual.").values_list("verb", flat=True))
    assert verbs.count("annual.status") == 3 and "annual.publish" in verbs


def test_only_the_approver_publishes_and_only_after_approval(personas) -> None:
    u = personas.users
    report = services.report_for(u["clerk"], personas.bureau, 2025)
    with pytest.raises(PermissionDenied):
        services.publish(u["clerk"], report)
    with pytest.raises(ValidationError, match="批准"):
        services.publish(u["approver"], report)
    with pytest.raises(ValidationError):
        services.move(u["clerk"], report, Status.APPROVED)  # skipping review
    services.move(u["clerk"], report, Status.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        services.move(u["clerk"], report, Status.REVIEWED)  # the clerk does not review


def test_placeholder_text_blocks_publication(personas) -> None:
    u = personas.users
    report = services.report_for(u["clerk"], personas.bureau, 2025)  # 五 is the drafted frame
    services.move(u["clerk"], report, Status.IN_REVIEW)
    services.move(u["reviewer"], report, Status.REVIEWED)
    services.move(u["approver"], report, Status.APPROVED)
    with pytest.raises(services.PublishRefused, match="占位"):
        services.publish(u["approver"], report)


def test_gate_error_blocks_and_warning_needs_an_explanation(personas) -> None:
    built = build(personas.bureau, 2025)
    assert services.gate(built, {}) != []  # the drafted 五 still has its placeholders
    built.report.sections["s5_problems"] = "无。"
    assert services.gate(built, {}) == []
    built.findings.append(Finding("PUBLICATION-DEADLINE", Severity.WARNING, "晚了"))
    assert any("书面说明" in r for r in services.gate(built, {}))
    assert services.gate(built, {"PUBLICATION-DEADLINE": "因系统迁移延迟发布"}) == []
    built.findings.append(Finding("T4-BLOCK-TOTAL", Severity.ERROR, "总计不符"))
    assert any(r.startswith("错误") for r in services.gate(built, {"PUBLICATION-DEADLINE": "x"}))


def test_late_publication_needs_a_written_explanation(personas) -> None:
    """条例第四十九条: published after the deadline → the core warns; the warning must be explained."""
    report = _approved(personas)
    with pytest.raises(services.PublishRefused, match="PUBLICATION-DEADLINE"):
        services.publish(personas.users["approver"], report, today=D(2026, 4, 10))
    services.explain(personas.users["clerk"], report, "PUBLICATION-DEADLINE", "机构调整，延期发布")
    version = services.publish(personas.users["approver"], report, today=D(2026, 4, 10))
    assert any(f["rule"] == "PUBLICATION-DEADLINE" for f in version.document["findings"])
    assert version.explanations == {"PUBLICATION-DEADLINE": "机构调整，延期发布"}


def test_calendar_of_article_49() -> None:
    assert services.due_date(2025) == D(2026, 1, 31)
    assert services.calendar_state(None, 2025, D(2025, 12, 31)) == "not_yet"
    assert services.calendar_state(None, 2025, D(2026, 1, 1)) == "due"  # reminders from 1 January
    assert services.calendar_state(None, 2025, D(2026, 1, 31)) == "due"
    assert services.calendar_state(None, 2025, D(2026, 2, 1)) == "overdue"


def test_period_lock_lists_differences_and_publishes_a_correction(personas) -> None:
    report = published(personas)
    first = report.latest_version()
    assert services.differences(report) == []
    with pytest.raises(ValidationError, match="没有差异"):
        services.publish_correction(personas.users["approver"], report, note="无")
    # A case decided in 2025 is recorded late: the published version does not change.
    make_case(personas, filed=D(2025, 6, 1), decided=D(2025, 9, 1), result=Result.REVOKED)
    replied(personas, D(2025, 8, 4))
    first.refresh_from_db()
    assert first.document["cells"]["t4.review.correct"] == 0
    keys = {d.key for d in services.differences(report)}
    assert {"t4.review.correct", "t4.review.total", "t3.new_received.tot", "s1_overview"} <= keys
    with pytest.raises(ValidationError, match="更正说明"):
        services.publish_correction(personas.users["approver"], report, note=" ")
    with pytest.raises(ValidationError, match="草稿"):
        services.edit_sections(personas.users["clerk"], report, {"s5_problems": "改"})
    second = services.publish_correction(personas.users["approver"], report, note="补录复议案件1件、申请1件")
    assert second.number == 2 and second.note and second.sha256 != first.sha256
    assert second.document["cells"]["t4.review.correct"] == 1
    assert list(report.versions.values_list("number", flat=True)) == [1, 2]
    assert services.differences(report) == []


def test_next_years_carry_over_is_last_years_carry_forward(personas) -> None:
    register_open = replied(personas, D(2025, 12, 20), on=D(2026, 1, 8))
    assert register_open.concluded_on == D(2026, 1, 8)
    make_case(personas, filed=D(2025, 12, 1))
    r25, r26 = build(personas.bureau, 2025).report, build(personas.bureau, 2026).report
    assert r26.value("t3.carried_over.tot") == r25.value("t3.carry_forward.tot") == 1
    assert r25.value("t4.review.pending") == 1 and r26.value("t4.review.pending") == 1


def test_carried_over_differs_from_an_earlier_published_report_is_a_warning(personas) -> None:
    from gongkai.report.jsonio import report_to_json
    from gongkai.web.annual.models import EarlierReport

    last = build(personas.bureau, 2024).report
    last.cells["t3.carry_forward.np"] = Cell("t3.carry_forward.np", 2)
    EarlierReport.objects.create(
        agency=personas.bureau, year=2024, file_name="2024.pdf", document=report_to_json(last)
    )
    assert "CARRY-OVER" in {f.rule for f in build(personas.bureau, 2025).findings}
