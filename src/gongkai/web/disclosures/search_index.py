"""Keeping the search index: what an item contributes and how it gets in and out (D59).

An indexed item has three rows, written together in one transaction:

- a :class:`SearchDoc` (segmented title and body, facet tokens, sort key);
- on SQLite, the FTS5 row ``disclosures_fts(rowid = sort key, title, body, facets)``; on PostgreSQL
  the ``tsv`` column of the SearchDoc is generated from the same three texts;
- a :class:`SearchFacet` with the facet values, for counting.

**Facet tokens** (``fa12 fc3 ft5 fg7 fy2024 fv0effective f0all``) put the facet filters inside the
full-text index, so a filtered query is one index lookup on both engines. Each token mixes letters
and digits, which no query term does (query terms are runs of CJK, of letters or of digits), so a
query can never match one. ``f0all`` is in every item: browsing without a query is a match on it.

**Sort key**: the publication second since 2000-01-01, times 2³⁰, plus the item id. The index's own
order is then publication order, and an item is public once its key is at most the key of "now" —
scheduled items wait in the index and are found from the second they are scheduled for (an item
published now is found at once; the item page itself checks the exact time).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .models import Item, Status
from .search_models import SearchDoc, SearchFacet
from .text import html_to_text, segment_for_index

ID_BITS = 30
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_MAX_SECONDS = 2**32  # about 136 years either side of 2000: the key stays within a signed 64-bit integer
ALL_TOKEN = "f0all"


def vendor() -> str:
    """``sqlite`` or ``postgresql``: the one place the backend is decided."""
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def sort_key(item_id: int, published_at: dt.datetime) -> int:
    """The index key of an item published at ``published_at`` (see the module's docstring)."""
    if not 0 < item_id < 2**ID_BITS:
        raise ValueError(f"信息编号 {item_id} 超出检索索引的范围（应小于 2^{ID_BITS}）。")
    seconds = math.floor((published_at - _EPOCH).total_seconds())
    seconds = max(-_MAX_SECONDS, min(_MAX_SECONDS, seconds))
    return seconds * 2**ID_BITS + item_id


def key_of_now(now: dt.datetime | None = None) -> int:
    """The largest key of an item that is public at ``now`` (its publication second has come)."""
    moment = now or timezone.now()
    seconds = math.floor((moment - _EPOCH).total_seconds())
    return seconds * 2**ID_BITS + (2**ID_BITS - 1)


def key_range_of_year(year: int) -> tuple[int, int]:
    """The keys of items published in ``year`` (local time): a year filter as a stretch of the index."""
    zone = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=zone)
    end = dt.datetime(year + 1, 1, 1, tzinfo=zone) - dt.timedelta(microseconds=1)
    return key_of_now(start) - (2**ID_BITS - 1), key_of_now(end)


def item_id_of(key: int) -> int:
    return key % 2**ID_BITS


def facet_values(item: Item) -> dict[str, Any]:
    """The facet values of an item as stored in :class:`SearchFacet` (year is the local year)."""
    published = item.published_at
    return {
        "agency_id": item.agency_id,
        "catalogue_id": item.catalogue_id,
        "topic_id": item.topic_id,
        "genre_id": item.genre_id,
        "year": timezone.localtime(published).year if published else None,
        "validity": item.validity,
    }


#: Facet → token prefix. A token is prefix + value (an id, a year, a validity code after "0").
TOKEN_PREFIX = {
    "agency": "fa",
    "catalogue": "fc",
    "topic": "ft",
    "genre": "fg",
    "year": "fy",
    "validity": "fv0",
}


def facet_tokens(values: dict[str, Any]) -> str:
    tokens = [ALL_TOKEN]
    for facet, field in (
        ("agency", "agency_id"),
        ("catalogue", "catalogue_id"),
        ("topic", "topic_id"),
        ("genre", "genre_id"),
        ("year", "year"),
        ("validity", "validity"),
    ):
        if values[field] not in (None, ""):
            tokens.append(f"{TOKEN_PREFIX[facet]}{values[field]}")
    return " ".join(tokens)


def document_text(item: Item) -> tuple[str, str]:
    """(title, body) as indexed: the body carries 正文, 文号, 索引号, 发布机构, 关键词 and attachment text."""
    attachments = list(item.attachments.all())
    parts = [
        html_to_text(item.body),
        item.doc_number,
        item.index_number,
        item.publisher,
        item.keywords,
        *(a.text for a in attachments),
        *(a.name for a in attachments),
    ]
    return item.title, "\n".join(p for p in parts if p)


#: 发文机关代字 at the start of a 文号, before its year bracket (〔2024〕, typed also as [], 【】, （）).
_DOC_NUMBER_WORD = re.compile(r"^\s*([\u3400-\u9fff]{2,24})\s*[〔\[【（(﹝]")


def doc_number_prefixes(doc_number: str) -> list[str]:
    """The prefixes (≥ 2 characters) of a 文号's 发文机关代字: 莆政办〔2024〕12号 → 莆政, 莆政办."""
    found = _DOC_NUMBER_WORD.match(doc_number or "")
    if found is None:
        return []
    word = found.group(1)
    return [word[:n] for n in range(2, len(word) + 1)]


def segments(item: Item) -> tuple[str, str]:
    """The segmented (title, body) of an item: jieba, plus the prefixes of its 文号's 机关代字."""
    title, body = document_text(item)
    title_seg, body_seg = segment_for_index(title), segment_for_index(body)
    prefixes = doc_number_prefixes(item.doc_number)
    if prefixes:
        body_seg = f"{body_seg} {' '.join(prefixes)}".strip()
    return title_seg, body_seg


#: The facets, in the order of SearchFacet's columns (and of search_facets.FACETS).
FACET_COLUMNS = {
    "catalogue": "catalogue_id",
    "topic": "topic_id",
    "genre": "genre_id",
    "agency": "agency_id",
    "year": "year",
    "validity": "validity",
}
_UPSERT_TALLY = (
    "INSERT INTO disclosures_facettally (facet, value, other, other_value, count) VALUES (%s, %s, %s, %s, %s) "
    "ON CONFLICT (facet, value, other, other_value) "
    "DO UPDATE SET count = disclosures_facettally.count + excluded.count"
)


def tally_deltas(
    rows: Iterable[tuple[Any, ...]], sign: int, into: Counter[tuple[str, str, str, str]]
) -> None:
    """Add ``sign`` per facet value and per pair of values of two facets of ``rows`` (SearchFacet
    columns in :data:`FACET_COLUMNS` order) to ``into``."""
    for row in rows:
        present = [(f, str(v)) for f, v in zip(FACET_COLUMNS, row, strict=True) if v not in (None, "")]
        for facet, value in present:
            into[(facet, value, "", "")] += sign
            for other, other_value in present:
                if other != facet:
                    into[(facet, value, other, other_value)] += sign


def _apply_tally(deltas: Counter[tuple[str, str, str, str]]) -> None:
    changes = [(*key, n) for key, n in sorted(deltas.items()) if n]  # sorted: one lock order for all writers
    if changes:
        with connection.cursor() as cursor:
            cursor.executemany(_UPSERT_TALLY, changes)


def retally() -> None:
    """Recount FacetTally from the SearchFacet rows in SQL (after a rebuild, and in migration 0006)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM disclosures_facettally")
        for facet, column in FACET_COLUMNS.items():
            cursor.execute(
                "INSERT INTO disclosures_facettally (facet, value, other, other_value, count) "
                f"SELECT %s, CAST({column} AS TEXT), '', '', count(*) FROM disclosures_searchfacet "
                f"WHERE {column} IS NOT NULL GROUP BY {column}",
                [facet],
            )
            for other, other_column in FACET_COLUMNS.items():
                if other == facet:
                    continue
                cursor.execute(
                    "INSERT INTO disclosures_facettally (facet, value, other, other_value, count) "
                    f"SELECT %s, CAST({column} AS TEXT), %s, CAST({other_column} AS TEXT), count(*) "
                    f"FROM disclosures_searchfacet WHERE {column} IS NOT NULL AND {other_column} IS NOT NULL "
                    f"GROUP BY {column}, {other_column}",
                    [facet, other],
                )


def _facet_rows(keys: list[int]) -> list[tuple[Any, ...]]:
    return list(SearchFacet.objects.filter(key__in=keys).values_list(*FACET_COLUMNS.values()))


def _fts_delete(cursor: Any, keys: Iterable[int]) -> None:
    cursor.executemany("DELETE FROM disclosures_fts WHERE rowid = %s", [(k,) for k in keys])


def write(rows: list[tuple[Item, str, str]]) -> None:
    """Put (item, title_seg, body_seg) rows in the index, replacing what they had there."""
    if not rows:
        return
    ids = [item.pk for item, _, _ in rows]
    deltas: Counter[tuple[str, str, str, str]] = Counter()
    docs, facets = [], []
    for item, title_seg, body_seg in rows:
        assert item.published_at is not None
        key = sort_key(item.pk, item.published_at)
        values = facet_values(item)
        docs.append(
            SearchDoc(
                item_id=item.pk,
                title_seg=title_seg,
                body_seg=body_seg,
                facets=facet_tokens(values),
                sort_key=key,
            )
        )
        facets.append(SearchFacet(key=key, **values))
        tally_deltas([tuple(values[c] for c in FACET_COLUMNS.values())], +1, deltas)
    with transaction.atomic():
        # What the items had in the index, read under a row lock: concurrent writers of one item queue.
        old_keys = [k for k in _locked_keys(ids) if k]
        tally_deltas(_facet_rows(old_keys), -1, deltas)
        SearchDoc.objects.filter(item_id__in=ids).delete()
        SearchFacet.objects.filter(key__in=old_keys).delete()
        SearchDoc.objects.bulk_create(docs)
        SearchFacet.objects.bulk_create(facets)
        if vendor() == "sqlite":
            with connection.cursor() as cursor:
                _fts_delete(cursor, old_keys)
                cursor.executemany(
                    "INSERT INTO disclosures_fts(rowid, title, body, facets) VALUES (%s, %s, %s, %s)",
                    [(d.sort_key, d.title_seg, d.body_seg, d.facets) for d in docs],
                )
        _apply_tally(deltas)


def _locked_keys(ids: list[int]) -> list[int | None]:
    return list(
        SearchDoc.objects.select_for_update()
        .filter(item_id__in=ids)
        .order_by("item_id")
        .values_list("sort_key", flat=True)
    )


def index_item(item: Item) -> None:
    """Put ``item`` in the index if it is published (scheduled ones too: they wait behind the key of
    now), else remove it."""
    if item.status != Status.PUBLISHED or item.published_at is None:
        unindex_item(item.pk)
        return
    title_seg, body_seg = segments(item)
    write([(item, title_seg, body_seg)])


def unindex_item(item_id: int) -> None:
    with transaction.atomic():
        keys = [k for k in _locked_keys([item_id]) if k]
        deltas: Counter[tuple[str, str, str, str]] = Counter()
        tally_deltas(_facet_rows(keys), -1, deltas)
        _apply_tally(deltas)
        SearchDoc.objects.filter(item_id=item_id).delete()
        SearchFacet.objects.filter(key__in=keys).delete()
        if vendor() == "sqlite" and keys:
            with connection.cursor() as cursor:
                _fts_delete(cursor, keys)


def refresh_facets(item: Item) -> None:
    """After a save: keep the key and facets of an indexed item true without segmenting it again
    (a changed 有效性, 发布日期 or 栏目 shows at once); an item no longer published leaves the index.
    Text changes are indexed by :func:`index_item` (services queue it when they publish or correct)."""
    doc = SearchDoc.objects.filter(item_id=item.pk).first()
    if doc is None:
        return
    if item.status != Status.PUBLISHED or item.published_at is None:
        unindex_item(item.pk)
        return
    values = facet_values(item)
    if doc.sort_key == sort_key(item.pk, item.published_at) and doc.facets == facet_tokens(values):
        return
    write([(item, doc.title_seg, doc.body_seg)])


BATCH = 500


def reindex(items: Iterable[Item] | None = None) -> int:
    """Rebuild the index (all items, or ``items``) in batches; returns how many items are indexed."""
    rebuild = items is None
    if rebuild:
        with transaction.atomic():
            SearchDoc.objects.all().delete()
            SearchFacet.objects.all().delete()
            if vendor() == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM disclosures_fts")
            retally()
        items = (
            Item.objects.filter(status=Status.PUBLISHED)
            .prefetch_related("attachments")
            .order_by("pk")
            .iterator(chunk_size=BATCH)
        )
    count = 0
    batch: list[tuple[Item, str, str]] = []
    for item in items:
        if item.status != Status.PUBLISHED or item.published_at is None:
            unindex_item(item.pk)
            continue
        batch.append((item, *segments(item)))
        count += 1
        if len(batch) >= BATCH:
            write(batch)
            batch = []
    write(batch)
    if rebuild:
        optimise()
    return count


def optimise() -> None:
    """Merge the FTS5 index's segments into one (after a rebuild: fewer segments, faster queries)."""
    if vendor() == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO disclosures_fts(disclosures_fts) VALUES ('optimize')")
