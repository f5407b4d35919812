"""Submitting an application with its file, and adding files to a case: one transaction each.

A case and the file that came with it are saved together or not at all (a failure writing the file
leaves no case, a refused case leaves no file); every file is audited (``attachment.add``) in the
transaction that stores it. Views call these; they never write attachments themselves.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.web import audit

from . import services
from .attachments import CheckedFile
from .models import Application, Attachment


def add_attachment(app: Application, checked: CheckedFile | None, actor: Any) -> Attachment | None:
    """Store ``checked`` (a file accepted by :func:`attachments.check_upload`) with ``app``; audited."""
    if checked is None:
        return None
    with transaction.atomic():
        att = Attachment.objects.create(
            application=app,
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.data),
            data=checked.data,
            sha256=checked.sha256,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(actor, "attachment.add", att, after={"name": att.name, "sha256": att.sha256})
    return att


def submit(*, attachment: CheckedFile | None = None, **register: Any) -> tuple[Application, str | None]:
    """:func:`services.register` and the first file in one transaction.

    A retried submission (same sender and key) returns the case already created and keeps its first
    file; a new case without its file is never committed.
    """
    with transaction.atomic():
        app, secret = services.register(**register)
        if attachment is not None and not app.attachments.exists():
            add_attachment(app, attachment, register.get("actor"))
    return app, secret


def record_supplement(
    app: Application, user: Any, version: int, *, received_on: Any, attachment: CheckedFile | None
) -> Application:
    """条例 art. 30: the supplement and its material in one transaction."""
    with transaction.atomic():
        result = services.record_supplement(app, user, version, received_on=received_on)
        add_attachment(app, attachment, user)
    return result
