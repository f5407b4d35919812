"""Finding labels (row labels, block headings, section titles) in the compact view of a stream.

Labels come from the format declarations only (verbatim label + ``aliases``). Matching is exact on
the compact form (NFKC, no whitespace or quotes, "1、" = "1."), so layout noise never matters. A
label is also accepted without its list number ("予以公开" for "（一）予以公开", as markdown copies
print it) when what remains is long enough to be distinctive (≥ 4 characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .stream import Stream, compact

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")
#: a trailing parenthesised note: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
_NOTE = re.compile(r"\([^()]*\)$")


@dataclass(frozen=True)
class Match:
    start: int  # compact offsets
    end: int
    key: str


@lru_cache(maxsize=512)
def keys_for(labels: tuple[str, ...], strip_numbering: bool = True) -> tuple[str, ...]:
    """The compact keys of a label and its aliases, longest first."""
    keys: set[str] = set()
    for label in labels:
        key = compact(label)
        keys.add(key)
        if strip_numbering:
            bare = _NUMBERING.sub("", key)
            if bare != key and len(bare) >= 4:
                keys.add(bare)
            unnoted = _NOTE.sub("", bare)
            if unnoted != bare and len(unnoted) >= 4:
                keys.add(unnoted)
    return tuple(sorted(keys, key=len, reverse=True))


def find_label(stream: Stream, keys: Iterable[str], start: int, end: int) -> Match | None:
    """The earliest occurrence of any key within compact [start, end); the longest key on a tie."""
    best: Match | None = None
    for key in keys:
        pos = stream.compact.find(key, start, end)
        if pos < 0:
            continue
        if best is None or pos < best.start or (pos == best.start and len(key) > len(best.key)):
            best = Match(pos, pos + len(key), key)
    return best


def find_sequence(
    stream: Stream, labels: Sequence[tuple[str, ...]], start: int, end: int, lookahead: int = 3
) -> list[Match | None]:
    """Find labels that are printed in this order; a label found only *after* one of the next
    ``lookahead`` labels is treated as not printed (its words matched something later)."""
    keys = [keys_for(tuple(group)) for group in labels]
    result: list[Match | None] = []
    cursor = start
    for i, k in enumerate(keys):
        m = find_label(stream, k, cursor, end)
        if m is not None:
            for j in range(i + 1, min(len(keys), i + 1 + lookahead)):
                other = find_label(stream, keys[j], cursor, m.start + 1)
                if other is not None and other.start < m.start:
                    m = None
                    break
        result.append(m)
        if m is not None:
            cursor = m.end
    return result


def find_all(stream: Stream, key: str, start: int, end: int) -> list[Match]:
    out: list[Match] = []
    pos = stream.compact.find(key, start, end)
    while pos >= 0:
        out.append(Match(pos, pos + len(key), key))
        pos = stream.compact.find(key, pos + len(key), end)
    return out
