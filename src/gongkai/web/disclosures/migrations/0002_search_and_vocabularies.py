"""The full-text structures per database vendor, and the seeded vocabularies (主题分类, 体裁).

SQLite: an FTS5 table over jieba-segmented text (unicode61 tokenizer), maintained from Python.
PostgreSQL: a generated tsvector column over the same text ('simple' config) with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = (
    "CREATE VIRTUAL TABLE disclosures_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_BACKWARD = "DROP TABLE IF EXISTS disclosures_fts"
PG_FORWARD = (
    "ALTER TABLE disclosures_searchdoc ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_seg), 'A') || setweight(to_tsvector('simple', body_seg), 'D')) STORED",
    "CREATE INDEX disclosures_searchdoc_tsv ON disclosures_searchdoc USING gin (tsv)",
)
PG_BACKWARD = (
    "DROP INDEX IF EXISTS disclosures_searchdoc_tsv",
    "ALTER TABLE disclosures_searchdoc DROP COLUMN IF EXISTS tsv",
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)
    else:
        schema_editor.execute(SQLITE_FORWARD)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)
    else:
        schema_editor.execute(SQLITE_BACKWARD)


def seed_terms(apps, schema_editor):
    from gongkai.web.disclosures.vocabularies import GENRES, TOPICS

    Term = apps.get_model("disclosures", "Term")
    for kind, entries in (("topic", TOPICS), ("genre", GENRES)):
        for position, (code, label) in enumerate(entries):
            Term.objects.update_or_create(
                kind=kind, code=code, defaults={"label": label, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(seed_terms, migrations.RunPython.noop),
    ]
