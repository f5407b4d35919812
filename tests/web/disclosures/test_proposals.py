"""条例第四十四条: several applications for the same information → a proposal for proactive disclosure."""

from __future__ import annotations

import pytest

from gongkai.web.disclosures.models import Proposal
from gongkai.web.disclosures.proposals import propose

pytestmark = pytest.mark.django_db


def _application(personas, description: str, n: int):  # type: ignore[no-untyped-def]
    import datetime as dt

    from gongkai.web.applications import services

    from ..applications.helpers import DETAILS

    app, _ = services.register(
        agency=personas.bureau, actor=personas.users["clerk"], channel="letter", received_on=dt.date(2026, 1, 20),
        data={**DETAILS, "description": description}, idempotency_key=f"prop-{n}",
    )  # fmt: skip
    return app


def test_similar_applications_make_one_proposal(personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_REPEAT_REQUEST_MIN = 3
    same = [
        "2025年城关镇棚户区改造补偿标准",
        "城关镇棚户区改造补偿标准（2025年）",
        "申请公开2025年城关镇棚户区改造的补偿标准",
    ]
    apps = [_application(personas, text, n) for n, text in enumerate(same)]
    _application(personas, "县一中2025年招生计划", 9)
    made = propose(personas.bureau)
    assert len(made) == 1 and sorted(made[0].application_ids) == sorted(a.pk for a in apps)
    assert propose(personas.bureau) == []  # not proposed twice
    assert Proposal.objects.count() == 1


def test_too_few_applications_make_none(personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_REPEAT_REQUEST_MIN = 3
    _application(personas, "城关镇棚户区改造补偿标准", 1)
    _application(personas, "城关镇棚户区改造补偿标准", 2)
    assert propose(personas.bureau) == []


def test_a_clerk_turns_a_proposal_into_a_draft_in_one_click(personas, client_for, settings) -> None:  # type: ignore[no-untyped-def]
    from gongkai.web.audit.models import AuditEvent
    from gongkai.web.disclosures.models import Item

    settings.GONGKAI_REPEAT_REQUEST_MIN = 3
    apps = [
        _application(personas, text, n)
        for n, text in enumerate(
            [
                "2025年城关镇棚户区改造补偿标准",
                "城关镇棚户区改造补偿标准（2025年）",
                "申请公开2025年城关镇棚户区改造的补偿标准",
            ]
        )
    ]
    (proposal,) = propose(personas.bureau)
    url = f"/register/{personas.bureau.code}/proposals/"
    clerk = client_for("clerk")
    assert "生成主动公开草稿" in clerk.get(url).content.decode()
    assert "生成主动公开草稿" not in client_for("reviewer").get(url).content.decode()
    assert client_for("reviewer").post(f"{url}{proposal.pk}/draft/").status_code == 403
    response = clerk.post(f"{url}{proposal.pk}/draft/")
    proposal.refresh_from_db()
    item = Item.objects.get(pk=proposal.item_id)
    assert response.status_code == 302 and response["Location"] == f"/register/items/{item.pk}/edit/"
    assert proposal.status == "accepted" and item.status == "draft" and item.agency == personas.bureau
    assert item.title == proposal.title and item.index_number  # generated like any new draft
    assert "第四十四条" in item.body and all(a.tracking_number in item.body for a in apps)
    assert AuditEvent.objects.filter(verb="disclosure.proposal_draft").count() == 1
    # a second click makes nothing more
    again = clerk.post(f"{url}{proposal.pk}/draft/", follow=True)
    assert "该建议已处理" in again.content.decode() and Item.objects.count() == 1
    assert item.index_number in clerk.get(url).content.decode()
