"""The only code that changes the register; every change writes an audit event in its transaction.

Workflow (explicit transitions, :data:`TRANSITIONS`): the clerk drafts and submits; reviewers
record the 保密审查 and the 合法性审查 (条例第十七条); the 负责人 approves and publishes — at once or at
a scheduled time — after the self-audit (:mod:`.selfaudit`); a published item can be corrected or
withdrawn with a public reason. Each saved state is kept as an :class:`ItemVersion` with its hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency

from . import search, selfaudit
from .models import (
    CatalogueNode,
    Conclusion,
    Item,
    ItemVersion,
    Review,
    ReviewKind,
    Status,
    ValidityEvent,
    ValidityEventKind,
)
from .text import sanitise
from .vocabularies import DEFAULT_CATALOGUE

#: status → statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.IN_REVIEW,),
    Status.IN_REVIEW: (Status.DRAFT, Status.APPROVED),
    Status.APPROVED: (Status.PUBLISHED, Status.DRAFT),
    Status.PUBLISHED: (Status.WITHDRAWN,),
    Status.WITHDRAWN: (),
}

#: Fields an editor may set on an item (the metadata and the body).
EDITABLE = (
    "title", "publisher", "written_on", "doc_number", "topic", "genre", "catalogue", "disclosure_mode",
    "validity", "effective_from", "effective_to", "keywords", "body", "article20_items", "interprets",
)  # fmt: skip

#: Default 索引号 pattern: 机构代码-类别-年份-流水号 (目录系统实施指引: 组织机构代码/YYYY-NNNNN; [S]).
DEFAULT_INDEX_PATTERN = "{org}-{cat}-{year}-{seq:05d}"


class WorkflowError(ValidationError):
    """A transition that the workflow does not allow (shown to the user in Chinese)."""


class SelfAuditRefused(ValidationError):
    def __init__(self, findings: list[selfaudit.Finding]) -> None:
        self.findings = findings
        super().__init__([f.message for f in findings if f.is_error])


# -- catalogue and numbering ------------------------------------------------------------------


def ensure_catalogue(agency: Agency, *, actor: Any = None) -> list[CatalogueNode]:
    """The agency's 公开目录, seeded with the usual columns the first time (idempotent)."""
    existing = list(CatalogueNode.objects.filter(agency=agency))
    if existing:
        return existing
    with transaction.atomic():
        nodes = [
            CatalogueNode.objects.create(
                agency=agency, slug=slug, name=name, article20_items=list(items), position=position
            )
            for position, (slug, name, items) in enumerate(DEFAULT_CATALOGUE)
        ]
        audit.record(actor, "catalogue.seed", agency, after={"columns": [n.name for n in nodes]})
    return nodes


def catalogue_node(agency: Agency, name: str, *, actor: Any = None) -> CatalogueNode:
    """The agency's column called ``name``, added (after the seeded ones) if missing."""
    ensure_catalogue(agency, actor=actor)
    node = CatalogueNode.objects.filter(agency=agency, name=name).first()
    if node is not None:
        return node
    position = (CatalogueNode.objects.filter(agency=agency).aggregate(m=Max("position"))["m"] or 0) + 1
    slug = f"c{position}"
    with transaction.atomic():
        node = CatalogueNode.objects.create(agency=agency, slug=slug, name=name[:100], position=position)
        audit.record(actor, "catalogue.add", node, after={"name": node.name})
    return node


def organisation_code(agency: Agency) -> str:
    """The 机构代码 part of the 索引号: the 统一社会信用代码's 组织机构代码 (characters 9–17), else the agency code."""
    if agency.credit_code and len(agency.credit_code) == 18:
        return agency.credit_code[8:17]
    return agency.code.upper()


def next_index_number(agency: Agency, year: int, category: str = "", pattern: str | None = None) -> str:
    """The next free 索引号 of ``agency`` for ``year`` (unique across the register), from the agency's
    own pattern (:mod:`.index_numbers`) unless ``pattern`` is given."""
    from .index_numbers import pattern_for

    own, org_override = pattern_for(agency)
    pattern = pattern or own
    org = org_override or organisation_code(agency)
    cat = (category or "00").upper()
    prefix = pattern.split("{seq")[0].format(org=org, cat=cat, year=year)
    used = Item.objects.filter(index_number__startswith=prefix).values_list("index_number", flat=True)
    highest = 0
    for number in used:
        tail = number[len(prefix) :]
        if tail.isdigit():
            highest = max(highest, int(tail))
    seq = highest + 1
    while True:
        candidate = pattern.format(org=org, cat=cat, year=year, seq=seq)
        if not Item.objects.filter(index_number=candidate).exists():
            return candidate
        seq += 1


# -- versions -------------------------------------------------------------------------------------


def _content(item: Item) -> dict[str, Any]:
    data = audit.snapshot(item, [*EDITABLE, "index_number", "status", "published_at", "public_note"])
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


def _version(item: Item, actor: Any, reason: str) -> ItemVersion:
    content = _content(item)
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    last = item.versions.order_by("-number").first()
    if last is not None and last.sha256 == digest:
        return last
    user = actor if getattr(actor, "is_authenticated", False) else None
    return ItemVersion.objects.create(
        item=item,
        number=(last.number + 1) if last else 1,
        sha256=digest,
        content=content,
        reason=reason,
        actor=user,
    )


# -- permission helpers ----------------------------------------------------------------------------


def _require(actor: Any, agency: Agency, *roles: str) -> None:
    if actor is not None:  # None = the system (import, scheduled jobs)
        scope.require(actor, agency, roles)


def _move(item: Item, to: str) -> None:
    if to not in TRANSITIONS.get(item.status, ()):
        raise WorkflowError(f"当前状态为“{item.get_status_display()}”，不能转为“{Status(to).label}”。")
    item.status = to


# -- drafting ---------------------------------------------------------------------------------------


def _apply(item: Item, data: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name in data:
            value = data[name]
            if name == "body":
                value = sanitise(value or "")
            if name == "article20_items":
                value = sorted({int(n) for n in value or [] if 1 <= int(n) <= 15})
            setattr(item, name, value)


def create_item(agency: Agency, actor: Any, data: dict[str, Any], *, index_number: str = "") -> Item:
    """A new draft (clerk). The 索引号 is generated from the agency's pattern unless given."""
    _require(actor, agency, Role.CLERK)
    with transaction.atomic():
        item = Item(agency=agency, created_by=actor if getattr(actor, "is_authenticated", False) else None)
        _apply(item, data)
        year = (item.written_on or timezone.localdate()).year
        category = item.catalogue.slug if item.catalogue_id else ""
        item.index_number = index_number or next_index_number(agency, year, category)
        item.save()
        _version(item, actor, "起草")
        audit.record(actor, "disclosure.create", item, after=_content(item))
    return item


def update_item(item: Item, actor: Any, data: dict[str, Any]) -> Item:
    """Edit a draft (clerk); published items change only through :func:`correct`."""
    _require(actor, item.agency, Role.CLERK)
    if item.status != Status.DRAFT:
        raise WorkflowError("只能修改草稿；已发布的信息请使用“更正”。")
    with transaction.atomic():
        before = _content(item)
        _apply(item, data)
        item.save()
        _version(item, actor, "修改草稿")
        audit.record(actor, "disclosure.update", item, before=before, after=_content(item))
    return item


def submit(item: Item, actor: Any) -> Item:
    """The clerk sends the draft to review (保密审查 and 合法性审查)."""
    _require(actor, item.agency, Role.CLERK)
    with transaction.atomic():
        _move(item, Status.IN_REVIEW)
        item.save(update_fields=["status", "updated_at"])
        audit.record(actor, "disclosure.submit", item, after={"status": item.status})
    return item


def record_review(
    item: Item, actor: Any, kind: str, conclusion: str, *, note: str = "", reviewed_on: dt.date | None = None
) -> Review:
    """A reviewer records a 保密审查 or 合法性审查 (条例第十七条); a rejection returns the item to draft."""
    _require(actor, item.agency, Role.REVIEWER)
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("该信息不在审查中。")
    if conclusion == Conclusion.REJECTED and not note.strip():
        raise ValidationError("审查不通过时应写明意见。")
    with transaction.atomic():
        review = Review.objects.create(
            item=item,
            kind=ReviewKind(kind),
            reviewer=actor,
            reviewed_on=reviewed_on or timezone.localdate(),
            conclusion=Conclusion(conclusion),
            note=note,
        )
        audit.record(
            actor, "disclosure.review", item, after={"kind": kind, "conclusion": conclusion, "note": note}
        )
        if conclusion == Conclusion.REJECTED:
            _move(item, Status.DRAFT)
            item.save(update_fields=["status", "updated_at"])
    return review


def reviews_passed(item: Item) -> bool:
    """Both reviews passed since the item was last submitted (the latest of each kind counts)."""
    for kind in ReviewKind:
        latest = item.reviews.filter(kind=kind).order_by("-created_at", "-pk").first()
        if latest is None or latest.conclusion != Conclusion.PASSED:
            return False
    return True


def check(item: Item, publish_on: dt.date | None = None) -> list[selfaudit.Finding]:
    return selfaudit.run(item, publish_on=publish_on or timezone.localdate())


def approve_and_publish(
    item: Item, actor: Any, *, at: dt.datetime | None = None, acknowledge_warnings: bool = False
) -> list[selfaudit.Finding]:
    """The 负责人 approves and publishes now or at ``at`` (scheduled). Refused on self-audit errors."""
    _require(actor, item.agency, Role.APPROVER)
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("只能批准审查中的信息。")
    if not reviews_passed(item):
        raise WorkflowError("保密审查和合法性审查均通过后方可批准发布。")
    moment = at or timezone.now()
    findings = check(item, timezone.localtime(moment).date())
    if any(f.is_error for f in findings):
        raise SelfAuditRefused(findings)
    if findings and not acknowledge_warnings:
        raise SelfAuditRefused(
            [selfaudit.Finding("WARNINGS", "error", "请确认自查提示后再发布。"), *findings]
        )
    with transaction.atomic():
        _move(item, Status.APPROVED)
        audit.record(actor, "disclosure.approve", item, after={"warnings": [f.message for f in findings]})
        _move(item, Status.PUBLISHED)
        item.published_at = moment
        item.save()
        _version(item, actor, "发布" if moment <= timezone.now() else f"定时发布：{moment.isoformat()}")
        if item.is_regulatory and not item.validity_events.filter(kind=ValidityEventKind.ISSUED).exists():
            ValidityEvent.objects.create(
                item=item, kind=ValidityEventKind.ISSUED, date=item.written_on or moment.date()
            )
        audit.record(actor, "disclosure.publish", item, after={"published_at": moment.isoformat()})
        index_soon(item)
    return findings


def return_to_draft(item: Item, actor: Any, reason: str) -> Item:
    _require(actor, item.agency, Role.APPROVER, Role.REVIEWER)
    with transaction.atomic():
        _move(item, Status.DRAFT)
        item.save(update_fields=["status", "updated_at"])
        audit.record(actor, "disclosure.return", item, note=reason)
    return item


def correct(item: Item, actor: Any, data: dict[str, Any], reason: str) -> Item:
    """更正 a published item: a new version; the public page says a correction happened and why."""
    _require(actor, item.agency, Role.APPROVER)
    if item.status != Status.PUBLISHED:
        raise WorkflowError("只能更正已发布的信息。")
    if not reason.strip():
        raise ValidationError("请填写更正说明（将向公众显示）。")
    with transaction.atomic():
        before = _content(item)
        _apply(item, data)
        item.public_note = reason.strip()[:500]
        item.corrected_at = timezone.now()
        item.save()
        _version(item, actor, f"更正：{reason}")
        audit.record(actor, "disclosure.correct", item, before=before, after=_content(item), note=reason)
        index_soon(item)
    return item


def withdraw(item: Item, actor: Any, reason: str) -> Item:
    """撤回 a published item with a public reason (the page stays, saying it was withdrawn and why)."""
    _require(actor, item.agency, Role.APPROVER)
    if not reason.strip():
        raise ValidationError("请填写撤回理由（将向公众显示）。")
    with transaction.atomic():
        _move(item, Status.WITHDRAWN)
        item.public_note = reason.strip()[:500]
        item.save()
        _version(item, actor, f"撤回：{reason}")
        audit.record(actor, "disclosure.withdraw", item, note=reason)
        search.unindex_item(item.pk)
    return item


def add_validity_event(item: Item, actor: Any, kind: str, date: dt.date, note: str = "") -> ValidityEvent:
    """Record 制发 / 修改 / 废止 / 失效 of a 规章 or 行政规范性文件; 废止/失效 also set its 有效性."""
    _require(actor, item.agency, Role.CLERK, Role.APPROVER)
    with transaction.atomic():
        event = ValidityEvent.objects.create(item=item, kind=ValidityEventKind(kind), date=date, note=note)
        if kind in (ValidityEventKind.REPEALED, ValidityEventKind.EXPIRED):
            item.validity = "repealed" if kind == ValidityEventKind.REPEALED else "expired"
            item.effective_to = date
            item.save(update_fields=["validity", "effective_to", "updated_at"])
            _version(item, actor, f"{ValidityEventKind(kind).label}：{date.isoformat()}")
        audit.record(
            actor, "disclosure.validity", item, after={"kind": kind, "date": date.isoformat(), "note": note}
        )
    return event


def interpretation_overdue(items: Iterable[Item], today: dt.date | None = None) -> list[Item]:
    """Published 规章/规范性文件 without an interpretation after ``GONGKAI_INTERPRETATION_DUE_DAYS``."""
    from django.conf import settings

    day = today or timezone.localdate()
    limit = dt.timedelta(days=int(settings.GONGKAI_INTERPRETATION_DUE_DAYS))
    return [
        i
        for i in items
        if i.is_regulatory
        and i.published_at is not None
        and timezone.localtime(i.published_at).date() + limit < day
        and not i.interpretations.filter(status=Status.PUBLISHED).exists()
    ]


def require_editor(actor: Any, agency: Agency) -> None:
    if not scope.has_role(actor, agency, [Role.CLERK]):
        raise PermissionDenied("只有经办人可以起草主动公开信息。")


def move_catalogue_node(node: CatalogueNode, parent: CatalogueNode, *, actor: Any) -> CatalogueNode:
    """Put a 公开目录 column under ``parent`` (same agency); audited in the same transaction."""
    if not scope.has_role(actor, node.agency, [Role.CLERK, Role.AGENCY_ADMIN]):
        raise PermissionDenied("只有经办人或机构管理员可以调整公开目录。")
    if parent.agency_id != node.agency_id:
        raise PermissionDenied("只能移到本机关的栏目下。")
    with transaction.atomic():
        node.parent = parent
        node.save(update_fields=["parent"])
        audit.record(actor, "catalogue.move", node, after={"parent": node.parent_id})
    return node


def save_guide(agency: Agency, page: Any, actor: Any, *, title: str, body: str) -> Any:
    """The agency's edited 政府信息公开指南 (sanitised rich text); audited in the same transaction."""
    from .models import Page, PageKind

    if not scope.has_role(actor, agency, [Role.AGENCY_ADMIN]):
        raise PermissionDenied("只有本机关的机构管理员可以修改公开指南。")
    with transaction.atomic():
        before = audit.snapshot(page) if page else None
        page = page or Page(agency=agency, kind=PageKind.GUIDE)
        page.title = title
        page.body = sanitise(body)
        page.save()
        audit.record(actor, "guide.update", page, before=before, after=audit.snapshot(page))
    return page


def index_soon(item: Item) -> None:
    """Index after the commit, as a background task (disclosures/tasks.py)."""
    from .tasks import index_soon as queue

    queue(item)
