"""Letters in one step: the send button saves the edits and sends, in one transaction; and the
preview of the exact document before sending.

:func:`save_and_send` runs :func:`services.edit_letter` (when the text changed) and
:func:`services.send_letter` inside one ``transaction.atomic``: both check the case's optimistic
``version`` under the row lock, and if sending is refused (a placeholder left unfilled, a stale form)
nothing is saved — the page shows the text as typed, with the reason.

:func:`preview_docx` builds the DOCX with the same function and arguments as sending
(:func:`.letters.render_docx`, dated today, numbered with the tracking number): what the clerk
previews is what the applicant receives. :func:`pdf_converter` is the letters package's PDF
conversion (LibreOffice) when installed; otherwise the preview is the DOCX and the HTML text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction

from . import letter_services, services
from .models import Letter


def save_and_send(
    letter: Letter,
    user: Any,
    version: int,
    *,
    title: str,
    addressee: str,
    body: str,
    on: dt.date | None = None,
    delivery_method: str | None = None,
) -> Letter:
    with transaction.atomic():
        fresh = Letter.objects.get(pk=letter.pk)
        changed = (fresh.title, fresh.addressee, fresh.body) != (
            title.strip(),
            addressee.strip(),
            body.strip(),
        )
        if changed:
            services.edit_letter(letter, user, version, title=title, addressee=addressee, body=body)
            version += 1
        services.send_letter(letter, user, version, on=on, delivery_method=delivery_method)
    letter.refresh_from_db()
    return letter


def preview_docx(
    letter: Letter, *, title: str, addressee: str, body: str, on: dt.date | None = None
) -> bytes:
    """The DOCX that sending would archive: the same 公文 layout, letterhead and seal, with the 文号 the
    next letter will get (nothing is allocated by a preview)."""
    day = on or services.today()
    return letter_services.letter_docx(
        letter,
        title=title.strip(),
        addressee=addressee.strip(),
        body=body.strip(),
        on=day,
        number=letter_services.next_number(letter.application.agency, day.year),
    )


def pdf_converter() -> Callable[[bytes], bytes] | None:
    """The letters package's DOCX → PDF conversion (LibreOffice, the same as at send), or None when
    LibreOffice is not installed (the preview is then the DOCX and the HTML text)."""
    from .letters import pdf

    return pdf.docx_to_pdf if pdf.available() else None
