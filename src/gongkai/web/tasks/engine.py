"""Declaring background work: :func:`background` (a django-tasks task with retries) and :func:`after_commit`.

django-tasks itself never retries. A function declared with :func:`background` that raises is
enqueued again with ``run_after = now + backoff(attempt)`` (30 s, 1 min, 2 min, … capped at one hour)
until ``max_attempts`` attempts have failed; each failed attempt is recorded by the backend (a
``FAILED`` result whose exception is :class:`TaskRetried`, naming the cause and the next try), and the
last one fails with the original exception — that is the failure the administrators' list shows
(:mod:`gongkai.web.tasks.views`). Exceptions in ``give_up_on`` (the task can never succeed, e.g. the
row it works on is gone) fail at once.

A task that sends mail or works on rows written by the current request is enqueued with
:func:`after_commit`: never before the transaction commits, so no mail leaves about something that
was rolled back and the worker never looks for a row it cannot see yet.

Usage::

    @background(max_attempts=5)
    def render_letter_pdf(letter_id: int) -> str: ...

    after_commit(render_letter_pdf, letter.pk)
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django_tasks import task as _task
from django_tasks.base import Task, TaskContext

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The keyword argument carrying the attempt number of a retried task (absent on the first attempt).
ATTEMPT = "_attempt"
#: Attempts of a task declared without ``max_attempts``.
DEFAULT_MAX_ATTEMPTS = 5
BACKOFF_BASE = dt.timedelta(seconds=30)
BACKOFF_CAP = dt.timedelta(hours=1)


class TaskRetried(Exception):
    """This attempt failed; the task was enqueued again (the message names the cause and the next try)."""


def backoff(attempt: int) -> dt.timedelta:
    """The wait after the ``attempt``-th failed attempt: 30 s doubled each time, at most one hour."""
    return min(BACKOFF_BASE * 2 ** max(attempt - 1, 0), BACKOFF_CAP)


def background(
    func: Callable[..., T] | None = None,
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    give_up_on: tuple[type[BaseException], ...] = (),
    queue_name: str = "default",
) -> Any:
    """Declare a module-level function as a background task with bounded retries (see module doc)."""

    def declare(function: Callable[..., T]) -> Task[..., T]:
        @functools.wraps(function)
        def attempt(context: TaskContext, *args: Any, **kwargs: Any) -> T:
            number = int(kwargs.pop(ATTEMPT, 1))
            try:
                return function(*args, **kwargs)
            except give_up_on:
                raise
            except Exception as exc:
                if number >= max_attempts:
                    raise
                retry_in = backoff(number)
                # The same task (backend, queue) as this attempt, later.
                _enqueue_retry(context.task_result.task, retry_in, args, {**kwargs, ATTEMPT: number + 1})
                raise TaskRetried(
                    f"第{number}次尝试失败（{type(exc).__name__}: {exc}），"
                    f"{int(retry_in.total_seconds())}秒后第{number + 1}次尝试（最多{max_attempts}次）"
                ) from exc

        del attempt.__wrapped__  # type: ignore[attr-defined]  # its signature is its own (context first)
        return _task(attempt, queue_name=queue_name, takes_context=True)

    if func is not None:
        return declare(func)
    return declare


def _enqueue_retry(task: Task[..., Any], wait: dt.timedelta, args: Any, kwargs: dict[str, Any]) -> None:
    backend = task.get_backend()
    if backend.supports_defer:
        task.using(run_after=timezone.now() + wait).enqueue(*args, **kwargs)
    else:
        # The immediate backend (tests, GONGKAI_TASKS_BACKEND=immediate) cannot wait: retry at once.
        task.enqueue(*args, **kwargs)


def after_commit(task: Task[..., Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task`` once the current transaction commits (at once outside any transaction).

    With the database backend the task row is written *in* the transaction instead: it commits with
    the data it is about (no work is lost if the process dies right after the commit) and a worker
    sees it only after the commit.
    """
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(task.get_backend(), DatabaseBackend) and _same_database():
        task.enqueue(*args, **kwargs)
        return

    def enqueue() -> None:
        try:
            task.enqueue(*args, **kwargs)
        except Exception:  # a queue that is down must not fail the request that already committed
            log.exception("后台任务 %s 入队失败", task.module_path)

    transaction.on_commit(enqueue, robust=True)


def _same_database() -> bool:
    from django.db import router
    from django_tasks_db.models import DBTaskResult

    return router.db_for_write(DBTaskResult) == "default"
