"""Facets of the register's search and browse pages: filters as index tokens, counts with labels.

A facet filter is chosen by name (columns of different agencies share names such as 政策文件), so a
filter becomes the tokens of every id that carries the name, ORed (:func:`filter_tokens`). Counts
come from the narrow :class:`SearchFacet` rows: of a query's matches (:func:`count_rows`, at most
``search.FACET_LIMIT`` rows), or, without a query, by SQL per facet over the whole public register,
cached until the index changes or a scheduled item comes due (:func:`browse_counts`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet

from .models import CatalogueNode, Item, Term, Validity
from .search_index import TOKEN_PREFIX, key_of_now, sort_key, state
from .search_models import SearchFacet

#: The facets shown with counts: key → (label, lookup on Item).
FACETS: dict[str, tuple[str, str]] = {
    "catalogue": ("栏目", "catalogue__name"),
    "topic": ("主题分类", "topic__label"),
    "genre": ("体裁", "genre__label"),
    "agency": ("发布机关", "agency__name"),
    "year": ("年份", "year"),
    "validity": ("有效性", "validity"),
}
#: SearchFacet's columns, in the order of :data:`FACETS`.
COLUMNS = ("catalogue_id", "topic_id", "genre_id", "agency_id", "year", "validity")
_COLUMN = dict(zip(FACETS, COLUMNS, strict=True))
#: Browse counts are recomputed at the latest after this many seconds even if nothing changed.
CACHE_SECONDS = 600


@dataclass
class FacetValue:
    key: str
    value: str
    label: str
    count: int | None  # None: offered without a count (too many matches to count)
    selected: bool


def key_of(item: Item) -> int:
    assert item.published_at is not None
    return sort_key(item.pk, item.published_at)


def _ids(facet: str, value: str) -> list[Any] | None:
    """The stored values a filter selects (ids by name, a year, a validity code); None: nothing."""
    from gongkai.web.agencies.models import Agency

    if facet == "year":
        return [int(value)] if value.isdigit() else None
    if facet == "validity":
        return [value] if value in Validity.values else None
    found: QuerySet[Any]
    if facet == "catalogue":
        found = CatalogueNode.objects.filter(name=value)
    elif facet == "agency":
        found = Agency.objects.filter(name=value)
    else:
        found = Term.objects.filter(kind=facet, label=value)
    ids = sorted(found.values_list("pk", flat=True))
    return ids or None


def filter_tokens(filters: dict[str, str]) -> list[list[str]] | None:
    """Index tokens per filter (OR within a filter, AND across); None when a filter selects nothing."""
    groups = []
    for facet, value in filters.items():
        ids = _ids(facet, value)
        if ids is None:
            return None
        groups.append([f"{TOKEN_PREFIX[facet]}{i}" for i in ids])
    return groups


def apply_to_items(qs: QuerySet[Item], filters: dict[str, str]) -> QuerySet[Item]:
    """The same filters on an Item queryset (for exact 文号/索引号 lookups)."""
    for facet, value in filters.items():
        if facet == "year":
            qs = qs.filter(published_at__year=int(value)) if value.isdigit() else qs.none()
        else:
            qs = qs.filter(**{FACETS[facet][1]: value})
    return qs


def count_rows(rows: list[tuple[Any, ...]]) -> dict[str, Counter[Any]]:
    """Counts per facet of SearchFacet rows (in :data:`COLUMNS` order)."""
    counters: dict[str, Counter[Any]] = {facet: Counter() for facet in FACETS}
    for row in rows:
        for facet, value in zip(FACETS, row, strict=True):
            counters[facet][value] += 1
    return counters


def _browse_key(filters: dict[str, str]) -> str:
    version, changed_at = state()
    now_key = key_of_now()
    since = key_of_now(changed_at) if changed_at else None
    due = SearchFacet.objects.filter(key__gt=since, key__lte=now_key).count() if since is not None else 0
    text = json.dumps([sorted(filters.items()), version, str(changed_at), due])
    return "disclosures.browse." + hashlib.sha256(text.encode()).hexdigest()


def browse_counts(filters: dict[str, str]) -> dict[str, Counter[Any]]:
    """Counts per facet over the whole public register under ``filters`` (no query), cached per state
    of the index (its version, and how many scheduled items have come due since it changed)."""
    key = _browse_key(filters)
    counted: dict[str, Counter[Any]] | None = cache.get(key)
    if counted is not None:
        return counted
    rows = SearchFacet.objects.filter(key__lte=key_of_now())
    counted = {facet: Counter() for facet in FACETS}
    for facet, value in filters.items():
        ids = _ids(facet, value)
        if ids is None:
            cache.set(key, counted, CACHE_SECONDS)
            return counted
        rows = rows.filter(**{f"{_COLUMN[facet]}__in": ids})
    for facet, column in _COLUMN.items():
        for value, n in rows.order_by().values_list(column).annotate(n=Count("key")):
            counted[facet][value] = n
    cache.set(key, counted, CACHE_SECONDS)
    return counted


def labelled(counters: dict[str, Counter[Any]], filters: dict[str, str]) -> dict[str, list[FacetValue]]:
    """Facet values with labels and counts, largest first (years newest first), 30 per facet at most."""
    from gongkai.web.agencies.models import Agency

    catalogue_names = dict(
        CatalogueNode.objects.filter(pk__in=[k for k in counters["catalogue"] if k is not None]).values_list(
            "pk", "name"
        )
    )
    term_labels = dict(Term.objects.values_list("pk", "label"))
    agency_names = dict(
        Agency.objects.filter(pk__in=[k for k in counters["agency"] if k is not None]).values_list(
            "pk", "name"
        )
    )
    names: dict[str, dict[Any, str]] = {
        "catalogue": catalogue_names,
        "topic": term_labels,
        "genre": term_labels,
        "agency": agency_names,
    }
    validity_labels = dict(Validity.choices)
    result: dict[str, list[FacetValue]] = {}
    for facet, counter in counters.items():
        counter = Counter({k: n for k, n in counter.items() if k is not None and n})
        if facet == "year":
            values = [(str(y), f"{y}年", n) for y, n in sorted(counter.items(), reverse=True)]
        elif facet == "validity":
            values = [
                (v, validity_labels.get(v, v), n)
                for v, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            ]
        else:
            # Columns of different agencies share names: count by name (the filter is by name).
            merged: Counter[str] = Counter()
            for ident, n in counter.items():
                merged[names[facet].get(ident, str(ident))] += n
            values = [(v, v, n) for v, n in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:30]]
        result[facet] = [FacetValue(facet, v, label, n, filters.get(facet) == v) for v, label, n in values]
    return result


def uncounted(filters: dict[str, str]) -> dict[str, list[FacetValue]]:
    """The register's facet values (as the browse page has them) without counts: for narrowing a query
    with too many matches to count."""
    facets = labelled(browse_counts({}), filters)
    return {
        facet: [FacetValue(v.key, v.value, v.label, None, v.selected) for v in values]
        for facet, values in facets.items()
    }
