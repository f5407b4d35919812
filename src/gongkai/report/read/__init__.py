"""Readers: bytes → the neutral :class:`~.layout.Layout`.

:func:`read_layout` picks the reader for a document. It is deliberately small so that readers for
other media (HTML, DOCX, XLS(X), DOC, PDF) slot in as one more branch of the dispatch.
"""

from __future__ import annotations

from ...errors import UnsupportedMediumError
from .layout import Layout


def read_layout(data: bytes, name: str) -> Layout:
    """The layout of a document given as bytes; ``name`` is the display name used in messages."""
    from .text import read_text

    if _looks_binary(data):
        raise UnsupportedMediumError("这是二进制文件，不是可读取的文本年报", file=name)
    return read_text(data, name)


def _looks_binary(data: bytes) -> bool:
    # UTF-16 text is full of NUL bytes but starts with its byte-order mark; anything else with NUL
    # bytes in its first kilobytes is not text.
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


__all__ = ["Layout", "read_layout"]
