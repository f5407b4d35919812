"""Background tasks of the register (docs/platform.md#background-tasks): search indexing and import.

``gongkai register reindex --background`` and ``gongkai register import … --background`` enqueue
these instead of running them in the command; a worker (``gongkai worker`` or ``gongkai serve``'s
thread) runs them. Each is idempotent: indexing an item again replaces its entry, and an import
updates the rows it created before (matched by ``source_id``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from gongkai.web.tasks.engine import after_commit, background

from . import search
from .importer import ImportRefused, run_import
from .models import Item


@background(max_attempts=3)
def reindex_all() -> int:
    """Rebuild the whole full-text index; returns how many items are indexed."""
    return search.reindex()


@background(max_attempts=5)
def index_items(item_ids: list[int]) -> int:
    """(Re)index these items (an item no longer published leaves the index)."""
    items = Item.objects.filter(pk__in=item_ids).prefetch_related("attachments")
    found = {item.pk for item in items}
    for item in items:
        search.index_item(item)
    for gone in set(item_ids) - found:
        search.unindex_item(gone)
    return len(found)


def index_soon(item: Item) -> None:
    """(Re)index ``item`` for search without making the request wait: a background task queued with
    the transaction that publishes or corrects it (the worker indexes it seconds later). With the
    immediate backend (tests, debugging) the item is indexed at once, in the caller's transaction.
    Withdrawal is not deferred: a withdrawn item leaves the index with the transaction that withdraws
    it (services.withdraw)."""
    if settings.GONGKAI_TASKS_BACKEND == "immediate":
        search.index_item(item)
        return
    after_commit(index_items, [item.pk])


@background(max_attempts=2, give_up_on=(ImportRefused, OSError))
def import_file(path: str, agency_code: str, mapping: dict[str, str] | None = None) -> dict[str, int]:
    """Import a register file (all or nothing, as ``gongkai register import``)."""
    report = run_import(Path(path), agency_code, mapping=mapping or None)
    return {"created": report.created, "updated": report.updated}
