"""The core's entry points for reading and checking a report file.

:func:`read_report` reads a file (any medium the readers accept; a ``.json`` document in the
canonical shape when :mod:`gongkai.report.jsonio` is present), :func:`check_report` returns every
finding for a report. Both raise only :class:`~gongkai.errors.GongkaiError` subclasses, with a
one-line Chinese message naming the file.
"""

from __future__ import annotations

import importlib.util
import os

from ..errors import InputTooLargeError, ReadError
from .findings import Finding
from .model import Report

#: The largest file read at all (any medium); a year's report is at most a few MB as PDF.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_report(path: str, data: bytes | None = None) -> Report:
    """Read a report from ``path`` (or from ``data``, with ``path`` as its display name).

    Raises ReadError (missing/unreadable file, bad encoding, unsupported medium, too large) and
    NotAReportError (a readable document that is not a 政府信息公开工作年度报告).
    """
    if data is None:
        data = _read_bytes(path)
    elif len(data) > MAX_FILE_BYTES:
        raise InputTooLargeError(f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）", file=path)
    if path.lower().endswith(".json") and importlib.util.find_spec("gongkai.report.jsonio") is not None:
        from . import jsonio

        return jsonio.load_report(data, path)
    from .extract import extract
    from .read import read_layout

    return extract(read_layout(data, path))


def _read_bytes(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise ReadError("文件不存在", file=path) from None
    except OSError as exc:
        raise ReadError(f"无法读取文件（{exc.strerror or exc}）", file=path) from exc
    if os.path.isdir(path):
        raise ReadError("这是一个目录，不是文件", file=path)
    if size > MAX_FILE_BYTES:
        raise InputTooLargeError(
            f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）", file=path
        )
    try:
        with open(path, "rb") as f:
            return f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReadError(f"无法读取文件（{exc.strerror or exc}）", file=path) from exc


def check_report(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding for ``report``: its reading findings, then the rules (cross-year with ``previous``).

    Reading findings come first (they explain cells left out); the rules never report a relation
    involving a cell that was not read. See docs/report-rules.md.
    """
    from .rules import run_rules

    return [*report.read_findings, *run_rules(report, previous)]
