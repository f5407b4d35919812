"""Rate limits kept in the database, so that every server process counts together (D15).

A :class:`Limit` allows ``maximum`` hits per identity (a normalised user name, an address, an e-mail
address) in a fixed window of ``window`` seconds. Counters are rows of
:class:`~gongkai.web.security.models.RateCounter`, incremented with one ``UPDATE … SET count =
count + 1`` so that concurrent requests in several processes never lose a hit. The maxima are
settings read from the environment (docs/platform.md#settings).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .client import client_address
from .models import RateCounter


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str  # the Django setting holding the maximum
    window: int  # seconds
    message: str  # shown (with HTTP 429) when the limit is reached

    @property
    def maximum(self) -> int:
        return int(getattr(settings, self.setting))


_QUARTER = 15 * 60
_HOUR = 60 * 60
#: Failed sign-ins for one user name from one address.
LOGIN_PAIR = Limit(
    "login-pair", "GONGKAI_LOGIN_MAX_FAILURES", _QUARTER, "登录失败次数过多，请 15 分钟后再试。"
)
#: Failed sign-ins for one user name from anywhere (guessing spread over many addresses).
LOGIN_USER = Limit(
    "login-user",
    "GONGKAI_LOGIN_MAX_FAILURES_PER_USER",
    _QUARTER,
    "该账户登录失败次数过多，请 15 分钟后再试。",
)
#: Failed sign-ins from one address for any user name (password spraying).
LOGIN_ADDRESS = Limit(
    "login-address",
    "GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS",
    _QUARTER,
    "您所在网络的登录失败次数过多，请 15 分钟后再试。",
)
#: Look-ups of an application with its tracking number and secret, per address.
TRACK = Limit("track", "GONGKAI_TRACK_MAX_PER_HOUR", _HOUR, "查询过于频繁，请一小时后再试。")
#: Applications submitted online without an account, per address.
ANONYMOUS_APPLY = Limit(
    "apply-anonymous",
    "GONGKAI_APPLY_MAX_PER_HOUR",
    _HOUR,
    "提交申请过于频繁，请一小时后再试；经常申请的，可以注册账户后提交。",
)
#: Password-reset mails requested from one address, and to one e-mail address.
RESET_ADDRESS = Limit(
    "reset-address", "GONGKAI_PASSWORD_RESET_MAX_PER_ADDRESS", _HOUR, "找回密码请求过于频繁，请一小时后再试。"
)
RESET_EMAIL = Limit(
    "reset-email",
    "GONGKAI_PASSWORD_RESET_MAX_PER_EMAIL",
    _HOUR,
    "该邮箱的找回密码邮件发送过于频繁，请一小时后再试。",
)


def normalise_username(value: str) -> str:
    """A user name as the counter sees it: NFKC (as Django stores user names), case-folded, trimmed.

    'ｊｉｎｇｂａｎ', 'JingBan' and ' jingban ' all count against 'jingban'.
    """
    return unicodedata.normalize("NFKC", str(value or "")).casefold().strip()


def normalise_email(value: str) -> str:
    return unicodedata.normalize("NFKC", str(value or "")).casefold().strip()


def _row(limit: Limit, identity: str) -> tuple[str, Any]:
    now = timezone.now()
    start = int(now.timestamp()) // limit.window * limit.window
    digest = hashlib.sha256(f"{limit.name}\x1f{identity}\x1f{start}".encode()).hexdigest()
    expires = dt.datetime.fromtimestamp(start + limit.window, tz=dt.UTC)
    return digest, expires


def count(limit: Limit, identity: str) -> int:
    """Hits of ``identity`` in the current window."""
    key, _ = _row(limit, identity)
    return RateCounter.objects.filter(key=key).values_list("count", flat=True).first() or 0


def exceeded(limit: Limit, identity: str) -> bool:
    return count(limit, identity) >= limit.maximum


def hit(limit: Limit, identity: str) -> int:
    """Count one hit of ``identity``; returns the count in the current window, this hit included."""
    key, expires = _row(limit, identity)
    with transaction.atomic():
        if not RateCounter.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires)
            except IntegrityError:  # another process created it in between
                RateCounter.objects.filter(key=key).update(count=F("count") + 1)
        value = RateCounter.objects.filter(key=key).values_list("count", flat=True).first() or 0
    if random.random() < 0.02:  # housekeeping, not security
        RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return int(value)


def attempt(limit: Limit, identity: str) -> bool:
    """Count an attempt and say whether it is within the limit (race-free: count first, then compare)."""
    return hit(limit, identity) <= limit.maximum


def reset(limit: Limit, identity: str) -> None:
    key, _ = _row(limit, identity)
    RateCounter.objects.filter(key=key).delete()


def too_many(request: HttpRequest, limit: Limit) -> HttpResponse:
    """The Chinese "too many requests" page (HTTP 429), with ``Retry-After`` at the window's end."""
    response = render(request, "429.html", {"message": limit.message}, status=429)
    now = int(timezone.now().timestamp())
    response["Retry-After"] = str(now // limit.window * limit.window + limit.window - now)
    return response


def limit_posts(
    limit: Limit, *, when: Callable[[HttpRequest], bool] = lambda request: True
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view: each POST (for which ``when(request)`` holds) counts against ``limit`` per
    client address; beyond the maximum the view is not run and the 429 page is returned."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and when(request) and not attempt(limit, client_address(request)):
                return too_many(request, limit)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
