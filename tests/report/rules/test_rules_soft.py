"""X2 narrative vs table and X6 publication date: conservative warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.report.findings import Severity
from gongkai.report.formats import FORMAT_2021
from gongkai.report.rules.soft import (
    NARRATIVE_TABLE,
    PUBLICATION_DATE_EARLY,
    PUBLICATION_DEADLINE,
    PublicationDeadline,
    agency_level,
)
from report.notation import report_from_rows, standard_sections

T3 = {
    "new_received": "19 0 0 0 0 0 19",
    "granted": "8 0 0 0 0 0 8",
    "partial": "7 0 0 0 0 0 7",
    "unable_not_held": "4 0 0 0 0 0 4",
    "total": "19 0 0 0 0 0 19",
}


def with_overview(text: str, t3: dict[str, str] = T3) -> object:
    sections = standard_sections(FORMAT_2021)
    sections["s1_overview"] = text
    return report_from_rows("2021", t3=t3, sections=sections)


def test_narrative_matching_the_table_passes() -> None:
    report = with_overview("全年共收到政府信息公开申请19件，其中予以公开8件，部分公开7件，较上年增加3件。")
    assert list(NARRATIVE_TABLE(report)) == []  # type: ignore[arg-type]


def test_narrative_contradicting_the_table_warns() -> None:
    report = with_overview(
        "2023年，共收到政府信息公开申请0条。",
        t3={"new_received": "3 0 0 0 0 0 3", "carry_forward": "3 0 0 0 0 0 3"},
    )
    [finding] = NARRATIVE_TABLE(report)  # type: ignore[arg-type]
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual) == (3, 0)
    assert finding.cells == ("t3.new_received.tot",)


def test_narrative_ignores_other_periods_and_other_kinds_of_application() -> None:
    report = with_overview("上年收到申请12件；受理行政复议申请1件；收到申请19件。")
    assert list(NARRATIVE_TABLE(report)) == []  # type: ignore[arg-type]


def test_narrative_says_nothing_when_the_table_cell_is_unread() -> None:
    report = with_overview("共收到申请5件。", t3={"new_received": "? ? ? ? ? ? ?"})
    assert list(NARRATIVE_TABLE(report)) == []  # type: ignore[arg-type]


def test_department_published_in_time_passes_late_warns() -> None:
    on_time = report_from_rows("2021", agency="某市市场监督管理局", publish_date=dt.date(2024, 1, 31))
    assert list(PUBLICATION_DEADLINE(on_time)) == []
    late = report_from_rows("2021", agency="某市市场监督管理局", publish_date=dt.date(2024, 2, 20))
    [finding] = PUBLICATION_DEADLINE(late)
    assert finding.expected == "2024-01-31"
    assert "条例第四十九条" in finding.message


def test_government_report_is_due_on_march_31() -> None:
    report = report_from_rows("2021", agency="西畴县人民政府", publish_date=dt.date(2024, 3, 1))
    assert list(PUBLICATION_DEADLINE(report)) == []
    shashi = report_from_rows(
        "2021", year=2021, agency="荆州市沙市区人民政府", publish_date=dt.date(2022, 7, 5)
    )
    assert [f.expected for f in PUBLICATION_DEADLINE(shashi)] == ["2022-03-31"]


def test_unknown_level_only_warns_past_the_later_deadline_and_level_is_configurable() -> None:
    street = report_from_rows("2021", agency="左岭街道办事处", publish_date=dt.date(2024, 2, 20))
    assert list(PUBLICATION_DEADLINE(street)) == []
    strict = PublicationDeadline(level_of=lambda report: "department")
    assert len(list(strict(street))) == 1


def test_date_before_the_end_of_the_year_warns() -> None:
    early = report_from_rows("2019", year=2019, publish_date=dt.date(2019, 1, 3))
    assert len(list(PUBLICATION_DATE_EARLY(early))) == 1
    last_day = report_from_rows("2019", year=2020, publish_date=dt.date(2020, 12, 31))
    assert list(PUBLICATION_DATE_EARLY(last_day)) == []


def test_narrative_long_subjects_and_handled_totals() -> None:
    ok = with_overview(
        "我局收到群众通过邮寄、网络提交的各类政府信息公开申请共计19件。全年依法办结政府信息公开申请19件。"
    )
    assert list(NARRATIVE_TABLE(ok)) == []  # type: ignore[arg-type]
    bad = with_overview("全年依法办结政府信息公开申请21件。")
    [finding] = NARRATIVE_TABLE(bad)  # type: ignore[arg-type]
    assert (finding.cells, finding.expected, finding.actual) == (("t3.total.tot",), 19, 21)


@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("西畴县人民政府", "government"),
        ("银川市市政管理局", "department"),
        ("某市发展和改革委员会", "department"),
        ("某县卫健委", "department"),
        ("某经济开发区管理委员会", None),
        ("某县人民政府办公室", None),
        ("左岭街道办事处", None),
        ("", None),
    ],
)
def test_agency_level_is_only_guessed_when_the_name_is_clear(agency: str, level: str | None) -> None:
    assert agency_level(report_from_rows("2021", agency=agency)) == level


def test_narrative_leaves_proactive_disclosure_alone() -> None:
    report = with_overview("全年主动公开政府信息523条，其中依法予以公开523条；依申请予以公开8件。")
    assert list(NARRATIVE_TABLE(report)) == []  # type: ignore[arg-type]


def test_narrative_compares_with_the_first_readable_alternative() -> None:
    t3 = dict(T3, total="? ? ? ? ? ? ?")
    [finding] = NARRATIVE_TABLE(with_overview("办结申请25件。", t3=t3))  # type: ignore[arg-type]
    assert finding.cells == ("t3.new_received.tot",) and finding.expected == 19
