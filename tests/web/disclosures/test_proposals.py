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
