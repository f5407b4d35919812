"""Legacy reports (report years ≤ 2018, 国务院令第492号): the figures extracted from them, as data.

Before the 2019 format there were no fixed tables. Most reports still printed an annex
统计表 with a common set of indicators (主动公开信息数, 受理…申请总数, 行政复议数 …, one column for the
year and often a second for 历年累计), and stated the main figures in prose. Only the small set of
figures below is extracted, and only when printed — each with its source line; nothing is derived.

``table_labels`` are the indicator names of the annex (variants seen in real reports, compared after
the extractor's normalisation); ``prose`` are patterns whose group ``n`` is the figure, used when the
annex does not give it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LegacyFigure:
    id: str
    label: str  # Chinese name for messages and renderers
    table_labels: tuple[str, ...] = ()
    prose: tuple[str, ...] = ()


_N = r"(?P<n>\d+)"

LEGACY_FIGURES: tuple[LegacyFigure, ...] = (
    LegacyFigure(
        "legacy.proactive.total",
        "主动公开政府信息数",
        ("主动公开信息数", "主动公开文件数", "主动公开政府信息数"),
        (rf"主动公开(?:了)?(?:政府)?信息(?:共计|共|计)?{_N}条",),
    ),
    LegacyFigure(
        "legacy.proactive.website", "其中：政府网站公开数", ("政府网站公开数", "网站公开", "政府网站条")
    ),
    LegacyFigure(
        "legacy.proactive.gazette", "其中：政府公报公开数", ("政府公报公开数", "政府公报公开", "政府公报条")
    ),
    LegacyFigure(
        "legacy.requests.received",
        "受理政府信息公开申请数",
        ("受理政府信息公开申请总数", "受理依申请公开信息总数", "收到申请数"),
        (
            rf"(?:收到|受理)(?:了)?(?:政府信息公开|依申请公开(?:政府)?信息的?)?申请(?:共计|共|计)?{_N}(?:件|份|条)",
            rf"(?:收到|受理)依申请公开(?:政府)?信息{_N}(?:件|份|条)",
            rf"依申请公开政府信息{_N}(?:件|份|条)",
            rf"(?:收到|受理)(?:了)?{_N}(?:件|份)(?:政府信息公开|依申请公开)?申请",
        ),
    ),
    LegacyFigure("legacy.requests.answered", "对申请的答复总数", ("对申请的答复总数", "申请答复数")),
    LegacyFigure("legacy.requests.granted", "同意公开答复数", ("同意公开答复数", "公开同意答复数")),
    LegacyFigure(
        "legacy.requests.partial",
        "同意部分公开答复数",
        ("同意部分公开答复数",),
        (rf"同意部分公开(?:答复)?(?:的)?(?:为|有)?{_N}(?:件|条)",),
    ),
    LegacyFigure(
        "legacy.requests.denied",
        "否决公开答复数",
        (
            "否决公开答复总数",
            "否决公开答复数",
            "不同意公开答复数",
            "不予公开答复数",
            "否定公开答复总数",
            "否定公开答复数",
        ),
    ),
    LegacyFigure(
        "legacy.review.total",
        "行政复议数",
        ("行政复议数", "行政复试数"),
        (
            rf"行政复议(?:申请|案件)?{_N}(?:起|件|宗)",
            rf"{_N}(?:起|件|宗|份)(?:有关)?(?:政府信息公开)?行政复议",
        ),
    ),
    LegacyFigure(
        "legacy.litigation.total",
        "行政诉讼数",
        ("行政诉讼数",),
        (rf"行政诉讼(?:案件)?{_N}(?:起|件|宗)", rf"{_N}(?:起|件|宗)(?:有关)?(?:政府信息公开)?行政诉讼"),
    ),
    LegacyFigure(
        "legacy.complaints.total",
        "行政申诉数",
        ("行政申诉数", "接受行政申诉、举报数", "接受行政诉讼、举报数"),
        (rf"(?:行政申诉|举报)(?:件|案件)?(?:共计|共)?{_N}(?:件|起)",),
    ),
)
