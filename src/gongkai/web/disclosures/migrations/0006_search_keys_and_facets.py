"""The search index ordered by publication and with its facets inside (D59).

- SearchDoc gains ``facets`` (facet tokens) and ``sort_key`` (publication second × 2³⁰ + item id);
- SearchFacet (narrow facet rows, for counting) and FacetTally (counts per facet value and pair) are new;
- SQLite: ``disclosures_fts`` is rebuilt as ``fts5(title, body, facets)`` with the sort key as rowid;
- PostgreSQL: ``tsv`` is regenerated over title (A), body (D) and facets (C).

Existing index rows are carried over without segmenting again (their text is kept).
"""

from django.db import migrations, models

SQLITE_FORWARD = (
    "DROP TABLE IF EXISTS disclosures_fts",
    "CREATE VIRTUAL TABLE disclosures_fts USING fts5(title, body, facets, "
    "tokenize='unicode61 remove_diacritics 0')",
)
SQLITE_BACKWARD = (
    "DROP TABLE IF EXISTS disclosures_fts",
    "CREATE VIRTUAL TABLE disclosures_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO disclosures_fts(rowid, title, body) SELECT item_id, title_seg, body_seg FROM disclosures_searchdoc",
)
PG_DROP_TSV = (
    "DROP INDEX IF EXISTS disclosures_searchdoc_tsv",
    "ALTER TABLE disclosures_searchdoc DROP COLUMN IF EXISTS tsv",
)
PG_TSV = (
    "ALTER TABLE disclosures_searchdoc ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_seg), 'A') || setweight(to_tsvector('simple', body_seg), 'D')"
    " || setweight(to_tsvector('simple', facets), 'C')) STORED",
    "CREATE INDEX disclosures_searchdoc_tsv ON disclosures_searchdoc USING gin (tsv)",
)
PG_OLD_TSV = (
    "ALTER TABLE disclosures_searchdoc ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_seg), 'A') || setweight(to_tsvector('simple', body_seg), 'D')) STORED",
    "CREATE INDEX disclosures_searchdoc_tsv ON disclosures_searchdoc USING gin (tsv)",
)


def drop_tsv(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_DROP_TSV:
            schema_editor.execute(sql)


def old_structures(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_DROP_TSV + PG_OLD_TSV:
            schema_editor.execute(sql)
    else:
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


def fill(apps, schema_editor):
    """Keys, facet tokens and facet rows for what is indexed now; then the engine's structures."""
    from gongkai.web.disclosures.search_index import facet_tokens, facet_values, sort_key

    SearchDoc = apps.get_model("disclosures", "SearchDoc")
    SearchFacet = apps.get_model("disclosures", "SearchFacet")
    Item = apps.get_model("disclosures", "Item")
    docs = SearchDoc.objects.all().order_by("item_id")
    for start in range(0, docs.count(), 2000):
        chunk = list(docs[start : start + 2000])
        items = Item.objects.in_bulk([d.item_id for d in chunk])
        facets = []
        for doc in chunk:
            item = items.get(doc.item_id)
            if item is None or item.published_at is None:
                continue
            values = facet_values(item)
            doc.facets = facet_tokens(values)
            doc.sort_key = sort_key(item.pk, item.published_at)
            facets.append(SearchFacet(key=doc.sort_key, **values))
        SearchDoc.objects.bulk_update(chunk, ["facets", "sort_key"])
        SearchFacet.objects.bulk_create(facets)
    SearchDoc.objects.filter(sort_key__isnull=True).delete()
    from gongkai.web.disclosures.search_index import retally

    retally()
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_TSV:
            schema_editor.execute(sql)
    else:
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)
        schema_editor.execute(
            "INSERT INTO disclosures_fts(rowid, title, body, facets) "
            "SELECT sort_key, title_seg, body_seg, facets FROM disclosures_searchdoc"
        )


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0005_index_pattern_left")]

    operations = [
        migrations.RunPython(drop_tsv, old_structures),
        migrations.AddField(
            model_name="searchdoc",
            name="facets",
            field=models.TextField(default="", verbose_name="分面标记"),
        ),
        migrations.AddField(
            model_name="searchdoc",
            name="sort_key",
            field=models.BigIntegerField(db_index=True, null=True, verbose_name="排序键"),
        ),
        migrations.CreateModel(
            name="SearchFacet",
            fields=[
                ("key", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="排序键")),
                ("agency_id", models.IntegerField(verbose_name="机关")),
                ("catalogue_id", models.IntegerField(null=True, verbose_name="栏目")),
                ("topic_id", models.IntegerField(null=True, verbose_name="主题分类")),
                ("genre_id", models.IntegerField(null=True, verbose_name="体裁")),
                ("year", models.IntegerField(null=True, verbose_name="年份")),
                ("validity", models.CharField(max_length=16, verbose_name="有效性")),
            ],
            options={"verbose_name": "检索分面", "verbose_name_plural": "检索分面"},
        ),
        migrations.CreateModel(
            name="FacetTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=12, verbose_name="分面")),
                ("value", models.CharField(max_length=40, verbose_name="值")),
                ("other", models.CharField(blank=True, max_length=12, verbose_name="另一分面")),
                ("other_value", models.CharField(blank=True, max_length=40, verbose_name="另一分面的值")),
                ("count", models.BigIntegerField(default=0, verbose_name="条数")),
            ],
            options={
                "verbose_name": "分面计数",
                "verbose_name_plural": "分面计数",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("facet", "value", "other", "other_value"), name="facet_tally_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, drop_tsv),
    ]
