"""DOC (Word 97–2003) and RTF → Layout, through an external converter.

LibreOffice is preferred when installed: ``soffice --headless --convert-to docx`` keeps the tables,
which the DOCX reader then reads with merged cells expanded (the layout is labelled ``doc``/``rtf``
and spans name the original file). Without LibreOffice, antiword extracts the text of a .doc (its
tables come out as ``|``-separated lines, which the text reader and the extractor understand). With
neither, :class:`~gongkai.errors.UnsupportedMediumError` says what to install.

Each conversion runs in its own temporary directory with its own LibreOffice profile (so parallel
conversions, and a desktop LibreOffice the user has open, never share state), in its own process
group, and is killed after :data:`~.limits.CONVERTER_TIMEOUT` seconds. A password-protected .doc is
recognised from its header before any converter runs.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ...errors import ReadError, UnsupportedMediumError
from . import limits
from .docx import read_docx
from .layout import Layout

#: The converters looked up on PATH; tests replace these to simulate a machine without them.
SOFFICE_NAMES: tuple[str, ...] = ("soffice", "libreoffice")
ANTIWORD_NAMES: tuple[str, ...] = ("antiword",)

_INSTALL_HINT = "请安装 LibreOffice（推荐，保留表格：apt install libreoffice-writer-nogui）或 antiword"


def read_doc(data: bytes, name: str, *, medium: str = "doc") -> Layout:
    """Read a .doc (``medium="doc"``) or an RTF file (``medium="rtf"``)."""
    limits.check_input_size(data, name)
    if medium == "doc":
        _refuse_encrypted_doc(data, name)
    soffice = _which(SOFFICE_NAMES)
    if soffice is not None:
        docx_bytes = _convert_with_soffice(soffice, data, name, "rtf" if medium == "rtf" else "doc")
        return read_docx(docx_bytes, name, medium=medium)
    antiword = _which(ANTIWORD_NAMES)
    if antiword is not None and medium == "doc":
        return _read_with_antiword(antiword, data, name)
    what = "RTF 文档需要 LibreOffice" if medium == "rtf" else "读取 .doc 文档需要外部转换工具"
    raise UnsupportedMediumError(
        f"{what}，本机未安装；{_INSTALL_HINT}，或将文件另存为 .docx 后提交", file=name
    )


def _which(names: tuple[str, ...]) -> str | None:
    for candidate in names:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _refuse_encrypted_doc(data: bytes, name: str) -> None:
    """The FIB of an encrypted Word 97 document sets fEncrypted (bit 8 of the flags at 0x0A)."""
    from xlrd.compdoc import CompDoc

    try:
        stream = CompDoc(data, logfile=io.StringIO()).get_named_stream("WordDocument")
    except Exception as exc:  # CompDocError and friends on damaged files
        raise ReadError("文件不完整或已损坏（无法读取 Word 文档结构）", file=name) from exc
    if stream is None or len(stream) < 12:
        raise ReadError("文件不完整或已损坏（Word 文档头缺失）", file=name)
    flags = int.from_bytes(stream[10:12], "little")
    if flags & 0x0100:
        raise UnsupportedMediumError("文件已加密（受密码保护），请去除密码后重新提交", file=name)


def _run(cmd: list[str], name: str, cwd: Path, tool: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, HOME=str(cwd), LC_ALL="C.UTF-8")
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=limits.CONVERTER_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ReadError(
            f"{tool} 转换超时（超过 {limits.CONVERTER_TIMEOUT} 秒），文件可能已损坏", file=name
        ) from exc
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _convert_with_soffice(soffice: str, data: bytes, name: str, suffix: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="gongkai-doc-") as tmp:
        work = Path(tmp)
        source = work / f"input.{suffix}"
        source.write_bytes(data)
        outdir = work / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(source),
        ]
        result = _run(cmd, name, work, "LibreOffice")
        target = outdir / "input.docx"
        if result.returncode != 0 or not target.exists():
            raise ReadError("LibreOffice 无法转换该文档（文件可能已损坏或受密码保护）", file=name)
        return target.read_bytes()


def _read_with_antiword(antiword: str, data: bytes, name: str) -> Layout:
    from .text import read_text

    with tempfile.TemporaryDirectory(prefix="gongkai-doc-") as tmp:
        work = Path(tmp)
        source = work / "input.doc"
        source.write_bytes(data)
        # -w 0: a whole paragraph per line (no wrapping at 76 columns)
        result = _run([antiword, "-m", "UTF-8.txt", "-w", "0", str(source)], name, work, "antiword")
    if result.returncode != 0 or not result.stdout.strip():
        raise ReadError("antiword 无法读取该文档（文件可能已损坏或受密码保护）", file=name)
    layout = read_text(result.stdout, name)
    layout.medium = "doc"
    layout.notes.append("本文档由 antiword 转为文本读取，表格结构未保留")
    return layout


def read_rtf(data: bytes, name: str) -> Layout:
    """Read an RTF document (Word's other interchange format; LibreOffice only)."""
    return read_doc(data, name, medium="rtf")
