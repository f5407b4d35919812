"""信息处理费 (国办函〔2020〕109号): the worked examples of domain.md §6 and properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import (
    FeeError,
    FeeMethod,
    application_fee,
    monthly_application_fees,
    nth_in_month,
    per_application_fee,
    per_volume_fee,
)
from gongkai.law.fees import per_application_band


def test_worked_example_35_applications() -> None:
    fee = monthly_application_fees(35)
    assert fee.yuan == 3000  # 20×100 + 5×200
    assert [(ln.band.first, ln.band.last, ln.quantity, ln.yuan) for ln in fee.lines] == [
        (1, 10, 10, 0),
        (11, 30, 20, 2000),
        (31, 40, 5, 1000),
    ]
    assert per_application_fee(35).yuan == 200
    assert "第四条" in fee.explain()[1]


def test_worked_example_150_pages() -> None:
    fee = per_volume_fee(150)
    assert fee.yuan == 1700  # 70×10 + 50×20
    assert [(ln.quantity, ln.yuan) for ln in fee.lines] == [(30, 0), (70, 700), (50, 1000)]
    assert fee.explain()[0] == "信息处理费（按量计收）：150页，共1,700元"


@pytest.mark.parametrize(
    ("nth", "yuan"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (101, 900),
    ],
)
def test_per_application_bands(nth: int, yuan: int) -> None:
    assert per_application_fee(nth).yuan == yuan


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_volume_bands(pages: int, yuan: int) -> None:
    assert per_volume_fee(pages).yuan == yuan


def test_count_resets_each_calendar_month() -> None:
    earlier = [date(2026, 1, d) for d in range(5, 31)] + [date(2026, 2, 1)]
    assert nth_in_month(date(2026, 1, 31), earlier) == 27
    assert nth_in_month(date(2026, 2, 2), earlier) == 2  # 1 February counted, January not
    assert nth_in_month(date(2026, 3, 1), earlier) == 1
    assert nth_in_month(date(2025, 1, 31), earlier) == 1  # same month number, other year


def test_one_method_per_application() -> None:
    assert application_fee(FeeMethod.PER_VOLUME, pages=150).yuan == 1700
    assert application_fee("per_application", nth=35).yuan == 200
    with pytest.raises(FeeError, match="只能选择一种计收方式"):
        application_fee(FeeMethod.PER_VOLUME, pages=150, nth=3)
    with pytest.raises(FeeError, match="只能选择一种计收方式"):
        application_fee(FeeMethod.PER_APPLICATION, pages=150, nth=3)
    with pytest.raises(FeeError, match="需要页数"):
        application_fee(FeeMethod.PER_VOLUME)
    with pytest.raises(FeeError, match="无法识别"):
        application_fee("both", nth=1)


def test_bad_quantities_are_refused() -> None:
    with pytest.raises(FeeError):
        per_volume_fee(-1)
    with pytest.raises(FeeError):
        per_application_fee(0)
    with pytest.raises(FeeError, match="上限"):
        monthly_application_fees(10**9)


@given(st.integers(min_value=0, max_value=2000))
def test_month_total_is_the_sum_of_each_application(count: int) -> None:
    assert monthly_application_fees(count).yuan == sum(
        per_application_fee(k).yuan for k in range(1, count + 1)
    )


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000))
def test_fees_are_monotonic(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert per_volume_fee(low).yuan <= per_volume_fee(high).yuan
    assert monthly_application_fees(low).yuan <= monthly_application_fees(high).yuan
    if low >= 1:
        assert per_application_fee(low).yuan <= per_application_fee(high).yuan


@given(st.integers(min_value=1, max_value=5000))
def test_each_page_costs_its_band_price(pages: int) -> None:
    # progressive: one more page costs exactly the price of the band the new page falls in
    step = per_volume_fee(pages).yuan - per_volume_fee(pages - 1).yuan
    assert step == (0 if pages <= 30 else 10 if pages <= 100 else 20 if pages <= 200 else 40)


@given(st.integers(min_value=1, max_value=5000))
def test_bands_partition_the_applications(nth: int) -> None:
    band = per_application_band(nth)
    assert band.first <= nth <= (band.last or nth)
