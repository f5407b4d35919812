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

from .stream import CELL_SEP, Stream, compact

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")
#: a trailing parenthesised note: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
_NOTE = re.compile(r"\([^()]*\)$")
#: Marks a key that is too short to be distinctive, matched only as a cell of its own.
ANCHOR = "^"
#: Marks a key made of a label's list number and first words, for labels reworded further on.
PREFIX = "~"
_WEAK = (ANCHOR, PREFIX)
_WORD_CHAR = re.compile(r"[\u4e00-\u9fff]")


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
            elif bare != key and bare:
                keys.add(ANCHOR + bare)  # "其他" alone: only as a cell of its own
            if bare != key and len(bare) >= 7:
                # the list number and the first words: a reworded label ("2.其他法律法规禁止公开")
                keys.add(PREFIX + key[: len(key) - len(bare) + 4])
            unnoted = _NOTE.sub("", bare)
            if unnoted != bare and len(unnoted) >= 4:
                keys.add(unnoted)
    return tuple(sorted(keys, key=len, reverse=True))


def find_label(stream: Stream, keys: Iterable[str], start: int, end: int) -> Match | None:
    """The earliest occurrence of any key within compact [start, end); the longest key on a tie."""
    best: Match | None = None
    for key in keys:
        if key.startswith(ANCHOR):
            pos = _find_anchored(stream, key[1:], start, end)
            key = key[1:]
        elif key.startswith(PREFIX):
            key = key[1:]
            pos = stream.compact.find(key, start, end)
        else:
            pos = stream.compact.find(key, start, end)
        if pos < 0:
            continue
        if best is None or pos < best.start or (pos == best.start and len(key) > len(best.key)):
            best = Match(pos, pos + len(key), key)
    return best


def _find_anchored(stream: Stream, key: str, start: int, end: int) -> int:
    """An occurrence of a short key that stands as a cell of its own: at a line or cell start, and
    not followed by more words (so "其他" never matches inside "其他处理" or a sentence)."""
    pos = stream.compact.find(key, start, end)
    while pos >= 0:
        t = stream.to_text(pos)
        t_end = stream.to_text_end(pos + len(key))
        before = stream.text[:t].rstrip(" \u3000")[-1:]
        after = stream.text[t_end : t_end + 1]
        if before in ("", "\n", "|", "\t", CELL_SEP) and not _WORD_CHAR.match(after):
            return pos
        pos = stream.compact.find(key, pos + 1, end)
    return -1


def find_sequence(
    stream: Stream, labels: Sequence[tuple[str, ...]], start: int, end: int, lookahead: int = 3
) -> list[Match | None]:
    """Find labels that are printed in this order; a label found only *after* one of the next
    ``lookahead`` labels is treated as not printed (its words matched something later).

    Weak keys — short ones that stand only as a cell of their own ("其他" for "3.其他"), and a
    label's list number with its first words ("2.其他法律" for a reworded row) — are a last resort:
    used only when no full key of the label is found, only before the next label, and never to
    decide that another label is out of order."""
    keys = [keys_for(tuple(group)) for group in labels]
    strong = [tuple(k for k in ks if not k.startswith(_WEAK)) for ks in keys]
    weak = [tuple(k for k in ks if k.startswith(_WEAK)) for ks in keys]
    result: list[Match | None] = []
    cursor = start
    for i in range(len(keys)):
        m = find_label(stream, strong[i], cursor, end)
        if m is not None:
            for j in range(i + 1, min(len(keys), i + 1 + lookahead)):
                other = find_label(stream, strong[j], cursor, m.start + 1)
                if other is not None and other.start < m.start:
                    m = None
                    break
        if m is None and weak[i]:
            following = [find_label(stream, strong[j], cursor, end) for j in range(i + 1, len(keys))]
            limit = min((f.start for f in following if f is not None), default=end)
            m = find_label(stream, weak[i], cursor, limit)
        result.append(m)
        if m is not None:
            cursor = m.end
    return result
