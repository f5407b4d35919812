"""Submission (idempotency) keys: unguessable, and meaningful only to the sender they were issued to.

A form that creates an application carries a hidden key made here (``secrets``, 256 bits), so that a
double click or a retried request returns the application already created instead of a second one.
The key is looked up together with the agency and the **sender** — the account for a signed-in
user, a digest of the session for an anonymous visitor — so a key copied from someone else's form
(or guessed) finds nothing of theirs: it neither opens, nor reveals, nor changes another case
(unique constraint ``application_unique_submission`` on agency, sender and key).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

#: The sender of work done outside any request (the demo, management commands).
SYSTEM_SENDER = "system"


def new_key() -> str:
    """A fresh submission key (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


def account_sender(user: Any) -> str:
    return f"account:{user.pk}"


def sender_for(request: Any) -> str:
    """The sender of ``request``: its account, or (anonymous) a digest of its session key.

    An anonymous visitor without a session gets one created here, so two visitors never share a
    sender. The session key itself is never stored with the application.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return account_sender(user)
    session = request.session
    if not session.session_key:
        session.save()
    digest = hashlib.sha256(str(session.session_key).encode()).hexdigest()
    return f"session:{digest[:48]}"


def sender_of(actor: Any, applicant_user: Any = None) -> str:
    """The sender when no request is at hand: the applicant's or actor's account, else the system."""
    for user in (applicant_user, actor):
        if user is not None and getattr(user, "is_authenticated", False):
            return account_sender(user)
    return SYSTEM_SENDER
