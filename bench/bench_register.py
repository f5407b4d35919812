"""Benchmark of the register's search and 专栏 pages at 10k / 100k / 1M items.

    uv run python bench/bench_register.py --items 10000 [--json]                 # SQLite, temp data dir
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gongkai_register_bench \\
        uv run python bench/bench_register.py --items 10000
    GONGKAI_DATA_DIR=DIR uv run python bench/bench_register.py --items 1000000 --reuse   # measure again

Synthetic items are built from the real Putian sample's vocabulary (packaged with gongkai): each
item takes a real title with one word replaced by another word of the sample, and a body of three
real paragraphs of the sample; segments come from the same jieba segmentation as production, done
once per distinct paragraph (so building 1M items does not take hours). 文号 and 索引号 are unique.

Measured, each on a warm process:

- search latency (``search.search`` with facets, first page of 20) per query class, p50/p95/max;
- the same without facets (what the JSON API costs when facets are not needed);
- indexing throughput of the real path (``index_item``: jieba + FTS/tsvector write), items/s;
- 专栏 pages under 20 concurrent readers (threads with Django's test client, in process): p50/p95.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from typing import Any

QUERIES = {
    "rare word": ["湿地", "慢性病", "明白纸", "防治效果"],
    "common word": ["通知", "莆田市", "工作", "任免"],
    "two words": ["莆田市 预算", "规划 解读", "三公 经费"],
    "文号 exact": [],  # filled with real numbers of the built register
    "no hit": ["量子纠缠", "火星基地"],
}


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def build(n: int, seed: int = 7) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.web.agencies.models import Agency, Kind, Level
    from gongkai.web.disclosures import search, search_index
    from gongkai.web.disclosures.importer import sample_path
    from gongkai.web.disclosures.models import Item, Term
    from gongkai.web.disclosures.text import plain_to_html, segment_for_index

    rng = random.Random(seed)
    rows = [
        json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    titles = [(r["title"], segment_for_index(r["title"]).split()) for r in rows]
    paragraphs = [p for r in rows for p in r["body"].split("\n") if len(p) > 8]
    paragraph_seg = {p: segment_for_index(p) for p in set(paragraphs)}
    words = sorted({w for _, seg in titles for w in seg if len(w) >= 2})
    terms = list(Term.objects.all())
    with transaction.atomic():
        county = Agency.objects.create(
            code="bench-county", name="基准县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT
        )
        agencies = [county] + [
            Agency.objects.create(
                code=f"bench-{k}",
                name=f"基准县第{k}局",
                level=Level.COUNTY,
                kind=Kind.DEPARTMENT,
                parent=county,
            )
            for k in range(49)
        ]
    start = timezone.now() - dt.timedelta(days=1)
    batch = 5000
    made = 0
    while made < n:
        size = min(batch, n - made)
        items, docs = [], []
        for i in range(made, made + size):
            title, seg = rng.choice(titles)
            swap = rng.choice(words)
            title_text = f"{title}（{swap}）"
            paras = rng.sample(paragraphs, 3)
            year = 2014 + i % 13
            items.append(
                Item(
                    agency=agencies[i % len(agencies)],
                    index_number=f"BENCH-{i:07d}",
                    title=title_text[:300],
                    publisher="基准县",
                    doc_number=f"基政{('办', '文', '综', '人')[i % 4]}〔{year}〕{i}号",
                    published_at=start - dt.timedelta(days=(i * 37) % 4500),
                    topic=terms[i % 20],
                    genre=terms[20 + i % 15],
                    validity=("effective", "expired", "repealed")[i % 7 % 3],
                    body=plain_to_html("\n".join(paras)),
                    status="published",
                )
            )
            docs.append((" ".join([*seg, swap]), " ".join(paragraph_seg[p] for p in paras)))
        with transaction.atomic():
            created = Item.objects.bulk_create(items)
            if not created or created[0].pk is None:  # SQLite < 3.35 would not return ids
                created = list(
                    Item.objects.filter(index_number__in=[x.index_number for x in items]).order_by("pk")
                )
            # The index's own write path (search_index.write), with segments made once per paragraph.
            search_index.write([(item, t, b) for item, (t, b) in zip(created, docs, strict=True)])
        made += size
        print(f"  built {made}/{n}", file=sys.stderr, flush=True)
    if search.vendor() == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    search_index.optimise()  # what `gongkai register reindex` ends with (SQLite: one FTS segment)


#: Queries with facet filters (a facet clicked on the search page) and the browse pages (no query).
FILTERED = {
    "word + filter": [
        ("通知", {"year": "2020"}),
        ("工作", {"agency": "基准县第3局"}),
        ("湿地", {"validity": "expired"}),
    ],
    "browse, no filter": [("", {})],
    "browse + filters": [("", {"year": "2020"}), ("", {"agency": "基准县第7局", "year": "2019"})],
}


def _timed(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(_pct(samples, 95), 1),
        "max_ms": round(max(samples), 1),
    }


def time_search(with_facets: bool, rounds: int) -> dict[str, dict[str, float]]:
    from django.core.cache import cache

    from gongkai.web.disclosures import search

    classes: dict[str, list[tuple[str, dict[str, str]]]] = {
        name: [(q, {}) for q in queries] for name, queries in QUERIES.items()
    }
    classes.update(FILTERED)
    out = {}
    for name, cases in classes.items():
        samples = []
        for _ in range(rounds):
            for q, filters in cases:
                t = time.perf_counter()
                search.search(q, filters=filters, with_facets=with_facets)
                samples.append((time.perf_counter() - t) * 1000)
        out[name] = _timed(samples)
    if with_facets:  # the browse pages' counts when the cache is cold (after every change of the index)
        samples = []
        for _ in range(rounds):
            for q, filters in FILTERED["browse, no filter"] + FILTERED["browse + filters"]:
                cache.clear()
                t = time.perf_counter()
                search.search(q, filters=filters)
                samples.append((time.perf_counter() - t) * 1000)
        out["browse, cold cache"] = _timed(samples)
    return out


def time_bulk_indexing(count: int) -> dict[str, float]:
    """``search.reindex(items)``: the batched path of ``gongkai register reindex`` (jieba + batch writes)."""
    from gongkai.web.disclosures import search
    from gongkai.web.disclosures.models import Item

    items = list(Item.objects.order_by("pk")[:count].prefetch_related("attachments"))
    t = time.perf_counter()
    search.reindex(items)
    seconds = time.perf_counter() - t
    return {"items": len(items), "items_per_s": round(len(items) / seconds, 1)}


def time_indexing(count: int) -> dict[str, float]:
    from gongkai.web.disclosures import search
    from gongkai.web.disclosures.models import Item
    from gongkai.web.disclosures.text import html_to_text

    items = list(Item.objects.order_by("-pk")[:count].prefetch_related("attachments"))
    chars = sum(len(i.title) + len(html_to_text(i.body)) for i in items)
    t = time.perf_counter()
    for item in items:
        search.index_item(item)
    seconds = time.perf_counter() - t
    return {
        "items": len(items),
        "items_per_s": round(len(items) / seconds, 1),
        "chars_per_s": round(chars / seconds),
    }


def time_pages(readers: int, per_reader: int) -> dict[str, float]:
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from gongkai.web.disclosures.models import Item

    settings.ALLOWED_HOSTS = ["testserver"]
    pk = Item.objects.values_list("pk", flat=True).first()
    urls = [
        "/zfxxgk/",
        "/zfxxgk/bench-county/",
        f"/zfxxgk/items/{pk}/",
        "/zfxxgk/content/?year=2020",
        "/zfxxgk/content/",
        "/search/?q=湿地",
        "/search/?q=莆田市+预算",
    ]
    samples: list[float] = []
    lock = threading.Lock()

    def reader(k: int) -> None:
        client = Client()
        mine = []
        for j in range(per_reader):
            url = urls[(k + j) % len(urls)]
            t = time.perf_counter()
            response = client.get(url)
            mine.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with lock:
            samples.extend(mine)
        connections.close_all()

    t = time.perf_counter()
    threads = [threading.Thread(target=reader, args=(k,)) for k in range(readers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    return {"requests": len(samples), "p50_ms": round(statistics.median(samples), 1), "p95_ms": round(_pct(samples, 95), 1),
            "throughput_rps": round(len(samples) / wall, 1)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the register already in GONGKAI_DATA_DIR / DATABASE_URL (built by an earlier run) again",
    )
    args = parser.parse_args()
    os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-register-"))
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.core.management import call_command

    reuse = args.reuse
    if os.environ.get("DATABASE_URL") and not reuse:
        call_command("flush", interactive=False, verbosity=0)
    bootstrap.migrate(sys.stderr)
    from gongkai.web.disclosures import search
    from gongkai.web.disclosures.models import Item

    t = time.perf_counter()
    if reuse and Item.objects.filter(index_number__startswith="BENCH-").count() >= args.items:
        build_s = None  # built by an earlier run
    else:
        build(args.items)
        build_s = time.perf_counter() - t
    QUERIES["文号 exact"] = list(Item.objects.order_by("?").values_list("doc_number", flat=True)[:4])
    search.search("预热")
    result: dict[str, Any] = {
        "backend": search.vendor(),
        "items": args.items,
        "build_seconds": round(build_s, 1) if build_s is not None else "reused",
        "search_with_facets": time_search(True, args.rounds),
        "search_without_facets": time_search(False, args.rounds),
        "indexing": time_indexing(300),
        "bulk_indexing": time_bulk_indexing(2000),
        "pages_20_readers": time_pages(args.readers, 10),
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
