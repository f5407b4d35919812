"""Services of the applicant's features: the online 补正, disclosed files, the message thread and
the read marks of notifications. Like :mod:`.services`, each runs in one transaction, checks who
acts, changes the rows and writes an audit event in that transaction.

An anonymous applicant acts as a :class:`TrackedApplicant`: the visitor who has unlocked one
application with its tracking number and secret in this session (see applicant_views).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.accounts import scope

from . import notifications, services
from . import workflow as wf
from .applicant_models import MESSAGE_MAX_CHARS, Audience, Message, Notification
from .attachments import CheckedFile
from .letters import LetterKind
from .models import Application, Attachment, AttachmentPurpose

#: At most this many files per supplement or per disclosure upload.
MAX_FILES = 5
#: Outcomes whose reply delivers information (条例 art. 36(2), art. 37).
DISCLOSING_OUTCOMES = ("granted", "partial")


class TrackedApplicant(AnonymousUser):
    """An anonymous visitor who proved tracking number + secret for application ``applicant_of``."""

    def __init__(self, application_pk: int) -> None:
        super().__init__()
        self.applicant_of = application_pk


def clean_text(text: str, limit: int = MESSAGE_MAX_CHARS) -> str:
    """Strip control characters (keeping line breaks and tabs) and surrounding blanks; bound the length.

    HTML is not removed: templates escape it (autoescape), so ``<b>`` shows as text.
    """
    kept = "".join(
        ch for ch in text.replace("\r\n", "\n") if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
    ).strip()
    if len(kept) > limit:
        raise services.ServiceError(f"内容过长（{len(kept)}字），最多{limit}字。")
    return kept


def is_applicant(user: Any, app: Application) -> bool:
    return wf.Role.APPLICANT in services.workflow_roles(user, app)


def reply_sent(app: Application) -> bool:
    """Whether the reply letter (答复书) has been sent: disclosed files are released from then on."""
    return app.letters.filter(kind=LetterKind.REPLY, sent_at__isnull=False).exists()


def correction_sent(app: Application) -> bool:
    return app.letters.filter(kind=LetterKind.CORRECTION, sent_at__isnull=False).exists()


def supplement_open(app: Application, today: Any = None) -> str | None:
    """None if the applicant may upload the supplement online now, else why not (Chinese)."""
    today = today or services.today()
    if app.state != wf.State.CORRECTION_REQUESTED:
        return "本申请当前不需要补正。"
    if not correction_sent(app):
        # A legal consequence never runs ahead of its notice (domain.md §12.1): the 补正告知书 first.
        return "补正告知书尚未发出。"
    if app.supplement_deadline is not None and today > app.supplement_deadline:
        return (
            f"补正期限（{app.supplement_deadline:%Y-%m-%d}）已过，不能在线提交；"
            "如有正当理由，请通过留言或其他方式与本机关联系（条例第三十条）。"
        )
    return None


def _save_files(app: Application, files: Sequence[CheckedFile], purpose: str, user: Any) -> list[Attachment]:
    saved = []
    for f in files:
        att = Attachment.objects.create(
            application=app,
            name=f.name,
            content_type=f.content_type,
            size=len(f.data),
            data=f.data,
            sha256=f.sha256,
            purpose=purpose,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(
            user, "attachment.add", att, after={"name": att.name, "sha256": att.sha256, "purpose": purpose}
        )
        saved.append(att)
    return saved


def submit_supplement(
    app: Application, user: Any, version: int, *, text: str, files: Sequence[CheckedFile]
) -> Application:
    """The applicant's online supplement (条例 art. 30): text and files, recorded through
    :func:`services.record_supplement` as received today — an online submission is received on the
    day both sides confirm it, which the platform does on submission (条例 art. 31(3))."""
    text = clean_text(text)
    if not text and not files:
        raise services.ServiceError("请填写补正内容或上传补正材料。")
    if len(files) > MAX_FILES:
        raise services.ServiceError(f"一次最多上传{MAX_FILES}个文件。")
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("agency").get(pk=app.pk)
        if not is_applicant(user, locked):
            raise PermissionDenied("只有申请人本人可以提交补正。")
        why_not = supplement_open(locked)
        if why_not:
            raise services.ServiceError(why_not)
        services.record_supplement(locked, user, version, received_on=services.today())
        _save_files(locked, files, AttachmentPurpose.SUPPLEMENT, user)
        if text:
            _post(locked, user, Audience.APPLICANT, text, is_supplement=True)
        notifications.notify_office(
            locked,
            "application.supplement_online",
            f"申请 {locked.tracking_number} 的申请人已在线提交补正",
            f"申请人{locked.applicant_name}于{services.today():%Y-%m-%d}在线提交补正"
            f"（{len(files)}个文件）。答复期限自收到补正之日起重新计算（条例第三十条）。",
        )
    app.refresh_from_db()
    return app


def attach_disclosed(app: Application, user: Any, files: Sequence[CheckedFile]) -> list[Attachment]:
    """The office attaches the information to be provided with the reply (条例 art. 36(2), art. 37).

    Only before the reply is sent, and only for a decision that provides information; the files reach
    the applicant when the reply letter is sent (see :func:`reply_sent`).
    """
    if not files:
        raise services.ServiceError("请选择要公开的文件。")
    if len(files) > MAX_FILES:
        raise services.ServiceError(f"一次最多上传{MAX_FILES}个文件。")
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("agency").get(pk=app.pk)
        scope.require(user, locked.agency, services.OFFICE_ROLES)
        if locked.state not in (wf.State.DECIDED, wf.State.FEE_PENDING) or reply_sent(locked):
            raise services.ServiceError("只能在作出办理决定之后、发送答复之前添加公开的文件。")
        if locked.outcome not in DISCLOSING_OUTCOMES:
            raise services.ServiceError("办理结果为予以公开或部分公开时，才能随答复提供文件。")
        return _save_files(locked, files, AttachmentPurpose.DISCLOSED, user)


def _post(app: Application, user: Any, side: str, body: str, *, is_supplement: bool = False) -> Message:
    if side == Audience.APPLICANT:
        author_name = app.applicant_name
    else:
        author_name = str(getattr(user, "display_name", "") or user.get_username())
    message = Message.objects.create(
        application=app,
        side=side,
        author=user if getattr(user, "is_authenticated", False) else None,
        author_name=f"{author_name}（{Audience(side).label}）" if side == Audience.OFFICE else author_name,
        body=body,
        is_supplement=is_supplement,
    )
    audit.record(user, "message.post", message, after={"side": side, "length": len(body)})
    return message


def post_message(app: Application, user: Any, body: str) -> Message:
    """A message on the case, from the applicant (owner or tracked visitor) or the office; the other
    side is notified (page and e-mail)."""
    body = clean_text(body)
    if not body:
        raise services.ServiceError("留言内容不能为空。")
    with transaction.atomic():
        locked = Application.objects.select_related("agency").get(pk=app.pk)
        if is_applicant(user, locked):
            side = Audience.APPLICANT
        elif scope.has_role(user, locked.agency, services.OFFICE_ROLES):
            side = Audience.OFFICE
        else:
            raise PermissionDenied("您无权在该申请上留言。")
        message = _post(locked, user, side, body)
        excerpt = body if len(body) <= 200 else f"{body[:200]}……"
        if side == Audience.APPLICANT:
            notifications.notify_office(
                locked,
                "message.post",
                f"申请 {locked.tracking_number} 有申请人留言",
                f"{message.author_name}：{excerpt}",
            )
        else:
            notifications.notify_applicant(
                locked,
                "message.post",
                f"{locked.agency.name}回复了您的留言",
                f"关于申请 {locked.tracking_number}，{locked.agency.name}留言：{excerpt}",
            )
    return message


def mark_read(app: Application, user: Any, audience: str = Audience.APPLICANT) -> int:
    """Mark the reader's unread notifications of ``app`` as read; audited."""
    with transaction.atomic():
        if audience == Audience.APPLICANT and not is_applicant(user, app):
            raise PermissionDenied("您无权操作该申请的通知。")
        count = Notification.objects.filter(application=app, audience=audience, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            audit.record(user, "notification.read", app, after={"audience": audience, "count": count})
    return count
