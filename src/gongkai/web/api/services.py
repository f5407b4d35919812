"""The only code that changes API tokens and idempotency records; every token change is audited.

- :func:`create_token` / :func:`revoke_token`: the agency administrator's (机构管理员) actions.
- :func:`authenticate`: a presented secret → its active token (or an :class:`ApiError`).
- :func:`idempotent`: run a write once per (token, ``Idempotency-Key``) and replay its response.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.security import throttle

from .errors import ApiError
from .models import ApiToken, IdempotencyRecord, Scope

#: Tokens are ``gk_`` and 43 URL-safe characters (256 random bits).
TOKEN_PREFIX = "gk_"
#: Requests per token in one minute (docs/api.md#rate-limits).
API_LIMIT = throttle.Limit(
    "api-token", "GONGKAI_API_MAX_PER_MINUTE", 60, "接口请求过于频繁，请稍后再试（每个令牌每分钟有上限）。"
)
#: Roles an acting user may hold (a supervisor never writes, so never acts for a token).
ACTING_ROLES = (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.AGENCY_ADMIN)
#: last_used_at is written at most once per this interval (no write on every request).
_TOUCH_EVERY = dt.timedelta(minutes=1)
_T = TypeVar("_T")


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def acting_candidates(agency: Agency) -> Any:
    """The staff who may be a token's acting user: active non-supervisor members of ``agency``."""
    from gongkai.web.accounts.models import User

    return (
        User.objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__is_active=True,
            memberships__role__in=ACTING_ROLES,
        )
        .distinct()
        .order_by("username")
    )


def create_token(
    actor: Any, agency: Agency, *, name: str, scopes: Iterable[str], acting_user: Any
) -> tuple[ApiToken, str]:
    """A new token of ``agency`` (机构管理员 only); returns it and its secret, which is never stored."""
    scope.require(actor, agency, (Role.AGENCY_ADMIN,))
    wanted = sorted(set(scopes))
    unknown = set(wanted) - set(Scope.values)
    if unknown or not wanted:
        raise ApiError(422, "validation_error", "请至少选择一项有效的权限范围。")
    if not acting_candidates(agency).filter(pk=acting_user.pk).exists():
        raise ApiError(422, "validation_error", "代表的工作人员须是本机关在职的工作人员（非监督人员）。")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            agency=agency,
            name=name.strip(),
            scopes=wanted,
            token_hash=hash_token(secret),
            prefix=secret[:10],
            acting_user=acting_user,
            created_by=actor,
        )
        audit.record(
            actor,
            "api.token_create",
            token,
            after={"name": token.name, "scopes": wanted, "acting_user": acting_user.pk},
        )
    return token, secret


def revoke_token(actor: Any, token: ApiToken) -> ApiToken:
    """Revoke ``token`` (机构管理员 of its agency); it answers 401 ``token_revoked`` from now on."""
    scope.require(actor, token.agency, (Role.AGENCY_ADMIN,))
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit.record(
                actor, "api.token_revoke", locked, after={"revoked_at": locked.revoked_at.isoformat()}
            )
    return locked


def authenticate(secret: str) -> ApiToken:
    """The active token whose secret is ``secret``, counted against its rate limit."""
    token = (
        ApiToken.objects.select_related("agency", "acting_user")
        .filter(token_hash=hash_token(secret.strip()))
        .first()
    )
    if token is None:
        raise ApiError(401, "token_invalid", "接口令牌无效。")
    if token.revoked_at is not None:
        raise ApiError(401, "token_revoked", "该接口令牌已被吊销。")
    if not acting_candidates(token.agency).filter(pk=token.acting_user_id).exists():
        raise ApiError(
            401, "token_inactive", "令牌所代表的工作人员已不在本机关任职，令牌已失效；请重新创建。"
        )
    if not throttle.attempt(API_LIMIT, f"token:{token.pk}"):
        raise ApiError(429, "rate_limited", API_LIMIT.message)
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def request_hash(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def idempotent(
    token: ApiToken, key: str, payload: Any, produce: Callable[[], tuple[int, dict[str, Any]]]
) -> tuple[int, dict[str, Any]]:
    """Run ``produce`` once for (``token``, ``key``) and keep its response; replay it for the same key.

    The same key with a different request body is refused (409 ``idempotency_conflict``): the key
    names one request, not one slot. Keys are scoped to the token — another token's key is unrelated.
    """
    digest = request_hash(payload)

    def replay(record: IdempotencyRecord) -> tuple[int, dict[str, Any]]:
        if record.request_hash != digest:
            raise ApiError(
                409,
                "idempotency_conflict",
                "该幂等键已用于内容不同的请求；请为新的请求使用新的幂等键。",
            )
        return record.status, record.response

    existing = IdempotencyRecord.objects.filter(token=token, key=key).first()
    if existing is not None:
        return replay(existing)
    try:
        with transaction.atomic():
            status, response = produce()
            IdempotencyRecord.objects.create(
                token=token, key=key, request_hash=digest, status=status, response=response
            )
    except IntegrityError:  # the same key arrived concurrently: answer with the first response
        existing = IdempotencyRecord.objects.filter(token=token, key=key).first()
        if existing is None:
            raise
        return replay(existing)
    return status, response


def write(
    token: ApiToken, verb: str, action: Callable[[], _T], subject: Callable[[_T], Any] | None = None
) -> _T:
    """Run a service call for ``token`` and record ``api.<verb>`` in the same transaction.

    The service records its own event (as the acting user); this one says the change came through
    the API and which token made it. A refusal rolls both back.
    """
    with transaction.atomic():
        result = action()
        obj = subject(result) if subject is not None else result
        audit.record(
            token.acting_user,
            f"api.{verb}",
            obj,
            agency=token.agency,
            note=f"接口令牌“{token.name}”（{token.prefix}…）",
        )
    return result
