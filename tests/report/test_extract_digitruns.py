"""Splitting fused digit runs with the format's arithmetic (row totals, table 四 block totals)."""

from __future__ import annotations

from gongkai.report.extract.digitruns import SumRule, split_run
from gongkai.report.formats import ValueKind

C = ValueKind.COUNT
ROW7 = [C] * 7
ROW_TOTAL = [SumRule(6, (0, 1, 2, 3, 4, 5))]


def test_as_many_digits_as_cells_has_one_reading() -> None:
    assert split_run("1000001", ROW7, ROW_TOTAL).candidates == (("1", "0", "0", "0", "0", "0", "1"),)


def test_the_row_total_decides_a_longer_run() -> None:
    # "190000019" = 19,0,0,0,0,0,19 (the MANIFEST example); 1,9,0,... fails the row total
    result = split_run("190000019", ROW7, ROW_TOTAL)
    assert result.candidates == (("19", "0", "0", "0", "0", "0", "19"),)
    assert result.complete


def test_several_readings_are_all_returned() -> None:
    # 规范性文件 "13013" has no equation between its three cells: every well-formed split survives
    got = set(split_run("13013", [C, C, C]).candidates)
    assert got == {("1", "30", "13"), ("1", "301", "3"), ("13", "0", "13"), ("130", "1", "3")}


def test_no_leading_zeros() -> None:
    assert split_run("0012", [C, C]).candidates == ()
    assert split_run("0012", [C, C, C]).candidates == (("0", "0", "12"),)


def test_signed_and_decimal_columns() -> None:
    signed = [C, ValueKind.SIGNED, C]
    assert set(split_run("88-720", signed).candidates) == {("88", "-7", "20"), ("88", "-72", "0")}
    assert split_run("9152.2", [C, ValueKind.DECIMAL]).candidates[0] == ("9", "152.2")
    assert ("48", "38518699.09") in split_run("4838518699.09", [C, ValueKind.DECIMAL]).candidates


def test_table_four_blocks() -> None:
    rules = [SumRule(b * 5 + 4, tuple(b * 5 + i for i in range(4))) for b in range(3)]
    result = split_run("315090000000000", [C] * 15, rules)
    assert result.candidates == (("3", "1", "5", "0", "9") + ("0",) * 10,)


def test_search_is_bounded() -> None:
    result = split_run("1" * 60, [C] * 7)
    assert len(result.candidates) <= 64
