"""Chinese full-text search over the public register (docs/register.md#search, D59).

One segmenter (:mod:`.text`, jieba with the 政务 dictionary) feeds both backends; what goes into the
index is decided in :mod:`.search_index` (re-exported here), how it is asked here:

- SQLite: FTS5 ``disclosures_fts(title, body, facets)``, rowid = sort key; relevance ``bm25`` with
  the title weighted 10:1.
- PostgreSQL: ``disclosures_searchdoc.tsv`` (config ``simple``: title A, facets C, body D) with a GIN
  index and a b-tree on the sort key; relevance ``ts_rank``.

A query is segmented the same way and its terms are ANDed with the facet filters (facet tokens, OR
within a facet); terms are runs of CJK characters, letters or digits, so no FTS syntax ever reaches
the engine. An exact 文号 or 索引号 is found first, before the full-text hits. Snippets are made in
Python from the stored text, so both backends show the same ones.

What keeps a query fast on a million items, on both engines:

- only public items: the sort key orders the index by publication, and "public now" is a key range;
- counts stop at :data:`COUNT_CAP` (the last page one can open): "10,000 条以上";
- relevance ranks the newest :data:`RANK_WINDOW` matches (all of them when there are fewer), and
  later pages continue newest first; "按日期" is the index's own order;
- facets are counted from the narrow :class:`SearchFacet` rows when there are at most
  :data:`FACET_LIMIT` matches; above that the values are offered without counts. The browse pages
  (no query, at most one filter) read their exact counts from tallies kept with every write.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from . import search_facets
from .models import Item
from .search_facets import FACETS, FacetValue
from .search_index import (  # noqa: F401  (re-exported: callers use search.index_item etc.)
    ALL_TOKEN,
    doc_number_prefixes,
    document_text,
    index_item,
    item_id_of,
    key_of_now,
    key_range_of_year,
    optimise,
    reindex,
    unindex_item,
    vendor,
)
from .text import html_to_text, query_terms

PER_PAGE = 20
MAX_PAGE = 500
#: Matches are counted up to here (PER_PAGE × MAX_PAGE: the last result one can page to).
COUNT_CAP = 10_000
#: Above this many matches facets are offered without counts (counting costs time per match).
FACET_LIMIT = COUNT_CAP
#: Relevance ranks this many of the newest matches (all, when there are fewer).
RANK_WINDOW = 1000


def _sqlite_expression(terms: list[str], groups: list[list[str]]) -> str:
    parts = [f'"{t}"' for t in terms]
    parts += ["(" + " OR ".join(f'"{token}"' for token in group) + ")" for group in groups]
    return " AND ".join(parts or [f'"{ALL_TOKEN}"'])


def _pg_expression(terms: list[str], groups: list[list[str]]) -> str:
    parts = list(terms) + ["(" + " | ".join(group) + ")" for group in groups]
    return " & ".join(parts or [ALL_TOKEN])


class _Index:
    """The raw queries on the index, for one expression, public at one instant.

    On PostgreSQL the order of the work is chosen here: when the matches are few (counted at most
    :data:`COUNT_CAP`) they are taken from the GIN index and sorted (cost per match); when they are
    many, the b-tree on the key is walked newest-first until enough match (cost per item passed). A
    year filter is also a key range, so that walk starts in the year instead of passing every later
    item (matches of a year are all in one stretch of keys)."""

    def __init__(self, terms: list[str], groups: list[list[str]], year: str | None = None) -> None:
        self.sqlite = vendor() == "sqlite"
        self.expression = (_sqlite_expression if self.sqlite else _pg_expression)(terms, groups)
        self.low, self.high = None, key_of_now()
        if year and year.isdigit():
            low, high = key_range_of_year(int(year))
            self.low, self.high = low, min(high, self.high)
        self.few = False  # set by count(): at most COUNT_CAP matches

    def _where(self) -> tuple[str, list[Any]]:
        column = "rowid" if self.sqlite else "sort_key"
        match = "disclosures_fts MATCH %s" if self.sqlite else "tsv @@ to_tsquery('simple', %s)"
        if self.low is None:
            return f"{match} AND {column} <= %s", [self.expression, self.high]
        return f"{match} AND {column} BETWEEN %s AND %s", [self.expression, self.low, self.high]

    def _order(self) -> str:
        if self.sqlite:
            return "rowid DESC"
        return "(sort_key + 0) DESC" if self.few else "sort_key DESC"  # + 0: sort the GIN matches

    def keys_sql(self) -> tuple[str, list[Any]]:
        """``SELECT key …`` of every public match (a subquery for the facet rows)."""
        where, params = self._where()
        if self.sqlite:
            return f"SELECT rowid FROM disclosures_fts WHERE {where}", params
        return f"SELECT sort_key FROM disclosures_searchdoc WHERE {where}", params

    def _fetch(self, sql: str, params: list[Any]) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self, cap: int) -> int:
        """Public matches, counted up to ``cap`` + 1 (more means "over the cap")."""
        sql, params = self.keys_sql()
        found = int(self._fetch(f"SELECT count(*) FROM ({sql} LIMIT %s) m", [*params, cap + 1])[0][0])
        self.few = found <= COUNT_CAP
        return found

    def newest(self, offset: int, limit: int) -> list[int]:
        sql, params = self.keys_sql()
        rows = self._fetch(f"{sql} ORDER BY {self._order()} LIMIT %s OFFSET %s", [*params, limit, offset])
        return [row[0] for row in rows]

    def ranked(self, window: int) -> list[int]:
        """The newest ``window`` matches, best first (ties: newest first)."""
        where, params = self._where()
        if self.sqlite:
            sql = (
                "SELECT k FROM (SELECT rowid AS k, bm25(disclosures_fts, 10.0, 1.0, 0.0) AS r"
                f" FROM disclosures_fts WHERE {where} ORDER BY {self._order()} LIMIT %s) ORDER BY r, k DESC"
            )
            return [row[0] for row in self._fetch(sql, [*params, window])]
        sql = (
            "SELECT k FROM (SELECT sort_key AS k, tsv FROM disclosures_searchdoc"
            f" WHERE {where} ORDER BY {self._order()} LIMIT %s) m"
            " ORDER BY ts_rank(tsv, to_tsquery('simple', %s)) DESC, k DESC"
        )
        return [row[0] for row in self._fetch(sql, [*params, window, self.expression])]

    def among(self, keys: list[int]) -> set[int]:
        """Which of ``keys`` match."""
        if not keys:
            return set()
        sql, params = self.keys_sql()
        column = "rowid" if self.sqlite else "sort_key"
        marks = ", ".join(["%s"] * len(keys))
        return {row[0] for row in self._fetch(f"{sql} AND {column} IN ({marks})", [*params, *keys])}

    def facet_rows(self) -> list[tuple[Any, ...]]:
        """The facet values of every match. PostgreSQL reads them from the facet tokens of the rows the
        match visits anyway (its heap); SQLite from the narrow SearchFacet rows (FTS5 rows are wide)."""
        where, params = self._where()
        if not self.sqlite:
            rows = self._fetch(f"SELECT facets FROM disclosures_searchdoc WHERE {where}", params)
            return [search_facets.from_tokens(row[0]) for row in rows]
        sql, params = self.keys_sql()
        return self._fetch(
            f"SELECT {', '.join(search_facets.COLUMNS)} FROM disclosures_searchfacet WHERE key IN ({sql})",
            params,
        )


_BRACKETS = str.maketrans(
    {
        "[": "〔",
        "]": "〕",
        "【": "〔",
        "】": "〕",
        "（": "〔",
        "）": "〕",
        "(": "〔",
        ")": "〕",
        "﹝": "〔",
        "﹞": "〕",
    }
)


def exact_variants(query: str) -> list[str]:
    """The query as a 文号 or 索引号 might be stored (brackets typed as [] or （） are read as 〔〕)."""
    q = re.sub(r"\s+", "", query)
    return sorted({q, q.translate(_BRACKETS)} - {""})


@dataclass
class Hit:
    item: Item
    title: SafeString
    snippet: SafeString
    exact: bool = False


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    hits: list[Hit]
    total: int
    page: int
    pages: int
    sort: str
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)
    facets_limited: bool = False  # too many matches: facet values are offered without counts
    total_capped: bool = False  # more than ``total`` matches (counting stopped at COUNT_CAP)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "terms": self.terms,
            "total": self.total,
            "total_capped": self.total_capped,
            "page": self.page,
            "pages": self.pages,
            "sort": self.sort,
            "filters": self.filters,
            "results": [
                {
                    "id": h.item.pk,
                    "title": h.item.title,
                    "index_number": h.item.index_number,
                    "doc_number": h.item.doc_number,
                    "agency": h.item.agency.name,
                    "published": h.item.published_at.date().isoformat() if h.item.published_at else None,
                    "exact": h.exact,
                    "title_html": str(h.title),
                    "snippet_html": str(h.snippet),
                }
                for h in self.hits
            ],
            "facets": {
                key: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for key, values in self.facets.items()
            },
        }


def highlight(text: str, terms: list[str], *, width: int = 120) -> SafeString:
    """An escaped excerpt of ``text`` around the first term, each occurrence of a term in ``<mark>``."""
    if not text:
        return mark_safe("")
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for term in {t for t in terms if t}:
        for m in re.finditer(re.escape(term), lowered):
            spans.append((m.start(), m.end()))
    spans.sort()
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = start + width
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        s, e = max(s, cursor), min(e, end)
        if s >= e:
            continue
        out += [html.escape(text[cursor:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        cursor = e
    out.append(html.escape(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return mark_safe("".join(out))


def _exact_items(query: str, filters: dict[str, str], agency_ids: list[int] | None) -> list[Item]:
    if not (query and re.search(r"\d", query)):  # a 文号 or 索引号 always carries digits
        return []
    variants = exact_variants(query)
    qs: QuerySet[Item] = search_facets.apply_to_items(Item.objects.public(), filters)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return list(
        qs.filter(Q(doc_number__in=variants) | Q(index_number__in=variants)).select_related("agency")[:10]
    )


def _page_keys(index: _Index, sort: str, exclude: set[int], skip: int, room: int, total: int) -> list[int]:
    """The keys of the page's full-text hits: ranked window first (relevance), then newest first."""
    if room <= 0:
        return []
    keep = lambda keys: [k for k in keys if item_id_of(k) not in exclude]  # noqa: E731
    if sort == "date":
        return keep(index.newest(skip, room + len(exclude)))[:room]
    window = keep(index.ranked(RANK_WINDOW))
    page = window[skip : skip + room]
    if len(page) < room and total > len(window):
        tail_skip = max(0, skip - len(window))
        tail = keep(index.newest(RANK_WINDOW + tail_skip, room - len(page) + len(exclude)))
        page += tail[: room - len(page)]
    return page


def search(
    query: str,
    *,
    agency_ids: Iterable[int] | None = None,
    filters: dict[str, str] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> SearchResult:
    """Search the public register: exact 文号/索引号 first, then full-text hits; facets with counts.

    ``agency_ids`` restricts the search to these agencies' items (the API's per-agency search)."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    query = query.strip()[:200]
    terms = query_terms(query) if query else []
    if not terms:
        sort = "date"  # nothing to rank by: newest first
    elif sort not in ("relevance", "date"):
        sort = "relevance"
    page = min(max(page, 1), MAX_PAGE)
    agencies = sorted(set(agency_ids)) if agency_ids is not None else None

    exact_items = _exact_items(query, filters, agencies)
    exact_ids = {i.pk for i in exact_items}
    groups = search_facets.filter_tokens(filters)
    if agencies is not None:
        groups = None if groups is None or not agencies else [*groups, [f"fa{a}" for a in agencies]]

    facets: dict[str, list[FacetValue]] = {}
    facets_limited = total_capped = False
    index: _Index | None = None
    matched = 0
    if groups is not None and (terms or not query):
        index = _Index(terms, groups, filters.get("year"))
        counted = search_facets.browse_counts(filters) if not terms and agencies is None else None
        if counted is not None:  # no query, at most one filter: exact counts from the tallies
            matched = sum(counted["validity"].values())
            index.few = matched <= COUNT_CAP
            facets = search_facets.labelled(counted, filters) if with_facets else {}
        else:
            matched = index.count(COUNT_CAP)
            total_capped = matched > COUNT_CAP
            matched = min(matched, COUNT_CAP)
            if with_facets and (total_capped or matched > FACET_LIMIT):
                facets_limited = True
                facets = search_facets.uncounted(filters)
            elif with_facets:
                facets = search_facets.labelled(search_facets.count_rows(index.facet_rows()), filters)

    if index is not None and terms and exact_items:
        keys = [search_facets.key_of(i) for i in exact_items]
        inside = {item_id_of(k) for k in index.among(keys)}
        extra_exact = [i for i in exact_items if i.pk not in inside]
    else:
        extra_exact = exact_items
    total = matched + len(extra_exact)
    pages = min(MAX_PAGE, max(1, -(-total // per_page)))
    offset = (page - 1) * per_page
    items: list[tuple[Item, bool]] = [(i, True) for i in exact_items] if page == 1 else []
    skip = max(0, offset - len(exact_items)) if page > 1 else 0
    keys = (
        _page_keys(index, sort, exact_ids, skip, per_page - len(items), matched) if index is not None else []
    )
    ids = [item_id_of(k) for k in keys]
    objects = Item.objects.public().filter(pk__in=ids).select_related("agency", "catalogue", "genre", "topic")
    by_id = {i.pk: i for i in objects}
    items += [(by_id[pk], False) for pk in ids if pk in by_id]
    hits = [
        Hit(
            item=i,
            title=highlight(i.title, terms, width=300),
            snippet=highlight(html_to_text(i.body), terms),
            exact=exact,
        )
        for i, exact in items
    ]
    return SearchResult(
        query=query,
        terms=terms,
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        sort=sort,
        facets=facets,
        filters=filters,
        facets_limited=facets_limited,
        total_capped=total_capped,
    )
