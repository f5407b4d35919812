"""Readers: bytes → the neutral :class:`~.layout.Layout`.

:func:`read_layout` picks the reader for a document from its content (:mod:`.detect`: magic bytes,
ZIP part names, OLE2 stream names, markup), never from the extension alone. It is deliberately
small: a medium is one more entry in :data:`READERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ...errors import UnsupportedMediumError
from .detect import detect_medium
from .layout import Layout

#: medium → (reader module, function); modules are imported on use so that ``import gongkai`` and the
#: text path stay cheap.
READERS: dict[str, tuple[str, str]] = {
    "text": ("text", "read_text"),
    "html": ("html", "read_html"),
    "docx": ("docx", "read_docx"),
    "doc": ("doc", "read_doc"),
    "rtf": ("doc", "read_rtf"),
    "xls": ("sheet", "read_xls"),
    "xlsx": ("sheet", "read_xlsx"),
    "pdf": ("pdf", "read_pdf"),
}


def read_layout(data: bytes, name: str) -> Layout:
    """The layout of a document given as bytes; ``name`` is the display name used in messages."""
    medium = detect_medium(data, name)
    if medium == "text" and _looks_binary(data):
        raise UnsupportedMediumError("这是二进制文件，不是可读取的文本年报", file=name)
    module_name, function = READERS[medium]
    try:
        module = importlib.import_module(f"{__name__}.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{module_name}":
            raise
        raise UnsupportedMediumError(f"暂不支持读取该类文件（{medium}）", file=name) from exc
    reader: Callable[[bytes, str], Layout] = getattr(module, function)
    return reader(data, name)


def _looks_binary(data: bytes) -> bool:
    # UTF-16 text is full of NUL bytes but starts with its byte-order mark; anything else with NUL
    # bytes in its first kilobytes is not text.
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


__all__ = ["READERS", "Layout", "read_layout"]
