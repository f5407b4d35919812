"""The report from the records: tables 二/三/四, sections drafted by templates, figures shared by both."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from gongkai import check
from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.annual import services
from gongkai.web.annual.build import build
from gongkai.web.annual.figures import year_facts
from gongkai.web.annual.timing import response_times, summarise
from gongkai.web.appeals.mapping import Result

from ..appeals.helpers import make_case
from ..applications.helpers import register
from .helpers import replied

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_cell_of_the_format_and_no_finding(personas) -> None:
    replied(personas, D(2025, 3, 3))
    replied(personas, D(2025, 4, 7), outcome="partial")
    register(personas.bureau, personas.users["clerk"], received=D(2025, 12, 29))
    make_case(personas, filed=D(2025, 5, 1), decided=D(2025, 7, 1), result=Result.MAINTAINED)
    built = build(personas.bureau, 2025)
    assert set(built.report.cells) == set(FORMAT_2021.cell_ids())
    assert [f for f in built.findings if f.severity == "error"] == []
    assert built.findings == []
    assert built.report.value("t3.new_received.tot") == 3 and built.report.value("t3.carry_forward.tot") == 1
    assert built.report.value("t4.review.maintain") == 1


def test_text_figures_are_the_table_figures(personas) -> None:
    """X2 (domain.md §4.2): every figure in 一、总体情况 comes from the same facts as the tables."""
    for day in (D(2025, 2, 3), D(2025, 3, 3), D(2025, 5, 6)):
        replied(personas, day)
    replied(personas, D(2024, 6, 3))  # last year: the change is reported
    make_case(personas, filed=D(2025, 5, 1))
    built = build(personas.bureau, 2025)
    text = built.report.sections["s1_overview"]
    c = built.report.cell_values()
    assert f"全年新收政府信息公开申请{c['t3.new_received.tot']}件，较上年1件增加2件" in text
    assert f"予以公开{c['t3.granted.tot']}件" in text
    assert f"被申请行政复议{c['t4.review.total']}件" in text and f"尚未审结{c['t4.review.pending']}件" in text


def test_section_six_states_the_fees_from_the_records(personas) -> None:
    """国办函〔2020〕109号 and the 2021 format: notices (count, amount) and the amount collected."""
    facts = year_facts(personas.bureau, 2025)
    text = build(personas.bureau, 2025).report.sections["s6_other"]
    assert facts.fee_notices == 0 and "收费通知0件" in text and "信息处理费" in text


def test_table2_from_entered_figures_with_their_source(personas) -> None:
    clerk = personas.users["clerk"]
    services.set_source_figure(clerk, personas.bureau, 2025, "t2.penalty.decisions", "12", "执法平台")
    services.set_source_figure(
        clerk, personas.bureau, 2025, "t2.admin_fees.amount_wan_yuan", "3.5", "非税系统"
    )
    facts = year_facts(personas.bureau, 2025)
    assert facts.cells["t2.penalty.decisions"] == 12
    assert facts.cells["t2.admin_fees.amount_wan_yuan"] == Decimal("3.5")
    assert facts.t2_sources["t2.penalty.decisions"] == "执法平台"
    assert "t2.licensing.decisions" in facts.missing_sources


@pytest.mark.parametrize(("value", "message"), [("-1", "非负"), ("1.5", "整数"), ("abc", "不是数字")])
def test_table2_figure_refused(personas, value: str, message: str) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        services.set_source_figure(
            personas.users["clerk"], personas.bureau, 2025, "t2.licensing.decisions", value, "x"
        )


def test_figures_import_is_all_or_nothing(personas) -> None:
    from django.core.exceptions import ValidationError

    from gongkai.web.annual.models import SourceFigure

    rows = [{"cell": "t2.licensing.decisions", "value": "4"}, {"cell": "t3.total.tot", "value": "1"}]
    with pytest.raises(ValidationError, match="第3行"):
        services.import_figures(personas.users["clerk"], personas.bureau, 2025, rows, "导入.csv")
    assert not SourceFigure.objects.exists()


def test_edited_text_with_a_wrong_figure_is_a_warning(personas) -> None:
    replied(personas, D(2025, 3, 3))
    report = services.report_for(personas.users["clerk"], personas.bureau, 2025)
    services.edit_sections(personas.users["clerk"], report, {"s1_overview": "全年新收政府信息公开申请9件。"})
    rules = {f.rule for f in build(personas.bureau, 2025).findings}
    assert "NARRATIVE-TABLE" in rules


def test_response_times(personas) -> None:
    replied(personas, D(2025, 3, 3), on=D(2025, 3, 10))  # 5 working days
    replied(personas, D(2025, 3, 3), on=D(2025, 4, 14), channel="online")  # 29 working days
    times = response_times(personas.bureau, 2025)
    assert (
        times["all"]["count"] == 2 and times["all"]["within_20"] == 0.5 and times["all"]["within_40"] == 1.0
    )
    assert set(times["by_channel"]) == {"letter", "online"} and set(times["by_outcome"]) == {"granted"}
    assert summarise([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])["median"] == 5.5
    assert summarise([])["within_20"] is None


def test_check_reads_the_generated_json_back(personas) -> None:
    from gongkai.report.jsonio import report_from_json, report_to_json

    built = build(personas.bureau, 2025)
    again = report_from_json(report_to_json(built.report, built.findings), "x.json")
    assert [f for f in check(again) if f.severity == "error"] == []
    assert re.search("一、总体情况", FORMAT_2021.sections[0].title)


def test_grouped_table3_equals_the_applications_apps_table3(personas) -> None:
    """table3_years (one grouped query) == stats.table3 for both years, on every kind of history."""
    from gongkai.web.annual.figures import table3_years
    from gongkai.web.applications.stats import table3

    replied(personas, D(2023, 12, 20), on=D(2024, 1, 10))  # carried into 2024
    replied(
        personas, D(2024, 3, 3), outcome="partial", applicant_category="com", applicant_type="organisation"
    )
    replied(personas, D(2024, 12, 23), on=D(2025, 1, 8))  # carried into 2025
    replied(personas, D(2025, 5, 5), outcome="unable_not_held")
    register(personas.bureau, personas.users["clerk"], received=D(2024, 11, 3))  # open in both years
    register(personas.bureau, personas.users["clerk"], received=D(2025, 12, 30))
    for year in (2024, 2025, 2026):
        now, before = table3_years(personas.bureau, year)
        assert now == table3(personas.bureau, year) and before == table3(personas.bureau, year - 1), year
