"""Benchmarks among peers, anomaly flags with persistent review decisions, applications across the subtree."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.web.audit.models import AuditEvent
from gongkai.web.supervision.benchmarks import benchmark, flags
from gongkai.web.supervision.models import FlagDecision

from .. import factories
from .helpers import publish

pytestmark = pytest.mark.django_db


def _peers(personas):  # type: ignore[no-untyped-def]
    second = factories.make_agency("xc-finance", name="新城县财政局", parent=personas.county)
    third = factories.make_agency("xc-health", name="新城县卫生健康局", parent=personas.county)
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))  # received 11
    publish(second, 2025, 4, 0, on=dt.date(2026, 1, 10))  # received 4
    publish(third, 2025, 0, 0, on=dt.date(2026, 1, 10))  # received 0: zero where peers are not
    publish(second, 2024, 1, 0, on=dt.date(2025, 1, 10))
    return second, third


def test_quartiles_and_rank_among_siblings(personas) -> None:  # type: ignore[no-untyped-def]
    _peers(personas)
    benches = {b.code: b for b in benchmark(personas.county, 2025)}
    bureau = benches[personas.bureau.code]
    assert bureau.values["received"] == 11
    assert bureau.ranks["received"] == (1, 3)
    assert bureau.quartiles["received"] == (2.0, 4.0, 7.5)  # 0, 4, 11 — inclusive quartiles
    assert benches["xc-health"].ranks["received"] == (3, 3)


def test_flags_and_decisions_persist_across_reruns(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    _peers(personas)
    found = {(f.code, f.key) for f in flags(personas.county, 2025)}
    assert ("xc-health", "received:zero") in found
    assert ("xc-finance", "text:reused") in found  # the same wording as its 2024 report
    client = client_for("supervisor")
    url = f"/supervision/{personas.county.code}/2025/benchmarks/"
    response = client.post(
        url + "decide/",
        {"unit": "xc-health", "key": "received:zero", "decision": "dismissed", "note": "新设单位"},
    )
    assert response.status_code == 302
    again = {(f.code, f.key): f for f in flags(personas.county, 2025)}
    assert again[("xc-health", "received:zero")].decision == "dismissed"
    assert AuditEvent.objects.filter(verb="flag.decide").count() == 1
    html = client.get(url).content.decode()
    assert (
        "新设单位" in html and 'data-chart="bar"' in html and "vendor/echarts/echarts.common.min.js" in html
    )
    assert (
        client.get(url, {"export": "csv"})
        .content.decode("utf-8-sig")
        .startswith("机关代码,机关名称,收到申请数（件）")
    )


def test_a_change_beyond_the_threshold_is_flagged(personas, settings) -> None:  # type: ignore[no-untyped-def]
    _peers(personas)  # xc-finance: 1 → 4 received; below the minimum change of 5
    assert ("xc-finance", "received:change") not in {(f.code, f.key) for f in flags(personas.county, 2025)}
    settings.GONGKAI_BENCHMARK_CHANGE_MIN = 3
    assert ("xc-finance", "received:change") in {(f.code, f.key) for f in flags(personas.county, 2025)}


def test_review_decisions_are_the_supervisors_only(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    _peers(personas)
    url = f"/supervision/{personas.county.code}/2025/benchmarks/decide/"
    data = {"unit": "xc-health", "key": "received:zero", "decision": "confirmed"}
    for persona in ("clerk", "agency_admin", "sysadmin", "other_agency_clerk"):
        assert client_for(persona).post(url, data).status_code == 403
    assert not FlagDecision.objects.exists()


def test_applications_across_the_subtree(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    from gongkai.web.applications.models import Application

    base = {
        "applicant_type": "natural_person",
        "applicant_category": "np",
        "applicant_name": "张三",
        "channel": "online",
        "description": "某文件",
    }
    Application.objects.create(
        agency=personas.bureau, tracking_number="T-1", received_on=dt.date(2025, 3, 3), reply_due=dt.date(2025, 3, 31),
        concluded_on=dt.date(2025, 4, 10), outcome="granted", state="closed", **base,
    )  # fmt: skip
    Application.objects.create(
        agency=personas.bureau, tracking_number="T-2", received_on=dt.date(2025, 5, 6), reply_due=dt.date(2025, 6, 3),
        concluded_on=dt.date(2025, 5, 20), outcome="granted", state="closed", **base,
    )  # fmt: skip
    Application.objects.create(
        agency=personas.other, tracking_number="T-3", received_on=dt.date(2025, 5, 6), reply_due=dt.date(2025, 6, 3), state="registered", **base,
    )  # fmt: skip
    client = client_for("supervisor")
    html = client.get(f"/supervision/{personas.county.code}/2025/applications/").content.decode()
    assert 'id="overdue-total">1<' in html and "50.0" in html and "T-3" not in html
    assert 'data-chart="line"' in html
    cases = client.get(
        f"/supervision/{personas.county.code}/2025/applications/{personas.bureau.code}/"
    ).content.decode()
    assert "T-1" in cases and "T-2" in cases
    assert (
        client.get(
            f"/supervision/{personas.county.code}/2025/applications/{personas.other.code}/"
        ).status_code
        == 404
    )
