"""Notifications: every letter and state change reaches the applicant on their page and by e-mail;
the applicant's messages and online supplements reach the office.

:func:`record` is the one hook the services call (``services._act`` after a state change,
``services._send`` after a letter is sent). It runs inside the service's transaction: the
:class:`Notification` row and its :class:`OutboxMail` copy are committed with the event or not at
all, and the mail is sent after commit (:mod:`.outbox`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from . import outbox
from .applicant_models import Audience, Notification
from .letters import LetterKind
from .workflow import STATE_LABELS, Action, State

#: Letters addressed to the applicant (consultation letters go to third parties and stay internal).
APPLICANT_LETTER_KINDS = frozenset(
    k.value for k in LetterKind if k not in (LetterKind.CONSULTATION, LetterKind.COPRODUCER)
)


def _site_url(path: str) -> str:
    base = str(getattr(settings, "GONGKAI_SITE_URL", "") or "").rstrip("/")
    return f"{base}{path}" if base else ""


def applicant_address(app: Any) -> str:
    """Where the applicant's mail goes: the address given in the application, else the account's."""
    if app.applicant_email:
        return str(app.applicant_email)
    user = app.applicant
    return str(getattr(user, "email", "") or "") if user is not None else ""


def office_addresses(app: Any) -> list[str]:
    """The agency's clerks (the people who act on the case), as for due-date reminders."""
    from .reminders import _recipients

    return _recipients(app)


def _applicant_link(app: Any) -> str:
    if app.applicant_id is not None:
        url = _site_url(reverse("apply:detail", kwargs={"tracking": app.tracking_number}))
    else:
        url = _site_url(reverse("apply:track"))
    where = f"\n查看：{url}" if url else ""
    how = "" if app.applicant_id is not None else "（凭登记编号和查询密码查看）"
    return f"请登录政府信息公开平台查看申请 {app.tracking_number}{how}。{where}"


def _office_link(app: Any) -> str:
    url = _site_url(reverse("applications:case", kwargs={"tracking": app.tracking_number}))
    return f"\n办理页面：{url}" if url else ""


def notify_applicant(app: Any, event: str, title: str, body: str) -> Notification:
    """A notification on the applicant's page, and an e-mail if an address is known."""
    note = Notification.objects.create(
        application=app, audience=Audience.APPLICANT, event=event, title=title[:200], body=body
    )
    address = applicant_address(app)
    if address:
        mail_body = f"{app.applicant_name}：\n\n{body}\n\n{_applicant_link(app)}\n\n{app.agency.name}"
        outbox.enqueue(app, address, f"[政府信息公开] {title}", mail_body, note)
    return note


def notify_office(app: Any, event: str, title: str, body: str) -> Notification:
    """A notification for the disclosure office, mailed to the agency's clerks."""
    note = Notification.objects.create(
        application=app, audience=Audience.OFFICE, event=event, title=title[:200], body=body
    )
    for address in office_addresses(app):
        outbox.enqueue(app, address, f"[gongkai] {title}", f"{body}{_office_link(app)}", note)
    return note


#: Routing between agencies (D47): the applicant is told which agency handles the case and since when.
_ROUTING_EVENTS = {
    f"application.{a.value}" for a in (Action.ROUTE, Action.TRANSFER, Action.SIGN, Action.RETURN)
}


def _routing_message(app: Any, event: str) -> tuple[str, str] | None:
    if event not in _ROUTING_EVENTS:
        return None
    tracking = app.tracking_number
    step = app.routings.order_by("-pk").first()
    if step is None:
        return None
    if event == f"application.{Action.SIGN.value}":
        title = f"申请 {tracking} 已由{step.to_agency.name}签收办理"
        body = (
            f"您的政府信息公开申请 {tracking} 已由{step.to_agency.name}于{step.signed_on:%Y-%m-%d}签收，"
            f"自该日起由其办理（收到申请之日：{app.received_on:%Y-%m-%d}；答复期限：{app.reply_due or '待定'}）。"
        )
    elif event == f"application.{Action.RETURN.value}":
        title = f"申请 {tracking} 由{step.from_agency.name}继续办理"
        body = (
            f"{step.to_agency.name}认为您的申请 {tracking} 不属于其负责办理，已退回{step.from_agency.name}，"
            f"由{step.from_agency.name}继续办理。"
        )
    else:
        title = f"申请 {tracking} 已{step.get_kind_display()}至{step.to_agency.name}"
        body = (
            f"您的政府信息公开申请 {tracking} 已由{step.from_agency.name}于{step.sent_on:%Y-%m-%d}"
            f"{step.get_kind_display()}至{step.to_agency.name}（理由：{step.reason}），待其签收办理。"
        )
    return title, body


def record(
    app: Any, event: str, *, letter: Any = None, state_before: str | None = None
) -> Notification | None:
    """The services' hook: tell the applicant about a sent letter or a change of state.

    ``event`` is the audit verb (``letter.send``, ``application.<action>``). Letters not addressed
    to the applicant (consultation letters) and actions that leave the state unchanged notify no one;
    sending the reply is announced once, by its letter.
    """
    tracking = app.tracking_number
    if letter is not None:
        if letter.kind not in APPLICANT_LETTER_KINDS:
            return None
        title = f"{app.agency.name}已向您发送《{letter.title}》"
        body = (
            f"您的政府信息公开申请 {tracking} 有新的文书：《{letter.title}》"
            f"（{letter.sent_at:%Y-%m-%d}）。当前状态：{STATE_LABELS[State(app.state)]}。"
        )
        return notify_applicant(app, event, title, body)
    if state_before is None or state_before == app.state or event == f"application.{Action.SEND_REPLY.value}":
        return None
    routed = _routing_message(app, event)
    if routed is not None:
        return notify_applicant(app, event, *routed)
    before, after = STATE_LABELS[State(state_before)], STATE_LABELS[State(app.state)]
    title = f"申请 {tracking} 状态变更：{after}"
    body = f"您的政府信息公开申请 {tracking}（{app.agency.name}）的办理状态由“{before}”变为“{after}”。"
    return notify_applicant(app, event, title, body)
