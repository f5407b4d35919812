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
"""

from __future__ import annotations

import html
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


def index_item(item: Item) -> None:
    """Put ``item`` in the index if it is published (scheduled ones too: queries filter by time), else remove it."""
    if item.status != "published":
        unindex_item(item.pk)
        return
    title, body = document_text(item)
    title_seg, body_seg = segment_for_index(title), segment_for_index(body)
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

    if terms:
        matched = _match(public, terms)
        total_matched = matched.count()
        ordered = _rank(matched, terms) if sort == "relevance" else matched.order_by("-published_at", "-pk")
        facets = _facets(matched, filters) if with_facets else {}
    else:
        matched = public.none() if query else public
        total_matched = matched.count()
        ordered = matched.order_by("-published_at", "-pk")
        facets = _facets(matched, filters) if with_facets else {}

    extra_exact = [i for i in exact_items if not matched.filter(pk=i.pk).exists()] if terms else exact_items
    total = total_matched + len(extra_exact)
    pages = max(1, -(-total // per_page))
    offset = (page - 1) * per_page
    items: list[tuple[Item, bool]] = []
    if page == 1:
        items = [(i, True) for i in exact_items]
    window = ordered.exclude(pk__in=exact_ids).select_related("agency", "catalogue", "genre", "topic")
    skip = max(0, offset - len(exact_items)) if page > 1 else 0
    room = per_page - len(items)
    items += [(i, False) for i in window[skip : skip + room]]
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
