"""The worker: django-tasks-db's loop, plus the heartbeat and orphan recovery of :mod:`.recovery`.

Used by ``gongkai worker`` (a process of its own, one or many) and by ``gongkai serve``, which runs
one in a daemon thread of the web process (decision D41) unless ``--workers 0``.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from . import recovery

log = logging.getLogger(__name__)


class GongkaiWorker(Worker):
    """A database-backend worker that beats and recovers the tasks of dead workers."""

    def __init__(
        self,
        *,
        queue_names: list[str] | None = None,
        interval: float = 1.0,
        batch: bool = False,
        max_tasks: int | None = None,
        worker_id: str | None = None,
        backend_name: str = "default",
    ) -> None:
        super().__init__(
            queue_names=queue_names or ["*"],
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id or f"gongkai-{get_random_string(16)}",
            excluded_queue_names=[],
        )
        self.started_at = timezone.now()
        self._stop = threading.Event()
        #: Set when :meth:`run` has returned (its heartbeat removed, its connection closed).
        self.finished = threading.Event()
        self._beater: threading.Thread | None = None

    # -- heartbeat --------------------------------------------------------------------------------
    def _beat_once(self) -> recovery.Recovery:
        recovery.beat(self.worker_id, self.started_at)
        found = recovery.requeue_orphans()
        if found.requeued or found.failed:
            log.warning("%s", found.summary())
        return found

    def _beat_loop(self) -> None:
        try:
            while not self._stop.wait(settings.GONGKAI_TASK_BEAT_SECONDS):
                try:
                    self._beat_once()
                except Exception:  # a busy database must not stop the heartbeat thread
                    log.exception("后台任务心跳失败")
                finally:
                    close_old_connections()
        finally:
            connection.close()

    def start_beating(self) -> None:
        self._beat_once()
        self._beater = threading.Thread(target=self._beat_loop, name=f"{self.worker_id}-beat", daemon=True)
        self._beater.start()

    def stop(self) -> None:
        """Finish the task at hand, then leave the loop (from another thread)."""
        self.running = False
        self._stop.set()

    def run(self) -> None:
        self.start_beating()
        try:
            super().run()
        finally:
            self._stop.set()
            if self._beater is not None:
                self._beater.join(timeout=5)
            try:
                recovery.forget(self.worker_id)
            except Exception:
                log.exception("无法删除工作进程 %s 的心跳记录", self.worker_id)
            connection.close()
            self.finished.set()


def start_in_thread(count: int = 1) -> list[GongkaiWorker]:
    """``gongkai serve``: run ``count`` workers in daemon threads of this process."""
    workers = [GongkaiWorker() for _ in range(count)]
    for worker in workers:
        threading.Thread(target=worker.run, name=worker.worker_id, daemon=True).start()
    return workers
