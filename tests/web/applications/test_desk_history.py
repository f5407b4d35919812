"""The case trail in Chinese: every action the services write has a Chinese name, every field a
Chinese label, every state its Chinese label — ``状态：已登记 → 审查办理中``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gongkai.web.applications import assignment, history, notes, services
from gongkai.web.applications import workflow as wf
from gongkai.web.applications.models import Attachment
from gongkai.web.audit import record
from gongkai.web.audit.models import AuditEvent

from .helpers import register

pytestmark = pytest.mark.django_db

PACKAGE = Path(services.__file__).parent


def test_every_verb_written_in_the_package_has_a_chinese_name() -> None:
    written = set()
    for path in PACKAGE.rglob("*.py"):
        written |= set(re.findall(r"\"((?:application|letter|attachment|note)\.[a-z_]+)\"", path.read_text()))
    written |= {f"application.{a.value}" for a in wf.Action}
    missing = sorted(v for v in written if v not in history.VERB_LABELS)
    assert not missing, f"add Chinese names to applications/history.py VERB_LABELS: {missing}"


def _full_flow(personas):
    clerk, reviewer = personas.users["clerk"], personas.users["reviewer"]
    app = register(personas.bureau, clerk)
    app = services.update_details(app, clerk, app.version, {"applicant_phone": "13900000000"})
    assignment.assign(app, reviewer, clerk)
    notes.add_note(app, clerk, "已电话联系申请人。")
    app = services.request_correction(
        app, clerk, app.version, items="请写明年份。", notice_on=dt.date(2026, 1, 21)
    )
    app = services.record_supplement(app, clerk, app.version, received_on=dt.date(2026, 1, 26))
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=dt.date(2026, 1, 27)
    )
    app = services.end_consultation(app, clerk, app.version, answered_on=dt.date(2026, 2, 2), opinion="同意")
    app = services.request_extension(app, clerk, app.version, reason="信息量大")
    app = services.reject_extension(app, personas.users["approver"], app.version)
    app = services.request_extension(app, clerk, app.version, reason="信息量大，需调档")
    app = services.approve_extension(app, personas.users["approver"], app.version, on=dt.date(2026, 2, 10))
    app = services.decide(app, clerk, app.version, outcome="granted", decision_text="予以公开。")
    app = services.issue_fee_notice(
        app, clerk, app.version, method="per_volume", quantity=300, issued_on=dt.date(2026, 2, 12)
    )  # within the reply period (109号: no fee notice after the reply deadline)
    app = services.record_payment(app, clerk, app.version, paid_on=dt.date(2026, 2, 13))
    for letter in app.letters.filter(sent_at__isnull=True).exclude(kind="reply"):
        app.refresh_from_db()
        services.send_letter(letter, clerk, app.version, on=dt.date(2026, 2, 11))
    app.refresh_from_db()
    reply = app.letters.get(kind="reply")
    services.edit_letter(
        reply,
        clerk,
        app.version,
        title=reply.title,
        addressee=reply.addressee,
        body=reply.body + "\n特此告知。",
    )
    app.refresh_from_db()
    services.send_letter(reply, clerk, app.version)
    app.refresh_from_db()
    app = services.close(app, clerk, app.version)
    from django.db import transaction

    with transaction.atomic():
        att = Attachment.objects.create(
            application=app,
            name="补正材料.pdf",
            content_type="application/pdf",
            size=1,
            data=b"x",
            sha256="0" * 64,
        )
        record(clerk, "attachment.add", att, after={"name": att.name, "sha256": att.sha256})
    # the other endings
    abandoned = register(personas.bureau, clerk)
    abandoned = services.request_correction(
        abandoned, clerk, abandoned.version, items="x", notice_on=dt.date(2026, 1, 21)
    )
    services.mark_abandoned(abandoned, clerk, abandoned.version, on=dt.date(2026, 3, 20))
    withdrawn = register(personas.bureau, clerk)
    services.withdraw(withdrawn, clerk, withdrawn.version, note="申请人来电撤回")
    return app


def test_the_trail_of_a_full_case_is_chinese(personas, client_for) -> None:
    app = _full_flow(personas)
    rows = history.case_trail(app, personas.users["reviewer"])
    verbs = {r.verb for r in rows}
    assert {"application.register", "application.update", "application.assign", "application.note",
            "letter.draft", "letter.edit", "letter.send", "attachment.add", "application.close"} <= verbs  # fmt: skip
    for row in rows:
        assert row.action != history.OTHER_ACTION, row.verb
        for label, old, new in row.changes:
            assert label != history.OTHER_FIELD, (row.verb, label)
            assert not re.search(r"[a-z]+_[a-z]+", f"{label}{old}{new}"), (row.verb, label, old, new)
    states = [c for r in rows for c in r.changes if c[0] == "办理状态" and not r.created]
    assert ("办理状态", "已登记", "已告知补正") in states
    assert ("办理状态", "已作出决定", "待缴纳信息处理费") in states
    page = client_for("reviewer").get(f"/applications/case/{app.tracking_number}/").content.decode()
    trail = page[page.index('data-testid="case-history"') :]
    trail = trail[: trail.index("</table>")]
    assert "办理状态：已登记 → 已告知补正" in trail
    assert "承办人：— → 李经办（clerk）" in trail
    for raw in ("registered", "under_review", "application.", "letter.", "state", "outcome", "→ granted"):
        assert raw not in re.sub(r'title="[^"]*"', "", trail), raw


def test_other_endings_and_system_events_are_named(personas) -> None:
    _full_flow(personas)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"application.mark_abandoned", "application.withdraw"} <= verbs
    assert all(history.action_label(v) != history.OTHER_ACTION for v in verbs)
    assert history.action_label("application.recompute_clock") == "重新计算期限"
    assert history.action_label("something.new") == history.OTHER_ACTION


def test_the_trail_is_only_for_readers_of_the_agency(personas) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    assert history.case_trail(app, personas.users["other_agency_clerk"]) == []
    assert history.case_trail(app, personas.users["supervisor"])
