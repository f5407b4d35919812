"""The database backend for real: enqueue in the database, run with gongkai's worker, retries with
back-off, and recovery of tasks whose worker died (decisions D41–D42)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.web.tasks import probe, recovery
from gongkai.web.tasks.models import WorkerBeat
from gongkai.web.tasks.worker import GongkaiWorker

from . import flaky

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    settings.GONGKAI_TASKS_BACKEND = "database"
    flaky.CALLS.clear()
    probe.ensure_table(empty=True)


def run_worker() -> GongkaiWorker:
    worker = GongkaiWorker(batch=True, interval=0)
    worker.run()
    return worker


def make_due() -> None:
    """Skip the back-off wait (the test does not sleep 30 s)."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def test_enqueue_waits_for_the_worker_then_runs() -> None:
    probe.ensure_table()
    result = probe.record.enqueue(7)
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY
    assert probe.rows() == {}
    run_worker()
    assert probe.rows() == {7: 1}
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 7
    assert not WorkerBeat.objects.exists()  # a worker that stops cleanly forgets its heartbeat


def test_retries_with_back_off_then_succeeds() -> None:
    flaky.fails_twice.enqueue("a")
    before = timezone.now()
    run_worker()
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "gongkai.web.tasks.engine.TaskRetried"
    assert "第1次尝试失败" in failed.traceback and "30秒后" in failed.traceback
    assert retry.status == TaskResultStatus.READY
    assert dt.timedelta(seconds=29) < retry.run_after - before < dt.timedelta(seconds=40)
    run_worker()  # not due yet: nothing runs
    assert flaky.CALLS == ["a"]
    make_due()
    run_worker()
    third = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert dt.timedelta(seconds=55) < third.run_after - timezone.now() < dt.timedelta(seconds=65)  # doubled
    make_due()
    run_worker()
    assert flaky.CALLS == ["a", "a", "a"]
    assert DBTaskResult.objects.successful().get().return_value == "a"


def test_bounded_attempts_end_in_a_failure_with_the_real_cause() -> None:
    flaky.always_fails.enqueue("b")
    run_worker()
    make_due()
    run_worker()
    assert flaky.CALLS == ["b", "b"]
    last = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert last is not None and last.status == TaskResultStatus.FAILED
    assert last.exception_class_path.endswith("flaky.Boom")
    assert not DBTaskResult.objects.ready().exists()


def test_hopeless_errors_are_not_retried() -> None:
    flaky.gone.enqueue("c")
    run_worker()
    assert flaky.CALLS == ["c"]
    assert DBTaskResult.objects.get().exception_class_path == "builtins.LookupError"


def _orphan(worker_ids: list[str], started: dt.datetime) -> DBTaskResult:
    probe.ensure_table()
    result = probe.record.enqueue(1)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=worker_ids, started_at=started
    )
    return DBTaskResult.objects.get(id=result.id)


def test_a_task_of_a_killed_worker_is_put_back_and_done(settings: Any) -> None:
    settings.GONGKAI_TASK_STALE_SECONDS = 60
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    row = _orphan(["killed-worker"], long_ago)
    found = recovery.requeue_orphans()
    assert (found.requeued, found.failed) == (1, 0)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    run_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL and len(row.worker_ids) == 2
    assert probe.rows() == {1: 1}


def test_a_long_task_of_a_live_worker_is_left_alone() -> None:
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    recovery.beat("busy-worker", long_ago)
    _orphan(["busy-worker"], long_ago)
    assert recovery.requeue_orphans().requeued == 0
    # … and so is a task claimed a moment ago, whatever its worker.
    DBTaskResult.objects.all().delete()
    _orphan(["other"], timezone.now())
    assert recovery.requeue_orphans().requeued == 0


def test_a_task_that_kills_every_worker_is_given_up(settings: Any) -> None:
    settings.GONGKAI_TASK_MAX_CLAIMS = 3
    row = _orphan(["w1", "w2", "w3"], timezone.now() - dt.timedelta(minutes=5))
    assert recovery.requeue_orphans().failed == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "gongkai.web.tasks.recovery.WorkerLost"
    assert "已中断3次" in row.traceback
