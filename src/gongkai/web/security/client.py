"""The client's address, for rate limits and the audit log.

``REMOTE_ADDR`` by default. ``X-Forwarded-For`` is believed only when the operator says how many
reverse proxies stand in front of the platform (``GONGKAI_TRUSTED_PROXY_COUNT``): the address is then
the one the outermost trusted proxy saw, counted from the right, and anything a client wrote further
left is ignored. (``gongkai serve`` behind ``GONGKAI_BEHIND_TLS_PROXY`` already lets waitress rewrite
``REMOTE_ADDR`` from its one trusted proxy; leave the count at 0 there.)
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: Any) -> str:
    """The address of the client that sent ``request`` ("-" when unknown)."""
    if request is None:
        return "-"
    meta = getattr(request, "META", {})
    remote = _valid(str(meta.get("REMOTE_ADDR", ""))) or "-"
    proxies = int(getattr(settings, "GONGKAI_TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote  # the request did not come through all the proxies: trust only the socket
    return _valid(forwarded[-proxies]) or remote
