"""Internal notes on a case (内部备注): written by the office, read by the agency's staff and its
supervisors (read-only), never shown to the applicant (the applicant pages never load them)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.web import audit
from gongkai.web.accounts import scope

from .models import Application, Note
from .services import OFFICE_ROLES, ServiceError

MAX_LENGTH = 2000


def add_note(app: Application, author: Any, text: str) -> Note:
    """Add a note to ``app``; only the office (经办人、审核人、负责人) of its agency writes notes."""
    text = (text or "").strip()
    if not text:
        raise ServiceError("备注内容不能为空。")
    if len(text) > MAX_LENGTH:
        raise ServiceError(f"备注不能超过 {MAX_LENGTH} 字。")
    scope.require(author, app.agency, OFFICE_ROLES)
    with transaction.atomic():
        note = Note.objects.create(application=app, author=author, text=text)
        audit.record(author, "application.note", app, after={"note": text})
    return note


def notes_for(app: Application, user: Any) -> list[Note]:
    """The notes of ``app`` if ``user`` reads its agency (staff or supervisor), else none."""
    if not scope.has_role(user, app.agency, scope.READ_ROLES):
        return []
    return list(app.notes.select_related("author"))
