"""The one table of workflow actions: action → allowed states and roles → form → service → guards.

Everything about an action is derived from here: the buttons of the case page
(:func:`available`), the single generic view ``POST /applications/case/<tracking>/act/<action>/``
(:func:`gongkai.web.applications.views.act`), the permission checks and the tests. A new state or
action touches :mod:`.workflow` (the transition table), this table, the service and a migration —
never a view.

The states and roles come from :mod:`.workflow` (``TRANSITIONS``, ``PERMISSIONS``); the preconditions
from :data:`.notices.GUARDS` (checked by the services themselves on the locked row, so no caller can
bypass them — shown here so the page can say why an action is not yet possible).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms as djforms

from . import forms, intake, notices, routing_forms, routing_rules, services
from . import workflow as wf
from .models import Application

Run = Callable[[Application, Any, int, dict[str, Any]], Any]


@dataclass(frozen=True)
class ActionSpec:
    action: wf.Action
    form: type[djforms.Form]
    run: Run  # (application, user, version, cleaned_data) → calls exactly one service
    service: Callable[..., Any]  # the service that changes the state (for docs and tests)

    @property
    def name(self) -> str:
        return self.action.value

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def roles(self) -> frozenset[wf.Role]:
        return wf.PERMISSIONS[self.action]

    @property
    def allowed_from(self) -> tuple[wf.State, ...]:
        return tuple(s for (s, a) in wf.TRANSITIONS if a is self.action)

    @property
    def guards(self) -> tuple[notices.Guard, ...]:
        return notices.GUARDS.get(self.action, ())


def _record_supplement(app: Application, user: Any, version: int, d: dict[str, Any]) -> Any:
    # The supplement and its material in one transaction (intake.record_supplement).
    return intake.record_supplement(
        app, user, version, received_on=d["received_on"], attachment=d.get("attachment")
    )


_SPECS = (
    ActionSpec(wf.Action.START_REVIEW, forms.VersionForm, lambda a, u, v, d: services.start_review(a, u, v),
               services.start_review),
    ActionSpec(
        wf.Action.REQUEST_CORRECTION,
        forms.CorrectionForm,
        lambda a, u, v, d: services.request_correction(
            a, u, v, items=d["items"], period_workdays=d.get("period_workdays")
        ),
        services.request_correction,
    ),
    ActionSpec(wf.Action.RECORD_SUPPLEMENT, forms.SupplementForm, _record_supplement, services.record_supplement),
    ActionSpec(
        wf.Action.MARK_ABANDONED,
        forms.OnDateForm,
        lambda a, u, v, d: services.mark_abandoned(a, u, v, on=d["on"]),
        services.mark_abandoned,
    ),
    ActionSpec(
        wf.Action.CONSULT,
        forms.ConsultForm,
        lambda a, u, v, d: services.consult(
            a, u, v, kind=d["kind"], party_name=d["party_name"], party_address=d.get("party_address", "")
        ),
        services.consult,
    ),
    ActionSpec(
        wf.Action.END_CONSULTATION,
        forms.EndConsultationForm,
        lambda a, u, v, d: services.end_consultation(
            a, u, v, answered_on=d.get("answered_on"), opinion=d.get("opinion", ""), objects=d.get("objects", False)
        ),
        services.end_consultation,
    ),
    ActionSpec(
        wf.Action.REQUEST_EXTENSION,
        forms.ExtensionRequestForm,
        lambda a, u, v, d: services.request_extension(a, u, v, reason=d["reason"]),
        services.request_extension,
    ),
    ActionSpec(
        wf.Action.RECOMMEND_EXTENSION,
        forms.ExtensionRecommendForm,
        lambda a, u, v, d: services.recommend_extension(a, u, v, opinion=d["opinion"]),
        services.recommend_extension,
    ),
    ActionSpec(wf.Action.APPROVE_EXTENSION, forms.VersionForm,
               lambda a, u, v, d: services.approve_extension(a, u, v), services.approve_extension),
    ActionSpec(wf.Action.REJECT_EXTENSION, forms.VersionForm,
               lambda a, u, v, d: services.reject_extension(a, u, v), services.reject_extension),
    ActionSpec(
        wf.Action.DECIDE,
        forms.DecideForm,
        lambda a, u, v, d: services.decide(
            a, u, v, **{k: val for k, val in d.items() if k != "version"}
        ),
        services.decide,
    ),
    ActionSpec(
        wf.Action.ISSUE_FEE_NOTICE,
        forms.FeeNoticeForm,
        lambda a, u, v, d: services.issue_fee_notice(a, u, v, method=d["method"], quantity=d.get("pages") or 0),
        services.issue_fee_notice,
    ),
    ActionSpec(
        wf.Action.RECORD_PAYMENT,
        forms.PaymentForm,
        lambda a, u, v, d: services.record_payment(a, u, v, paid_on=d["paid_on"]),
        services.record_payment,
    ),
    ActionSpec(
        wf.Action.FEE_LAPSED,
        forms.OnDateForm,
        lambda a, u, v, d: services.fee_lapsed(a, u, v, on=d["on"]),
        services.fee_lapsed,
    ),
    ActionSpec(
        wf.Action.SEND_REPLY,
        forms.LetterSendForm,
        lambda a, u, v, d: services.send_reply(a, u, v, on=d["sent_on"], delivery_method=d["delivery_method"]),
        services.send_reply,
    ),
    ActionSpec(wf.Action.CLOSE, forms.VersionForm, lambda a, u, v, d: services.close(a, u, v), services.close),
    ActionSpec(
        wf.Action.WITHDRAW,
        forms.WithdrawForm,
        lambda a, u, v, d: services.withdraw(a, u, v, note=d.get("note", "")),
        services.withdraw,
    ),
    # Routing between agencies (D47; services_routing.py).
    ActionSpec(
        wf.Action.ROUTE,
        routing_forms.RouteForm,
        lambda a, u, v, d: services.route(a, u, v, to_agency=d["to_agency"], reason=d["reason"]),
        services.route,
    ),
    ActionSpec(
        wf.Action.TRANSFER,
        routing_forms.RouteForm,
        lambda a, u, v, d: services.transfer(a, u, v, to_agency=d["to_agency"], reason=d["reason"]),
        services.transfer,
    ),
    ActionSpec(wf.Action.SIGN, routing_forms.SignForm, lambda a, u, v, d: services.sign(a, u, v), services.sign),
    ActionSpec(
        wf.Action.RETURN,
        routing_forms.ReturnForm,
        lambda a, u, v, d: services.send_back(a, u, v, reason=d["reason"]),
        services.send_back,
    ),
)  # fmt: skip

ACTIONS: Mapping[str, ActionSpec] = {spec.name: spec for spec in _SPECS}


def get(name: str) -> ActionSpec | None:
    return ACTIONS.get(name)


@dataclass(frozen=True)
class Offer:
    """An action offered on the case page, with the refusals of its guards (empty when possible)."""

    spec: ActionSpec
    form: djforms.Form
    refusals: tuple[str, ...]


def available(app: Application, roles: set[wf.Role], initial: Mapping[str, Any]) -> list[Offer]:
    """The actions ``roles`` may perform on ``app`` in its state, in table order."""
    state = wf.State(app.state)
    offers = []
    for spec in _SPECS:
        if state not in spec.allowed_from or not (spec.roles & roles):
            continue
        if spec.action is wf.Action.ROUTE and not routing_rules.is_unified_intake(app.agency):
            continue  # 分送 is a portal's action (D47): not offered elsewhere
        refusals = tuple(notices.refusals(app, spec.action))
        offers.append(Offer(spec, spec.form(initial={"version": app.version, **initial}), refusals))
    return offers
