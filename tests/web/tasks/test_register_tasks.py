"""The register's import and reindex as background tasks (``--background``), run by a worker."""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.cli import main
from gongkai.web.disclosures import search
from gongkai.web.disclosures.importer import sample_path
from gongkai.web.disclosures.models import Item
from gongkai.web.tasks.worker import GongkaiWorker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


def test_import_and_reindex_wait_for_the_worker(personas, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(["register", "import", str(sample_path()), "--agency", personas.bureau.code, "--background"])
        == 0
    )
    assert "已作为后台任务排队" in capsys.readouterr().out
    assert not Item.objects.exists()  # queued, not run by the command
    assert main(["register", "reindex", "--background"]) == 0
    GongkaiWorker(batch=True, interval=0).run()
    assert Item.objects.count() == 119
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert search.search("办法").total > 0


def test_a_refused_import_fails_once_with_its_reason(personas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "title": "", "published": "2024-13-40"}\n', encoding="utf-8")
    assert main(["register", "import", str(bad), "--agency", personas.bureau.code, "--background"]) == 0
    GongkaiWorker(batch=True, interval=0).run()
    failed = DBTaskResult.objects.get()
    assert failed.status == TaskResultStatus.FAILED and "ImportRefused" in failed.exception_class_path
    assert not DBTaskResult.objects.ready().exists()  # not retried: it can never succeed
    assert main(["register", "import", str(tmp_path / "none.jsonl"), "--agency", "x", "--background"]) == 2


def test_publishing_queues_its_indexing_and_withdrawal_unindexes_at_once(personas, settings) -> None:  # type: ignore[no-untyped-def]
    """Indexing a published item is a background task (the request does not wait for segmentation
    and the index); a withdrawn item leaves the index in the withdrawing transaction itself."""
    from gongkai.web.disclosures import services

    from ..disclosures.helpers import item_data

    settings.GONGKAI_TASKS_BACKEND = "database"
    item = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    services.submit(item, personas.users["clerk"])
    for kind in ("secrecy", "legality"):
        services.record_review(item, personas.users["reviewer"], kind, "passed")
    services.approve_and_publish(item, personas.users["approver"])
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("disclosures.tasks.index_items")
    assert search.search("校外培训").total == 0  # published, not yet indexed
    GongkaiWorker(batch=True, interval=0).run()
    assert search.search("校外培训").hits[0].item == item
    services.withdraw(item, personas.users["approver"], "内容有误")
    assert search.search("校外培训").total == 0  # at once, no worker needed
