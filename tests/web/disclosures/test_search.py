"""Chinese search on the real Putian sample (SQLite FTS5 or PostgreSQL tsvector, same results)."""

from __future__ import annotations

import pytest

from gongkai.web.disclosures import search

from .helpers import load_sample, published_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(personas):  # type: ignore[no-untyped-def]
    return load_sample(personas.bureau)


def top(query: str, n: int = 5) -> list[str]:
    return [h.item.source_id for h in search.search(query).hits[:n]]


RELEVANCE = [
    ("防治效果", "ptgov-1311701"),  # words of the body only, in no title
    ("单位名称", "ptgov-1560922"),
    ("湿地", "ptgov-1939929"),  # title and body
    ("慢性病", "ptgov-1311701"),  # a title word
    ("明白纸", "ptgov-2005140"),  # a title word shared by three 资金政策 items
    ("免费健康体检", None),  # any hit: body text of a 视频解读 page
    ("莆政人〔2015〕4号", "ptgov-180833"),  # a 文号, exact match first
    ("莆政人[2015]4号", "ptgov-180833"),  # the same typed with square brackets
]


def test_relevance_on_the_real_sample(sample) -> None:  # type: ignore[no-untyped-def]
    """One sample load for every case (loading it takes seconds); every miss is reported."""
    misses = []
    for query, expected in RELEVANCE:
        found = top(query)
        if not found or (expected and expected not in found):
            misses.append(f"{query}: expected {expected} in the top 5, got {found}")
    assert not misses, "\n".join(misses)


def test_a_doc_number_is_first_and_marked_exact(sample) -> None:  # type: ignore[no-untyped-def]
    result = search.search("莆政人〔2015〕4号")
    assert result.hits[0].exact and result.hits[0].item.source_id == "ptgov-180833"
    assert sum(h.exact for h in result.hits) == 1


def test_an_index_number_is_found_exactly(sample) -> None:  # type: ignore[no-untyped-def]
    item = sample["ptgov-1939929"]
    result = search.search(item.index_number)
    assert result.hits[0].item == item and result.hits[0].exact


def test_a_body_word_is_highlighted_and_markup_is_escaped(personas) -> None:  # type: ignore[no-untyped-def]
    published_item(personas.bureau, body="<p>关于&lt;script&gt;培训收费的说明</p>")
    hit = search.search("培训收费").hits[0]
    assert "<mark>" in hit.snippet and "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


NASTY = [
    '"',
    "OR",
    "NEAR(",
    "*",
    "a AND",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "^",
    ":",
    "  ",
    "〔〕",
    "任免 OR 莆田",
]


def test_queries_are_escaped(sample) -> None:  # type: ignore[no-untyped-def]
    for query in NASTY:
        result = search.search(query)  # never an FTS syntax error
        for hit in result.hits:
            assert "<script>" not in hit.title + hit.snippet


def test_facets_count_and_filter(sample) -> None:  # type: ignore[no-untyped-def]
    result = search.search("任职")
    years = {f.value: f.count for f in result.facets["year"]}
    assert sum(years.values()) == result.total
    year = next(iter(years))
    filtered = search.search("任职", filters={"year": year})
    assert filtered.total == years[year]
    assert all(h.item.published_at.year == int(year) for h in filtered.hits)


def test_sort_by_date_and_pagination(sample) -> None:  # type: ignore[no-untyped-def]
    result = search.search("莆田", sort="date", per_page=5)
    dates = [h.item.published_at for h in result.hits]
    assert dates == sorted(dates, reverse=True)
    second = search.search("莆田", sort="date", per_page=5, page=2)
    assert not {h.item.pk for h in result.hits} & {h.item.pk for h in second.hits}
    assert result.pages == second.pages >= 2


def test_unpublished_and_scheduled_items_are_not_found(personas) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    item = published_item(personas.bureau, title="定时发布的招生简章")
    item.published_at = timezone.now() + dt.timedelta(days=1)
    item.save()
    assert search.search("招生简章").total == 0
    item.published_at = timezone.now() - dt.timedelta(minutes=1)
    item.save()
    assert search.search("招生简章").total == 1


def test_reindex_rebuilds_the_same_results(sample) -> None:  # type: ignore[no-untyped-def]
    before = top("任免", 20)
    assert search.reindex() == len(sample)
    assert top("任免", 20) == before


def test_search_pages(sample, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/search/", {"q": "湿地"})
    assert response.status_code == 200 and "<mark>湿地</mark>" in response.content.decode()
    data = client.get("/search/json/", {"q": "莆政人〔2015〕4号"}).json()
    assert data["results"][0]["doc_number"] == "莆政人〔2015〕4号" and data["results"][0]["exact"]
    assert client.get("/search/json/", {"q": '"(', "page": "x", "sort": "bad"}).status_code == 200


#: query → the sorted source ids it matches (recorded on SQLite; the test runs on both backends).
SAME_ON_BOTH = {
    "任免": [
        "ptgov-1547927",
        "ptgov-1577324",
        "ptgov-1628337",
        "ptgov-1641518",
        "ptgov-1662594",
        "ptgov-1709983",
        "ptgov-180814",
        "ptgov-180833",
        "ptgov-180838",
        "ptgov-184049",
        "ptgov-197972",
        "ptgov-381533",
        "ptgov-487471",
        "ptgov-500984",
    ],
    "三公": [
        "ptgov-1536126",
        "ptgov-1536197",
        "ptgov-1536535",
        "ptgov-1544654",
        "ptgov-1557876",
        "ptgov-1558467",
        "ptgov-1560922",
        "ptgov-1574173",
        "ptgov-1579387",
        "ptgov-1594515",
    ],
    "规划": [
        "ptgov-1311701",
        "ptgov-1834542",
        "ptgov-1935607",
        "ptgov-1939929",
        "ptgov-1970510",
        "ptgov-1994316",
        "ptgov-2010185",
        "ptgov-879836",
    ],
    "莆田市 预算": ["ptgov-1536535", "ptgov-1557876", "ptgov-1574173", "ptgov-2120814", "ptgov-2121310"],
    "双随机": ["ptgov-1935607", "ptgov-2010185"],
    "湿地": ["ptgov-1939929"],
    "2020": [
        "ptgov-1311701",
        "ptgov-1450012",
        "ptgov-1452970",
        "ptgov-1453609",
        "ptgov-1465767",
        "ptgov-1489452",
        "ptgov-1512322",
        "ptgov-1514766",
        "ptgov-1536126",
        "ptgov-1536197",
        "ptgov-1536535",
        "ptgov-1544654",
        "ptgov-1547927",
        "ptgov-1547987",
        "ptgov-1557876",
        "ptgov-1558467",
        "ptgov-1560922",
        "ptgov-1637985",
        "ptgov-2121310",
    ],
}


def test_the_same_results_on_sqlite_and_postgresql(sample) -> None:  # type: ignore[no-untyped-def]
    """Both backends index the same segmented text: the matched sets are identical (run with DATABASE_URL too)."""
    differences = []
    for query, expected in SAME_ON_BOTH.items():
        found = sorted(h.item.source_id for h in search.search(query, per_page=200).hits)
        if found != expected:
            differences.append(f"{query}: {sorted(set(found) ^ set(expected))}")
    assert not differences, "\n".join(differences)


def test_the_beginning_of_a_doc_number_finds_it(personas) -> None:  # type: ignore[no-untyped-def]
    """“莆政” finds 莆政办〔2024〕… items (the 发文机关代字's prefixes are indexed); same on both backends."""
    office = published_item(
        personas.bureau, title="关于做好春节期间安全生产工作的通知", doc_number="莆政办〔2024〕12号"
    )
    government = published_item(personas.bureau, title="关于印发实施方案的通知", doc_number="莆政〔2023〕5号")
    other = published_item(personas.bureau, title="关于开展培训的通知", doc_number="闽政办〔2024〕3号")
    found = {h.item.pk for h in search.search("莆政", per_page=50).hits}
    assert {office.pk, government.pk} <= found and other.pk not in found
    assert {h.item.pk for h in search.search("莆政办", per_page=50).hits} == {office.pk}
    assert {h.item.pk for h in search.search("闽政办", per_page=50).hits} == {other.pk}
    assert search.doc_number_prefixes("莆政办〔2024〕12号") == ["莆政", "莆政办"]
    assert search.doc_number_prefixes("莆政办[2024]12号") == ["莆政", "莆政办"]
    assert search.doc_number_prefixes("第12号") == []
