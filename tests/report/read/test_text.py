"""The text reader: decoding (BOM, UTF-8, GB18030), one TEXT line per physical line, size bound."""

from __future__ import annotations

import pytest

from gongkai.errors import EncodingError, InputTooLargeError, UnsupportedMediumError
from gongkai.report.read import read_layout
from gongkai.report.read.layout import LineKind
from gongkai.report.read.text import decode_text, read_text

SAMPLE = "西畴县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n镕基本情况"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        b"\xff\xfe" + SAMPLE.encode("utf-16-le"),
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),  # 镕 is GBK-only: a gb2312 decode would fail
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk"],
)
def test_decodes_every_usual_encoding(data: bytes) -> None:
    assert decode_text(data, "r.txt") == SAMPLE


def test_one_text_line_per_physical_line_with_its_number() -> None:
    layout = read_text("第一行\r\n第二行\n\n第四行".encode(), "r.txt")
    assert [line.kind for line in layout.lines] == [LineKind.TEXT] * 4
    assert [line.text for line in layout.lines] == ["第一行", "第二行", "", "第四行"]
    assert [line.span.line for line in layout.lines] == [1, 2, 3, 4]
    assert layout.lines[1].span.compact() == "r.txt:2"
    assert layout.medium == "text"


def test_refuses_text_over_the_bound() -> None:
    with pytest.raises(InputTooLargeError) as err:
        read_text(b"x" * 2048, "big.txt", max_bytes=1024)
    assert str(err.value).startswith("big.txt：")


def test_undecodable_bytes_are_a_one_line_chinese_error() -> None:
    with pytest.raises(EncodingError) as err:
        decode_text(b"\xef\xbb\xbf\xff\xfe\xfa bad", "bad.txt")
    assert "bad.txt" in str(err.value)
    assert "\n" not in str(err.value)


def test_binary_is_not_read_as_text() -> None:
    with pytest.raises(UnsupportedMediumError):
        read_layout(b"\x00\x01\x02binary\x00" * 10, "x.bin")
