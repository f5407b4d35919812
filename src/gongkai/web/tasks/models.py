"""The heartbeat of each worker process: how a task claimed by a killed worker is found again (D42)."""

from __future__ import annotations

from django.db import models


class WorkerBeat(models.Model):
    """One running ``gongkai worker`` (or ``gongkai serve``'s worker thread), seen every few seconds.

    A task left ``RUNNING`` by a worker whose beat is older than ``GONGKAI_TASK_STALE_SECONDS`` was
    interrupted (``kill -9``, power cut): any live worker puts it back in the queue
    (:func:`gongkai.web.tasks.recovery.requeue_orphans`).
    """

    worker_id = models.CharField("工作进程", max_length=64, primary_key=True)
    host = models.CharField("主机", max_length=255)
    pid = models.IntegerField("进程号")
    started_at = models.DateTimeField("启动时间")
    seen_at = models.DateTimeField("最近心跳", db_index=True)

    class Meta:
        verbose_name = "后台任务工作进程"
        verbose_name_plural = "后台任务工作进程"

    def __str__(self) -> str:
        return f"{self.worker_id}（{self.host}:{self.pid}）"
