"""Fuzzing every reader with hypothesis: random bytes, and real fixtures with bytes flipped,
truncated or inserted — both on the raw file and inside a ZIP member that is then re-packed (so the
XML parsers, not only the ZIP layer, see damage). The only exceptions allowed out of a reader are
GongkaiError subclasses.

Set GONGKAI_FUZZ_EXAMPLES for a longer run (the default, 40 per test, keeps the suite fast).

atheris (coverage-guided fuzzing) is not used: it needs a clang-built CPython extension and runs
open-ended campaigns, which do not fit a test suite on shared CI; hypothesis gives reproducible,
bounded runs (``derandomize=True``) with the same oracle.
"""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.errors import GongkaiError
from gongkai.report.read import doc as doc_reader
from gongkai.report.read import read_layout
from report.read.media_fixtures import CORPUS_SOURCES, fixture, ole2, soffice

FUZZ = settings(
    max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: (fixture medium, file name, ZIP member to damage or None)
SEEDS = [
    ("html", "page.html", None),
    ("docx", "report.docx", "word/document.xml"),
    ("xlsx", "table.xlsx", "xl/worksheets/sheet1.xml"),
]


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """A damaged copy of ``data``: some bytes flipped, maybe truncated, maybe a chunk inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(0, 8))):
        i = draw(st.integers(0, len(out) - 1))
        out[i] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        i = draw(st.integers(0, len(out)))
        out[i:i] = draw(st.binary(max_size=64))
    if draw(st.booleans()):
        del out[draw(st.integers(0, len(out))) :]
    return bytes(out)


def _read(data: bytes, name: str) -> None:
    try:
        read_layout(data, name)
    except GongkaiError as exc:
        assert str(exc).startswith(name)


def _repack(package: bytes, member: str, damaged: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, damaged if item.filename == member else source.read(item.filename))
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_converters(monkeypatch: pytest.MonkeyPatch) -> None:
    # a damaged .doc must fail before any external converter runs (each run takes seconds)
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", ())
    monkeypatch.setattr(doc_reader, "ANTIWORD_NAMES", ())


@pytest.mark.parametrize(("medium", "name", "member"), SEEDS)
def test_damaged_files(medium: str, name: str, member: str | None) -> None:
    _, data = fixture(CORPUS_SOURCES[0], medium)

    @FUZZ
    @given(mutations(data))
    def run(damaged: bytes) -> None:
        _read(damaged, name)

    run()


@pytest.mark.parametrize(("medium", "name", "member"), [s for s in SEEDS if s[2]])
def test_damaged_xml_inside_a_valid_package(medium: str, name: str, member: str) -> None:
    _, data = fixture(CORPUS_SOURCES[0], medium)
    xml = zipfile.ZipFile(io.BytesIO(data)).read(member)

    @FUZZ
    @given(mutations(xml))
    def run(damaged: bytes) -> None:
        _read(_repack(data, member, damaged), name)

    run()


@pytest.mark.skipif(soffice() is None, reason="LibreOffice makes the .xls seed")
@pytest.mark.slow
def test_damaged_xls() -> None:
    _, data = fixture(CORPUS_SOURCES[0], "xls")

    @FUZZ
    @given(mutations(data))
    def run(damaged: bytes) -> None:
        _read(damaged, "table.xls")

    run()


def test_damaged_compound_files() -> None:
    seeds = [
        ole2({"WordDocument": b"\xec\xa5\xc1\x00" + b"\0" * 60}),
        ole2({"Workbook": b"\x09\x08" + b"\0" * 30}),
    ]

    @FUZZ
    @given(st.sampled_from(seeds).flatmap(mutations), st.sampled_from(["a.doc", "a.xls"]))
    def run(damaged: bytes, name: str) -> None:
        _read(damaged, name)

    run()


@FUZZ
@given(
    st.binary(max_size=4096), st.sampled_from(["x.html", "x.docx", "x.xlsx", "x.xls", "x.doc", "x.txt", "x"])
)
def test_random_bytes(data: bytes, name: str) -> None:
    _read(data, name)


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            ["<table>", "<tr>", "<td colspan=3>", "<td rowspan=0>", "</td>", "</tr>", "</table>", "<p>", "一、总体情况",
             "<br>", "12", "<div class='nav'>", "</div>", "<meta charset=gbk>", "\xa0", "<th rowspan=99999>", "&nbsp;"]
        ),
        max_size=200,
    )
)  # fmt: skip
def test_random_markup(parts: list[str]) -> None:
    _read(("<html><body>" + "".join(parts)).encode("utf-8"), "x.html")
