"""Text of the register: sanitised HTML bodies and jieba segmentation for search.

Both search backends (SQLite FTS5 and PostgreSQL tsvector) index the same segmented text made
here, and queries are segmented here too, so the two return the same items (docs/register.md).
Segments are reduced to runs of CJK characters, of ASCII letters and of digits: both engines'
tokenisers then see exactly the tokens we give them.
"""

from __future__ import annotations

import html
import re
import threading
from functools import lru_cache
from importlib import resources

import nh3

#: Tags allowed in a 正文 (what government articles use); everything else is stripped.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "img", "span", "div", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitise(body_html: str) -> str:
    """The body with only safe markup left (no scripts, styles, event handlers, javascript: URLs)."""
    return nh3.clean(
        body_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_to_html(text: str) -> str:
    """Plain text (one paragraph per line, as crawled pages give it) as escaped ``<p>`` paragraphs."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def html_to_text(body_html: str) -> str:
    """The text of a body, tags removed, entities decoded, whitespace folded."""
    text = _TAG.sub(" ", body_html.replace("</p>", "\n").replace("<br>", "\n"))
    return _SPACE.sub(" ", html.unescape(text)).strip()


_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z]+|[0-9]+")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba() -> object:
    """jieba with the 政务 user dictionary (src/gongkai/web/disclosures/data/zhengwu_dict.txt)."""
    import logging
    import warnings

    with warnings.catch_warnings():
        # jieba 0.42.1's regexes use "\." in plain strings: a SyntaxWarning when first compiled.
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with _lock:
        tokenizer.initialize()
        with resources.files(__package__).joinpath("data/zhengwu_dict.txt").open(encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if parts:
                    tokenizer.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None)
    return tokenizer


def _clean(pieces: list[str]) -> list[str]:
    tokens: list[str] = []
    for piece in pieces:
        tokens.extend(_TOKEN.findall(piece.lower()))
    return tokens


def segment_for_index(text: str) -> str:
    """Index-side segmentation: jieba ``cut_for_search`` (words and their sub-words), space-joined."""
    if not text:
        return ""
    return " ".join(_clean(list(_jieba().cut_for_search(text))))  # type: ignore[attr-defined]


def query_terms(query: str) -> list[str]:
    """Query-side segmentation: jieba ``cut`` reduced to clean tokens, duplicates dropped, in order."""
    seen: dict[str, None] = {}
    for token in _clean(list(_jieba().cut(query))):  # type: ignore[attr-defined]
        seen.setdefault(token, None)
    return list(seen)[:16]
