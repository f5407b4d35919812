"""``gongkai worker [--batch] [--queue Q] [--interval S]``: run the background tasks (docs/platform.md).

With the database backend (default) it runs django-tasks-db's worker loop with a heartbeat, and puts
back in the queue the tasks of workers that died (``kill -9``; decision D42). With
``GONGKAI_TASKS_BACKEND=redis`` it is an RQ worker on ``GONGKAI_REDIS_URL``. Start as many as the
load needs (each is one process); ``gongkai serve`` already runs one in a thread unless ``--workers 0``.
"""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType

from gongkai.errors import GongkaiError

HELP = "运行后台任务（通知邮件、文书 PDF、导入、报告生成等）；--batch 处理完队列后退出"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--batch", action="store_true", help="处理完当前所有任务后退出（默认持续运行）")
    parser.add_argument("--queue", default="*", help="只处理这些队列（逗号分隔；默认 * 全部）")
    parser.add_argument("--interval", type=float, default=1.0, help="队列为空时的轮询间隔秒数（默认 1）")
    parser.add_argument("--max-tasks", type=int, default=None, help="处理这么多个任务后退出")
    parser.add_argument("--worker-id", default=None, help="工作进程标识（默认随机生成，须唯一）")


def run(args: argparse.Namespace) -> int:
    if args.interval < 0:
        raise GongkaiError(f"--interval {args.interval} 无效（应为不小于 0 的秒数）")
    if args.max_tasks is not None and args.max_tasks < 1:
        raise GongkaiError(f"--max-tasks {args.max_tasks} 无效（应为正整数）")
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.conf import settings

    backend = settings.GONGKAI_TASKS_BACKEND
    if backend == "redis":
        return _run_rq(args)
    if backend != "database":
        raise GongkaiError(
            f"GONGKAI_TASKS_BACKEND={backend}：任务在提交时立即执行，无需 gongkai worker"
            "（应为 database 或 redis）"
        )
    bootstrap.migrate(sys.stdout)
    from gongkai.web.tasks.worker import GongkaiWorker

    worker = GongkaiWorker(
        queue_names=[q.strip() for q in args.queue.split(",") if q.strip()] or ["*"],
        interval=args.interval,
        batch=args.batch,
        max_tasks=args.max_tasks,
        worker_id=args.worker_id,
    )

    def stop(signum: int, frame: FrameType | None) -> None:
        if not worker.running:
            raise SystemExit(1)  # asked twice: leave now (the task will be recovered, D42)
        print("正在停止：完成当前任务后退出（再按一次 Ctrl+C 立即退出）。", flush=True)
        worker.stop()
        if not worker.running_task:
            raise SystemExit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"gongkai worker 已启动（{worker.worker_id}，数据库队列；按 Ctrl+C 停止）", flush=True)
    worker.run()
    print(f"gongkai worker 已停止，共执行 {worker._run_tasks} 个任务。", flush=True)
    return 0


def _run_rq(args: argparse.Namespace) -> int:
    import django_rq
    from django.conf import settings
    from django_tasks_rq.backend import Job
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq import Worker

    names = list(settings.RQ_QUEUES) if args.queue == "*" else [q.strip() for q in args.queue.split(",")]
    try:
        queues = [django_rq.get_queue(name, job_class=Job) for name in names]
    except KeyError as exc:
        raise GongkaiError(f"队列 {exc} 未在 RQ_QUEUES 中配置") from None
    worker = Worker(queues, connection=queues[0].connection, job_class=Job, name=args.worker_id)
    print(f"gongkai worker 已启动（Redis 队列 {settings.GONGKAI_REDIS_URL}；按 Ctrl+C 停止）", flush=True)
    try:
        worker.work(burst=args.batch, max_jobs=args.max_tasks, with_scheduler=True)
    except RedisConnectionError as exc:
        raise GongkaiError(
            f"无法连接 Redis（GONGKAI_REDIS_URL={settings.GONGKAI_REDIS_URL}）：{exc}"
        ) from None
    return 0
