"""Comparing two years of one agency: cell changes, the carry-over check (X1), reused text."""

from __future__ import annotations

import dataclasses
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import html as lxml_html

import gongkai
from corpus_location import CORPUS_DIR
from gongkai.report.compare import compare_reports, sentences
from gongkai.report.model import Cell, Report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from render_fixtures import xichou, yinchuan

CORPUS = CORPUS_DIR


def _year_before(report: Report, **cells: int) -> Report:
    """The same agency a year earlier, with some cells changed (ids with dots as double underscores)."""
    earlier = dataclasses.replace(report, year=(report.year or 2000) - 1, cells=dict(report.cells))
    for key, value in cells.items():
        cid = key.replace("__", ".")
        earlier.cells[cid] = Cell(cid, value)
    return earlier


@pytest.fixture(scope="module")
def hongze() -> tuple[Report, Report]:
    return gongkai.read(str(CORPUS / "hz-hongze-2023.pdf")), gongkai.read(str(CORPUS / "hz-hongze-2024.pdf"))


def test_two_real_years_in_either_order(hongze: tuple[Report, Report]) -> None:
    r2023, r2024 = hongze
    comparison = compare_reports(r2024, r2023)
    assert (comparison.earlier.year, comparison.later.year) == (2023, 2024)
    assert any("按年度排序" in note for note in comparison.notes)
    changes = {c.id: c for c in comparison.changes}
    assert (changes["t3.new_received.tot"].before, changes["t3.new_received.tot"].after) == (21, 95)
    assert changes["t3.new_received.tot"].delta == 74
    assert changes["t2.admin_fees.amount_wan_yuan"].delta == Decimal("7545") - Decimal("7730.28")
    assert "t3.carried_over.tot" not in changes  # 0 both years
    # 2023 carried 0 forward, 2024 carried 0 over: consistent
    assert not [f for f in comparison.findings if f.rule == "CARRY-OVER"]
    assert comparison.unchanged + len(comparison.changes) == len(set(r2023.cells) | set(r2024.cells))


def test_carry_over_mismatch_is_found_with_the_cross_year_rule() -> None:
    later = xichou()  # 2023: 上年结转 0 in every column
    earlier = _year_before(
        later, t3__carry_forward__np=2, t3__carry_forward__tot=2, t3__total__np=4, t3__total__tot=4
    )
    comparison = compare_reports(earlier, later)
    carry = [f for f in comparison.findings if f.rule == "CARRY-OVER"]
    assert [f.cells for f in carry] == [("t3.carried_over.np",), ("t3.carried_over.tot",)]
    assert (carry[0].expected, carry[0].actual) == (2, 0)
    assert "2022 年度报告“结转下年度继续办理”为 2" in carry[0].message


def test_identical_text_is_fully_reused_and_changed_figures_count_as_same_wording() -> None:
    later = xichou()
    earlier = _year_before(later)
    earlier.sections = dict(later.sections)
    earlier.sections["s1_overview"] = later.sections["s1_overview"].replace("4573", "4100")
    reuse = {r.section: r for r in compare_reports(earlier, later).reuse}
    assert reuse["s5_problems"].verbatim_share == 1.0
    assert reuse["s6_other"].verbatim_share == 1.0
    s1 = reuse["s1_overview"]
    assert s1.verbatim_share is not None and 0 < s1.verbatim_share < 1
    assert s1.template_share == 1.0
    assert reuse["s2_proactive"].verbatim_share is None  # no running text: no share, not 0


def test_new_text_is_not_reused() -> None:
    later = xichou()
    earlier = _year_before(later)
    earlier.sections = {k: "完全不同的一段文字，讲的是另一件事情。" for k in later.sections}
    comparison = compare_reports(earlier, later)
    assert all(r.verbatim_share in (0.0, None) for r in comparison.reuse)
    assert comparison.overall_verbatim_share == 0.0


def test_sentences_are_normalised_and_short_ones_ignored() -> None:
    assert sentences("无。\n本机关 2023 年未收取信息处理费。（一）") == ["本机关2023年未收取信息处理费。"]
    assert sentences("ＡＢＣ全角字母的句子。") == ["ABC全角字母的句子。"]


def test_format_change_shows_cells_only_one_year_has() -> None:
    earlier, later = yinchuan(), xichou()
    changes = {c.id: c for c in compare_reports(earlier, later).changes}
    assert (
        changes["t2.central_procurement.amount"].in_before
        and not changes["t2.central_procurement.amount"].in_after
    )
    assert changes["t2.normative_docs.made"].in_after and not changes["t2.normative_docs.made"].in_before
    assert changes["t2.licensing.decisions"].delta == 2821
    assert changes["t3.other.np"].to_json()["after"] == "absent"


def test_json_text_and_html_outputs() -> None:
    later = xichou()
    earlier = _year_before(later, t3__carry_forward__np=2)
    comparison = compare_reports(earlier, later)
    data = json.loads(json.dumps(comparison.to_json(), ensure_ascii=False))
    assert data["earlier"]["year"] == 2022 and data["later"]["year"] == 2023
    assert data["findings"][0]["rule"] == "CARRY-OVER"
    assert {r["section"] for r in data["reuse"]} >= {"s1_overview", "s6_other"}
    assert data["changes"][0] == {
        "cell": "t3.carry_forward.np",
        "label": "表三“四、结转下年度继续办理”/“自然人”",
        "before": 2,
        "after": 0,
        "delta": -2,
    }
    text = comparison.to_text()
    assert "t3.carry_forward.np" in text and "[CARRY-OVER]" in text and "逐句原样重复" in text
    page = lxml_html.document_fromstring(comparison.to_html())
    assert page.get("lang") == "zh-CN"
    assert page.get_element_by_id("changes").find("caption") is not None
    assert all(th.get("scope") in {"col", "row"} for th in page.iter("th"))


def test_legacy_reports_compare_their_figures_and_say_carry_over_was_not_checked() -> None:
    earlier = gongkai.read(str(CORPUS / "pingtan-2012.txt"))
    later = gongkai.read(str(CORPUS / "pingtan-2013.txt"))
    comparison = compare_reports(earlier, later)
    changes = {c.id: c for c in comparison.changes}
    total = changes["legacy.proactive.total"]
    assert (total.before, total.after, total.label) == (739, 72804, "主动公开政府信息数")
    assert not comparison.carry_over_checked
    assert "未核对上年结转" in comparison.to_text()
    # the known near-duplicate pair: same wording with other figures in section 一
    s1 = next(r for r in comparison.reuse if r.section == "s1_overview")
    assert s1.template_share == 1.0


def test_carry_over_checked_when_both_years_print_it() -> None:
    later = xichou()
    comparison = compare_reports(_year_before(later), later)
    assert comparison.carry_over_checked
    assert "上年结转与上一年度结转下年度一致" in comparison.to_text()
