"""Services: the only code that changes applications — roles, table, clock, audit, versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.web.applications import services
from gongkai.web.applications.models import Application, Letter
from gongkai.web.audit.models import AuditEvent

from .helpers import DETAILS, register

pytestmark = pytest.mark.django_db


def test_register_computes_clock_and_tracking_number(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    assert app.tracking_number == "XCEDUC-2026-0001"
    assert register(personas.bureau, clerk).tracking_number == "XCEDUC-2026-0002"
    # domain.md §8 worked example: receipt 2026-01-20 → 2026-02-24 (across 春节), extended 2026-03-23.
    assert app.reply_due == dt.date(2026, 2, 24)
    assert app.extended_due == dt.date(2026, 3, 23)
    assert app.clock["deadlines"]["reply"]["due"] == "2026-02-24"
    assert app.state == "registered"
    assert "签收" in app.received_basis
    assert AuditEvent.objects.filter(verb="application.register", object_id=str(app.pk)).count() == 1
    assert app.letters.get().kind == "receipt"


def test_staff_intake_needs_office_role(personas) -> None:
    for name in ("supervisor", "other_agency_clerk", "applicant", "agency_admin"):
        with pytest.raises(PermissionDenied):
            register(personas.bureau, personas.users[name])


def test_idempotency_key_gives_one_application(personas) -> None:
    clerk = personas.users["clerk"]
    kwargs = dict(
        agency=personas.bureau, actor=clerk, channel="letter", received_on=dt.date(2026, 1, 20), data=DETAILS
    )
    a, _ = services.register(**kwargs, idempotency_key="same")
    b, _ = services.register(**kwargs, idempotency_key="same")
    assert a.pk == b.pk and Application.objects.count() == 1


def test_online_anonymous_gets_secret(personas) -> None:
    app, secret = services.register(
        agency=personas.bureau,
        actor=None,
        channel="online",
        received_on=services.today(),
        data=DETAILS,
        online=True,
    )
    assert secret and app.check_secret(secret) and not app.check_secret("wrong")
    assert app.letters.get().is_sent  # the receipt is sent at once online


def test_category_must_match_type(personas) -> None:
    with pytest.raises(services.ServiceError, match="自然人"):
        register(personas.bureau, personas.users["clerk"], applicant_category="com")


def test_future_receipt_refused(personas) -> None:
    with pytest.raises(services.ServiceError, match="不能晚于今天"):
        register(personas.bureau, personas.users["clerk"], received=services.today() + dt.timedelta(days=1))


def test_stale_version_overwrites_nothing(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    read_version = app.version
    services.start_review(app, clerk, read_version)
    with pytest.raises(services.StaleVersionError, match="已被他人修改"):
        services.request_correction(app, clerk, read_version, items="x", notice_on=dt.date(2026, 1, 21))
    app.refresh_from_db()
    assert app.state == "under_review" and app.correction_items == ""


def test_correction_supplement_restarts_clock(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.request_correction(
        app, clerk, app.version, items="请写明文件名称", notice_on=dt.date(2026, 1, 22)
    )
    assert app.state == "correction_requested" and app.supplement_deadline is not None
    assert app.letters.get(kind="correction").sent_on == dt.date(2026, 1, 22)
    app = services.record_supplement(app, clerk, app.version, received_on=dt.date(2026, 2, 2))
    assert app.state == "supplemented"
    assert app.clock["deadlines"]["reply"]["start"] == "2026-02-02"
    assert app.reply_due > dt.date(2026, 2, 24)


def test_abandoned_only_after_period(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.request_correction(app, clerk, app.version, items="x", notice_on=dt.date(2026, 1, 22))
    with pytest.raises(services.ServiceError, match="尚未届满"):
        services.mark_abandoned(app, clerk, app.version, on=app.supplement_deadline)
    app = services.mark_abandoned(app, clerk, app.version, on=app.supplement_deadline + dt.timedelta(days=1))
    assert app.state == "abandoned" and app.outcome == "other_no_correction" and app.concluded_on


def test_consultation_pauses_clock(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=dt.date(2026, 1, 26)
    )
    assert app.state == "consulting"
    app = services.end_consultation(
        app, clerk, app.version, answered_on=dt.date(2026, 2, 6), opinion="不同意", objects=True
    )
    assert app.state == "under_review"
    assert app.reply_due > dt.date(2026, 2, 24)
    assert app.clock["pauses"]


def test_extension_needs_approver_and_only_once(personas) -> None:
    clerk, approver = personas.users["clerk"], personas.users["approver"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    app = services.request_extension(app, clerk, app.version, reason="信息量大")
    with pytest.raises(services.ServiceError, match="只能由"):
        services.approve_extension(app, clerk, app.version, on=dt.date(2026, 2, 10))
    app = services.approve_extension(app, approver, app.version, on=dt.date(2026, 2, 10))
    assert app.state == "extended" and app.effective_due == dt.date(2026, 2, 24)  # not yet notified
    letter = app.letters.get(kind="extension")
    services.send_letter(letter, clerk, app.version, on=dt.date(2026, 2, 11), delivery_method="email")
    app.refresh_from_db()
    assert app.effective_due == dt.date(2026, 3, 23) and app.extension_notified_on == dt.date(2026, 2, 11)
    app = services.consult(
        app, clerk, app.version, kind="co_producer", party_name="县财政局", sent_on=dt.date(2026, 2, 11)
    )
    app = services.end_consultation(app, clerk, app.version, answered_on=None)
    with pytest.raises(services.ServiceError, match="只能延长一次"):
        services.request_extension(app, clerk, app.version, reason="again")


def test_decide_and_send_reply_concludes(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    app = services.decide(app, clerk, app.version, outcome="partial", decision_text="部分内容涉及个人隐私。",
        withheld_parts="学生家庭住址", decision_reasons="涉及个人隐私（条例第十五条）。",
    )  # fmt: skip
    reply = app.letters.get(kind="reply")
    assert "第三十七条" in reply.body and "对行政复议决定不服的" in reply.body
    reply = services.edit_letter(
        reply,
        clerk,
        app.version,
        title=reply.title,
        addressee=reply.addressee,
        body=reply.body + "\n\n特此告知。",
    )
    app.refresh_from_db()
    reply = services.send_letter(reply, clerk, app.version, on=dt.date(2026, 2, 20))
    app.refresh_from_db()
    assert app.state == "replied" and app.concluded_on == dt.date(2026, 2, 20)
    assert reply.is_sent and len(reply.sha256) == 64 and bytes(reply.docx)[:2] == b"PK"
    with pytest.raises(services.ServiceError, match="已发送"):
        services.edit_letter(reply, clerk, app.version, title="x", addressee="y", body="z")
    reply.body = "tampered"
    with pytest.raises(Exception, match="不能修改"):
        reply.save()
    with pytest.raises(Exception, match="不能删除"):
        Letter.objects.get(pk=reply.pk).delete()
    app = services.close(app, clerk, app.version)
    assert app.state == "closed"


def test_fee_notice_and_lapse(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    app = services.decide(app, clerk, app.version, outcome="granted")
    with pytest.raises(services.ServiceError, match="不收费"):
        services.issue_fee_notice(
            app, clerk, app.version, method="per_volume", quantity=30, issued_on=dt.date(2026, 2, 2)
        )
    app = services.issue_fee_notice(
        app, clerk, app.version, method="per_volume", quantity=150, issued_on=dt.date(2026, 2, 2)
    )
    assert app.fee_notice.amount == 1700  # domain.md §6: 150 pages → 1,700 元
    assert app.state == "fee_pending"
    assert "1700元" in app.letters.get(kind="fee").body
    with pytest.raises(services.ServiceError, match="尚未届满"):
        services.fee_lapsed(app, clerk, app.version, on=dt.date(2026, 2, 3))
    app = services.fee_lapsed(app, clerk, app.version, on=app.fee_notice.payment_due + dt.timedelta(days=1))
    assert app.state == "abandoned" and app.outcome == "other_no_fee"


def test_fee_per_application_counts_month(personas) -> None:
    clerk = personas.users["clerk"]
    apps = [register(personas.bureau, clerk, received=dt.date(2026, 3, 2)) for _ in range(11)]
    fee = services.fee_for(apps[-1], "per_application", 0)
    assert fee.yuan == 100  # the 11th application of the month (109号 art. 4)
    assert services.fee_for(apps[0], "per_application", 0).yuan == 0


def test_payment_returns_to_decided(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    app = services.decide(app, clerk, app.version, outcome="granted")
    app = services.issue_fee_notice(
        app, clerk, app.version, method="per_volume", quantity=40, issued_on=dt.date(2026, 2, 2)
    )
    app = services.record_payment(app, clerk, app.version, paid_on=dt.date(2026, 2, 5))
    assert app.state == "decided" and app.fee_notice.paid_on == dt.date(2026, 2, 5)


def test_applicant_withdraws_own_only(personas) -> None:
    applicant = personas.users["applicant"]
    app, _ = services.register(
        agency=personas.bureau, actor=applicant, channel="online", received_on=services.today(),
        data=DETAILS, applicant_user=applicant, online=True,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.withdraw(app, personas.users["other_agency_clerk"], app.version)
    with pytest.raises(PermissionDenied):
        services.withdraw(app, personas.users["supervisor"], app.version)
    app = services.withdraw(app, applicant, app.version, note="不再需要")
    assert app.state == "withdrawn" and app.outcome == "other_other"


def test_every_change_is_audited_in_the_same_transaction(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    before = AuditEvent.objects.count()
    app = services.start_review(app, clerk, app.version)
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.verb == "application.start_review"
    assert event.before["state"] == "registered" and event.after["state"] == "under_review"
    # A refused change leaves neither a change nor an event.
    with pytest.raises(services.ServiceError):
        services.request_correction(app, clerk, app.version, items="x", notice_on=dt.date(2026, 1, 1))
    assert AuditEvent.objects.count() == before + 1


def test_calendar_change_recomputes_due_dates(personas, django_capture_on_commit_callbacks) -> None:
    from gongkai.law import DayKind, DayRecord
    from gongkai.web.calendar.models import CalendarDay
    from gongkai.web.calendar.services import replace_years

    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    assert app.reply_due == dt.date(2026, 2, 24)
    records = [
        DayRecord(r.date, DayKind(r.kind), r.name, r.source)
        for r in CalendarDay.objects.filter(date__year=2026)
    ]
    # Suppose an extra holiday on 2026-02-24: the due date moves to the next working day.
    extra = DayRecord(dt.date(2026, 2, 24), DayKind.HOLIDAY, "春节", "测试")
    with django_capture_on_commit_callbacks(execute=True):
        replace_years([*records, extra])
    app.refresh_from_db()
    assert app.reply_due == dt.date(2026, 2, 25)


def test_a_clock_that_cannot_be_computed_is_recorded_not_guessed(personas) -> None:
    """Before 2025 no provisional calendar is made up: a missing year is an error on the case."""
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, received=dt.date(2003, 12, 20))
    assert app.extended_due is None and app.reply_due is None
    assert "2003年的法定节假日和调休安排尚未载入" in app.clock_error
    assert not app.clock_provisional


def test_unfilled_letter_is_not_sent(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    receipt = app.letters.get(kind="receipt")
    receipt = services.edit_letter(
        receipt,
        clerk,
        app.version,
        title=receipt.title,
        addressee=receipt.addressee,
        body="于【答复期限：待填写】前答复",
    )
    app.refresh_from_db()
    with pytest.raises(services.ServiceError, match="缺少答复期限"):
        services.send_letter(receipt, clerk, app.version)


def test_racing_duplicate_submission_returns_the_first(personas, monkeypatch) -> None:
    """Two requests with one idempotency key pass the lookup at once: the unique key decides, one row."""
    first, _ = services.register(
        agency=personas.bureau, actor=None, channel="online", received_on=services.today(), data=DETAILS,
        idempotency_key="race", online=True,
    )  # fmt: skip
    real_filter = Application.objects.filter
    calls = {"n": 0}

    def filter_missing_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:  # the second request's lookup ran before the first one committed
            return Application.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Application.objects, "filter", filter_missing_once)
    second, secret = services.register(
        agency=personas.bureau, actor=None, channel="online", received_on=services.today(), data=DETAILS,
        idempotency_key="race", online=True,
    )  # fmt: skip
    assert second.pk == first.pk and secret is None
    monkeypatch.undo()
    assert Application.objects.filter(idempotency_key="race").count() == 1


def test_still_unclear_only_after_supplement(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    with pytest.raises(services.ServiceError, match="补正后申请内容仍不明确"):
        services.decide(app, clerk, app.version, outcome="unable_still_unclear", on=dt.date(2026, 2, 1))
    app = services.request_correction(app, clerk, app.version, items="x", notice_on=dt.date(2026, 1, 21))
    app = services.record_supplement(app, clerk, app.version, received_on=dt.date(2026, 1, 26))
    app = services.decide(app, clerk, app.version, outcome="unable_still_unclear", on=dt.date(2026, 2, 1))
    assert app.outcome == "unable_still_unclear"


def test_late_correction_notice_is_recorded(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)  # notice limit: 7 working days after 2026-01-20
    app = services.request_correction(app, clerk, app.version, items="x", notice_on=dt.date(2026, 2, 10))
    event = AuditEvent.objects.filter(verb="application.request_correction").get()
    assert "第三十条" in event.note


def test_update_details_is_version_checked_and_audited(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.update_details(app, clerk, app.version, {"applicant_phone": "13900000000"})
    assert app.applicant_phone == "13900000000"
    assert AuditEvent.objects.filter(verb="application.update").count() == 1
    with pytest.raises(services.StaleVersionError):
        services.update_details(app, clerk, app.version - 1, {"applicant_phone": "1"})
    with pytest.raises(PermissionDenied):
        services.update_details(app, personas.users["supervisor"], app.version, {"applicant_phone": "1"})


def test_no_action_dated_in_the_future(personas) -> None:
    clerk = personas.users["clerk"]
    tomorrow = services.today() + dt.timedelta(days=1)
    app = register(personas.bureau, clerk)
    with pytest.raises(services.ServiceError, match="撤回日期"):
        services.withdraw(app, clerk, app.version, on=tomorrow)
    app = services.start_review(app, clerk, app.version)
    with pytest.raises(services.ServiceError, match="决定日期"):
        services.decide(app, clerk, app.version, outcome="granted", on=tomorrow)
    app = services.decide(app, clerk, app.version, outcome="granted", on=dt.date(2026, 2, 1))
    with pytest.raises(services.ServiceError, match="发送日期"):
        services.send_letter(app.letters.get(kind="reply"), clerk, app.version, on=tomorrow)
