"""What keeps search fast on a large register (D59), tested small: the count cap, the ranking window,
facet filters inside the index, browse counts cached per state of the index, and the index following
every save of an item. Run on SQLite and on PostgreSQL (DATABASE_URL): the same assertions hold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.web.disclosures import search, search_index, services
from gongkai.web.disclosures.models import CatalogueNode, FacetTally, Item, SearchDoc, SearchFacet

from .helpers import load_sample, published_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(personas):  # type: ignore[no-untyped-def]
    return load_sample(personas.bureau)


def _ids(result: search.SearchResult) -> list[int]:
    return [h.item.pk for h in result.hits]


def test_counts_stop_at_the_cap_and_facets_are_offered_without_counts(sample, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    full = search.search("莆田")
    assert full.total > 6 and not full.total_capped and all(v.count for v in full.facets["year"])
    monkeypatch.setattr(search, "COUNT_CAP", 5)
    monkeypatch.setattr(search, "FACET_LIMIT", 5)
    capped = search.search("莆田", per_page=2)
    assert capped.total_capped and capped.total == 5 and capped.pages == 3
    assert capped.facets_limited and capped.facets["year"]
    assert all(v.count is None for values in capped.facets.values() for v in values)
    assert capped.to_json()["total_capped"] is True


def test_relevance_ranks_the_newest_window_then_goes_on_newest_first(sample, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    everything = search.search("莆田", per_page=500)
    monkeypatch.setattr(search, "RANK_WINDOW", 4)
    pages = [search.search("莆田", per_page=3, page=p) for p in range(1, everything.pages * 200)]
    seen = [pk for page in pages for pk in _ids(page)]
    assert sorted(seen) == sorted(_ids(everything)), "paging covers every match exactly once"
    by_date = sorted((h.item for h in everything.hits), key=lambda i: (i.published_at, i.pk), reverse=True)
    newest_four = {i.pk for i in by_date[:4]}
    assert set(seen[:4]) == newest_four, "the window is the four newest matches, ranked"
    assert seen[4:] == [i.pk for i in by_date[4:]], "after the window: newest first"


def test_sort_by_date_is_the_index_order(sample) -> None:  # type: ignore[no-untyped-def]
    result = search.search("莆田", sort="date", per_page=500)
    keys = [(h.item.published_at, h.item.pk) for h in result.hits]
    assert keys == sorted(keys, reverse=True)


def test_filters_inside_the_index_agree_with_the_items(sample) -> None:  # type: ignore[no-untyped-def]
    everything = search.search("莆田", per_page=500).hits
    for facet, values in search.search("莆田").facets.items():
        for value in values[:3]:
            filtered = search.search("莆田", filters={facet: value.value}, per_page=500)
            assert filtered.total == value.count, (facet, value.value)
            expected = {
                h.item.pk
                for h in everything
                if {
                    "catalogue": lambda i: i.catalogue and i.catalogue.name,
                    "topic": lambda i: i.topic and i.topic.label,
                    "genre": lambda i: i.genre and i.genre.label,
                    "agency": lambda i: i.agency.name,
                    "year": lambda i: str(timezone.localtime(i.published_at).year),
                    "validity": lambda i: i.validity,
                }[facet](h.item)
                == value.value
            }
            assert set(_ids(filtered)) == expected, (facet, value.value)
    assert search.search("莆田", filters={"agency": "没有这个机关"}).total == 0


def test_a_catalogue_name_filters_across_agencies(personas) -> None:  # type: ignore[no-untyped-def]
    here = published_item(personas.bureau, title="校外培训机构名单")
    there = published_item(personas.township, title="校外培训收费标准")
    assert here.catalogue_id != there.catalogue_id
    assert here.catalogue.name == there.catalogue.name
    found = search.search("校外培训", filters={"catalogue": here.catalogue.name})
    assert set(_ids(found)) == {here.pk, there.pk}
    assert {v.value: v.count for v in found.facets["catalogue"]} == {here.catalogue.name: 2}
    only = search.search("校外培训", agency_ids=[personas.township.pk])
    assert _ids(only) == [there.pk]


def test_the_index_follows_every_save(personas) -> None:  # type: ignore[no-untyped-def]
    item = published_item(personas.bureau, title="城区停车收费管理办法", genre=None)
    assert search.search("停车收费", filters={"validity": "effective"}).total == 1
    item.validity = "repealed"
    item.save()  # a validity event, a correction, an admin edit: the facets follow at once
    assert search.search("停车收费", filters={"validity": "effective"}).total == 0
    assert search.search("停车收费", filters={"validity": "repealed"}).total == 1
    other = CatalogueNode.objects.filter(agency=personas.bureau).exclude(pk=item.catalogue_id).first()
    item.catalogue = other
    item.save()
    assert search.search("停车收费", filters={"catalogue": other.name}).total == 1
    item.status = "withdrawn"
    item.save()
    assert search.search("停车收费").total == 0
    assert not SearchDoc.objects.filter(item=item).exists() and not SearchFacet.objects.exists()


def test_a_deleted_item_leaves_the_index(personas) -> None:  # type: ignore[no-untyped-def]
    item = published_item(personas.bureau, title="城区停车收费管理办法")
    assert search.search("停车收费").total == 1
    Item.objects.filter(pk=item.pk).delete()
    assert search.search("停车收费").total == 0 and not SearchFacet.objects.exists()


def test_browse_counts_follow_every_write_and_items_coming_due(personas, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    published_item(personas.bureau, title="第一条")
    assert search.search("").total == 1
    published_item(personas.bureau, title="第二条")
    assert search.search("").total == 2
    scheduled = published_item(personas.bureau, title="第三条")
    scheduled.published_at = timezone.now() + dt.timedelta(minutes=5)
    scheduled.save()
    assert search.search("").total == 2
    later = timezone.now() + dt.timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    browse = search.search("")
    assert browse.total == 3 and scheduled.pk in _ids(browse), "due now, without any change of the index"
    assert sum(v.count or 0 for v in browse.facets["validity"]) == 3


def _live_counts(filters: dict[str, str]) -> dict[str, dict[str, int]]:
    """Counts per facet value made from the public items themselves (the tallies' reference)."""
    from collections import Counter

    from gongkai.web.disclosures.search_facets import apply_to_items

    counts: dict[str, Counter[str]] = {f: Counter() for f in search.FACETS}
    for item in apply_to_items(Item.objects.public(), filters).select_related(
        "catalogue", "topic", "genre", "agency"
    ):
        values = {
            "catalogue": item.catalogue and item.catalogue.name,
            "topic": item.topic and item.topic.label,
            "genre": item.genre and item.genre.label,
            "agency": item.agency.name,
            "year": str(timezone.localtime(item.published_at).year),
            "validity": item.validity,
        }
        for facet, value in values.items():
            if value:
                counts[facet][value] += 1
    return {f: dict(c) for f, c in counts.items()}


def _shown(result: search.SearchResult) -> dict[str, dict[str, int]]:
    return {f: {v.value: v.count for v in values if v.count} for f, values in result.facets.items()}


def test_the_tallies_agree_with_the_items_after_any_sequence_of_writes(sample) -> None:  # type: ignore[no-untyped-def]
    items = list(sample.values())
    items[0].validity = "repealed"
    items[0].save()
    items[1].status = "withdrawn"
    items[1].save()
    items[2].published_at = timezone.now() + dt.timedelta(days=2)
    items[2].save()
    Item.objects.filter(pk=items[3].pk).delete()
    search.index_item(items[4])
    year = str(timezone.localtime(items[5].published_at).year)
    for filters in ({}, {"year": year}, {"validity": "repealed"}, {"agency": items[5].agency.name}):
        assert _shown(search.search("", filters=filters)) == _live_counts(filters), filters
    two = {"year": year, "validity": "effective"}  # two filters: counted from the matches
    assert _shown(search.search("", filters=two)) == _live_counts(two)
    before = sorted(
        FacetTally.objects.filter(count__gt=0).values_list("facet", "value", "other", "other_value", "count")
    )
    search_index.retally()
    after = sorted(
        FacetTally.objects.filter(count__gt=0).values_list("facet", "value", "other", "other_value", "count")
    )
    assert before == after


def test_the_sort_key_orders_by_publication_and_keeps_the_id() -> None:
    moment = dt.datetime(2024, 5, 1, 8, 0, 0, 500000, tzinfo=dt.UTC)
    key = search_index.sort_key(123, moment)
    assert search_index.item_id_of(key) == 123
    assert (
        search_index.sort_key(1, moment + dt.timedelta(seconds=1))
        > key
        > search_index.sort_key(999, moment - dt.timedelta(seconds=1))
    )
    assert search_index.key_of_now(moment) >= key, "found from the second it is published in"
    assert search_index.key_of_now(moment - dt.timedelta(seconds=1)) < key
    old = search_index.sort_key(5, dt.datetime(1950, 1, 1, tzinfo=dt.UTC))
    assert old < key and search_index.item_id_of(old) == 5
    with pytest.raises(ValueError, match="超出"):
        search_index.sort_key(2**30, moment)


def test_a_query_never_matches_a_facet_token(sample) -> None:  # type: ignore[no-untyped-def]
    for query in ("f0all", "fa1", "fy2020", "fv0effective", "f0all fa1"):
        assert search.search(query).total == 0, query


def test_services_publish_into_the_index(personas) -> None:  # type: ignore[no-untyped-def]
    """Through the workflow (not the test helper): the published item is found, with its facets."""
    from .helpers import item_data

    item = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    assert search.search("校外培训").total == 0
    item.status = "published"
    item.published_at = timezone.now()
    item.save()
    search.index_item(item)
    result = search.search("校外培训", filters={"agency": personas.bureau.name})
    assert _ids(result) == [item.pk] and result.facets["agency"][0].count == 1


def test_the_sitemap_is_an_index_of_paged_sections(sample, client, monkeypatch, settings) -> None:  # type: ignore[no-untyped-def]
    """sitemaps.org: /sitemap.xml lists the sections; items come in pages (a million items: 100 files)."""
    from gongkai.web.disclosures.sitemaps import ItemSitemap

    settings.ALLOWED_HOSTS = ["testserver"]
    monkeypatch.setattr(ItemSitemap, "limit", 50)
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index and "sitemap-pages.xml" in index
    pages = -(-len(sample) // 50)
    assert pages >= 2 and f"sitemap-items.xml?p={pages}" in index
    first = client.get("/sitemap-items.xml").content.decode()
    last = client.get("/sitemap-items.xml", {"p": pages}).content.decode()
    urls = first.count("<url>") + last.count("<url>")
    assert first.count("<url>") == 50 and urls == len(sample) - 50 * (pages - 2)
    some = next(iter(sample.values()))
    assert f"/zfxxgk/items/{some.pk}/" in client.get(
        "/sitemap-items.xml", {"p": 1}
    ).content.decode() + "".join(
        client.get("/sitemap-items.xml", {"p": p}).content.decode() for p in range(2, pages + 1)
    )
    assert "/zfxxgk/content/" in client.get("/sitemap-pages.xml").content.decode()


def test_a_year_is_a_stretch_of_keys_in_local_time(personas) -> None:  # type: ignore[no-untyped-def]
    zone = timezone.get_current_timezone()
    first = published_item(personas.bureau, title="新年第一份通知")
    last = published_item(personas.bureau, title="年末最后一份通知")
    first.published_at = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=zone)
    first.save()
    last.published_at = dt.datetime(2023, 12, 31, 23, 59, 59, 999999, tzinfo=zone)
    last.save()
    assert _ids(search.search("通知", filters={"year": "2024"})) == [first.pk]
    assert _ids(search.search("通知", filters={"year": "2023"})) == [last.pk]
    assert _ids(search.search("", filters={"year": "2024"})) == [first.pk]
    low, high = search_index.key_range_of_year(2024)
    assert low <= search_index.sort_key(first.pk, first.published_at) <= high
    assert not low <= search_index.sort_key(last.pk, last.published_at) <= high
