"""Fuzzing the PDF reader with the real PDFs of the corpus: bytes flipped, truncated, garbage inserted
into content streams, into the cross-reference table and into object dictionaries, stream lengths
falsified. Only GongkaiError may come out of the reader (a ``PdfiumError`` from pypdfium2 or a
pdfminer exception leaking out was exit status 3, "internal error", in the command), and the command
exits 2 with one Chinese line naming the file.

Set GONGKAI_FUZZ_EXAMPLES for a longer run; each example reads a 5–6 page report (about half a
second), so the default is small. ``derandomize=True`` keeps runs reproducible.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_location import CORPUS_DIR
from gongkai.cli import main
from gongkai.errors import GongkaiError, ReadError
from gongkai.report.read.pdf import read_pdf

SEEDS = {name: (CORPUS_DIR / name).read_bytes() for name in ("hz-hongze-2023.pdf", "hz-hongze-2024.pdf", "huaian-city-2024.pdf")}  # fmt: skip

FUZZ = settings(
    max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "12")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

#: tokens that break an object's syntax or its meaning when dropped into it
TOKENS = [b"<<", b">>", b"[", b"]", b"/Type/Page", b"-1", b"99999999999", b"null", b"/Kids[", b"0 0 R", b"/Count 9999999", b"\x7f", b"endobj", b"stream"]  # fmt: skip


@pytest.fixture
def _quiet_pdfminer() -> Iterator[None]:
    # pdfminer logs a warning per damaged stream; the test only cares about what is raised
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def _offsets(data: bytes, pattern: bytes) -> list[int]:
    return [m.end() for m in re.finditer(pattern, data)]


@st.composite
def damaged_pdfs(draw: st.DrawFn) -> bytes:
    """A real report PDF damaged in one of the ways files are damaged or crafted."""
    data = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    out = bytearray(data)
    kind = draw(st.sampled_from(["flip", "truncate", "stream", "xref", "object", "length"]))
    if kind == "flip":
        for _ in range(draw(st.integers(1, 40))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    elif kind == "truncate":
        del out[draw(st.integers(0, len(out) - 1)) :]
    elif kind == "stream":  # garbage inside a (compressed) content or font stream
        at = draw(st.sampled_from(_offsets(data, rb"stream\r?\n"))) + draw(st.integers(0, 200))
        out[at:at] = draw(st.binary(min_size=1, max_size=64))
    elif kind == "xref":  # the cross-reference table or its offset
        at = max(data.rfind(b"startxref"), data.rfind(b"xref")) + draw(st.integers(0, 120))
        out[at : at + draw(st.integers(1, 20))] = draw(
            st.sampled_from([b"0", b"9999999", b" f", b"<<", b"\n"])
        )
    elif kind == "object":  # a token dropped into an object dictionary
        at = draw(st.sampled_from(_offsets(data, rb"\d+ 0 obj"))) + draw(st.integers(0, 60))
        out[at : at + draw(st.integers(0, 8))] = draw(st.sampled_from(TOKENS))
    else:  # a stream length that lies
        match = draw(st.sampled_from(list(re.finditer(rb"/Length (\d+)", data))))
        out[match.start(1) : match.end(1)] = draw(st.sampled_from([b"0", b"-5", b"999999999", b"1"]))
    return bytes(out)


@pytest.mark.usefixtures("_quiet_pdfminer")
@FUZZ
@given(damaged_pdfs())
def test_damaged_real_pdfs_raise_only_gongkai_errors(data: bytes) -> None:
    try:
        read_pdf(data, "损坏.pdf")
    except GongkaiError as exc:
        assert str(exc).startswith("损坏.pdf："), str(exc)


#: damage found by the fuzzer that reached the caller as pypdfium2's PdfiumError ("Failed to load
#: page."), kept as (corpus file, bytes replaced, replacement, page named in the message)
SAVED = [
    ("hz-hongze-2023.pdf", b"/Length 452>>\nstream", b"/Length -5>>\nstream", "第5页"),  # a font stream
    ("huaian-city-2024.pdf", b"\n9 0 obj\n<</Filter /FlateDecode", b"\n9 0 obj\n<</Filte>>Decode", "第2页"),
    (
        "hz-hongze-2024.pdf",
        b"/Type /Page>>\nendobj\n37 0 obj",
        b"/Type /Page\x7f>\nendobj\n37 0 obj",
        "第3页",
    ),
]


@pytest.mark.parametrize(("source", "old", "new", "page"), SAVED, ids=[s[0] for s in SAVED])
def test_saved_damaged_pdfs_exit_2_with_a_chinese_line(
    source: str, old: bytes, new: bytes, page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = SEEDS[source]
    assert data.count(old) == 1
    path = tmp_path / "年报.pdf"
    path.write_bytes(data.replace(old, new))
    with pytest.raises(ReadError) as err:
        read_pdf(path.read_bytes(), str(path))
    assert err.value.where == page
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert f"{path}：{page}：PDF 页面已损坏，无法读取" in captured.err
    # one Chinese line per file and the summary: no traceback, no library's English log lines
    assert captured.err.strip() and all(
        re.search(r"[\u4e00-\u9fff]", line) for line in captured.err.splitlines()
    )


def test_the_command_keeps_pdfminer_warnings_off_the_terminal(tmp_path: Path) -> None:
    # pdfminer logs an English line for each damaged stream it works around ("Data-loss while
    # decompressing corrupted data"); the command prints only its own Chinese lines.
    logger = logging.getLogger("pdfminer")
    level = logger.level
    path = tmp_path / "年报.pdf"
    path.write_bytes(SEEDS["hz-hongze-2024.pdf"])
    try:
        logger.setLevel(logging.NOTSET)
        assert main(["check", str(path)]) in (0, 1)
        assert not logging.getLogger("pdfminer.pdfpage").isEnabledFor(logging.WARNING)
    finally:
        logger.setLevel(level)
