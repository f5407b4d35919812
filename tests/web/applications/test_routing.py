"""Routing between agencies (issue 13 item 2; D47): 分送 from a 统一受理 portal, 转办, 签收 and 退回,
each audited and lawful by construction, the clock per GONGKAI_TRANSFER_CLOCK, isolation by scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.law import deadlines
from gongkai.web.accounts.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications import workflow as wf
from gongkai.web.applications.applicant_models import Notification, OutboxMail
from gongkai.web.applications.models import Application, Routing
from gongkai.web.audit.models import AuditEvent
from gongkai.web.calendar.services import work_calendar

from .. import factories
from .helpers import DETAILS, register

pytestmark = pytest.mark.django_db

#: Before the 2026 National Day holiday (10月1日至7日放假, 国务院办公厅通知): the routed case is signed after it.
RECEIVED = dt.date(2026, 9, 28)
ROUTED = dt.date(2026, 9, 29)
SIGNED = dt.date(2026, 10, 9)
TODAY = dt.date(2026, 10, 12)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def portal(personas):  # type: ignore[no-untyped-def]
    """The county government's office is the 统一受理 portal of the county; its clerk registers."""
    services.set_unified_intake(personas.county, None, note="县政府统一受理")
    personas.users["county_clerk"] = factories.make_staff(personas.county, Role.CLERK, "county_clerk")
    return personas


def _routed(p) -> Application:  # type: ignore[no-untyped-def]
    app = register(p.county, p.users["county_clerk"], received=RECEIVED)
    return services.route(
        app, p.users["county_clerk"], app.version, to_agency=p.bureau, reason="属教育局职责", on=ROUTED
    )


def test_route_sign_moves_the_case_and_is_audited(portal) -> None:  # type: ignore[no-untyped-def]
    p = portal
    app = _routed(p)
    assert app.state == wf.State.PENDING_SIGN and app.pending_agency == p.bureau and app.agency == p.county
    step = Routing.objects.get(application=app)
    assert step.sign_due is not None and step.sign_due > ROUTED  # GONGKAI_ROUTING_SIGN_WORKDAYS
    # The receiver sees it once routed (scope), the other county does not.
    assert Application.objects.visible_to(p.users["clerk"]).filter(pk=app.pk).exists()
    assert not Application.objects.visible_to(p.users["other_agency_clerk"]).filter(pk=app.pk).exists()
    assert services.workflow_roles(p.users["clerk"], app) == {wf.Role.RECEIVER}
    app = services.sign(app, p.users["clerk"], app.version, on=SIGNED)
    assert app.agency == p.bureau and app.pending_agency is None and app.state == wf.State.REGISTERED
    step.refresh_from_db()
    assert step.signed_on == SIGNED and step.status == "已签收"
    # The sender keeps read-only sight of the routing record, not of the case.
    assert Routing.objects.visible_to(p.users["county_clerk"]).filter(pk=step.pk).exists()
    assert not Application.objects.visible_to(p.users["county_clerk"]).filter(pk=app.pk).exists()
    verbs = list(AuditEvent.objects.for_object(app).values_list("verb", flat=True))
    assert "application.route" in verbs and "application.sign" in verbs
    note = AuditEvent.objects.for_object(app).get(verb="application.route").note
    assert "新城县教育局" in note and "属教育局职责" in note
    titles = list(Notification.objects.filter(application=app).values_list("title", flat=True))
    assert any("签收" in t for t in titles) and any("分送至新城县教育局" in t for t in titles)
    assert services.handling(app) == (p.bureau, SIGNED)


def test_restart_clock_counts_from_the_signing_across_the_holiday(portal, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_TRANSFER_CLOCK = "restart"
    p = portal
    app = _routed(p)
    assert app.reply_due == deadlines.reply_due(RECEIVED, work_calendar()).due  # pending: nothing moves
    app = services.sign(app, p.users["clerk"], app.version, on=SIGNED)
    assert app.received_on == SIGNED and "签收之日" in app.received_basis
    # 20 working days after 10月9日: 10月10日 (Saturday, 调休上班) is the first; counted by hand.
    assert app.reply_due == deadlines.reply_due(SIGNED, work_calendar()).due == dt.date(2026, 11, 5)


def test_continue_clock_keeps_the_first_receipt_across_the_holiday(portal, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_TRANSFER_CLOCK = "continue"
    p = portal
    app = _routed(p)
    app = services.sign(app, p.users["clerk"], app.version, on=SIGNED)
    assert app.received_on == RECEIVED and "沿用" in app.received_basis
    # 20 working days from 9月28日 skip 10月1日至7日 and count 10月10日 (调休上班); by hand.
    assert app.reply_due == deadlines.reply_due(RECEIVED, work_calendar()).due == dt.date(2026, 10, 30)


def test_return_goes_back_to_the_portal_which_routes_elsewhere(portal) -> None:  # type: ignore[no-untyped-def]
    p = portal
    app = _routed(p)
    app = services.send_back(app, p.users["clerk"], app.version, reason="不属于本局职责", on=ROUTED)
    assert app.state == wf.State.UNDER_REVIEW and app.agency == p.county and app.pending_agency is None
    assert Routing.objects.get(application=app).status == "已退回"
    assert not Application.objects.visible_to(p.users["clerk"]).filter(pk=app.pk).exists()
    app = services.route(
        app, p.users["county_clerk"], app.version, to_agency=p.township, reason="属乡镇职责", on=ROUTED
    )
    assert app.pending_agency == p.township and app.routings.count() == 2
    assert AuditEvent.objects.for_object(app).filter(verb="application.return").exists()


def test_routing_is_lawful_by_construction(portal) -> None:  # type: ignore[no-untyped-def]
    p = portal
    # Only a portal routes, and only into its subtree.
    own = register(p.bureau, p.users["clerk"], received=RECEIVED)
    with pytest.raises(services.ServiceError, match="统一受理"):
        services.route(own, p.users["clerk"], own.version, to_agency=p.township, reason="x")
    mine = register(p.county, p.users["county_clerk"], received=RECEIVED)
    with pytest.raises(services.ServiceError, match="统一受理范围"):
        services.route(mine, p.users["county_clerk"], mine.version, to_agency=p.other, reason="x")
    with pytest.raises(services.ServiceError, match="理由"):
        services.transfer(own, p.users["clerk"], own.version, to_agency=p.other, reason=" ")
    # A case with a correction notice (or a decision) stays with its agency: art. 36(5) answers instead.
    services.request_correction(own, p.users["clerk"], own.version, items="请写明年份")
    own.refresh_from_db()
    with pytest.raises(services.ServiceError, match="不能执行“转办”"):  # the table
        services.transfer(own, p.users["clerk"], own.version, to_agency=p.other, reason="不属于本机关")
    asked = register(p.bureau, p.users["clerk"], received=RECEIVED)
    asked = services.start_review(asked, p.users["clerk"], asked.version)
    asked = services.request_extension(asked, p.users["clerk"], asked.version, reason="信息量大")
    asked = services.reject_extension(asked, p.users["approver"], asked.version)
    assert asked.state == wf.State.UNDER_REVIEW
    with pytest.raises(services.ServiceError, match="第三十六条"):  # the guard (routing_rules.untouched)
        services.transfer(asked, p.users["clerk"], asked.version, to_agency=p.other, reason="不属于本机关")
    # Pending 签收: the sender cannot sign, the receiver cannot decide, nobody else may act.
    app = _routed(p)
    with pytest.raises(services.ServiceError, match="签收"):
        services.sign(app, p.users["county_clerk"], app.version)
    with pytest.raises(services.ServiceError):
        services.decide(app, p.users["clerk"], app.version, outcome="granted")
    with pytest.raises(PermissionDenied):
        services.sign(app, p.users["other_agency_clerk"], app.version)
    assert wf.allowed_actions(wf.State.PENDING_SIGN) == (wf.Action.WITHDRAW, wf.Action.SIGN, wf.Action.RETURN)


def test_transfer_from_a_holding_agency_and_withdrawal_while_pending(portal) -> None:  # type: ignore[no-untyped-def]
    p = portal
    app = register(p.bureau, p.users["clerk"], received=RECEIVED)
    app = services.transfer(
        app, p.users["clerk"], app.version, to_agency=p.other, reason="属河山县", on=ROUTED
    )
    assert Routing.objects.get(application=app).kind == "transfer"
    app = services.withdraw(app, p.users["clerk"], app.version, on=ROUTED)
    assert app.state == wf.State.WITHDRAWN and app.pending_agency is None
    assert Routing.objects.get(application=app).status == "已撤回"
    assert not Application.objects.visible_to(p.users["other_agency_clerk"]).filter(pk=app.pk).exists()


def test_pages_queue_buttons_and_applicant(portal, client_for) -> None:  # type: ignore[no-untyped-def]
    p = portal
    app = _routed(p)
    clerk = client_for("clerk")
    queue = clerk.get("/applications/queue/sign/")
    assert queue.status_code == 200 and app.tracking_number in queue.content.decode()
    page = clerk.get(f"/applications/case/{app.tracking_number}/")
    assert page.status_code == 200
    assert {o.spec.name for o in page.context["offers"]} == {"sign", "return"}
    assert (
        client_for("other_agency_clerk").get(f"/applications/case/{app.tracking_number}/").status_code == 403
    )
    resp = clerk.post(f"/applications/case/{app.tracking_number}/act/sign/", {"version": app.version})
    assert resp.status_code == 302
    app.refresh_from_db()
    assert app.agency == p.bureau
    routing = client_for("county_clerk").get(f"/applications/routing/{p.county.code}/")
    assert routing.status_code == 200 and "已签收" in routing.content.decode()


def test_applicant_sees_which_agency_handles_it_and_since_when(portal, client_for) -> None:  # type: ignore[no-untyped-def]
    p = portal
    app, _ = services.register(
        agency=p.county,
        actor=p.users["applicant"],
        channel="online",
        received_on=RECEIVED,
        data={**DETAILS, "applicant_email": "zhang@example.org"},
        applicant_user=p.users["applicant"],
        online=True,
    )
    app = services.route(
        app, p.users["county_clerk"], app.version, to_agency=p.bureau, reason="属教育局职责", on=ROUTED
    )
    page = client_for("applicant").get(f"/apply/mine/{app.tracking_number}/").content.decode()
    assert "待其签收" in page and "新城县教育局" in page
    services.sign(app, p.users["clerk"], app.version, on=SIGNED)
    page = client_for("applicant").get(f"/apply/mine/{app.tracking_number}/").content.decode()
    assert "办理机关：<strong>新城县教育局</strong>（自 2026-10-09 起）" in page
    mails = OutboxMail.objects.filter(application=app).values_list("subject", flat=True)
    assert any("签收" in s for s in mails)


def test_sysadmin_flags_a_portal_in_the_admin_audited(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("sysadmin")
    resp = admin.post(
        "/admin/applications/unifiedintake/add/",
        {"agency": personas.county.pk, "area": personas.county.pk, "note": "县政府统一受理"},
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert AuditEvent.objects.filter(verb="agency.unified_intake", object_id=str(personas.county.pk)).exists()
    from gongkai.web.applications.routing_rules import is_unified_intake

    assert is_unified_intake(personas.county)
    # The agency's own 机构管理员 may not flag another agency (the service checks).
    with pytest.raises(PermissionDenied):
        services.set_unified_intake(personas.county, personas.users["agency_admin"])
