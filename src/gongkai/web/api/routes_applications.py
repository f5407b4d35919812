"""依申请公开 applications: register one received elsewhere (idempotent), list, status.

Registration goes through the web's intake rules (:class:`~.forms.ApiIntakeForm`) and the intake
service (:func:`gongkai.web.applications.intake.submit`) as the token's acting user, who needs an
office role (经办人, 审核人 or 负责人) in the agency — the service checks it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Header, Query, Router
from ninja import Status as Reply

from gongkai.web.applications import intake
from gongkai.web.applications.models import Application
from gongkai.web.applications.outcomes import outcome_choices
from gongkai.web.applications.workflow import STATE_LABELS, State

from . import services
from .auth import caller
from .errors import ApiError, responses
from .forms import ApiIntakeForm
from .models import Scope
from .schemas import ApplicationIn, ApplicationOut, ApplicationPage

router = Router(tags=["依申请公开"])
PER_PAGE = 50
_OUTCOMES = dict(outcome_choices())
KEY_PATTERN = r"^[A-Za-z0-9_.:-]{8,64}$"


def application_out(app: Application) -> dict[str, Any]:
    return {
        "tracking_number": app.tracking_number,
        "state": app.state,
        "state_label": STATE_LABELS.get(State(app.state), app.state),
        "channel": app.channel,
        "received_on": app.received_on,
        "reply_due": app.reply_due,
        "extended_due": app.extended_due,
        "outcome": app.outcome,
        "outcome_label": _OUTCOMES.get(app.outcome, ""),
        "concluded_on": app.concluded_on,
        "description": app.description,
        "version": app.version,
    }


def _json(app: Application) -> dict[str, Any]:
    return ApplicationOut(**application_out(app)).model_dump(mode="json")


@router.post("/applications", response=responses({201: ApplicationOut}, 409), url_name="applications_create")
def applications_create(
    request: HttpRequest,
    payload: ApplicationIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", pattern=KEY_PATTERN),
) -> Reply[dict[str, Any]]:
    """登记在其他系统收到的申请。必须带 Idempotency-Key：同一令牌重复提交同一键时返回首次的结果。"""
    who = caller(request, Scope.APPLICATIONS_WRITE)
    data = payload.model_dump(mode="json")

    def produce() -> tuple[int, dict[str, Any]]:
        form = ApiIntakeForm({**data, "idempotency_key": idempotency_key})
        if not form.is_valid():
            detail = {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            raise ApiError(422, "validation_error", "申请内容未通过校验。", detail)
        clean = form.cleaned_data

        def register() -> Application:
            app, _ = intake.submit(
                agency=who.agency,
                actor=who.user,
                channel=clean["channel"],
                received_on=clean["received_on"],
                data=clean,
                idempotency_key=idempotency_key,
                sender=f"api-token:{who.token.pk}",
            )
            return app

        app = services.write(who.token, "application_register", register)
        return 201, _json(app)

    status, body = services.idempotent(who.token, idempotency_key, data, produce)
    return Reply(status, body)


@router.get("/applications", response=responses({200: ApplicationPage}), url_name="applications_list")
def applications_list(
    request: HttpRequest,
    state: str = Query("", max_length=32, description="按状态筛选，如 registered、under_review"),
    page: int = Query(1, ge=1, le=10000),
) -> dict[str, Any]:
    """本机关的申请（最新收到的在前），每页 50 件。"""
    who = caller(request, Scope.APPLICATIONS_READ)
    qs = Application.objects.visible_to(who.user).filter(agency=who.agency)
    if state:
        qs = qs.filter(state=state)
    count = qs.count()
    pages = max(1, -(-count // PER_PAGE))
    rows = qs.order_by("-received_on", "-pk")[(page - 1) * PER_PAGE : page * PER_PAGE]
    return {"count": count, "page": page, "pages": pages, "results": [application_out(a) for a in rows]}


@router.get(
    "/applications/{tracking_number}",
    response=responses({200: ApplicationOut}),
    url_name="applications_detail",
)
def applications_detail(request: HttpRequest, tracking_number: str) -> dict[str, Any]:
    """一件申请的状态与期限（他机关的申请：404）。"""
    who = caller(request, Scope.APPLICATIONS_READ)
    app = Application.objects.visible_to(who.user).get(agency=who.agency, tracking_number=tracking_number)
    return application_out(app)
