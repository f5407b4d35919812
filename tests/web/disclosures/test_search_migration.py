"""Migration 0006 carries an existing index over to the new layout (keys, facets) without segmenting
again, and can be reversed (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("disclosures", "0005_index_pattern_left")]


def _migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def test_an_old_index_is_carried_over_and_back(personas) -> None:  # type: ignore[no-untyped-def]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("disclosures")
    _migrate(BEFORE)
    try:
        old = MigrationExecutor(connection).loader.project_state(BEFORE[0]).apps
        Item = old.get_model("disclosures", "Item")
        SearchDoc = old.get_model("disclosures", "SearchDoc")
        item = Item.objects.create(
            agency_id=personas.bureau.pk,
            index_number="OLD-2024-0001",
            title="关于湿地保护的通知",
            status="published",
            published_at=timezone.now() - dt.timedelta(days=3),
            validity="effective",
        )
        SearchDoc.objects.create(item_id=item.pk, title_seg="关于 湿地 保护 的 通知", body_seg="湿地 保护")
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "INSERT INTO disclosures_fts(rowid, title, body) VALUES (%s, %s, %s)",
                    [item.pk, "关于 湿地 保护 的 通知", "湿地 保护"],
                )
        _migrate(latest)

        from gongkai.web.disclosures import search
        from gongkai.web.disclosures.models import SearchFacet

        result = search.search("湿地", filters={"agency": personas.bureau.name})
        assert [h.item.pk for h in result.hits] == [item.pk]
        assert SearchFacet.objects.get().agency_id == personas.bureau.pk
        _migrate(BEFORE)  # and back: the old layout answers again
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT rowid FROM disclosures_fts WHERE disclosures_fts MATCH %s", ['"湿地"'])
            else:
                cursor.execute(
                    "SELECT item_id FROM disclosures_searchdoc WHERE tsv @@ to_tsquery('simple', %s)",
                    ["湿地"],
                )
            assert [row[0] for row in cursor.fetchall()] == [item.pk]
    finally:
        _migrate(latest)
