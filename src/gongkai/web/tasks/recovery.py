"""Finding tasks whose worker died (decision D42).

django-tasks-db marks a task ``RUNNING`` when a worker claims it and leaves it so if that worker is
killed (``kill -9``, out of memory, power cut): nothing would ever run it again. Every gongkai worker
therefore writes a heartbeat (:class:`~gongkai.web.tasks.models.WorkerBeat`) every
``GONGKAI_TASK_BEAT_SECONDS``, and at start and on every beat looks for *orphans*: ``RUNNING`` tasks
started more than ``GONGKAI_TASK_STALE_SECONDS`` ago whose worker has no fresh heartbeat. An orphan
is put back to ``READY`` with a compare-and-set update (two workers never both requeue it), to be run
again — so a task must be idempotent (each of ours is: it checks what is already done). A task that
has already taken ``GONGKAI_TASK_MAX_CLAIMS`` workers down with it is marked ``FAILED`` instead
(:class:`WorkerLost`), so one poisonous task cannot kill workers for ever.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerBeat


class WorkerLost(Exception):
    """The worker running this task stopped without finishing it, too many times."""


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.GONGKAI_TASK_STALE_SECONDS)


def beat(worker_id: str, started_at: dt.datetime) -> None:
    """Record that ``worker_id`` is alive now."""
    now = timezone.now()
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
        },
    )


def forget(worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


@dataclass
class Recovery:
    requeued: int = 0
    failed: int = 0

    def summary(self) -> str:
        return f"中断的任务：重新排队{self.requeued}个，放弃{self.failed}个。"


def requeue_orphans(now: dt.datetime | None = None) -> Recovery:
    """Put the tasks of dead workers back in the queue (see the module docstring)."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    alive = set(WorkerBeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    result = Recovery()
    running = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    for row in running.only("id", "worker_ids", "started_at"):
        if row.worker_ids and row.worker_ids[-1] in alive:
            continue  # a long task of a live worker
        same_claim = DBTaskResult.objects.filter(
            id=row.id, status=TaskResultStatus.RUNNING, started_at=row.started_at
        )
        if len(row.worker_ids) >= settings.GONGKAI_TASK_MAX_CLAIMS:
            done = same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=(
                    f"执行该任务的工作进程已中断{len(row.worker_ids)}次（{', '.join(row.worker_ids)}），"
                    "不再重试；请检查任务本身后重新执行。"
                ),
            )
            result.failed += done
        else:
            result.requeued += same_claim.update(status=TaskResultStatus.READY)
    WorkerBeat.objects.filter(seen_at__lt=now - 10 * stale_after()).delete()
    return result
