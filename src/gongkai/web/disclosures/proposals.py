"""条例第四十四条: information asked for by several applicants may become proactive disclosure.

Applications of an agency are compared by the similarity of their 内容描述 (Jaccard over jieba
terms); a group of at least ``GONGKAI_REPEAT_REQUEST_MIN`` applications whose pairwise similarity
to the group's first reaches ``GONGKAI_REPEAT_REQUEST_SIMILARITY`` % becomes a :class:`Proposal`
shown to the agency's clerks, with the applications listed. Both thresholds are [M] settings.
A clerk turns an open proposal into a draft register item in one click (:func:`draft_from`); the
draft then follows the register's workflow (审核, 发布) like any other.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from gongkai.web import audit
from gongkai.web.agencies.models import Agency

from .models import Proposal, ProposalStatus
from .text import query_terms

#: Words every application uses; they say nothing about which information is asked for.
STOP = {
    "申请",
    "公开",
    "政府",
    "信息",
    "关于",
    "的",
    "和",
    "及",
    "请",
    "提供",
    "我",
    "本人",
    "相关",
    "有关",
    "文件",
    "年",
}


def similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def terms_of(text: str) -> set[str]:
    return {t for t in query_terms(text) if t not in STOP and len(t) > 1}


def propose(agency: Agency, *, actor: Any = None) -> list[Proposal]:
    """New proposals for ``agency`` (groups already proposed with the same applications are skipped)."""
    from gongkai.web.applications.models import Application

    threshold = int(settings.GONGKAI_REPEAT_REQUEST_SIMILARITY) / 100
    minimum = int(settings.GONGKAI_REPEAT_REQUEST_MIN)
    apps = [
        (a.pk, a.description, terms_of(a.description))
        for a in Application.objects.filter(agency=agency).order_by("pk")
    ]
    used: set[int] = set()
    known = {tuple(p.application_ids) for p in Proposal.objects.filter(agency=agency)}
    made: list[Proposal] = []
    for pk, description, terms in apps:
        if pk in used:
            continue
        group = [(pk, 1.0)] + [
            (o, s)
            for o, _, t in apps
            if o != pk and o not in used and (s := similarity(terms, t)) >= threshold
        ]
        if len(group) < minimum:
            continue
        ids = sorted(g for g, _ in group)
        used.update(ids)
        if tuple(ids) in known:
            continue
        with transaction.atomic():
            proposal = Proposal.objects.create(
                agency=agency,
                title=description[:300],
                application_ids=ids,
                similarity=round(min(s for _, s in group), 3),
                status=ProposalStatus.OPEN,
            )
            audit.record(actor, "disclosure.propose", proposal, after={"applications": ids})
        made.append(proposal)
    return made


def draft_from(proposal: Proposal, actor: Any) -> Any:
    """A draft register item from an open proposal (clerk); the proposal becomes 已转为主动公开."""
    from django.core.exceptions import ValidationError
    from django.utils.html import escape

    from gongkai.web.applications.models import Application

    from . import services

    if proposal.status != ProposalStatus.OPEN or proposal.item_id is not None:
        raise ValidationError("该建议已处理。")
    numbers = list(
        Application.objects.filter(pk__in=proposal.application_ids)
        .order_by("pk")
        .values_list("tracking_number", flat=True)
    )
    body = (
        f"<p>依据《中华人民共和国政府信息公开条例》第四十四条，{len(numbers)}件政府信息公开申请"
        f"（{escape('、'.join(numbers))}）请求公开相同的政府信息，拟纳入主动公开范围。</p>"
        "<p>（请填写拟公开的政府信息正文、选择栏目与分类后提交审核。）</p>"
    )
    with transaction.atomic():
        item = services.create_item(
            proposal.agency,
            actor,
            {"title": proposal.title[:300], "publisher": proposal.agency.name, "body": body, "keywords": ""},
        )
        proposal.status = ProposalStatus.ACCEPTED
        proposal.item = item
        proposal.save(update_fields=["status", "item"])
        audit.record(
            actor, "disclosure.proposal_draft", proposal, agency=proposal.agency, after={"item": item.pk}
        )
    return item
