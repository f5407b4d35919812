"""The law in the workflow (domain.md §12.1): each rule with a lawful and a refused case, citing its article.

A legal consequence never runs ahead of the notice that causes it; periods that run "from receipt"
count from the addressee's recorded (or, for post, estimated) receipt of the sent letter.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings

from gongkai.law import deadlines
from gongkai.web.applications import services
from gongkai.web.applications.models import Application
from gongkai.web.applications.stats import table3
from gongkai.web.audit.models import AuditEvent

from .helpers import register

pytestmark = pytest.mark.django_db
D = dt.date
POST_DAYS = django_settings.GONGKAI_POST_DELIVERY_DAYS


def _cal():
    return services.work_calendar()


def _reviewing(personas, **data) -> Application:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, **data)
    return services.start_review(app, clerk, app.version)


def _send(app: Application, kind: str, on: D, method: str = "post") -> Application:
    letter = app.letters.get(kind=kind, sent_at__isnull=True)
    services.send_letter(letter, _clerk(app), app.version, on=on, delivery_method=method)
    app.refresh_from_db()
    return app


def _clerk(app: Application):
    from gongkai.web.accounts.models import Membership

    return Membership.objects.filter(agency=app.agency, role="clerk").first().user


# ---- 条例第三十条: one 补正, and 视为放弃 only after the sent notice's period -----------------------------


def test_art30_one_correction_notice_lawful(personas) -> None:
    """条例第三十条 一次性告知: the first (and only) correction notice is drafted and sent."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.request_correction(app, clerk, app.version, items="请写明文件名称和年份")
    assert app.state == "correction_requested" and app.letters.filter(kind="correction").count() == 1


def test_art30_second_correction_refused(personas) -> None:
    """条例第三十条 一次性告知: a second 补正 on the same application is refused, whatever the path back."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.request_correction(
        app, clerk, app.version, items="请写明文件名称", notice_on=D(2026, 1, 21)
    )
    app = services.record_supplement(app, clerk, app.version, received_on=D(2026, 1, 28))
    app = services.consult(
        app, clerk, app.version, kind="co_producer", party_name="县财政局", sent_on=D(2026, 1, 29)
    )
    app = services.end_consultation(app, clerk, app.version, answered_on=D(2026, 2, 3), opinion="同意")
    assert app.state == "under_review"  # the table would allow a correction from here…
    with pytest.raises(services.ServiceError, match="一次性告知"):
        services.request_correction(app, clerk, app.version, items="再补正一次")
    assert app.letters.filter(kind="correction").count() == 1


def test_art30_abandonment_refused_before_notice_sent(personas) -> None:
    """条例第三十条: no 视为放弃 while the 补正告知书 is only a draft (nothing was notified)."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.request_correction(app, clerk, app.version, items="请写明文件名称")
    with pytest.raises(services.ServiceError, match="补正告知书》尚未发出"):
        services.mark_abandoned(app, clerk, app.version, on=D(2026, 11, 30))
    with pytest.raises(services.ServiceError, match="尚未发出"):
        services.record_supplement(app, clerk, app.version, received_on=D(2026, 2, 2))
    assert Application.objects.get(pk=app.pk).state == "correction_requested"


def test_art30_period_runs_from_receipt_lawful_and_refused(personas) -> None:
    """条例第三十条: the supplement period counts from the applicant's receipt (post: estimated until
    recorded); abandonment is refused on the last day and allowed the day after."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.request_correction(app, clerk, app.version, items="请写明文件名称")
    app = _send(app, "correction", D(2026, 1, 22), "post")
    estimated = D(2026, 1, 22) + dt.timedelta(days=POST_DAYS)
    expected = deadlines.supplement_period_due(estimated, _cal(), policy=services.clock_policy()).due
    assert app.supplement_deadline == expected
    # The receipt is recorded later than estimated: the period moves with it.
    letter = app.letters.get(kind="correction")
    services.record_letter_receipt(letter, clerk, app.version, received_on=D(2026, 1, 28))
    app.refresh_from_db()
    expected = deadlines.supplement_period_due(D(2026, 1, 28), _cal(), policy=services.clock_policy()).due
    assert app.supplement_deadline == expected
    assert AuditEvent.objects.filter(verb="letter.receipt").count() == 1
    with pytest.raises(services.ServiceError, match="尚未届满"):
        services.mark_abandoned(app, clerk, app.version, on=app.supplement_deadline)
    app = services.mark_abandoned(app, clerk, app.version, on=app.supplement_deadline + dt.timedelta(days=1))
    assert app.state == "abandoned" and app.outcome == "other_no_correction"
    with pytest.raises(services.ServiceError, match="不能再更改收到日期"):
        services.record_letter_receipt(letter, clerk, app.version, received_on=D(2026, 1, 29))


# ---- 条例第三十三条第二款: extension approved by the 负责人, effective once notified --------------------


def test_art33_extension_approved_by_head_and_notified_lawful(personas) -> None:
    """条例第三十三条第二款: a 审核人 recommends (recorded, audited), the 负责人 approves, the applicant is
    told; the extended deadline applies from the sent 延期答复告知书."""
    clerk, reviewer, approver = (personas.users[n] for n in ("clerk", "reviewer", "approver"))
    app = _reviewing(personas)
    app = services.request_extension(app, clerk, app.version, reason="信息量大")
    app = services.recommend_extension(app, reviewer, app.version, opinion="建议延期", on=D(2026, 2, 9))
    assert app.extension_recommendation == "建议延期" and app.state == "extension_requested"
    assert AuditEvent.objects.filter(verb="application.recommend_extension").exists()
    app = services.approve_extension(app, approver, app.version, on=D(2026, 2, 10))
    assert app.effective_due == D(2026, 2, 24)  # not yet notified: the statutory date stands
    app = _send(app, "extension", D(2026, 2, 11), "email")
    assert app.extension_notified_on == D(2026, 2, 11) and app.effective_due == D(2026, 3, 23)


def test_art33_extension_refused_to_reviewer_and_late_notice(personas) -> None:
    """条例第三十三条第二款 "经负责人同意": a 审核人 cannot approve; a clerk cannot recommend; the notice
    sent after the original deadline is refused (the extension never takes effect)."""
    clerk, reviewer, approver = (personas.users[n] for n in ("clerk", "reviewer", "approver"))
    app = _reviewing(personas)
    app = services.request_extension(app, clerk, app.version, reason="信息量大")
    with pytest.raises(services.ServiceError, match="只能由负责人"):
        services.approve_extension(app, reviewer, app.version, on=D(2026, 2, 10))
    with pytest.raises(services.ServiceError, match="只能由审核人"):
        services.recommend_extension(app, clerk, app.version, opinion="x")
    app = services.approve_extension(app, approver, app.version, on=D(2026, 2, 20))
    letter = app.letters.get(kind="extension")
    with pytest.raises(services.ServiceError, match="届满前发出"):
        services.send_letter(letter, clerk, app.version, on=D(2026, 2, 25))
    app.refresh_from_db()
    assert app.extension_notified_on is None and app.effective_due == D(2026, 2, 24)


# ---- 条例第三十二条、第三十四条: consultation pause from the sent letter; 15 WD from receipt ------------


def test_art32_pause_only_after_letter_sent(personas) -> None:
    """条例第三十二条、第三十三条第三款: a drafted 征求意见书 pauses nothing and no result can be recorded;
    once sent, the consultation time is left out of the reply period."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.consult(app, clerk, app.version, kind="third_party", party_name="某公司")
    assert app.reply_due == D(2026, 2, 24) and app.clock["pauses"] == []
    with pytest.raises(services.ServiceError, match="征求意见书》尚未发出"):
        services.end_consultation(app, clerk, app.version, answered_on=D(2026, 2, 2))
    app = _send(app, "consultation", D(2026, 1, 26), "post")
    assert app.clock["pauses"] and app.reply_due > D(2026, 2, 24)
    c = app.consultations.get()
    assert c.sent_on == D(2026, 1, 26) and c.letter.delivery_method == "post"


def test_art32_fifteen_days_from_receipt_lawful_and_refused(personas, monkeypatch) -> None:
    """条例第三十二条 "自收到征求意见书之日起15个工作日": not closed as 逾期未提出意见 before they pass."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=D(2026, 3, 2)
    )
    c = app.consultations.get()
    estimated = D(2026, 3, 2) + dt.timedelta(days=POST_DAYS)
    assert c.reply_due == deadlines.consultation_reply_due(estimated, _cal()).due
    services.record_letter_receipt(c.letter, clerk, app.version, received_on=D(2026, 3, 9))
    app.refresh_from_db()
    c.refresh_from_db()
    assert c.reply_due == deadlines.consultation_reply_due(D(2026, 3, 9), _cal()).due
    monkeypatch.setattr(services, "today", lambda: c.reply_due)
    with pytest.raises(services.ServiceError, match="尚未届满"):
        services.end_consultation(app, clerk, app.version, answered_on=None)
    monkeypatch.setattr(services, "today", lambda: c.reply_due + dt.timedelta(days=1))
    app = services.end_consultation(app, clerk, app.version, answered_on=None)
    c.refresh_from_db()
    assert c.answered_on == c.reply_due and c.opinion == "逾期未提出意见" and not c.objects_to_disclosure


def test_art32_disclosure_over_objection_notifies_third_party(personas) -> None:
    """条例第三十二条: disclosing despite the third party's objection needs a written notice to it of the
    content and reasons; the reply is refused until that notice is sent."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=D(2026, 1, 22)
    )
    app = services.end_consultation(
        app, clerk, app.version, answered_on=D(2026, 2, 2), opinion="涉及商业秘密", objects=True
    )
    app = services.decide(
        app,
        clerk,
        app.version,
        outcome="granted",
        decision_text="不公开将严重影响公共利益。",
        public_interest_reasons="不公开将严重影响公共利益。",  # 条例第三十二条: the reasons told to the party
        on=D(2026, 2, 10),
    )
    notice = app.letters.get(kind="third_party_disclosure")
    assert notice.addressee.startswith("某公司") and "第三十二条" in notice.body
    with pytest.raises(services.ServiceError, match="书面告知第三方"):
        services.send_reply(app, clerk, app.version, on=D(2026, 2, 10))
    app = _send(app, "third_party_disclosure", D(2026, 2, 10), "post")
    app = services.send_reply(app, clerk, app.version, on=D(2026, 2, 11), delivery_method="post")
    assert app.state == "replied"


def test_art32_no_disclosure_notice_when_not_disclosed(personas) -> None:
    """条例第三十二条: refusing disclosure after an objection needs no notice to the third party."""
    clerk = personas.users["clerk"]
    app = _reviewing(personas)
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=D(2026, 1, 22)
    )
    app = services.end_consultation(app, clerk, app.version, answered_on=D(2026, 2, 2), objects=True)
    app = services.decide(
        app,
        clerk,
        app.version,
        outcome="denied_third_party",
        decision_reasons="公开会损害第三方商业秘密，第三方不同意公开。",  # 条例第三十六条第（三）项
        on=D(2026, 2, 10),
    )
    assert not app.letters.filter(kind="third_party_disclosure").exists()
    app = services.send_reply(app, clerk, app.version, on=D(2026, 2, 10))
    assert app.state == "replied"


# ---- 国办函〔2020〕109号: fees ------------------------------------------------------------------------


def _decided(personas, **data) -> Application:
    clerk = personas.users["clerk"]
    app = _reviewing(personas, **data)
    return services.decide(app, clerk, app.version, outcome="granted", on=D(2026, 2, 2))


def test_fee_payment_period_from_day_after_receipt(personas, monkeypatch) -> None:
    """109号: the payment period counts from the day after the applicant receives the 收费通知书; 逾期未缴费
    is refused while it is a draft, on the last day, and allowed the day after."""
    clerk = personas.users["clerk"]
    app = _decided(personas)
    with monkeypatch.context() as m:
        m.setattr(services, "today", lambda: D(2026, 2, 3))  # drafted within the reply period
        app = services.issue_fee_notice(app, clerk, app.version, method="per_volume", quantity=150)
    with pytest.raises(services.ServiceError, match="收费通知书》尚未发出"):
        services.fee_lapsed(app, clerk, app.version, on=D(2026, 11, 30))
    app = _send(app, "fee", D(2026, 2, 3), "post")
    notice = app.fee_notice
    received = D(2026, 2, 3) + dt.timedelta(days=POST_DAYS)
    assert notice.issued_on == D(2026, 2, 3)
    assert (
        notice.payment_due == deadlines.fee_payment_due(received, _cal(), policy=services.clock_policy()).due
    )
    with pytest.raises(services.ServiceError, match="尚未届满"):
        services.fee_lapsed(app, clerk, app.version, on=notice.payment_due)
    app = services.fee_lapsed(app, clerk, app.version, on=notice.payment_due + dt.timedelta(days=1))
    assert app.state == "abandoned" and app.outcome == "other_no_fee"


def test_fee_notice_refused_after_reply_deadline(personas) -> None:
    """109号: a fee notice must precede the reply deadline (2026-02-24 here)."""
    clerk = personas.users["clerk"]
    app = _decided(personas)
    with pytest.raises(services.ServiceError, match="答复期限（2026-02-24）已过"):
        services.issue_fee_notice(
            app, clerk, app.version, method="per_volume", quantity=150, issued_on=D(2026, 2, 25)
        )
    app = services.issue_fee_notice(
        app, clerk, app.version, method="per_volume", quantity=150, issued_on=D(2026, 2, 24)
    )
    assert app.fee_notice.issued_on == D(2026, 2, 24)


def test_fee_per_volume_only_for_paper_email_or_copies(personas) -> None:
    """109号第五条: 按量计收 only for paper copies, e-mail or copied data — not for inspection/online."""
    clerk = personas.users["clerk"]
    app = _decided(personas, provision_form="inspect")
    with pytest.raises(services.ServiceError, match="第五条"):
        services.fee_for(app, "per_volume", 150)
    online = _decided(personas, provision_form="electronic", delivery_method="online")
    with pytest.raises(services.ServiceError, match="按量计收只适用于"):
        services.issue_fee_notice(online, clerk, online.version, method="per_volume", quantity=150)
    email = _decided(personas, provision_form="electronic", delivery_method="email")
    assert services.fee_for(email, "per_volume", 150).yuan == 1700
    assert services.fee_for(_decided(personas), "per_volume", 150).yuan == 1700  # paper


def test_fee_same_applicant_by_identity_not_name(personas) -> None:
    """109号第四条 "同一申请人": by identity number / credit code or account, never by name alone."""
    clerk = personas.users["clerk"]
    # Eleven applications by people called 张三 with different identity numbers: each is a first.
    namesakes = [
        register(personas.bureau, clerk, received=D(2026, 3, 2), applicant_id_number=f"11010119900101{n:04d}")
        for n in range(11)
    ]
    assert services.fee_for(namesakes[-1], "per_application", 0).yuan == 0
    # Eleven by one identity number under different names: the 11th costs 100 元.
    same = [
        register(personas.bureau, clerk, received=D(2026, 4, 1), applicant_name=f"申请人{n}",
                 applicant_id_number="110101198001010000")
        for n in range(11)
    ]  # fmt: skip
    assert services.fee_for(same[-1], "per_application", 0).yuan == 100
    # Neither an identity number nor an account: refused, not counted by name.
    anonymous = register(personas.bureau, clerk, received=D(2026, 4, 1), applicant_id_number="")
    with pytest.raises(services.ServiceError, match="不能仅凭姓名"):
        services.fee_for(anonymous, "per_application", 0)


def test_fee_notice_pause_follows_policy(personas, settings) -> None:
    """109号 [M]: the notice→payment time is counted by default; the policy setting can leave it out."""
    clerk = personas.users["clerk"]
    app = _decided(personas)
    app = services.issue_fee_notice(
        app, clerk, app.version, method="per_volume", quantity=150, issued_on=D(2026, 2, 3)
    )
    assert app.reply_due == D(2026, 2, 24) and app.clock["pauses"] == []
    settings.GONGKAI_CLOCK_POLICY = {**settings.GONGKAI_CLOCK_POLICY, "fee_notice_pauses_clock": True}
    other = _decided(personas)
    other = services.issue_fee_notice(
        other, clerk, other.version, method="per_volume", quantity=150, issued_on=D(2026, 2, 3)
    )
    assert other.clock["pauses"] and other.reply_due > D(2026, 2, 24)


# ---- multi-item requests -------------------------------------------------------------------------


def test_multi_item_is_one_application_split_only_for_fees(personas) -> None:
    """A multi-item request is one application in 本年新收; "一事一申请" splitting (109号第四条) only
    prices it: with 9 earlier units this month, items 10–12 cost 0 + 100 + 100 元."""
    clerk = personas.users["clerk"]
    for _ in range(9):
        register(personas.bureau, clerk, received=D(2026, 5, 4))
    multi = register(personas.bureau, clerk, received=D(2026, 5, 6), item_count=3)
    fee = services.fee_for(multi, "per_application", 0)
    assert fee.yuan == 200 and fee.quantity == 3
    cells = table3(personas.bureau, 2026)
    assert cells["t3.new_received.tot"] == 10  # ten applications, not twelve


def test_art33_case_page_says_extension_not_in_force_until_notified(personas, client_for) -> None:
    """条例第三十三条第二款: the page tells the office the approved extension is not in force yet."""
    clerk, reviewer, approver = (personas.users[n] for n in ("clerk", "reviewer", "approver"))
    app = _reviewing(personas)
    app = services.request_extension(app, clerk, app.version, reason="信息量大")
    app = services.recommend_extension(app, reviewer, app.version, opinion="建议延期", on=D(2026, 2, 9))
    app = services.approve_extension(app, approver, app.version, on=D(2026, 2, 10))
    page = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert "尚未生效：请发出延期答复告知书" in page and "审核人意见：建议延期" in page
    _send(app, "extension", D(2026, 2, 10))
    page = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert "已告知申请人 2026-02-10" in page


def test_multi_item_count_refused_outside_range() -> None:
    """109号第四条 splitting needs a real item count: 0 or absurd counts are refused with a message."""
    from gongkai.web.applications.forms import DetailsForm

    from .helpers import DETAILS

    assert DetailsForm({**DETAILS, "item_count": ""}).is_valid()  # blank: one item
    form = DetailsForm({**DETAILS, "item_count": "0"})
    assert not form.is_valid() and "item_count" in form.errors


def test_fee_notice_drafted_in_time_but_sent_late_is_refused(personas, monkeypatch) -> None:
    """109号: the 收费通知书 itself must go out before the reply deadline, not only its draft."""
    clerk = personas.users["clerk"]
    app = _decided(personas)
    with monkeypatch.context() as m:
        m.setattr(services, "today", lambda: D(2026, 2, 20))
        app = services.issue_fee_notice(app, clerk, app.version, method="per_volume", quantity=150)
    letter = app.letters.get(kind="fee")
    with pytest.raises(services.ServiceError, match="不能再发出收费通知"):
        services.send_letter(letter, clerk, app.version, on=D(2026, 2, 25))
    assert not app.letters.get(kind="fee").is_sent
