"""Facets of the register's search and browse pages: filters as index tokens, counts with labels.

A facet filter is chosen by name (columns of different agencies share names such as 政策文件), so a
filter becomes the tokens of every id that carries the name, ORed (:func:`filter_tokens`). Counts
come from the narrow :class:`SearchFacet` rows of a query's matches (:func:`count_rows`, at most
``search.FACET_LIMIT`` rows) or, without a query and with at most one filter, from the tallies kept
with every write (:func:`browse_counts`: a few hundred rows read, whatever the register's size).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum

from .models import CatalogueNode, Item, Term, Validity
from .search_index import FACET_COLUMNS, TOKEN_PREFIX, key_of_now, sort_key
from .search_models import FacetTally, SearchFacet

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
COLUMNS = tuple(FACET_COLUMNS.values())
assert tuple(FACET_COLUMNS) == tuple(FACETS)


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


_PREFIX_FACET = {prefix: facet for facet, prefix in TOKEN_PREFIX.items()}


def from_tokens(tokens: str) -> tuple[Any, ...]:
    """A SearchDoc's facet tokens (``fa12 fc3 … fv0effective``) as a row in :data:`COLUMNS` order."""
    values: dict[str, Any] = {}
    for token in tokens.split():
        prefix = token[:3] if token.startswith("fv0") else token[:2]
        facet = _PREFIX_FACET.get(prefix)
        if facet is not None:
            rest = token[len(prefix) :]
            values[facet] = rest if facet == "validity" else int(rest)
    return tuple(values.get(facet) for facet in FACETS)


def count_rows(rows: list[tuple[Any, ...]]) -> dict[str, Counter[Any]]:
    """Counts per facet of SearchFacet rows (in :data:`COLUMNS` order)."""
    counters: dict[str, Counter[Any]] = {facet: Counter() for facet in FACETS}
    for row in rows:
        for facet, value in zip(FACETS, row, strict=True):
            counters[facet][value] += 1
    return counters


def _typed(facet: str, value: str) -> Any:
    return value if facet == "validity" else int(value)


def browse_counts(filters: dict[str, str]) -> dict[str, Counter[Any]] | None:
    """Counts per facet over the whole public register under at most one filter (no query), from the
    tallies; None for two filters or more (the caller counts the matches themselves)."""
    if len(filters) > 1:
        return None
    counted: dict[str, Counter[Any]] = {facet: Counter() for facet in FACETS}
    tallies = FacetTally.objects.filter(count__gt=0)
    selected: dict[str, list[Any]] = {}
    if filters:
        ((facet, value),) = filters.items()
        ids = _ids(facet, value)
        if ids is None:
            return counted
        selected[facet] = ids
        values = [str(i) for i in ids]
        for v, n in tallies.filter(facet=facet, value__in=values, other="").values_list("value", "count"):
            counted[facet][_typed(facet, v)] += n
        pairs = (
            tallies.filter(facet=facet, value__in=values)
            .exclude(other="")
            .values_list("other", "other_value")
            .annotate(n=Sum("count"))
        )
        for other, v, n in pairs:
            counted[other][_typed(other, v)] += n
    else:
        for facet, v, n in tallies.filter(other="").values_list("facet", "value", "count"):
            counted[facet][_typed(facet, v)] += n
    # Scheduled items are tallied when indexed; those not yet due are taken off here (usually none).
    waiting = [
        row
        for row in SearchFacet.objects.filter(key__gt=key_of_now()).values_list(*COLUMNS)
        if all(row[COLUMNS.index(FACET_COLUMNS[f])] in ids for f, ids in selected.items())
    ]
    for facet, counter in count_rows(waiting).items():
        counted[facet].subtract(counter)
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
