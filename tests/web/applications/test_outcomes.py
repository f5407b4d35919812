"""Outcomes are the 2021 table 三 outcome rows, each with a basis and the right remedy clause."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.applications.outcomes import (
    OUTCOMES,
    RemedyPolicy,
    outcome_catalogue,
    outcome_choices,
    remedy_clause,
)


def test_outcomes_are_the_format_rows_in_order() -> None:
    assert tuple(OUTCOMES) == FORMAT_2021.table3_outcome_rows
    labels = {r.key: r.label for r in FORMAT_2021.table3_rows}
    for key, outcome in OUTCOMES.items():
        assert outcome.label == labels[key]
        assert outcome.basis and outcome.reason
        assert f"t3.{key}.np" in FORMAT_2021.cell_ids()


def test_articles_cited_per_domain_table() -> None:
    assert "第三十七条" in OUTCOMES["partial"].basis
    assert "第十四条" in OUTCOMES["denied_state_secret"].basis
    assert "第十五条" in OUTCOMES["denied_third_party"].basis
    assert "第三十八条" in OUTCOMES["unable_needs_creation"].basis
    assert "第三十条" in OUTCOMES["unable_still_unclear"].basis
    assert "第三十五条" in OUTCOMES["nohandle_excessive"].basis
    assert "109号" in OUTCOMES["other_no_fee"].basis


def test_manual_mappings_flagged_and_overridable() -> None:
    assert not OUTCOMES["granted"].settled
    assert not OUTCOMES["nohandle_confirm"].settled
    assert OUTCOMES["denied_state_secret"].settled
    custom = outcome_catalogue({"nohandle_confirm": {"basis": "某省办理规范第十条"}})
    assert custom["nohandle_confirm"].basis == "某省办理规范第十条"
    with pytest.raises(KeyError):
        outcome_catalogue({"no_such_row": {"basis": "x"}})


def test_choices_show_group() -> None:
    choices = dict(outcome_choices())
    assert choices["denied_third_party"] == "（三）不予公开4.保护第三方合法权益"
    assert choices["granted"] == "（一）予以公开"


def test_remedy_refusal_after_2024_is_review_first() -> None:
    clause = remedy_clause(OUTCOMES["denied_process"], date(2025, 3, 1), review_body="某县人民政府")
    assert "60日内向某县人民政府申请行政复议" in clause
    assert "对行政复议决定不服的" in clause
    assert "6个月" not in clause


def test_remedy_refusal_before_2024_offers_both() -> None:
    clause = remedy_clause(OUTCOMES["denied_process"], date(2023, 12, 31), review_body="某县人民政府")
    assert "6个月内" in clause and "60日内" in clause


def test_remedy_non_refusal_offers_both() -> None:
    clause = remedy_clause(OUTCOMES["granted"], date(2025, 3, 1), review_body="某县人民政府")
    assert "6个月内" in clause


def test_remedy_policy_configurable() -> None:
    policy = RemedyPolicy(review_first_from=None, review_days=90)
    clause = remedy_clause(OUTCOMES["partial"], date(2025, 3, 1), review_body="X", policy=policy)
    assert "90日内" in clause and "6个月内" in clause
