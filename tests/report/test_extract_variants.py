"""Seed reports rewritten the ways other sites print the same tables read back the same cells.

The corpus shows the genre, not the test: unseen reports number their rows "1、" or not at all, use
tabs, full-width digits, CRLF, or lose every line break. Each variant of a seed report must give
exactly the cells of the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.report.extract import extract
from gongkai.report.model import Report
from gongkai.report.read import read_layout

SEEDS = (
    "xichou-county-2023.txt",
    "shashi-district-2021.txt",
    "yinchuan-szglj-2020.txt",
    "zuoling-street-2021.txt",
)

VARIANTS: dict[str, Callable[[str], str]] = {
    "numbered-with-dunhao": lambda s: re.sub(r"(?m)(^|\| )(\d)\.", r"\1\2、", s),
    "no-row-numbers": lambda s: re.sub(r"(\d)\.(?=[\u4e00-\u9fff])", "", s),
    "tabs": lambda s: s.replace(" | ", "\t"),
    "full-width-digits": lambda s: re.sub(r"\d", lambda m: chr(ord(m.group()) + 0xFEE0), s),
    "crlf": lambda s: s.replace("\n", "\r\n"),
    "one-line": lambda s: s.replace("\n", ""),
    "gbk": lambda s: s,  # encoded differently below
    "reworded-rows": lambda s: s.replace("行政法规禁止公开", "法规禁止公开").replace(
        "内部事务信息", "内部事务"
    ),
}


def read(data: bytes) -> Report:
    return extract(read_layout(data, "variant.txt"))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("seed", SEEDS)
def test_variant_reads_the_same_cells(corpus_dir: Path, seed: str, variant: str) -> None:
    text = (corpus_dir / seed).read_text("utf-8")
    original = read(text.encode("utf-8"))
    changed = VARIANTS[variant](text)
    data = changed.encode("gb18030") if variant == "gbk" else changed.encode("utf-8")
    report = read(data)
    assert report.cell_values() == original.cell_values()
    assert [f.rule for f in report.read_findings] == [f.rule for f in original.read_findings]
    assert (report.format, report.year) == (original.format, original.year)
