"""条例第四十四条: information asked for by several applicants may become proactive disclosure.

Applications of an agency are compared by the similarity of their 内容描述 (Jaccard over jieba
terms); a group of at least ``GONGKAI_REPEAT_REQUEST_MIN`` applications whose pairwise similarity
to the group's first reaches ``GONGKAI_REPEAT_REQUEST_SIMILARITY`` % becomes a :class:`Proposal`
shown to the agency's clerks, with the applications listed. Both thresholds are [M] settings.
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
