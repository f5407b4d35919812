"""``gongkai worker`` and the worker thread of ``gongkai serve`` (decision D41)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from gongkai.cli import main
from gongkai.commands import serve
from gongkai.web.tasks import probe
from gongkai.web.tasks.models import WorkerBeat

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_backend(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    settings.GONGKAI_TASKS_BACKEND = "database"
    probe.ensure_table(empty=True)


@pytest.mark.usefixtures("database_backend")
def test_worker_batch_runs_the_queue_and_exits(capsys) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        probe.record.enqueue(n)
    assert main(["worker", "--batch", "--interval", "0"]) == 0
    out = capsys.readouterr().out
    assert "gongkai worker 已启动" in out and "共执行 3 个任务" in out
    assert probe.rows() == {0: 1, 1: 1, 2: 1}


def test_worker_refuses_bad_arguments_and_the_immediate_backend(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["worker", "--interval", "-1"]) == 2
    assert "--interval" in capsys.readouterr().err
    assert main(["worker", "--batch"]) == 2  # tests run tasks immediately: nothing to work on
    assert "无需 gongkai worker" in capsys.readouterr().err


@pytest.mark.usefixtures("database_backend")
def test_serve_runs_a_worker_thread_that_beats_and_works(settings: Any) -> None:
    """The test waits on the task-finished signal, not on the database: the in-memory SQLite of the
    tests locks whole tables between threads (a file database in WAL mode, as in production, does not)."""
    from django_tasks.signals import task_finished

    settings.GONGKAI_TASK_BEAT_SECONDS = 600
    probe.record.enqueue(42)
    done = threading.Event()

    def finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
        done.set()

    task_finished.connect(finished, weak=False)
    try:
        workers = serve._start_workers(1)
        assert len(workers) == 1
        assert done.wait(30)
        for worker in workers:
            worker.stop()
        assert all(worker.finished.wait(15) for worker in workers)
    finally:
        task_finished.disconnect(finished)
    assert probe.rows() == {42: 1}
    assert DBTaskResult.objects.successful().count() == 1
    assert not WorkerBeat.objects.exists()  # stopped cleanly: heartbeat removed


def test_serve_starts_no_thread_when_told_not_to(settings: Any) -> None:
    settings.GONGKAI_TASKS_BACKEND = "database"
    assert serve._start_workers(0) == []
    settings.GONGKAI_TASKS_BACKEND = "immediate"
    assert serve._start_workers(None) == []
