"""The case's audit trail in Chinese: action names, field labels and values, for the case page.

Every event about the application, its letters, attachments and notes becomes a :class:`Row`:
the action's Chinese name (the workflow's :data:`~.workflow.ACTION_LABELS` for ``application.<action>``,
:data:`VERB_LABELS` for the others), and each change as (field label, old, new) with the models'
``verbose_name`` and choice labels — ``状态：已登记 → 审查办理中``, never ``state: registered →
under_review``. Identity numbers are masked for roles that do not need them (:mod:`.privacy`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q

from gongkai.web import audit
from gongkai.web.audit.models import AuditEvent

from . import workflow as wf
from .letters import LETTER_LABELS, LetterKind
from .models import Application, Attachment, Letter
from .privacy import IdentityPolicy

#: Verbs written by the services that are not workflow actions.
VERB_LABELS: dict[str, str] = {
    "application.register": "登记申请",
    "application.update": "更正申请信息",
    "application.recompute_clock": "重新计算期限",
    "application.assign": "指派承办人",
    "application.note": "添加内部备注",
    "letter.draft": "起草文书",
    "letter.edit": "修改文书",
    "letter.send": "发送文书",
    "letter.pdf": "生成文书 PDF",
    "attachment.add": "添加附件",
    "application.reveal_identity": "查看完整身份信息",
    "application.notice_sent": "告知书已发出",
    "application.reminder": "到期提醒",
    "application.supplement_online": "在线提交补正",
    "letter.receipt": "登记收件日期",
    "letter.send_held": "自动文书暂缓发送",
    "application.messages_read": "标记消息已读",
    # Routing between agencies (D47); the actions' own verbs (分送承办机关, 转办, 签收, 退回) come from the table.
    "agency.unified_intake": "设置统一受理机关",
    **{f"application.{a.value}": a.label for a in wf.Action},
}
#: Keys of before/after that are not model fields, or whose model label reads badly in the trail.
EXTRA_LABELS = {
    "assignee": "承办人",
    "note": "内部备注",
    "kind": "文书类型",
    "name": "文件名",
    "sha256": "文件摘要（SHA-256）",
    "sent_on": "发出日期",
    "method": "送达方式",
    "received_on": "收件日期",
    "number": "文号",
    "pdf_sha256": "PDF 摘要（SHA-256）",
}
#: Bookkeeping that says nothing to a reader.
HIDDEN = frozenset({"version"})
OTHER_ACTION = "其他操作"
OTHER_FIELD = "其他信息"
EMPTY = "—"


@dataclass
class Row:
    at: Any
    actor: str
    action: str
    verb: str
    subject: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    note: str = ""
    created: bool = False  # no "before": changes show the new values only


def action_label(verb: str) -> str:
    return VERB_LABELS.get(verb, OTHER_ACTION)


def _field(model: type[Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model: type[Model] | None, name: str) -> str:
    if name in EXTRA_LABELS:
        return EXTRA_LABELS[name]
    f = _field(model, name)
    return str(f.verbose_name) if f is not None and hasattr(f, "verbose_name") else OTHER_FIELD


def value_text(model: type[Model] | None, name: str, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if name == "kind" and value in LetterKind._value2member_map_:
        return LETTER_LABELS[LetterKind(value)]
    if name == "state" and value in wf.State._value2member_map_:
        return wf.State(value).label
    f = _field(model, name)
    if f is not None and getattr(f, "flatchoices", None):
        return str(dict(f.flatchoices).get(value, value))
    return str(value)


def _shown(model: type[Model] | None, name: str, value: Any, policy: IdentityPolicy, app: Any) -> str:
    agency = app.agency
    text = value_text(model, name, value)
    return text if text == EMPTY else policy.value(agency, name, text, app=app)


def present(event: AuditEvent, policy: IdentityPolicy, app: Any, models: dict[int, Any]) -> Row:
    model = models.get(event.content_type_id) if event.content_type_id else None
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    changes = []
    for name, old, new in event.changes():
        if name in HIDDEN:
            continue
        changes.append(
            (
                field_label(model, name),
                _shown(model, name, old, policy, app),
                _shown(model, name, new, policy, app),
            )
        )
    subject = "" if model is Application else event.object_repr
    return Row(
        at=event.at,
        actor=event.actor_repr,
        action=action_label(event.verb),
        verb=event.verb,
        subject=subject,
        changes=changes,
        note=event.note,
        created=not before and bool(after),
    )


def case_trail(app: Application, user: Any, policy: IdentityPolicy | None = None) -> list[Row]:
    """The rows of ``app``'s trail that ``user`` may read, oldest first (three queries)."""
    if not audit.can_see_object(user, app):
        return []
    types = ContentType.objects.get_for_models(Application, Letter, Attachment)
    ids = {
        Letter: [str(pk) for pk in app.letters.values_list("pk", flat=True)],
        Attachment: [str(pk) for pk in app.attachments.values_list("pk", flat=True)],
    }
    condition = Q(content_type=types[Application], object_id=str(app.pk))
    for model, pks in ids.items():
        if pks:
            condition |= Q(content_type=types[model], object_id__in=pks)
    models = {ct.pk: model for model, ct in types.items()}
    policy = policy or IdentityPolicy(user)
    events = AuditEvent.objects.filter(condition).order_by("at", "pk")
    return [present(e, policy, app, models) for e in events]
