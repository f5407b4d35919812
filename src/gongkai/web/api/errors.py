"""Errors of the API: every refusal is JSON ``{"code", "message", "detail"}`` with a Chinese message.

``code`` is stable (docs/api.md lists every one); ``message`` is for people; ``detail`` carries field
errors or the findings behind a refusal. No response ever carries a traceback: an unexpected error is
logged and answered with ``internal_error``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from gongkai.web.applications.errors import ServiceError, StaleVersionError

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("gongkai.web.api")


class ErrorOut(Schema):
    """An error: a stable code, a Chinese message, and details when there are any."""

    code: str
    message: str
    detail: Any = None


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.detail = status, code, message, detail


#: The default code and message of each status (used when nothing more precise is known).
DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求格式不正确。"),
    401: ("unauthenticated", "缺少接口令牌，请在 Authorization 头中提供“Bearer 令牌”。"),
    403: ("forbidden", "没有权限执行此操作。"),
    404: ("not_found", "未找到所请求的对象。"),
    405: ("method_not_allowed", "不支持该请求方法。"),
    409: ("conflict", "请求与当前状态冲突。"),
    413: ("too_large", "请求内容过大。"),
    422: ("validation_error", "请求内容未通过校验。"),
    429: ("rate_limited", "请求过于频繁，请稍后再试。"),
    500: ("internal_error", "服务器内部错误，请稍后再试；问题已记录。"),
}

#: Statuses an operation may answer with besides its success (documented on each operation).
COMMON = (400, 401, 403, 404, 413, 422, 429)


def responses(ok: dict[int, Any], *extra: int) -> dict[int, Any]:
    """The ``response=`` mapping of an operation: its successes, and the error schema for the rest."""
    mapping: dict[int, Any] = dict(ok)
    for status in (*COMMON, *extra):
        mapping.setdefault(status, ErrorOut)
    return mapping


def body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"code": code, "message": message, "detail": detail}


def _messages(exc: DjangoValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic errors reduced to JSON-safe parts (location, message, type)."""
    return [
        {
            "loc": [str(p) for p in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in errors
    ]


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every exception into the JSON error shape."""

    def reply(request: HttpRequest, status: int, code: str, message: str, detail: Any = None) -> HttpResponse:
        return api.create_response(request, body(code, message, detail), status=status)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return reply(request, exc.status, exc.code, exc.message, exc.detail)

    @api.exception_handler(NinjaValidationError)
    def validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return reply(request, 422, "validation_error", DEFAULTS[422][1], _field_errors(exc.errors))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return reply(request, 401, *DEFAULTS[401])

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code if exc.status_code in DEFAULTS else 400
        return reply(request, status, *DEFAULTS[status])

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 404, *DEFAULTS[404])

    @api.exception_handler(ObjectDoesNotExist)
    def no_object(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 404, *DEFAULTS[404])

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "令牌所代表的工作人员没有执行此操作的角色。"
        return reply(request, 403, "role_required", message)

    @api.exception_handler(StaleVersionError)
    def stale(request: HttpRequest, exc: StaleVersionError) -> HttpResponse:
        return reply(request, 409, "stale_version", str(exc))

    @api.exception_handler(ServiceError)
    def refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        return reply(request, 409, "workflow_refused", str(exc))

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        from gongkai.web.annual.services import PublishRefused
        from gongkai.web.disclosures.services import SelfAuditRefused, WorkflowError

        if isinstance(exc, SelfAuditRefused | PublishRefused):
            return reply(request, 409, "publish_refused", "发布前检查未通过。", _messages(exc))
        if isinstance(exc, WorkflowError):
            return reply(request, 409, "workflow_refused", "；".join(_messages(exc)))
        return reply(request, 422, "validation_error", "；".join(_messages(exc)), _messages(exc))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 413, *DEFAULTS[413])

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API %s %s failed", request.method, request.path)
        return reply(request, 500, *DEFAULTS[500])


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 handler: JSON under ``/api/`` (no such endpoint, or a control character in the address),
    the usual page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found as html_page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse(body(*DEFAULTS[404]), status=404, json_dumps_params={"ensure_ascii": False})
    return html_page_not_found(request, exception)
