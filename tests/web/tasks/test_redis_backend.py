"""The Redis (RQ) backend for real: enqueue on 127.0.0.1:6379 (db 2), run an RQ worker burst.

Skipped, with the reason, only when no Redis answers there; CI starts Redis, so it runs in CI.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from gongkai.web.tasks import probe

from . import flaky

REDIS_URL = "redis://127.0.0.1:6379/2"


def _redis_or_skip() -> Any:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis 不可用（{REDIS_URL}：{exc}）")
    return client


@pytest.fixture
def rq_backend(settings: Any) -> Any:
    client = _redis_or_skip()
    queue = f"gongkai-test-{uuid.uuid4().hex[:8]}"
    # "default" names the connection results are read through; the test's own queue isolates its jobs.
    settings.RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60} for name in ("default", queue)}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    settings.GONGKAI_TASKS_BACKEND = "redis"
    yield queue
    for key in client.scan_iter(f"rq:*{queue}*"):
        client.delete(key)


def burst(queue_name: str) -> None:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    queue = django_rq.get_queue(queue_name, job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


@pytest.mark.django_db(transaction=True)
def test_enqueued_on_redis_and_run_by_a_worker_burst(rq_backend: str) -> None:
    from django_tasks.base import TaskResultStatus

    probe.ensure_table(empty=True)
    results = [probe.record.using(queue_name=rq_backend).enqueue(n) for n in range(5)]
    assert probe.rows() == {}  # queued on Redis, not run yet
    assert results[0].task.get_backend().get_result(results[0].id).status == TaskResultStatus.READY
    burst(rq_backend)
    assert probe.rows() == {n: 1 for n in range(5)}
    for result in results:
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_failed_attempt_is_scheduled_again_on_redis(rq_backend: str) -> None:
    import django_rq
    from rq.registry import FailedJobRegistry, ScheduledJobRegistry

    flaky.CALLS.clear()
    flaky.fails_twice.using(queue_name=rq_backend).enqueue("r")
    burst(rq_backend)
    queue = django_rq.get_queue(rq_backend)
    assert flaky.CALLS == ["r"]
    assert len(FailedJobRegistry(queue=queue)) == 1  # the attempt is recorded as failed …
    assert len(ScheduledJobRegistry(queue=queue)) == 1  # … and the next one waits its back-off
