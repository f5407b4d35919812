"""Chinese full-text search over the public register.

One segmenter (:mod:`.text`, jieba with the 政务 dictionary) feeds both backends, chosen here from
the database vendor and nowhere else:

- SQLite: an FTS5 table ``disclosures_fts(title, body)`` with the ``unicode61`` tokenizer over the
  space-joined segments; relevance is ``bm25`` with the title weighted 10:1.
- PostgreSQL: a generated ``tsvector`` column ``disclosures_searchdoc.tsv`` (config ``simple``,
  title weight A, body weight D) with a GIN index; relevance is ``ts_rank``.

A query is segmented the same way and its terms are ANDed; terms are reduced to runs of CJK
characters, letters and digits, so no FTS syntax ever reaches the engine (no syntax errors, no
injection). An exact 文号 or 索引号 is found first, before the full-text hits. Snippets are made in
Python from the stored text, so both backends show the same ones.

A 文号's 发文机关代字 (“莆政办” in 莆政办〔2024〕12号) is indexed with each of its prefixes of two
characters or more (莆政, 莆政办) as whole tokens (:func:`doc_number_prefixes`), so a search for the
beginning of a 文号 finds it on both backends — jieba would otherwise keep “莆政办” as one token that
“莆政” does not match.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import Item, SearchDoc
from .text import html_to_text, query_terms, segment_for_index

#: The facets shown with counts: key → (label, lookup).
FACETS: dict[str, tuple[str, str]] = {
    "catalogue": ("栏目", "catalogue__name"),
    "topic": ("主题分类", "topic__label"),
    "genre": ("体裁", "genre__label"),
    "agency": ("发布机关", "agency__name"),
    "year": ("年份", "year"),
    "validity": ("有效性", "validity"),
}
PER_PAGE = 20
MAX_PAGE = 500
#: Above this many matches facets are not counted (they cost time per match); the page asks to narrow.
FACET_LIMIT = 20_000
#: Candidates taken from the index by rank before the page is cut (the index-only fast path).
TOP_K = 1000


def vendor() -> str:
    """``sqlite`` or ``postgresql``: the one place the backend is decided."""
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


# -- indexing -----------------------------------------------------------------------------------


def document_text(item: Item) -> tuple[str, str]:
    """(title, body) as indexed: the body carries 正文, 文号, 索引号, 发布机构, 关键词 and attachment text."""
    parts = [
        html_to_text(item.body),
        item.doc_number,
        item.index_number,
        item.publisher,
        item.keywords,
        *(a.text for a in item.attachments.all()),
        *(a.name for a in item.attachments.all()),
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


def index_item(item: Item) -> None:
    """Put ``item`` in the index if it is published (scheduled ones too: queries filter by time), else remove it."""
    if item.status != "published":
        unindex_item(item.pk)
        return
    title, body = document_text(item)
    title_seg, body_seg = segment_for_index(title), segment_for_index(body)
    prefixes = doc_number_prefixes(item.doc_number)
    if prefixes:
        body_seg = f"{body_seg} {' '.join(prefixes)}".strip()
    with transaction.atomic():
        SearchDoc.objects.update_or_create(item=item, defaults={"title_seg": title_seg, "body_seg": body_seg})
        if vendor() == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM disclosures_fts WHERE rowid = %s", [item.pk])
                cursor.execute(
                    "INSERT INTO disclosures_fts(rowid, title, body) VALUES (%s, %s, %s)",
                    [item.pk, title_seg, body_seg],
                )


def unindex_item(item_id: int) -> None:
    with transaction.atomic():
        SearchDoc.objects.filter(item_id=item_id).delete()
        if vendor() == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM disclosures_fts WHERE rowid = %s", [item_id])


def reindex(items: Iterable[Item] | None = None) -> int:
    """Rebuild the index (all items, or ``items``); returns how many items are indexed."""
    if items is None:
        with transaction.atomic():
            SearchDoc.objects.all().delete()
            if vendor() == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM disclosures_fts")
        items = (
            Item.objects.filter(status="published").prefetch_related("attachments").iterator(chunk_size=500)
        )
    count = 0
    for item in items:
        index_item(item)
        count += item.status == "published"
    return count


# -- querying -----------------------------------------------------------------------------------


def _match(qs: QuerySet[Item], terms: list[str]) -> QuerySet[Item]:
    """``qs`` restricted to items whose index contains every term."""
    if vendor() == "sqlite":
        expression = " ".join(f'"{t}"' for t in terms)
        return qs.extra(
            tables=["disclosures_fts"],
            where=["disclosures_fts.rowid = disclosures_item.id", "disclosures_fts MATCH %s"],
            params=[expression],
        )
    return qs.extra(
        tables=["disclosures_searchdoc"],
        where=[
            "disclosures_searchdoc.item_id = disclosures_item.id",
            "disclosures_searchdoc.tsv @@ to_tsquery('simple', %s)",
        ],
        params=[" & ".join(terms)],
    )


def _rank(qs: QuerySet[Item], terms: list[str]) -> QuerySet[Item]:
    """Order a matched queryset by relevance (best first), then by date."""
    if vendor() == "sqlite":
        qs = qs.extra(select={"relevance": "-bm25(disclosures_fts, 10.0, 1.0)"})
    else:
        qs = qs.extra(
            select={"relevance": "ts_rank(disclosures_searchdoc.tsv, to_tsquery('simple', %s))"},
            select_params=[" & ".join(terms)],
        )
    return qs.order_by("-relevance", "-published_at", "-pk")


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
class FacetValue:
    key: str
    value: str
    label: str
    count: int
    selected: bool


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
    facets_limited: bool = False  # too many matches: facets are not counted (narrow the query)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "terms": self.terms,
            "total": self.total,
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


def _apply_filters(qs: QuerySet[Item], filters: dict[str, str]) -> QuerySet[Item]:
    for key, value in filters.items():
        if not value or key not in FACETS:
            continue
        if key == "year":
            if value.isdigit():
                qs = qs.filter(published_at__year=int(value))
            continue
        qs = qs.filter(**{FACETS[key][1]: value})
    return qs


def _facets(qs: QuerySet[Item], filters: dict[str, str]) -> dict[str, list[FacetValue]]:
    """Counts per facet value over every matched item, in one query (ids counted here, labels looked up once)."""
    from collections import Counter

    from gongkai.web.agencies.models import Agency

    from .models import CatalogueNode, Term, Validity

    counters: dict[str, Counter[Any]] = {key: Counter() for key in FACETS}
    fields = ("catalogue_id", "topic_id", "genre_id", "agency_id", "published_at", "validity")
    tz = timezone.get_current_timezone()
    for catalogue, topic, genre, agency, published, validity in (
        qs.order_by().values_list(*fields).iterator(2000)
    ):
        counters["catalogue"][catalogue] += 1
        counters["topic"][topic] += 1
        counters["genre"][genre] += 1
        counters["agency"][agency] += 1
        counters["year"][published.astimezone(tz).year if published else None] += 1
        counters["validity"][validity] += 1
    catalogue_names = dict(
        CatalogueNode.objects.filter(pk__in=list(counters["catalogue"])).values_list("pk", "name")
    )
    term_labels = dict(Term.objects.values_list("pk", "label"))
    agency_names = dict(Agency.objects.filter(pk__in=list(counters["agency"])).values_list("pk", "name"))
    names: dict[str, dict[Any, str]] = {
        "catalogue": catalogue_names,
        "topic": term_labels,
        "genre": term_labels,
        "agency": agency_names,
        "validity": dict(Validity.choices),
    }
    result: dict[str, list[FacetValue]] = {}
    for key, counter in counters.items():
        counter.pop(None, None)
        if key == "year":
            values = [(str(y), f"{y}年", n) for y, n in sorted(counter.items(), reverse=True)]
        else:
            # Catalogue columns of different agencies share names: count by name (the filter is by name).
            merged: Counter[str] = Counter()
            for ident, n in counter.items():
                merged[names[key].get(ident, str(ident)) if key != "validity" else ident] += n
            labels = names["validity"] if key == "validity" else {}
            values = [
                (v, labels.get(v, v), n)
                for v, n in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:30]
            ]
        result[key] = [FacetValue(key, v, label, n, filters.get(key) == v) for v, label, n in values]
    return result


def _index_sql(terms: list[str], select: str, tail: str = "") -> tuple[str, list[Any]]:
    if vendor() == "sqlite":
        expression = " ".join(f'"{t}"' for t in terms)
        return f"SELECT {select} FROM disclosures_fts WHERE disclosures_fts MATCH %s {tail}", [expression]
    return (
        f"SELECT {select} FROM disclosures_searchdoc WHERE tsv @@ to_tsquery('simple', %s) {tail}",
        [" & ".join(terms)],
    )


def _fast_count(terms: list[str]) -> int:
    """Matches counted in the index alone (it holds published items only), minus scheduled ones."""
    sql, params = _index_sql(terms, "count(*)")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        indexed = int(cursor.fetchone()[0])
    waiting = _match(Item.objects.filter(status="published", published_at__gt=timezone.now()), terms).count()
    return indexed - waiting


def _fast_page(terms: list[str], exclude: set[int], skip: int, room: int) -> list[Item] | None:
    """The page by relevance from the index's top candidates; None when they do not cover the page."""
    if skip + room + len(exclude) > TOP_K:
        return None
    if vendor() == "sqlite":
        sql, params = _index_sql(
            terms, "rowid", "ORDER BY bm25(disclosures_fts, 10.0, 1.0), rowid DESC LIMIT %s"
        )
    else:
        sql, params = _index_sql(
            terms, "item_id", "ORDER BY ts_rank(tsv, to_tsquery('simple', %s)) DESC, item_id DESC LIMIT %s"
        )
        params.append(" & ".join(terms))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, TOP_K])
        rows = cursor.fetchall()
    ids = [row[0] for row in rows if row[0] not in exclude]
    public_ids = set(Item.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
    ordered = [pk for pk in ids if pk in public_ids]
    if len(ordered) < skip + room and len(rows) == TOP_K:
        return None  # more candidates than were taken: the page needs the full ranking
    page_ids = ordered[skip : skip + room]
    objects = Item.objects.filter(pk__in=page_ids).select_related("agency", "catalogue", "genre", "topic")
    by_id = {i.pk: i for i in objects}
    return [by_id[pk] for pk in page_ids]


def _cached_facets(qs: QuerySet[Item], filters: dict[str, str], query: str) -> dict[str, list[FacetValue]]:
    """Facets of the browse pages (no query): the same for every visitor until the register changes."""
    from django.core.cache import cache
    from django.db.models import Count, Max

    if query:
        return _facets(qs, filters)
    state = Item.objects.filter(status="published").aggregate(n=Count("pk"), last=Max("updated_at"))
    minute = timezone.now().strftime("%Y%m%d%H%M")  # scheduled items appear without an update
    state_text = json.dumps([sorted(filters.items()), state["n"], str(state["last"]), minute])
    key = "disclosures.facets." + hashlib.sha256(state_text.encode()).hexdigest()
    facets = cache.get(key)
    if facets is None:
        facets = _facets(qs, filters)
        cache.set(key, facets, 120)
    return facets  # type: ignore[no-any-return]


def search(
    query: str,
    *,
    base: QuerySet[Item] | None = None,
    filters: dict[str, str] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> SearchResult:
    """Search the public register: exact 文号/索引号 first, then full-text hits; facets with counts."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    query = query.strip()[:200]
    terms = query_terms(query) if query else []
    public = base if base is not None else Item.objects.public()
    public = _apply_filters(public, filters)
    sort = sort if sort in ("relevance", "date") else "relevance"
    page = min(max(page, 1), MAX_PAGE)

    exact_items: list[Item] = []
    if query and re.search(r"\d", query):  # a 文号 or 索引号 always carries digits
        variants = exact_variants(query)
        exact_items = list(
            public.filter(Q(doc_number__in=variants) | Q(index_number__in=variants)).select_related("agency")[
                :10
            ]
        )
    exact_ids = {i.pk for i in exact_items}

    facets_limited = False
    fast = terms and not filters and base is None and sort == "relevance"
    if terms:
        matched = _match(public, terms)
        total_matched = _fast_count(terms) if fast else matched.count()
        ordered = _rank(matched, terms) if sort == "relevance" else matched.order_by("-published_at", "-pk")
        facets_limited = with_facets and total_matched > FACET_LIMIT
        facets = _facets(matched, filters) if with_facets and not facets_limited else {}
    else:
        matched = public.none() if query else public
        total_matched = matched.count()
        ordered = matched.order_by("-published_at", "-pk")
        facets = _cached_facets(matched, filters, query) if with_facets else {}

    extra_exact = [i for i in exact_items if not matched.filter(pk=i.pk).exists()] if terms else exact_items
    total = total_matched + len(extra_exact)
    pages = max(1, -(-total // per_page))
    offset = (page - 1) * per_page
    items: list[tuple[Item, bool]] = []
    if page == 1:
        items = [(i, True) for i in exact_items]
    skip = max(0, offset - len(exact_items)) if page > 1 else 0
    room = per_page - len(items)
    page_items = _fast_page(terms, exact_ids, skip, room) if fast else None
    if page_items is None:
        window = ordered.exclude(pk__in=exact_ids).select_related("agency", "catalogue", "genre", "topic")
        page_items = list(window[skip : skip + room])
    items += [(i, False) for i in page_items]
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
    )
