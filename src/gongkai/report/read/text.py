"""The text reader: bytes of a plain-text or Markdown report → a :class:`Layout` of TEXT lines.

Reports copied from web pages arrive as UTF-8, UTF-8 with a BOM, UTF-16 with a BOM, or a GB
encoding. Decoding order: a BOM decides; then strict UTF-8; then charset-normalizer's best guess,
where any GB family answer (gb2312, gbk, hz) is decoded as gb18030, the superset — a page declared
gb2312 often holds GBK-only characters (stack.md §4). Each physical line becomes one TEXT line with
its 1-based line number; nothing is interpreted here (label matching lives in ``extract``).
"""

from __future__ import annotations

from ...errors import EncodingError, InputTooLargeError
from ..model import SourceSpan
from .layout import Layout

#: Bigger text files are refused: a year's report is 5–100 KB; 20 MB is far beyond any real one and
#: keeps memory and time bounded. Callers may pass another bound.
MAX_TEXT_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Encodings charset-normalizer may answer that we accept for Chinese text, mapped to the codec used.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "gb_2312_80", "euc_cn"}
_ACCEPTED = {"utf_8": "utf-8", "big5": "big5", "big5hkscs": "big5hkscs", "utf_16": "utf-16"}


def decode_text(data: bytes, name: str) -> str:
    """Decode report bytes to str, or raise :class:`EncodingError` naming the file."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(bom_codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"文件以 {bom_codec.upper()} 字节序标记开头，但第 {exc.start} 字节处无法按该编码解码",
                    file=name,
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    guess = (best.encoding if best is not None else "").lower().replace("-", "_")
    codec: str | None = "gb18030" if guess in _GB_FAMILY else _ACCEPTED.get(guess)
    candidates: list[str] = [codec] if codec else []
    candidates.append("gb18030")  # the usual encoding of Chinese government pages saved as text
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise EncodingError(
        "无法识别文本编码（不是 UTF-8，也不是 GB18030/GBK），请另存为 UTF-8 后重试", file=name
    )


def read_text(data: bytes, name: str, *, max_bytes: int = MAX_TEXT_BYTES) -> Layout:
    """Bytes of a text report → a Layout with one TEXT line per physical line (line numbers 1-based)."""
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"文本文件过大（{len(data) // 1024 // 1024} MB），超过上限 {max_bytes // 1024 // 1024} MB",
            file=name,
        )
    text = decode_text(data, name)
    layout = Layout(file=name, medium="text")
    # splitlines() would also split on U+2028, form feeds and the like; a report's line numbers are
    # those an editor shows, so split on \n and drop a trailing \r.
    for number, line in enumerate(text.split("\n"), start=1):
        layout.text_line(line.removesuffix("\r"), SourceSpan(file=name, line=number))
    return layout
