"""Issue 9 item 3 (December): a case whose dates reach a year without its 国务院办公厅 notice gets 暂定
dates — stored, shown as 暂定 with the reason, usable for an extension and reminders — and they become
final when the notice is imported (domain.md §12.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.law import compose_clock
from gongkai.web.applications import services
from gongkai.web.applications.models import Application
from gongkai.web.audit.models import AuditEvent
from gongkai.web.calendar.services import replace_years, work_calendar

from .helpers import register

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 2)

#: A 2027 notice in the General Office's words (test data: 元旦 with a made-up bridge Monday).
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知（测试）
一、元旦：1月1日（周五）至4日（周一）放假，共4天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。
三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。10月9日（周六）上班。
"""


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "today", lambda: TODAY)


def _import_2027(capture) -> None:  # type: ignore[no-untyped-def]
    from gongkai.law.notice import parse_notice_text

    with capture(execute=True):
        replace_years(list(parse_notice_text(NOTICE_2027).records()), note="测试")


def test_december_case_shows_provisional_dates_not_an_error(personas, client_for) -> None:
    app = register(personas.bureau, personas.users["clerk"], received=TODAY)
    assert app.clock_error == ""
    assert app.reply_due == dt.date(2026, 12, 30) and not app.reply_due_provisional
    assert app.extended_due == dt.date(2027, 1, 28) and app.extended_due_provisional
    assert app.clock_provisional and app.clock["provisional_years"] == [2027]
    assert "2027年国务院办公厅节假日安排尚未导入" in app.provisional_reasons[0]
    page = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    extended = page.split('data-testid="extended-due">')[1].split("</dd>")[0]
    reply = page.split('data-testid="reply-due">')[1].split("</dd>")[0]
    assert "2027-01-28" in extended and "暂定" in extended
    assert "暂定" not in reply
    assert 'data-testid="provisional-reasons"' in page
    assert "按周末和法定节日暂定" in page


def test_platform_stores_what_the_composer_computes(personas) -> None:
    """One composer: the platform's stored clock is compose_clock's result, as the CLI prints it."""
    app = register(personas.bureau, personas.users["clerk"], received=TODAY)
    clock = compose_clock(TODAY, work_calendar(), policy=services.clock_policy())
    assert app.clock == clock.to_json()
    assert (app.reply_due, app.extended_due) == (clock.reply.due, clock.extended_reply.due)


def test_extension_is_approved_on_a_provisional_date(personas, client_for) -> None:
    """条例第三十三条第二款: the extension may be approved; its date is 暂定 until the notice comes."""
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, received=TODAY)
    app = services.start_review(app, clerk, app.version)
    app = services.request_extension(app, clerk, app.version, reason="需要检索的信息较多")
    app = services.approve_extension(app, personas.users["approver"], app.version)
    assert app.extension_approved_on == TODAY
    # 条例第三十三条第二款: in force once the 延期答复告知书 is sent — on a provisional date too.
    services.send_letter(app.letters.get(kind="extension"), clerk, app.version, on=TODAY)
    app.refresh_from_db()
    assert app.effective_due == dt.date(2027, 1, 28) and app.effective_due_provisional
    # Reminders run on the provisional date (3 days before, 08:00).
    assert app.next_reminder_at is not None and app.next_reminder_at.date() == dt.date(2027, 1, 25)
    letter = app.letters.get(kind="extension")
    assert "2027年1月28日（暂定" in letter.body
    listing = client_for("clerk").get("/applications/").content.decode()
    assert 'data-testid="provisional-mark"' in listing


def test_importing_the_notice_makes_the_dates_final(personas, django_capture_on_commit_callbacks) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, received=TODAY)
    final = register(personas.bureau, clerk, received=dt.date(2026, 3, 2))
    before_events = AuditEvent.objects.filter(verb="application.recompute_clock").count()
    _import_2027(django_capture_on_commit_callbacks)
    app.refresh_from_db()
    assert not app.clock_provisional and not app.extended_due_provisional
    assert app.extended_due == dt.date(2027, 1, 29)  # the imported bridge day 1-4 moves it by one
    assert app.clock["provisional"] is False
    events = AuditEvent.objects.filter(verb="application.recompute_clock")
    assert events.count() == before_events + 1
    event = events.order_by("-pk").first()
    assert event.object_id == str(app.pk)
    assert event.before["extended_due"] == "2027-01-28" and event.after["extended_due"] == "2027-01-29"
    final.refresh_from_db()
    assert final.reply_due == dt.date(2026, 3, 30)  # untouched, not re-audited


def test_bulk_recompute_is_a_fixed_number_of_queries(personas, django_assert_max_num_queries) -> None:
    """200 open cases are recomputed with a handful of queries: one calendar, one bulk_update."""
    first = register(personas.bureau, personas.users["clerk"], received=TODAY)
    clones = []
    for n in range(199):
        clone = Application.objects.get(pk=first.pk)
        clone.pk = None
        clone.tracking_number = f"XC-EDUCATION-2026-{n + 100:06d}"
        clone.idempotency_key = None
        clone.extended_due = None  # stale: every case must be rewritten
        clones.append(clone)
    Application.objects.bulk_create(clones)
    with django_assert_max_num_queries(15):
        changed = services.recompute_open_clocks()
    assert changed == 199
    assert not Application.objects.filter(extended_due__isnull=True).exists()
    assert Application.objects.filter(clock_provisional=True).count() == 200


def test_reminder_on_a_provisional_date_says_so(personas, django_capture_on_commit_callbacks) -> None:
    from zoneinfo import ZoneInfo

    from django.core import mail

    from gongkai.web.applications.reminders import send_due_reminders

    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, received=TODAY)
    app = services.start_review(app, clerk, app.version)
    app = services.request_extension(app, clerk, app.version, reason="x")
    app = services.approve_extension(app, personas.users["approver"], app.version)
    services.send_letter(app.letters.get(kind="extension"), clerk, app.version, on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the commit
        run = send_due_reminders(dt.datetime(2027, 1, 25, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert run.due_soon == 1
    assert "答复期限为2027-01-28（暂定）" in mail.outbox[0].body
    assert "2027年国务院办公厅节假日安排尚未导入" in mail.outbox[0].body


def test_receipt_letter_marks_a_provisional_reply_date() -> None:
    from gongkai.web.applications.letters import LetterContext, LetterKind, draft

    ctx = LetterContext(
        agency_name="新城县教育局",
        applicant_name="张三",
        tracking_number="XC-1",
        received=dt.date(2026, 12, 21),
        description="x",
        today=dt.date(2026, 12, 21),
        reply_due=dt.date(2027, 1, 19),
        provisional_years=frozenset({2027}),
    )
    body = draft(LetterKind.RECEIPT, ctx).body
    assert "2027年1月19日（暂定，2027年节假日安排公布后如有变化，以重新计算的期限为准）前" in body
    final = draft(
        LetterKind.RECEIPT, LetterContext(**{**ctx.__dict__, "provisional_years": frozenset()})
    ).body
    assert "暂定" not in final


def test_consultation_date_in_next_year_is_marked(personas, client_for) -> None:
    """条例第三十二条: 15 working days from 2026-12-20 reach 2027 — shown 暂定 on the case page."""
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, received=TODAY)
    app = services.start_review(app, clerk, app.version)
    app = services.consult(  # delivered by e-mail: received the day it is sent (条例第三十二条)
        app,
        clerk,
        app.version,
        kind="third_party",
        party_name="某公司",
        sent_on=TODAY,
        delivery_method="email",
    )
    consultation = app.consultations.get()
    assert consultation.reply_due == dt.date(2026, 12, 23)  # 15 WD after 12-02 stays in 2026: final
    page = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    row = page.split("某公司")[1].split("</tr>")[0]
    assert "暂定" not in row
    from gongkai.web.applications.models import Consultation

    Consultation.objects.filter(pk=consultation.pk).update(reply_due=dt.date(2027, 1, 5))
    page = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    row = page.split("某公司")[1].split("</tr>")[0]
    assert "2027-01-05" in row and "暂定" in row
