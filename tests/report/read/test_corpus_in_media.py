"""Every text report of the corpus, published as a web page or as a Word document paragraph by
paragraph, reads into exactly the cells (and agency and year) the text reader gives.

The corpus texts are web pages copied as text — pipe rows, space rows, one cell per line, fused
digit runs, boilerplate. Wrapped line by line in <p> elements (inside navigation and a footer) or
in Word paragraphs, they exercise the HTML and DOCX readers on every quirk of the real reports,
with the text reading as the oracle.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import docx
import pytest

import gongkai
from corpus_location import CORPUS_DIR
from report.read.media_fixtures import cell_values

TEXT_REPORTS = sorted(p.name for p in CORPUS_DIR.iterdir() if p.suffix in (".txt", ".md"))
#: Characters XML (and so Word) cannot hold.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _as_page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    return (
        "<html><head><meta charset='gb18030'><title>政府信息公开</title></head><body>"
        "<div class='nav'><a>首页</a> <a>政府信息公开</a> <a>政府信息公开年报</a></div>"
        f"<div class='article'>{paragraphs}</div>"
        "<div class='footer'>主办单位：某某县人民政府办公室 网站标识码 1234567890</div></body></html>"
    ).encode("gb18030")


def _as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(_XML_ILLEGAL.sub("", line))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name", TEXT_REPORTS)
def test_web_page_of_a_text_report(name: str, corpus_dir: Path) -> None:
    raw = (corpus_dir / name).read_bytes()
    expected = gongkai.read(name, raw)
    report = gongkai.read(f"{name}.html", _as_page(raw.decode("utf-8")))
    assert cell_values(report) == cell_values(expected)
    assert (report.agency, report.year, report.format) == (expected.agency, expected.year, expected.format)


@pytest.mark.parametrize("name", TEXT_REPORTS)
def test_word_document_of_a_text_report(name: str, corpus_dir: Path) -> None:
    raw = (corpus_dir / name).read_bytes()
    expected = gongkai.read(name, raw)
    report = gongkai.read(f"{name}.docx", _as_docx(raw.decode("utf-8")))
    assert cell_values(report) == cell_values(expected)
    assert (report.agency, report.year, report.format) == (expected.agency, expected.year, expected.format)
