"""Submitting an application with its file, and adding files to a case: one transaction each.

A case and the file that came with it are saved together or not at all (a failure writing the file
leaves no case, a refused case leaves no file); every file is audited (``attachment.add``) in the
transaction that stores it. Views call these; they never write attachments themselves.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from . import services
from .attachments import CheckedFile
from .models import Application
from .services import add_attachment

__all__ = ["add_attachment", "record_supplement", "submit"]


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
