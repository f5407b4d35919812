"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号, domain.md §6).

- art. 3: two methods, 按件计收 (per application) and 按量计收 (per volume); both are 超额累进
  (each band's price applies only to the units inside that band); **one method per application**;
- art. 4 (按件): counted per applicant per calendar month, cumulatively: applications 1–10 free,
  11–30 100 元/件, from 31 in bands of 10, each band 100 元/件 more (31–40: 200, 41–50: 300, …);
  it applies whatever the decision;
- art. 5 (按量): per application, by pages: ≤ 30 free, 31–100 10 元/页, 101–200 20 元/页,
  ≥ 201 40 元/页; it applies when the applicant asks for paper copies, e-mail or copied data.

Worked examples (domain.md §6): 35 applications in a month → 20×100 + 5×200 = 3,000 元 (the 35th
alone costs 200 元); 150 pages → 70×10 + 50×20 = 1,700 元. How pages are counted for electronic data
is not verified ([M]); the caller passes the page count it decided on. Amounts are whole yuan (int).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..errors import GongkaiError

__all__ = [
    "BASIS",
    "MAX_QUANTITY",
    "PER_VOLUME_BANDS",
    "Fee",
    "FeeBand",
    "FeeError",
    "FeeLine",
    "FeeMethod",
    "application_fee",
    "monthly_application_fees",
    "nth_in_month",
    "per_application_band",
    "per_application_fee",
    "per_volume_fee",
]

BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
#: Bound on applications / pages, so that absurd input is refused instead of looping for long.
MAX_QUANTITY = 1_000_000


class FeeError(GongkaiError):
    """A fee was asked for with unusable input (no quantity, both methods, a negative count...)."""


class FeeMethod(StrEnum):
    PER_APPLICATION = "per_application"  # 按件计收, 109号 art. 4
    PER_VOLUME = "per_volume"  # 按量计收, 109号 art. 5

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.PER_APPLICATION else "按量计收"

    @property
    def unit(self) -> str:
        return "件" if self is FeeMethod.PER_APPLICATION else "页"

    @property
    def article(self) -> str:
        return "第四条" if self is FeeMethod.PER_APPLICATION else "第五条"


@dataclass(frozen=True, slots=True)
class FeeBand:
    """Units ``first`` … ``last`` (None = no upper bound) cost ``yuan_each`` each."""

    first: int
    last: int | None
    yuan_each: int

    def size(self) -> int | None:
        return None if self.last is None else self.last - self.first + 1

    def label(self, unit: str) -> str:
        span = f"第{self.first}{unit}及以上" if self.last is None else f"第{self.first}–{self.last}{unit}"
        price = "免费" if self.yuan_each == 0 else f"{self.yuan_each}元/{unit}"
        return f"{span}：{price}"


#: 109号 art. 5: pages per application.
PER_VOLUME_BANDS: tuple[FeeBand, ...] = (
    FeeBand(1, 30, 0),
    FeeBand(31, 100, 10),
    FeeBand(101, 200, 20),
    FeeBand(201, None, 40),
)


def per_application_band(nth: int) -> FeeBand:
    """The band of the ``nth`` application of an applicant in a calendar month (109号 art. 4)."""
    _check_quantity(nth, "本月累计申请件数", minimum=1)
    if nth <= 10:
        return FeeBand(1, 10, 0)
    if nth <= 30:
        return FeeBand(11, 30, 100)
    # From the 31st: bands of 10, the first (31–40) at 200 元, each further band 100 元 more.
    k = (nth - 31) // 10
    first = 31 + 10 * k
    return FeeBand(first, first + 9, 200 + 100 * k)


@dataclass(frozen=True, slots=True)
class FeeLine:
    band: FeeBand
    quantity: int
    yuan: int


@dataclass(frozen=True)
class Fee:
    """A fee with the bands it was computed from.

    ``quantity`` is pages (按量) or, for 按件, the applications priced (one application for
    :func:`per_application_fee`, the whole month for :func:`monthly_application_fees`).
    """

    method: FeeMethod
    quantity: int
    yuan: int
    lines: tuple[FeeLine, ...]
    subject: str  # Chinese: what was priced, e.g. 本月第35件申请

    def explain(self) -> list[str]:
        lines = [
            f"信息处理费（{self.method.label}）：{self.subject}，共{self.yuan:,}元",
            f"依据：{BASIS}{self.method.article}",
        ]
        unit = self.method.unit
        for line in self.lines:
            lines.append(f"　{line.band.label(unit)} × {line.quantity}{unit} = {line.yuan:,}元")
        if self.yuan == 0:
            lines.append("　不收费")
        lines.append("　超额累进：各档单价只适用于落在该档的部分；同一申请只能选择一种计收方式")
        return lines

    def to_json(self) -> dict[str, object]:
        return {
            "method": self.method.value,
            "quantity": self.quantity,
            "yuan": self.yuan,
            "subject": self.subject,
            "basis": f"{BASIS}{self.method.article}",
            "bands": [
                {
                    "first": ln.band.first,
                    "last": ln.band.last,
                    "yuan_each": ln.band.yuan_each,
                    "quantity": ln.quantity,
                    "yuan": ln.yuan,
                }
                for ln in self.lines
            ],
            "explanation": self.explain(),
        }


def _check_quantity(value: int, what: str, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeError(f"{what}应为整数，实际为“{value}”")
    if value < minimum:
        raise FeeError(f"{what}不能小于{minimum}，实际为{value}")
    if value > MAX_QUANTITY:
        raise FeeError(f"{what}为{value}，超过可计算的上限{MAX_QUANTITY}")


def per_volume_fee(pages: int) -> Fee:
    """按量计收 (109号 art. 5): the fee for one application of ``pages`` pages, progressive."""
    _check_quantity(pages, "页数", minimum=0)
    lines = []
    for band in PER_VOLUME_BANDS:
        if pages < band.first:
            break
        top = pages if band.last is None else min(pages, band.last)
        quantity = top - band.first + 1
        lines.append(FeeLine(band, quantity, quantity * band.yuan_each))
    return Fee(FeeMethod.PER_VOLUME, pages, sum(ln.yuan for ln in lines), tuple(lines), f"{pages}页")


def per_application_fee(nth: int) -> Fee:
    """按件计收 (109号 art. 4): the fee of the ``nth`` application of an applicant in a calendar month."""
    band = per_application_band(nth)
    line = FeeLine(band, 1, band.yuan_each)
    return Fee(FeeMethod.PER_APPLICATION, 1, band.yuan_each, (line,), f"本自然月第{nth}件申请")


def monthly_application_fees(count: int) -> Fee:
    """按件计收 for a whole month: the total for applications 1 … ``count`` of one applicant."""
    _check_quantity(count, "本月累计申请件数", minimum=0)
    lines: list[FeeLine] = []
    nth = 1
    while nth <= count:
        band = per_application_band(nth)
        top = count if band.last is None else min(count, band.last)
        quantity = top - band.first + 1
        lines.append(FeeLine(band, quantity, quantity * band.yuan_each))
        nth = top + 1
    return Fee(
        FeeMethod.PER_APPLICATION,
        count,
        sum(ln.yuan for ln in lines),
        tuple(lines),
        f"一个自然月内累计{count}件申请",
    )


def nth_in_month(received: date, earlier: Iterable[date]) -> int:
    """The cumulative count of this application in its calendar month (109号 art. 4).

    ``earlier`` are the receipt dates of the same applicant's other applications (any months); those
    in the same calendar month and not after ``received`` are counted, plus this one. The count
    resets on the first of each month.
    """
    same = sum(1 for d in earlier if (d.year, d.month) == (received.year, received.month) and d <= received)
    return same + 1


def application_fee(method: FeeMethod | str, *, nth: int | None = None, pages: int | None = None) -> Fee:
    """The fee of one application by exactly one method (109号 art. 3: never both).

    按件 needs ``nth`` (see :func:`nth_in_month`); 按量 needs ``pages``.
    """
    try:
        chosen = FeeMethod(method)
    except ValueError:
        raise FeeError(
            f"计收方式“{method}”无法识别，应为 per_application（按件）或 per_volume（按量）"
        ) from None
    if chosen is FeeMethod.PER_APPLICATION:
        if pages is not None:
            raise FeeError("按件计收时不能同时按页数计费：同一申请只能选择一种计收方式")
        if nth is None:
            raise FeeError("按件计收需要本自然月累计申请件数")
        return per_application_fee(nth)
    if nth is not None:
        raise FeeError("按量计收时不能同时按件计费：同一申请只能选择一种计收方式")
    if pages is None:
        raise FeeError("按量计收需要页数")
    return per_volume_fee(pages)
