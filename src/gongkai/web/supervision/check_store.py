"""Slow ``/check/`` uploads: stored for a while, read and checked by a background task (D55).

A PDF (text layer or scanned, OCR), a DOC/RTF (LibreOffice or antiword) or any file larger than
``GONGKAI_CHECK_INLINE_MAX_KB`` is not read in the request: :func:`submit` stores it as a
:class:`CheckUpload` (unguessable token, owner = the signed-in user, or the SHA-256 of the anonymous
session's key — nothing personal) and enqueues :func:`.tasks.run_check` after the commit. The task
(:func:`run`) reads and checks it in a child process killed after ``GONGKAI_CHECK_TASK_SECONDS``
(on top of the core's own bounds), keeps the core's JSON document as the result and deletes the file
at once. Everything is deleted ``GONGKAI_CHECK_KEEP_MINUTES`` after the upload by
:func:`purge_expired`, which runs on every ``/check/`` request and daily in ``gongkai remind``.
Fast media (text, HTML, DOCX, XLSX) stay in the request and are never stored (D38).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.errors import GongkaiError
from gongkai.report.read.detect import detect_medium
from gongkai.web.tasks.engine import after_commit

from .check_child import read_bounded
from .models import CheckStatus, CheckUpload

log = logging.getLogger(__name__)

#: Media read by slow means (pdfminer/OCR, LibreOffice, antiword): always in the background.
SLOW_MEDIA = frozenset({"pdf", "doc", "rtf"})


def is_slow(name: str, data: bytes) -> bool:
    """Whether the upload goes to the background: a slow medium, or larger than the inline bound."""
    if len(data) > settings.GONGKAI_CHECK_INLINE_MAX_KB * 1024:
        return True
    try:
        return detect_medium(data, name) in SLOW_MEDIA
    except GongkaiError:
        return False  # the request says why it cannot be read


def session_hash(session: Any) -> str:
    """The SHA-256 of the session's key (the session is saved first if it has none yet)."""
    if not session.session_key:
        session.save()
        session.modified = True  # the cookie must reach the browser even with an empty session
    return hashlib.sha256(str(session.session_key).encode()).hexdigest()


def submit(user: Any, session: Any, name: str, data: bytes, now: dt.datetime | None = None) -> CheckUpload:
    """Store the upload and enqueue its check after the commit."""
    now = now or timezone.now()
    signed_in = bool(getattr(user, "is_authenticated", False))
    owner_hash = "" if signed_in else session_hash(session)
    with transaction.atomic():
        row = CheckUpload(
            token=secrets.token_urlsafe(24),
            owner=user if signed_in else None,
            session_hash=owner_hash,
            name=name[:255],
            created_at=now,
            expires_at=now + dt.timedelta(minutes=settings.GONGKAI_CHECK_KEEP_MINUTES),
        )
        row.upload.save(f"{row.token}.bin", ContentFile(data), save=False)  # media are never served
        row.save()
        from .tasks import run_check

        after_commit(run_check, row.token)  # D41: with the database backend, in this transaction
    return row


def find(token: str, user: Any, session: Any, now: dt.datetime | None = None) -> CheckUpload | None:
    """The upload if it exists, has not expired and belongs to this user or anonymous session."""
    row = CheckUpload.objects.filter(token=token, expires_at__gt=now or timezone.now()).first()
    if row is None:
        return None
    if row.owner_id is not None:
        return row if getattr(user, "pk", None) == row.owner_id else None
    key = getattr(session, "session_key", None)
    if not key or getattr(user, "is_authenticated", False):
        return None
    return row if secrets.compare_digest(row.session_hash, hashlib.sha256(key.encode()).hexdigest()) else None


def _delete_file(row: CheckUpload) -> None:
    if row.upload:
        try:
            row.upload.delete(save=False)
        except OSError:  # already gone
            log.warning("检查上传文件 %s 删除失败", row.token)


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the expired uploads, their files and results; the number deleted."""
    expired = list(CheckUpload.objects.filter(expires_at__lte=now or timezone.now()))
    for row in expired:
        _delete_file(row)
    if expired:
        CheckUpload.objects.filter(pk__in=[r.pk for r in expired]).delete()
    return len(expired)


def run(token: str) -> None:
    """The task body: read and check the stored upload, keep the result, delete the file."""
    row = CheckUpload.objects.filter(token=token).first()
    if row is None or row.status in (CheckStatus.DONE, CheckStatus.FAILED):
        return  # expired and purged, or already done (a re-run task)
    if row.expires_at <= timezone.now():
        return
    CheckUpload.objects.filter(pk=token).update(status=CheckStatus.RUNNING)
    try:
        with row.upload.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        CheckUpload.objects.filter(pk=token).update(status=CheckStatus.FAILED, message="上传的文件已不存在。")
        return
    outcome, value = read_bounded(row.name, data, float(settings.GONGKAI_CHECK_TASK_SECONDS))
    del data
    if outcome == "ok":
        CheckUpload.objects.filter(pk=token).update(status=CheckStatus.DONE, result=value, message="")
    else:
        CheckUpload.objects.filter(pk=token).update(status=CheckStatus.FAILED, message=str(value)[:500])
    _delete_file(row)
    CheckUpload.objects.filter(pk=token).update(upload="")
