"""Hostile input: each fails with a one-line Chinese GongkaiError naming the file, in bounded time
and memory — empty, truncated, encrypted, oversized, zip bombs, lying ZIP headers, entity bombs, malformed markup,
wrong extensions, documents that are not reports.

Memory and time are bounded by running the whole set once in a child process under RLIMIT_AS and
RLIMIT_CPU (no timing assertions): a reader that tried to inflate a bomb or loop would be killed
there instead of returning an error.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import gongkai
from gongkai.errors import (
    GongkaiError,
    InputTooLargeError,
    NotAReportError,
    ReadError,
    UnsupportedMediumError,
)
from gongkai.report.read import limits
from report.read.media_fixtures import CORPUS_SOURCES, fixture, ole2


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """A copy of an OOXML package with some members replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
    return out.getvalue()


def zip_bomb(medium: str) -> bytes:
    """A real package whose main part inflates ~1000:1 (50 MB of spaces from ~50 KB)."""
    _, data = fixture(CORPUS_SOURCES[0], medium)
    part = "word/document.xml" if medium == "docx" else "xl/worksheets/sheet1.xml"
    return _rezip(data, {part: b"<x>" + b" " * 50_000_000 + b"</x>"})


def lying_zip() -> bytes:
    """A package whose central directory understates a member's size (1 KB declared, 20 MB real)."""
    _, data = fixture(CORPUS_SOURCES[0], "docx")
    big = _rezip(data, {"word/document.xml": b"<w:document>" + b"\x20" * 20_000_000})
    info = {i.filename: i for i in zipfile.ZipFile(io.BytesIO(big)).infolist()}["word/document.xml"]
    patched = bytearray(big)
    real = info.file_size.to_bytes(4, "little")
    # the uncompressed size appears in the local header and in the central directory
    for offset in (i for i in range(len(patched) - 4) if patched[i : i + 4] == real):
        patched[offset : offset + 4] = (1024).to_bytes(4, "little")
    return bytes(patched)


#: "Billion laughs": nine levels of entities, each ten of the one below (10⁹ "lol"s if expanded).
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)


def entity_bomb(medium: str) -> bytes:
    """A real package whose main part defines nested entities and uses the outermost in a cell."""
    _, data = fixture(CORPUS_SOURCES[0], medium)
    member, tag = (
        ("word/document.xml", b"<w:t>") if medium == "docx" else ("xl/worksheets/sheet1.xml", b"<v>")
    )
    xml = zipfile.ZipFile(io.BytesIO(data)).read(member).split(b"?>", 1)[1]
    at = xml.index(tag) + len(tag)
    return _rezip(data, {member: LAUGHS + xml[:at] + b"&lol9;" + xml[at:]})


def hostile_files() -> dict[str, bytes]:
    _, docx = fixture(CORPUS_SOURCES[0], "docx")
    _, xlsx = fixture(CORPUS_SOURCES[0], "xlsx")
    _, page = fixture(CORPUS_SOURCES[0], "html")
    encrypted_doc = b"\xec\xa5\xc1\x00" + b"\x00" * 6 + (0x0100).to_bytes(2, "little") + b"\x00" * 40
    return {
        "empty.docx": b"",
        "blank.html": b"   \n ",
        "truncated.docx": docx[: len(docx) // 2],
        "truncated.xlsx": xlsx[: len(xlsx) // 3],
        "truncated.xls": ole2({"Workbook": b"\x09\x08" + b"\0" * 100})[:700],
        "encrypted.docx": ole2({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\0" * 64}),
        "encrypted.doc": ole2({"WordDocument": encrypted_doc}),
        "bomb.docx": zip_bomb("docx"),
        "bomb.xlsx": zip_bomb("xlsx"),
        "lying.docx": lying_zip(),
        "laughs.docx": entity_bomb("docx"),
        "laughs.xlsx": entity_bomb("xlsx"),
        "picture.docx": b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
        "archive.xlsx": b"Rar!\x1a\x07\x00" + b"\0" * 100,
        "nested.html": b"<table><tr><td>" * 4000,
        "deep.html": b"<div>" * 100_000,
        "news.html": "<html><body><h1>县政府召开安全生产会议</h1><p>会议要求……</p></body></html>".encode(),
        "garbage.html": b"<html><<<>>><td colspan=x rowspan=-5><table></tr></td>\x00\x01\xfe</html>",
        "half-page.html": page[: len(page) // 2],
        "binary.txt": bytes(range(256)) * 10,
    }


#: What each hostile file must raise (the exact class, or a tuple of acceptable ones).
EXPECTED: dict[str, type[GongkaiError] | tuple[type[GongkaiError], ...]] = {
    "empty.docx": ReadError,
    "blank.html": ReadError,
    "truncated.docx": ReadError,
    "truncated.xlsx": ReadError,
    "truncated.xls": ReadError,
    "encrypted.docx": UnsupportedMediumError,
    "encrypted.doc": UnsupportedMediumError,
    "bomb.docx": InputTooLargeError,
    "bomb.xlsx": InputTooLargeError,
    "lying.docx": ReadError,
    "laughs.docx": ReadError,  # entities are never expanded (parsers run with resolve_entities=False)
    "laughs.xlsx": ReadError,
    "picture.docx": UnsupportedMediumError,
    "archive.xlsx": UnsupportedMediumError,
    "nested.html": (InputTooLargeError, NotAReportError, ReadError),
    "deep.html": (InputTooLargeError, ReadError),
    "news.html": NotAReportError,
    "garbage.html": (NotAReportError, ReadError),
    "half-page.html": (),  # a page cut in half still reads (what it prints), or fails cleanly
    "binary.txt": UnsupportedMediumError,
}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return hostile_files()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_fails_with_a_chinese_message_naming_it(files: dict[str, bytes], name: str) -> None:
    expected = EXPECTED[name]
    try:
        gongkai.read(name, files[name])
    except GongkaiError as exc:
        message = str(exc)
        assert message.startswith(f"{name}："), message
        assert "\n" not in message
        assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message), message
        if expected:
            assert isinstance(exc, expected), f"{name}: {type(exc).__name__}: {message}"
        return
    assert expected == (), f"{name} was read as a report"


def test_hostile_files_stay_within_memory_and_cpu_limits(files: dict[str, bytes], tmp_path: Path) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    child = f"""
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)  # 1.5 GB of address space
resource.setrlimit(resource.RLIMIT_CPU, (120, 120))
import gongkai
from gongkai.errors import GongkaiError
out = {{}}
for name in {sorted(files)!r}:
    try:
        gongkai.read(sys.argv[1] + "/" + name)
        out[name] = ["read"]
    except GongkaiError as exc:
        out[name] = [cls.__name__ for cls in type(exc).__mro__]
print(json.dumps(out))
"""
    result = subprocess.run(
        [sys.executable, "-c", child, str(tmp_path)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert set(outcome) == set(files)
    for name, got in outcome.items():
        expected = EXPECTED[name]
        allowed = {e.__name__ for e in (expected if isinstance(expected, tuple) else (expected,))}
        assert not allowed or allowed & set(got), (name, got)


def test_oversized_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 100_000)
    _, page = fixture(CORPUS_SOURCES[0], "html")
    with pytest.raises(InputTooLargeError, match="文件过大"):
        gongkai.read("big.html", page + b" " * 100_000)


@pytest.mark.parametrize("medium", ["html", "docx", "xlsx"])
def test_too_many_rows_is_refused(monkeypatch: pytest.MonkeyPatch, medium: str) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 20)
    _, data = fixture(CORPUS_SOURCES[0], medium)
    with pytest.raises(InputTooLargeError, match="行数过多"):
        gongkai.read(f"many-rows.{medium}", data)


@pytest.mark.parametrize("medium", ["html", "docx", "xlsx"])
def test_too_many_cells_is_refused(monkeypatch: pytest.MonkeyPatch, medium: str) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    _, data = fixture(CORPUS_SOURCES[0], medium)
    with pytest.raises(InputTooLargeError, match="单元格过多"):
        gongkai.read(f"many-cells.{medium}", data)


def test_a_merged_range_covering_a_whole_sheet_is_bounded() -> None:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.add_worksheet().merge_range("A1:B1", "全表合并")
    book.close()
    sheet = zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("xl/worksheets/sheet1.xml")
    # 17 billion cells, written into the sheet XML (no writer would build it)
    huge = sheet.replace(b'ref="A1:B1"', b'ref="A1:XFD1048576"')
    with pytest.raises(InputTooLargeError, match="单元格过多"):
        gongkai.read("merged.xlsx", _rezip(buf.getvalue(), {"xl/worksheets/sheet1.xml": huge}))


def test_many_zip_members_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<x/>")
        for i in range(limits.MAX_MEMBERS + 1):
            z.writestr(f"junk/{i}", b"")
    with pytest.raises(InputTooLargeError, match="文件过多"):
        gongkai.read("members.docx", out.getvalue())


@pytest.mark.parametrize("medium", ["docx", "xlsx"])
def test_an_oversized_xml_part_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch, medium: str
) -> None:
    monkeypatch.setattr(limits, "MAX_XML_PART", 1000)
    _, data = fixture(CORPUS_SOURCES[0], medium)
    with pytest.raises(InputTooLargeError, match="文档内容部分过大"):
        gongkai.read(f"big-part.{medium}", data)


def test_an_oversized_web_page_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 10_000)
    _, page = fixture(CORPUS_SOURCES[0], "html")
    with pytest.raises(InputTooLargeError, match="上限"):
        gongkai.read("big.html", page)
