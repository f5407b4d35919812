"""Outcomes are the 2021 table 三 outcome rows, each with a basis and the right remedy clause."""

from __future__ import annotations

import pytest

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.applications.outcomes import (
    OUTCOMES,
    outcome_catalogue,
    outcome_choices,
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
