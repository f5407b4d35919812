"""Payload text → pieces → values: separators, blanks, placeholders, text cells, units, signs."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.extract.numbers import PieceKind, parse_number, pieces_of, select_data, value_of
from gongkai.report.formats import ValueKind


def kinds(text: str) -> list[str]:
    return [f"{p.kind}:{p.printed}" for p in pieces_of(text, 0)]


def test_pipes_make_blank_cells_between_them_not_at_the_ends() -> None:
    assert kinds(" | 6 | | 0 | ||") == ["num:6", "blank:", "num:0", "blank:", "blank:"]
    assert [p.kind for p in select_data(pieces_of(" | 6 | | 0 | ||", 0), 3)] == ["num", "blank", "num"]


def test_spaces_never_make_blanks() -> None:
    assert kinds(" 2  1  0 ") == ["num:2", "num:1", "num:0"]


def test_units_signs_and_placeholders() -> None:
    pieces = pieces_of("3168.0656(万元) 减12 +1036 — / 无 撤销", 0)
    assert [p.kind for p in pieces] == [PieceKind.NUM] * 3 + [PieceKind.MARK] * 3 + [PieceKind.TEXT]
    assert value_of(pieces[0], ValueKind.DECIMAL) == Decimal("3168.0656")
    assert value_of(pieces[1], ValueKind.SIGNED) == -12
    assert value_of(pieces[2], ValueKind.SIGNED) == 1036
    assert value_of(pieces[3], ValueKind.COUNT) == "—"
    assert value_of(pieces[6], ValueKind.COUNT) == "撤销"


def test_numbers_glued_to_text_belong_to_the_text() -> None:
    # "数据1" is a header cell of a markdown copy, "2023年" prose: neither is a table value
    assert kinds("数据1") == ["text:数据1"]
    assert [p.kind for p in pieces_of("0000000四、政府信息", 0)] == [PieceKind.NUM, PieceKind.TEXT]


def test_select_data_stops_at_prose_and_skips_leading_junk() -> None:
    pieces = pieces_of("类别 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |\n| 类别 | 数据1 | 数据2 |", 0)
    assert [p.printed for p in select_data(pieces, 7)] == ["705", "3", "0", "0", "5", "0", "713"]


def test_short_text_between_values_is_a_text_cell() -> None:
    pieces = pieces_of("0 | 0 | 撤销 | 0 | 1 |", 0)
    assert [p.printed for p in select_data(pieces, 5)] == ["0", "0", "撤销", "0", "1"]


def test_thousands_separators_are_one_number() -> None:
    pieces = pieces_of("13,613 1,223.50万元", 0)
    assert [p.core for p in pieces] == ["13613", "1223.50"]


def test_commas_between_values_separate_them() -> None:
    assert [p.core for p in pieces_of("1,0,0,0,0,0,1", 0)] == ["1", "0", "0", "0", "0", "0", "1"]


def test_list_number_of_an_unrecognised_next_label_is_not_a_value() -> None:
    assert [p.printed for p in pieces_of("0 0 1 02.其他法律行政止公开", 0)] == [
        "0",
        "0",
        "1",
        "0",
        "2.其他法律行政止公开",
    ]
    assert [p.printed for p in pieces_of("10000012.其他", 0)] == ["1000001", "2.其他"]


def test_units_in_brackets_after_counts() -> None:
    assert [p.core for p in pieces_of("1(件) 2件 3项 779.508355(万元)", 0)] == ["1", "2", "3", "779.508355"]


def test_whole_numbers_with_zero_decimals_in_count_columns() -> None:
    assert parse_number("6.0", ValueKind.COUNT) == 6
    assert parse_number("-2.00", ValueKind.SIGNED) == -2
    assert parse_number("1.5", ValueKind.COUNT) == Decimal("1.5")
    assert parse_number("6.0", ValueKind.DECIMAL) == Decimal("6.0")
