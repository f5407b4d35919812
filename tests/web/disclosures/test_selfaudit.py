"""The publish-time self-audit: each check with a passing and a refused/warned case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.web.disclosures import selfaudit, services

from .helpers import item_data, published_item, term

pytestmark = pytest.mark.django_db


def _draft(personas, **overrides):  # type: ignore[no-untyped-def]
    return services.create_item(
        personas.bureau, personas.users["clerk"], item_data(personas.bureau, **overrides)
    )


def codes(item, publish_on=None) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in selfaudit.run(item, publish_on=publish_on or timezone.localdate())}


def test_a_complete_item_passes(personas) -> None:  # type: ignore[no-untyped-def]
    assert not [f for f in selfaudit.run(_draft(personas), publish_on=timezone.localdate()) if f.is_error]


def test_missing_core_metadata_is_refused(personas) -> None:  # type: ignore[no-untyped-def]
    item = _draft(personas, publisher="", topic=None, written_on=None)
    finding = next(
        f for f in selfaudit.run(item, publish_on=timezone.localdate()) if f.code == "META-MISSING"
    )
    assert (
        finding.is_error
        and "发布机构" in finding.message
        and "主题分类" in finding.message
        and "成文日期" in finding.message
    )


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("新教[2026]7号", "DOCNO-BRACKETS"),
        ("新教〔2026〕七号", "DOCNO-MALFORMED"),
        ("新教2026年7号", "DOCNO-MALFORMED"),
    ],
)
def test_a_malformed_doc_number_is_refused(personas, number: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert code in codes(_draft(personas, doc_number=number, written_on=dt.date(2026, 1, 5)))


def test_a_doc_number_of_another_year_is_refused(personas) -> None:  # type: ignore[no-untyped-def]
    item = _draft(personas, doc_number="新教〔2025〕7号", written_on=dt.date(2026, 1, 5))
    assert "DOCNO-YEAR" in codes(item, dt.date(2026, 1, 6))
    item.doc_number = "新教〔2026〕7号"
    assert "DOCNO-YEAR" not in codes(item, dt.date(2026, 1, 6))


def test_art26_more_than_20_working_days_is_warned(personas) -> None:  # type: ignore[no-untyped-def]
    """条例第二十六条: 20 working days from 成文 (2026-03-02 + 20 WD = 2026-03-30)."""
    item = _draft(personas, written_on=dt.date(2026, 3, 2), doc_number="新教〔2026〕7号")
    assert "ART26-LATE" not in codes(item, dt.date(2026, 3, 30))
    late = [f for f in selfaudit.run(item, publish_on=dt.date(2026, 3, 31)) if f.code == "ART26-LATE"]
    assert late and late[0].level == "warning" and "条例第二十六条" in late[0].message


def test_art26_limit_is_configurable(personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_PUBLISH_WITHIN_WORKING_DAYS = 5
    item = _draft(personas, written_on=dt.date(2026, 3, 2), doc_number="新教〔2026〕7号")
    assert "ART26-LATE" in codes(item, dt.date(2026, 3, 10))


def test_a_policy_without_interpretation_is_warned_and_then_not(personas) -> None:  # type: ignore[no-untyped-def]
    policy = _draft(personas, genre=term("genre", "normative"))
    assert "POLICY-NO-INTERPRETATION" in codes(policy)
    _draft(
        personas, title="政策解读", genre=term("genre", "interpretation"), interprets=policy, doc_number=""
    )
    assert "POLICY-NO-INTERPRETATION" not in codes(policy)


def test_an_interpretation_must_name_its_policy(personas) -> None:  # type: ignore[no-untyped-def]
    assert "INTERPRETATION-NO-POLICY" in codes(
        _draft(personas, genre=term("genre", "interpretation"), doc_number="")
    )


def test_broken_internal_links_are_refused(personas) -> None:  # type: ignore[no-untyped-def]
    target = published_item(personas.bureau, title="已发布的目标")
    good = _draft(
        personas,
        body=f'<p><a href="/zfxxgk/items/{target.pk}/">见</a> <a href="https://www.gov.cn/">外链</a></p>',
    )
    assert "LINK-BROKEN" not in codes(good)
    bad = _draft(
        personas, body='<p><a href="/zfxxgk/items/999999/">见</a><a href="/no/such/page/">坏</a></p>'
    )
    messages = [
        f.message for f in selfaudit.run(bad, publish_on=timezone.localdate()) if f.code == "LINK-BROKEN"
    ]
    assert len(messages) == 2


def test_errors_refuse_and_warnings_need_acknowledgement(personas) -> None:  # type: ignore[no-untyped-def]
    item = _draft(personas, doc_number="新教[2026]7号")
    services.submit(item, personas.users["clerk"])
    for kind in ("secrecy", "legality"):
        services.record_review(item, personas.users["reviewer"], kind, "passed")
    with pytest.raises(services.SelfAuditRefused) as refused:
        services.approve_and_publish(item, personas.users["approver"], acknowledge_warnings=True)
    assert any("六角括号" in m for m in refused.value.messages)
    policy = _draft(personas, genre=term("genre", "normative"))
    services.submit(policy, personas.users["clerk"])
    for kind in ("secrecy", "legality"):
        services.record_review(policy, personas.users["reviewer"], kind, "passed")
    with pytest.raises(services.SelfAuditRefused):
        services.approve_and_publish(policy, personas.users["approver"])
    findings = services.approve_and_publish(policy, personas.users["approver"], acknowledge_warnings=True)
    assert any(f.code == "POLICY-NO-INTERPRETATION" for f in findings)
