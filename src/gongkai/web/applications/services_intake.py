"""Intake: register an application and correct its details (条例第二十九条、第三十一条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from gongkai.web import audit
from gongkai.web.accounts.models import ApplicantType
from gongkai.web.security.submission import sender_of

from .clock import recompute_clock
from .errors import ServiceError, StaleVersionError
from .letters import LetterKind
from .models import (
    RECEIPT_DATE_RULE,
    Application,
    Channel,
    hash_secret,
)
from .services_core import (
    _next_tracking_number,
    _require_office,
    _snapshot,
    new_secret,
)
from .services_letters import _new_letter, _send_automatic


def today() -> dt.date:
    """Today, looked up on the :mod:`.services` facade when called (tests patch ``services.today``)."""
    from . import services

    return services.today()


# ---- intake ---------------------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_category",
    "applicant_name",
    "applicant_id_type",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)
CONTENT_FIELDS = ("description", "document_number", "item_count", "provision_form", "delivery_method")


def register(
    *,
    agency: Any,
    actor: Any,
    channel: str,
    received_on: dt.date,
    data: dict[str, Any],
    applicant_user: Any = None,
    idempotency_key: str | None = None,
    online: bool = False,
    sender: str | None = None,
) -> tuple[Application, str | None]:
    """Register an application (条例 arts. 29, 31); returns it and, for anonymous online
    applicants, the tracking secret (shown once).

    Staff intake (``online=False``) needs an office role in ``agency``. A repeated
    ``idempotency_key`` (double click, retried request) returns the application already created —
    only to the same ``sender`` in the same agency (security/submission.py; default: the account of
    ``applicant_user`` or ``actor``, else the system): someone else's key opens nothing.
    """
    if not online:
        _require_office(actor, agency)
    sender = sender or sender_of(actor, applicant_user)
    submission = {"agency": agency, "idempotency_sender": sender, "idempotency_key": idempotency_key}
    if idempotency_key:
        existing = Application.objects.filter(**submission).first()
        if existing is not None:
            return existing, None
    if data.get("applicant_type") == ApplicantType.NATURAL_PERSON and data.get("applicant_category") != "np":
        raise ServiceError("自然人申请人应计入“自然人”一列。")
    if data.get("applicant_type") == ApplicantType.ORGANISATION and data.get("applicant_category") == "np":
        raise ServiceError("法人或其他组织应选择商业企业、科研机构、社会公益组织、法律服务机构或其他。")
    if received_on > today():
        raise ServiceError("收到申请日期不能晚于今天。")
    secret = new_secret() if online and applicant_user is None else None
    try:
        with transaction.atomic():
            app = Application(
                agency=agency,
                applicant=applicant_user,
                channel=channel,
                received_on=received_on,
                received_basis=RECEIPT_DATE_RULE[Channel(channel)],
                idempotency_key=idempotency_key or None,
                idempotency_sender=sender if idempotency_key else "",
                access_secret_hash=hash_secret(secret) if secret else "",
                **{f: data.get(f, "") or "" for f in APPLICANT_FIELDS},
                **{f: data[f] for f in CONTENT_FIELDS if f in data},
            )
            app.tracking_number = _next_tracking_number(agency, received_on.year)
            recompute_clock(app)
            app.save()
            audit.record(
                actor,
                "application.register",
                app,
                after=_snapshot(app),
                note=f"{Channel(channel).label}；{app.received_basis}",
            )
            receipt = _new_letter(app, LetterKind.RECEIPT, actor)
            if online:
                _send_automatic(receipt, actor, today())
    except IntegrityError:
        if idempotency_key:
            existing = Application.objects.filter(**submission).first()
            if existing is not None:
                return existing, None
        raise
    return app, secret


def update_details(app: Application, user: Any, version: int, data: dict[str, Any]) -> Application:
    """Correct the applicant snapshot or the request content (not the state); audited, version-checked."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        _require_office(user, locked.agency)
        if locked.version != version:
            raise StaleVersionError(
                f"申请 {locked.tracking_number} 已被他人修改，您的修改未保存，请刷新后重试。"
            )
        before = {f: getattr(locked, f) for f in (*APPLICANT_FIELDS, *CONTENT_FIELDS)}
        for f in (*APPLICANT_FIELDS, *CONTENT_FIELDS):
            if f in data:
                setattr(locked, f, data[f])
        locked.version += 1
        locked.save()
        after = {f: getattr(locked, f) for f in (*APPLICANT_FIELDS, *CONTENT_FIELDS)}
        audit.record(user, "application.update", locked, before=before, after=after)
    app.refresh_from_db()
    return app


def add_attachment(app: Application, checked: Any, user: Any) -> Any:
    """Store a checked upload (see attachments.check_upload) with its audit event; the Attachment."""
    if checked is None:
        return None
    from .models import Attachment

    with transaction.atomic():
        att = Attachment.objects.create(
            application=app,
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.data),
            data=checked.data,
            sha256=checked.sha256,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(user, "attachment.add", att, after={"name": att.name, "sha256": att.sha256})
    return att
